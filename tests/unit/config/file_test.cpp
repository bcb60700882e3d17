#include <catch2/catch.hpp>

#include <string>

#include "support/temp_dir.hpp"
#include "tenki/config/config.hpp"

using namespace tenki;
using tenki::test::TempDir;

namespace {

const ConfigFile::Entry* entry(const ConfigFile& file, std::string_view name) {
    for (const auto& e : file.entries)
        if (e.key->name == name) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("a missing config file is empty, not an error, unless it was named", "[config]") {
    TempDir dir;
    auto quiet = read_config_file(dir / "config.toml");
    REQUIRE(quiet);
    CHECK_FALSE(quiet->exists);
    CHECK(quiet->entries.empty());
    auto named = read_config_file(dir / "config.toml", true);
    REQUIRE_FALSE(named);
    CHECK(named.error().kind == ErrorKind::io);
    CHECK(named.error().message.find("config.toml") != std::string::npos);
}

TEST_CASE("a config file's keys, tables and places are read with their lines", "[config]") {
    TempDir dir;
    auto path = dir.write("config.toml",
                          "# mine\n"
                          "units = \"metric\"\n"
                          "cache_ttl = \"15m\"\n"
                          "[serve]\n"
                          "port = 8080\n"
                          "quiet = true\n"
                          "redis_timeout = 1\n"
                          "[places]\n"
                          "home = \"94107\"\n"
                          "work = \"SW1A,gb\"\n");
    auto file = read_config_file(path);
    REQUIRE(file);
    CHECK(file->exists);
    CHECK(file->problems.empty());
    REQUIRE(entry(*file, "units"));
    CHECK(std::get<std::string>(entry(*file, "units")->value) == "metric");
    CHECK(entry(*file, "units")->line == 2);
    CHECK(std::get<std::int64_t>(entry(*file, "cache_ttl")->value) == 900);
    CHECK(std::get<std::int64_t>(entry(*file, "serve.port")->value) == 8080);
    CHECK(entry(*file, "serve.port")->line == 5);
    CHECK(std::get<bool>(entry(*file, "serve.quiet")->value));
    CHECK(std::get<double>(entry(*file, "serve.redis_timeout")->value) == 1.0);  // an integer is a number
    REQUIRE(file->places.size() == 2);
    CHECK(file->places[0].name == "home");
    CHECK(file->places[0].place == "94107");
    CHECK(file->places[0].line == 9);
    CHECK(file->places[1].place == "SW1A,gb");
}

TEST_CASE("unknown keys and wrong types are problems naming their line, the rest still read", "[config]") {
    TempDir dir;
    auto path = dir.write("config.toml",
                          "unit = \"metric\"\n"
                          "provider = 3\n"
                          "[serve]\n"
                          "port = \"eighty\"\n"
                          "quiet = true\n"
                          "api_key = \"0123456789abcdef\"\n"
                          "[places]\n"
                          "home = 94107\n");
    auto file = read_config_file(path);
    REQUIRE(file);
    REQUIRE(file->problems.size() == 4);
    CHECK(file->problems[0].line == 1);
    CHECK(file->problems[0].message.find("unknown key \"unit\"") != std::string::npos);
    CHECK(file->problems[0].message.find("did you mean \"units\"") != std::string::npos);
    CHECK(file->problems[1].line == 2);
    CHECK(file->problems[1].message.find("provider must be a string, not an integer") != std::string::npos);
    CHECK(file->problems[2].line == 4);
    CHECK(file->problems[2].message.find("serve.port must be an integer, not a string") != std::string::npos);
    CHECK(file->problems[3].line == 6);  // [serve] api_key: not a key of that table
    // A bad [places] entry is kept with its problem, not a problem of the file: only the
    // commands that use its name fail (check_named_place).
    REQUIRE(file->places.size() == 1);
    REQUIRE(file->places[0].problem);
    CHECK(file->places[0].problem->line == 8);
    CHECK(file->places[0].problem->message.find("places.home must be a place as a string") !=
          std::string::npos);
    REQUIRE(entry(*file, "serve.quiet"));
    CHECK(file->entries.size() == 1);
    CHECK(format_config_problem(path, file->problems[1]).starts_with(path.string() + ":2:12: "));
}

TEST_CASE("the API key is refused in the file, without echoing it", "[config]") {
    TempDir dir;
    auto file = read_config_file(dir.write("config.toml", "api_key = \"0123456789abcdef\"\n"));
    REQUIRE(file);
    REQUIRE(file->problems.size() == 1);
    CHECK(file->problems[0].message.find("OWM_API_KEY") != std::string::npos);
    CHECK(file->problems[0].message.find("0123456789abcdef") == std::string::npos);
}

TEST_CASE("a broken config file is an error with its line and column", "[config]") {
    TempDir dir;
    auto path = dir.write("config.toml", "units = \"metric\"\nport = [1,\n");
    auto file = read_config_file(path);
    REQUIRE_FALSE(file);
    CHECK(file.error().kind == ErrorKind::invalid_input);
    CHECK(file.error().message.starts_with(path.string() + ":2:"));

    auto unterminated = read_config_file(dir.write("other.toml", "\n\nunits = \"metric\n"));
    REQUIRE_FALSE(unterminated);
    CHECK(unterminated.error().message.starts_with((dir / "other.toml").string() + ":3:"));
}

TEST_CASE("a list in the file is an array of strings or one string", "[config]") {
    TempDir dir;
    auto path = dir.write("config.toml",
                          "[serve]\n"
                          "cors_origin = [\"https://a.example\", \"https://b.example\"]\n"
                          "trusted_proxy = \"10.0.0.0/8\"\n");
    auto file = read_config_file(path);
    REQUIRE(file);
    CHECK(file->problems.empty());
    REQUIRE(entry(*file, "serve.cors_origin"));
    CHECK(std::get<std::string>(entry(*file, "serve.cors_origin")->value) ==
          "https://a.example,https://b.example");
    CHECK(entry(*file, "serve.cors_origin")->line == 2);
    REQUIRE(entry(*file, "serve.trusted_proxy"));

    auto mixed =
        read_config_file(dir.write("mixed.toml", "[serve]\ncors_origin = [\"https://a.example\", 3]\n"));
    REQUIRE(mixed);
    REQUIRE(mixed->problems.size() == 1);
    CHECK(mixed->problems.at(0).line == 2);
    CHECK(mixed->problems.at(0).message.find("array of strings") != std::string::npos);
}

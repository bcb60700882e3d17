#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"
#include "tenki/api_key.hpp"

using namespace tenki;
using tenki::test::TempDir;
namespace fs = std::filesystem;

namespace {

fs::path write_key(const TempDir& dir, const fs::path& relative, const std::string& content,
                   fs::perms mode = fs::perms::owner_read | fs::perms::owner_write) {
    auto path = dir.write(relative, content);
    fs::permissions(path, mode, fs::perm_options::replace);
    return path;
}

}  // namespace

TEST_CASE("the environment variable wins, trimmed; an empty one counts as unset", "[api_key]") {
    TempDir dir;
    write_key(dir, "home/.openweathermap.key", "from-home\n");
    KeyLookup lookup{"  from-env \r\n", dir / "home", std::nullopt};
    auto key = find_api_key(lookup);
    REQUIRE(key);
    CHECK(key->value == "from-env");
    CHECK(key->origin == "OWM_API_KEY");

    lookup.env_value = "  ";
    key = find_api_key(lookup);
    REQUIRE(key);
    CHECK(key->value == "from-home");
    CHECK(key->origin == "~/.openweathermap.key");
}

TEST_CASE("the key file is the first line of ~/.openweathermap.key, CR and blanks trimmed", "[api_key]") {
    TempDir dir;
    write_key(dir, "home/.openweathermap.key", " abc123\r\nsecond line\n");
    auto key = find_api_key({std::nullopt, dir / "home", dir / "other.key"});
    REQUIRE(key);
    CHECK(key->value == "abc123");
    CHECK(key->warnings.empty());
}

TEST_CASE("--key-file is used when neither the environment nor the home file has a key", "[api_key]") {
    TempDir dir;
    auto file = write_key(dir, "keys/owm.txt", "from-option\n");
    fs::create_directories(dir / "home");
    auto key = find_api_key({std::nullopt, dir / "home", file});
    REQUIRE(key);
    CHECK(key->value == "from-option");
    CHECK(key->origin == file.string());

    write_key(dir, "home/.openweathermap.key", "\n");  // an empty home file is no key either
    CHECK(find_api_key({std::nullopt, dir / "home", file})->value == "from-option");
}

TEST_CASE("a missing key is unauthorized, in one line naming every place tenki looked", "[api_key]") {
    TempDir dir;
    auto key = find_api_key({std::nullopt, dir / "home", dir / "missing.key"});
    REQUIRE_FALSE(key);
    const auto& message = key.error().message;
    CHECK(key.error().kind == ErrorKind::unauthorized);
    CHECK(message.find('\n') == std::string::npos);
    for (std::string place :
         {std::string("OWM_API_KEY"), std::string("~/.openweathermap.key"), (dir / "missing.key").string()}) {
        INFO(place);
        CHECK(message.find(place) != std::string::npos);
    }
}

TEST_CASE("a key file others can read is used, with a warning as ssh gives", "[api_key]") {
    TempDir dir;
    write_key(
        dir, "home/.openweathermap.key", "k\n",
        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    auto key = find_api_key({std::nullopt, dir / "home", std::nullopt});
    REQUIRE(key);
    CHECK(key->value == "k");
    REQUIRE(key->warnings.size() == 1);
    CHECK(key->warnings[0] == "~/.openweathermap.key is readable by others; chmod 600 it");

    auto file = write_key(dir, "group.key", "g\n", fs::perms::owner_read | fs::perms::group_read);
    key = find_api_key({std::nullopt, std::nullopt, file});
    REQUIRE(key);
    REQUIRE(key->warnings.size() == 1);
    CHECK(key->warnings[0].find(file.string()) == 0);
}

TEST_CASE("redact hides every occurrence of the key and every appid value", "[api_key]") {
    CHECK(redact("k=SECRET and SECRET again", "SECRET") == "k=REDACTED and REDACTED again");
    CHECK(redact("GET /data/2.5/weather?zip=94107,us&appid=abc123 HTTP/1.1", "") ==
          "GET /data/2.5/weather?zip=94107,us&appid=REDACTED HTTP/1.1");
    CHECK(redact("?appid=abc&zip=1", "") == "?appid=REDACTED&zip=1");
    CHECK(redact("url=\"x?appid=abc\"", "") == "url=\"x?appid=REDACTED\"");
    CHECK(redact("x?appid=abc", "") == "x?appid=REDACTED");
    CHECK(redact("APPID=abc", "") == "APPID=REDACTED");
    CHECK(redact("appid=other&appid=SECRET", "SECRET") == "appid=REDACTED&appid=REDACTED");
    CHECK(redact("nothing to hide", "SECRET") == "nothing to hide");
    CHECK(redact("", "SECRET").empty());
}

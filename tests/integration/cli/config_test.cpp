// tenki config as a user runs it: the built binary, a fresh HOME, a config file written by the test.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"

using tenki::test::TempDir;

namespace {

// A user's shell without a key, where no upstream listens (tests/support/tenki_shell.hpp).
struct ConfigShell : tenki::test::TenkiShell {
    ConfigShell() {
        with_key = false;
        owm_url = "http://127.0.0.1:1";
    }
};

// The listing's line for a key: "units   = "metric"   # origin".
std::string line_of(const std::string& listing, const std::string& key) {
    const auto at = listing.find("\n" + key + " ");
    if (at == std::string::npos) return "";
    return listing.substr(at + 1, listing.find('\n', at + 1) - at - 1);
}

}  // namespace

TEST_CASE("tenki config without a file lists the defaults, and --check says there is none",
          "[integration][config]") {
    ConfigShell sh;
    auto r = sh.run({"config"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(line_of(r.output, "place").find("\"19021\"") != std::string::npos);
    CHECK(line_of(r.output, "place").ends_with("# default"));
    CHECK(r.output.find("(none there)") != std::string::npos);
    auto check = sh.run({"config", "--check"});
    CHECK(check.status == 0);
    CHECK(check.output.find("no file there") != std::string::npos);
}

TEST_CASE("tenki config shows each setting's origin: option, environment, file:line, default",
          "[integration][config]") {
    ConfigShell sh;
    const auto file = sh.config(
        "units = \"metric\"\ncache_ttl = \"20m\"\n[serve]\nport = 8080\n"
        "[places]\nhome = \"94107\"\n");
    sh.extra = {{"TENKI_CACHE_TTL", "120"}, {"OWM_API_KEY", "0123456789abcdef0123456789abcdef"}};
    auto r = sh.run({"config", "--units", "imperial"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(line_of(r.output, "units").find("\"imperial\"") != std::string::npos);
    CHECK(line_of(r.output, "units").ends_with("# option --units"));
    CHECK(line_of(r.output, "cache_ttl").find("120") != std::string::npos);
    CHECK(line_of(r.output, "cache_ttl").ends_with("# environment TENKI_CACHE_TTL"));
    CHECK(line_of(r.output, "serve.port").ends_with("# " + file.string() + ":4"));
    CHECK(line_of(r.output, "serve.host").ends_with("# default"));
    CHECK(line_of(r.output, "api_key").find("<redacted>") != std::string::npos);
    CHECK(r.output.find("0123456789abcdef") == std::string::npos);
    CHECK(r.errors.find("0123456789abcdef") == std::string::npos);
    CHECK(r.output.find("home = \"94107\"") != std::string::npos);

    auto json = nlohmann::json::parse(sh.run({"config", "--json"}).output);
    CHECK(json["file"] == file.string());
    CHECK(json["places"]["home"] == "94107");
    CHECK(json.dump().find("0123456789abcdef") == std::string::npos);
}

TEST_CASE("--config and TENKI_CONFIG choose the file; a named file that is missing is an error",
          "[integration][config]") {
    ConfigShell sh;
    const auto other = sh.home.write("elsewhere.toml", "units = \"standard\"\n");
    auto by_option = sh.run({"--config", other.string(), "config"});
    CHECK(line_of(by_option.output, "units").ends_with(other.string() + ":1"));
    sh.extra = {{"TENKI_CONFIG", other.string()}};
    CHECK(line_of(sh.run({"config"}).output, "units").ends_with(other.string() + ":1"));
    auto missing = sh.run({"--config", (sh.home / "nope.toml").string(), "config"});
    CHECK(missing.status == 8);
    CHECK(missing.errors.find("nope.toml") != std::string::npos);
}

TEST_CASE("tenki config --check names every problem's line and exits 2", "[integration][config]") {
    ConfigShell sh;
    const auto file = sh.config("unit = \"metric\"\n[serve]\nport = \"http\"\n[places]\nhome = \"@@\"\n");
    auto r = sh.run({"config", "--check"});
    CHECK(r.status == 2);
    CHECK(r.errors.find(file.string() + ":1:1: unknown key \"unit\" (did you mean \"units\"?)") !=
          std::string::npos);
    CHECK(r.errors.find(file.string() + ":3:8: serve.port must be an integer, not a string") !=
          std::string::npos);
    CHECK(r.errors.find(file.string() + ":5: places.home") != std::string::npos);
    CHECK(r.errors.find("3 problems") != std::string::npos);
    auto listing = sh.run({"config"});
    CHECK(listing.status == 2);
    CHECK(listing.errors.find(":1:1: unknown key") != std::string::npos);
}

TEST_CASE("tenki config: a broken config file is an error with its line and column",
          "[integration][config]") {
    ConfigShell sh;
    const auto file = sh.config("units = \"metric\"\nplace = \"94107\n");
    for (auto args : {std::vector<std::string>{"config"}, std::vector<std::string>{"config", "--check"}}) {
        auto r = sh.run(args);
        CHECK(r.status == 2);
        CHECK(r.errors.starts_with("tenki: " + file.string() + ":2:"));
        CHECK(r.errors.find('\n') == r.errors.size() - 1);
    }
}

TEST_CASE("a bad setting in the environment is an error naming the variable", "[integration][config]") {
    ConfigShell sh;
    sh.extra = {{"TENKI_STALE_WINDOW", "forever"}};
    auto r = sh.run({"config"});
    CHECK(r.status == 2);
    CHECK(r.errors.find("TENKI_STALE_WINDOW (stale_window)") != std::string::npos);
}

TEST_CASE("tenki config never prints the Redis password, from REDIS_URL or [serve] redis_url",
          "[integration][config]") {
    ConfigShell sh;
    sh.config("[serve]\ncache = \"redis\"\nredis_url = \"redis://:s3cretfromfile@127.0.0.1:6390/1\"\n");
    for (const bool from_env : {false, true}) {
        if (from_env) sh.extra = {{"REDIS_URL", "redis://tenki:s3cretfromenv@127.0.0.1:6391/0"}};
        for (const auto& args :
             {std::vector<std::string>{"config"}, std::vector<std::string>{"config", "--json"}}) {
            const auto r = sh.run(args);
            INFO(r.output << r.errors);
            CHECK(r.status == 0);
            CHECK(r.output.find("s3cret") == std::string::npos);
            CHECK(r.errors.find("s3cret") == std::string::npos);
            CHECK(r.output.find(from_env ? "redis://tenki:<redacted>@127.0.0.1:6391/0"
                                         : "redis://:<redacted>@127.0.0.1:6390/1") != std::string::npos);
        }
    }
}

namespace {

std::size_t config_test_count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("tenki config shows every setting it can, each bad one as a comment with its problem, then exits 2",
          "[integration][config]") {
    ConfigShell sh;
    const auto file = sh.config("unit = \"metric\"\ncache_ttl = \"20m\"\n[serve]\nport = \"http\"\n");
    sh.extra = {{"TENKI_STALE_WINDOW", "forever"}, {"TENKI_UNITS", "furlongs"}};
    const std::string stale = "TENKI_STALE_WINDOW (stale_window): stale_window must be seconds or a duration";
    const std::string units = "TENKI_UNITS (units): units must be one of auto,metric,imperial,standard";
    const std::string port = file.string() + ":4:8: serve.port must be an integer, not a string";
    const std::string unknown = file.string() + ":1:1: unknown key \"unit\"";
    auto r = sh.run({"config"});
    INFO(r.output << r.errors);
    CHECK(r.status == 2);
    CHECK(line_of(r.output, "place").ends_with("# default"));  // every other setting, as usual
    CHECK(line_of(r.output, "cache_ttl").ends_with("# " + file.string() + ":2"));
    CHECK(line_of(r.output, "serve.host").ends_with("# default"));
    for (const auto& bad : {stale, units, port}) {
        CHECK(config_test_count(r.output, "\n# " + bad) == 1);  // in its place, as a comment
        CHECK(config_test_count(r.errors, "tenki: " + bad) == 1);
    }
    CHECK(config_test_count(r.errors, "tenki: " + unknown) == 1);
    CHECK(config_test_count(r.errors, "\n") == 4);  // one line a problem, nothing else
    for (const char* key : {"stale_window", "units", "serve.port"}) CHECK(line_of(r.output, key).empty());

    auto json = sh.run({"config", "--json"});
    CHECK(json.status == 2);
    const auto doc = nlohmann::json::parse(json.output);  // well-formed whatever is wrong
    CHECK(doc["problems"].size() == 4);
    for (const auto& row : doc["settings"]) {
        INFO(row.dump());
        const bool bad = row["key"] == "stale_window" || row["key"] == "units" || row["key"] == "serve.port";
        CHECK(row.contains("error") == bad);
        if (bad) CHECK(row["value"].is_null());
    }

    sh.config("[places]\nhome = \"94107\"\n");
    auto places = sh.run({"config", "--places"});  // the completions' list, whatever else is wrong
    CHECK(places.status == 2);
    CHECK(places.output == "home\n");
}

TEST_CASE("tenki config --check names every bad variable, not the first only", "[integration][config]") {
    ConfigShell sh;
    sh.extra = {{"TENKI_STALE_WINDOW", "forever"}, {"TENKI_UNITS", "furlongs"}};
    auto r = sh.run({"config", "--check"});
    INFO(r.errors);
    CHECK(r.status == 2);
    CHECK(r.errors.find("TENKI_STALE_WINDOW (stale_window)") != std::string::npos);
    CHECK(r.errors.find("TENKI_UNITS (units)") != std::string::npos);
    CHECK(r.errors.find("2 problems") != std::string::npos);
}

TEST_CASE("a default place naming a bad [places] entry is said once: the entry, its file and line, the cause",
          "[integration][config][places]") {
    ConfigShell sh;
    const auto file = sh.config("place = \"bad\"\n\n[places]\nbad = \"00000\"\nlake = 42\n");
    const std::string said =
        file.string() +
        ":4: places.bad (the default place, line 1): unknown US ZIP code 00000: check the "
        "five digits\n";
    auto weather = sh.run({"weather"});
    CHECK(weather.status == 2);
    CHECK(weather.errors == "tenki: " + said);
    auto check = sh.run({"config", "--check"});
    INFO(check.errors);
    CHECK(config_test_count(check.errors, "00000") == 1);
    CHECK(config_test_count(check.errors, "tenki: " + said) == 1);
    CHECK(check.errors.find("2 problems") != std::string::npos);  // bad and lake, once each

    sh.config("place = \"lake\"\n[places]\nlake = 42\n");
    auto lake = sh.run({"config", "--check"});
    CHECK(config_test_count(lake.errors, "places.lake") == 1);
    CHECK(lake.errors.find("places.lake (the default place, line 1) must be a place as a string") !=
          std::string::npos);

    sh.config("[places]\nbad = \"00000\"\n");
    sh.extra = {{"TENKI_PLACE", "bad"}};
    auto by_env = sh.run({"weather"});
    CHECK(by_env.errors == "tenki: " + file.string() +
                               ":2: places.bad (the default place, environment TENKI_PLACE): unknown US ZIP "
                               "code 00000: check the five digits\n");

    sh.extra = {};
    sh.config("place = \"00000\"\n");
    auto direct = sh.run({"weather"});
    CHECK(direct.errors ==
          "tenki: " + file.string() + ":1: place: unknown US ZIP code 00000: check the five digits\n");
}

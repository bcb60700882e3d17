// tenki weather and tenki forecast read the config file: one precedence for every setting
// (option, then environment variable, then the file, then the default) and named places. The
// built binary against the fake OpenWeatherMap, a config file written by each test.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"

using namespace std::chrono_literals;
using nlohmann::json;
using tenki::test::FakeOwm;
using tenki::test::TempDir;

namespace {

// A user's shell (tests/support/tenki_shell.hpp) that reads what the fake was asked.
struct SettingsShell : tenki::test::TenkiShell {
    // The zip= of the last request the fake received.
    std::string last_zip() const {
        const auto requests = owm.requests();
        REQUIRE_FALSE(requests.empty());
        return requests.back().query.at("zip");
    }
};

std::string settings_units_of(const tenki::util::RunOutput& r) {
    INFO(r.errors);
    REQUIRE(r.status == 0);
    return json::parse(r.output).at("units");
}

}  // namespace

TEST_CASE("a choice (units): option, then environment, then file, then default",
          "[integration][config][weather]") {
    SettingsShell sh;
    CHECK(settings_units_of(sh.run({"weather", "--json", "94107"})) == "imperial");  // the US default
    sh.config("units = \"metric\"\n");
    CHECK(settings_units_of(sh.run({"weather", "--json", "94107"})) == "metric");
    sh.extra = {{"TENKI_UNITS", "standard"}};
    CHECK(settings_units_of(sh.run({"weather", "--json", "94107"})) == "standard");
    CHECK(settings_units_of(sh.run({"weather", "--json", "--units", "imperial", "94107"})) == "imperial");
    auto forecast = sh.run({"forecast", "--json", "94107"});
    CHECK(settings_units_of(forecast) == "standard");
}

TEST_CASE("--units auto on the command line, as in the file and TENKI_UNITS: the place's usual units",
          "[integration][config][weather]") {
    SettingsShell sh;
    sh.config("units = \"metric\"\n");
    CHECK(settings_units_of(sh.run({"weather", "--json", "--units", "auto", "94107"})) == "imperial");
    CHECK(settings_units_of(sh.run({"weather", "--json", "-u", "auto", "SW1A 1AA,gb"})) == "metric");
    CHECK(settings_units_of(sh.run({"forecast", "--json", "--units", "auto", "94107"})) == "imperial");
    sh.extra = {{"TENKI_UNITS", "auto"}};
    CHECK(settings_units_of(sh.run({"weather", "--json", "94107"})) == "imperial");
    auto listing = sh.run({"config", "--units", "auto"});
    CHECK(listing.output.find("# option --units") != std::string::npos);
    auto bad = sh.run({"weather", "--units", "furlongs", "94107"});
    CHECK(bad.status == 2);
    CHECK(bad.errors.find("auto") != std::string::npos);  // the refusal lists what it takes
}

TEST_CASE("a place, and named places: argument, then TENKI_PLACE, then the file, then 19021",
          "[integration][config][weather]") {
    SettingsShell sh;
    REQUIRE(sh.run({"weather", "--json"}).status == 0);
    CHECK(sh.last_zip() == "19021,us");
    const auto file = sh.config("place = \"home\"\n[places]\nhome = \"94107\"\nwork = \"SW1A 1AA,gb\"\n");
    REQUIRE(sh.run({"weather", "--json", "--refresh"}).status == 0);
    CHECK(sh.last_zip() == "94107,us");
    auto work = sh.run({"weather", "-f", "{name}", "work"});
    INFO(work.errors);
    REQUIRE(work.status == 0);
    CHECK(sh.last_zip() == "SW1A,gb");
    CHECK(work.output == "London\n");
    sh.extra = {{"TENKI_PLACE", "10001"}};
    REQUIRE(sh.run({"weather", "--json"}).status == 0);
    CHECK(sh.last_zip() == "10001,us");
    REQUIRE(sh.run({"forecast", "--json", "home"}).status == 0);
    CHECK(sh.owm.requests().back().path == "/data/2.5/forecast");
    CHECK(sh.last_zip() == "94107,us");
    // An error line names the place as typed, and a named place's file and line.
    sh.owm.always(FakeOwm::not_found());
    auto missing = sh.run({"weather", "--refresh", "work"});
    CHECK(missing.status == 3);
    CHECK(missing.errors.rfind("tenki: work (" + file.string() + ":4): ", 0) == 0);
    auto typed = sh.run({"weather", "--refresh", "10001"});
    CHECK(typed.errors.rfind("tenki: 10001: ", 0) == 0);
}

TEST_CASE("a named place that is no place fails config --check and the weather, naming its file and line",
          "[integration][config][weather]") {
    SettingsShell sh;
    // The issue's example: a ZIP code no place has; then a malformed postal code, an unknown city.
    const auto file = sh.config(
        "[places]\nbad = \"00000\"\nshort = \"7500,fr\"\ntypo = \"Pariss,FR\"\n"
        "office = \"SW1A 1AA,gb\"\n");
    auto check = sh.run({"config", "--check"});
    INFO(check.errors);
    CHECK(check.status == 2);
    CHECK(check.errors.find(file.string() + ":2: places.bad: unknown US ZIP code 00000") !=
          std::string::npos);
    CHECK(check.errors.find(file.string() + ":3: places.short: ") != std::string::npos);
    CHECK(check.errors.find(file.string() + ":4: places.typo: ") != std::string::npos);
    CHECK(check.errors.find(":5: places.office") == std::string::npos);  // a provider locates it
    CHECK(check.errors.find("3 problems") != std::string::npos);
    auto weather = sh.run({"weather", "bad"});
    CHECK(weather.status == 2);
    CHECK(weather.errors.find(file.string() + ":2: places.bad: unknown US ZIP code 00000") !=
          std::string::npos);
    CHECK(sh.owm.requests().empty());  // known bad before any request

    // One that passes offline and that the provider cannot find: the error names where it is defined.
    sh.config("[places]\noffice = \"SW1A 1AA,gb\"\n");
    sh.owm.always(FakeOwm::not_found());
    auto office = sh.run({"weather", "office"});
    CHECK(office.status == 3);
    CHECK(office.errors.rfind("tenki: office (" + file.string() + ":2): ", 0) == 0);
}

TEST_CASE("one bad [places] entry breaks only the commands that use it, naming its line",
          "[integration][config][weather]") {
    SettingsShell sh;
    // A value of the wrong type (toml++'s position of the value) and a place that is none.
    const auto file =
        sh.config("units = \"metric\"\n[places]\nlake = 42\nbad = \"00000\"\nhome = \"10001\"\n");
    auto lake = sh.run({"weather", "lake"});
    CHECK(lake.status == 2);
    CHECK(lake.errors.find(file.string() + ":3:8: places.lake must be a place as a string") !=
          std::string::npos);
    auto bad = sh.run({"forecast", "bad"});
    CHECK(bad.status == 2);
    CHECK(bad.errors.find(file.string() + ":4: places.bad: unknown US ZIP code 00000") != std::string::npos);
    CHECK(sh.owm.requests().empty());  // known bad before any request

    // Every other command and place works, with the rest of the file (units), and says nothing of it.
    auto home = sh.run({"weather", "--json", "--no-alerts", "home"});
    INFO(home.errors);
    CHECK(home.status == 0);
    CHECK(home.errors.empty());
    CHECK(settings_units_of(home) == "metric");
    CHECK(sh.last_zip() == "10001,us");
    auto typed = sh.run({"weather", "--no-alerts", "94107"});
    CHECK(typed.status == 0);
    CHECK(typed.errors.empty());
    auto listing = sh.run({"config"});
    CHECK(listing.status == 0);  // the bad entry a comment with its reason, as README says
    CHECK(listing.output.find(
              "\n# bad = \"00000\"  # not a place: unknown US ZIP code 00000: check the five digits (" +
              file.string() + ":4)\n") != std::string::npos);
    auto names = sh.run({"config", "--places"});
    CHECK(names.output == "bad\nhome\n");              // what completion offers: the usable names
    CHECK(sh.run({"config", "--check"}).status == 2);  // the check still fails on both
}

TEST_CASE("a named place that shadows a city name is a warning of config --check, also in another case",
          "[integration][config]") {
    SettingsShell sh;
    const auto file = sh.config(
        "[places]\nparis = \"75001,fr\"\nSpringfield = \"94107\"\n"
        "berlin = \"Berlin\"\nhome = \"94107\"\n");
    auto check = sh.run({"config", "--check"});
    INFO(check.errors);
    CHECK(check.status == 0);  // a warning: the file is usable
    CHECK(check.errors.find("tenki: warning: " + file.string() + ":2: places.paris shadows the city Paris") !=
          std::string::npos);
    CHECK(check.errors.find(file.string() + ":3: places.Springfield shadows the city Springfield") !=
          std::string::npos);
    CHECK(check.errors.find("places.berlin") == std::string::npos);  // it is the city itself
    CHECK(check.errors.find("places.home") == std::string::npos);
}

TEST_CASE("a named place that shadows a city answers in any case, and the text output says so",
          "[integration][config][places]") {
    SettingsShell sh;
    const auto file = sh.config("[places]\nparis = \"94107\"\n");
    for (const char* typed : {"paris", "Paris", "PARIS"}) {
        auto r = sh.run({"weather", typed});
        INFO(typed << ": " << r.errors);
        CHECK(r.status == 0);
        CHECK(sh.last_zip() == "94107,us");
        CHECK(r.errors.find(fmt::format("tenki: note: {} is places.paris ({}:2), \"94107\", not the city "
                                        "Paris, Île-de-France, FR (name the city with its country: Paris,FR)",
                                        typed, file.string())) != std::string::npos);
    }
    // The city by its country; JSON and a template stay quiet on stderr.
    auto city = sh.run({"weather", "--json", "Paris,FR"});
    CHECK(city.status == 0);
    CHECK(json::parse(city.output)["location"]["country"] == "FR");
    auto quiet = sh.run({"weather", "--json", "Paris"});
    CHECK(quiet.status == 0);
    CHECK(quiet.errors.find("note") == std::string::npos);
    // A named place that is no city's name says nothing.
    sh.config("[places]\nhome = \"94107\"\n");
    auto home = sh.run({"weather", "Home"});
    CHECK(home.status == 0);
    CHECK(home.errors.find("note") == std::string::npos);
}

TEST_CASE("tenki moon and forecast say a shadowing named place as weather does, in their text only",
          "[integration][config][places][moon]") {
    SettingsShell sh;
    const auto file = sh.config("[places]\nparis = \"94107\"\n");
    const auto note = fmt::format(
        "tenki: note: Paris is places.paris ({}:2), \"94107\", not the city "
        "Paris, Île-de-France, FR (name the city with its country: Paris,FR)",
        file.string());
    for (const char* command : {"moon", "forecast"}) {
        auto r = sh.run({command, "Paris"});
        INFO(command << ": " << r.errors);
        CHECK(r.status == 0);
        CHECK(r.errors.find(note) != std::string::npos);
    }
    auto moon = sh.run({"moon", "Paris", "--date", "2026-12-12"});
    CHECK(moon.output.find("San Francisco") != std::string::npos);  // the named place answers
    auto quiet = sh.run({"moon", "--json", "Paris"});
    CHECK(quiet.status == 0);
    CHECK(quiet.errors.find("note") == std::string::npos);
}

TEST_CASE("a duration (cache_ttl): option, then environment, then file, then default",
          "[integration][config][weather]") {
    SettingsShell sh;
    sh.config("cache_ttl = 0\n");  // no cache: every run asks
    REQUIRE(sh.run({"weather", "94107"}).status == 0);
    REQUIRE(sh.run({"weather", "94107"}).status == 0);
    CHECK(sh.owm.request_count() == 2);
    // The environment's wins: cached.
    sh.extra = {{"TENKI_CACHE_TTL", "10m"}};
    REQUIRE(sh.run({"weather", "94107"}).status == 0);
    REQUIRE(sh.run({"weather", "94107"}).status == 0);
    CHECK(sh.owm.request_count() == 3);
    REQUIRE(sh.run({"weather", "--cache-ttl", "0s", "94107"}).status == 0);  // the option's wins
    CHECK(sh.owm.request_count() == 4);
}

TEST_CASE("a template (bar.format): --format, then environment, then file, then default",
          "[integration][config][weather][bar]") {
    SettingsShell sh;
    auto fallback = sh.run({"weather", "--output", "plain", "94107"});
    INFO(fallback.errors);
    CHECK(fallback.output.find("°F") != std::string::npos);
    sh.config("[bar]\nformat = \"file {postal_code}\"\n");
    CHECK(sh.run({"weather", "--output", "plain", "94107"}).output == "file 94107\n");
    sh.extra = {{"TENKI_BAR_FORMAT", "env {postal_code}"}};
    CHECK(sh.run({"weather", "--output", "plain", "94107"}).output == "env 94107\n");
    CHECK(sh.run({"weather", "--output", "plain", "-f", "option {postal_code}", "94107"}).output ==
          "option 94107\n");
}

TEST_CASE("a path (key_file): option, then environment, then file", "[integration][config][weather]") {
    SettingsShell sh;
    sh.with_key = false;
    auto right = sh.home.write("right.key", std::string(sh.owm.api_key()) + "\n");
    auto wrong = sh.home.write("wrong.key", "not-the-key\n");
    ::chmod(right.c_str(), 0600);
    ::chmod(wrong.c_str(), 0600);
    sh.config("key_file = \"~/wrong.key\"\n");  // ~/ is HOME
    CHECK(sh.run({"weather", "--refresh", "94107"}).status == 4);
    sh.extra = {{"TENKI_KEY_FILE", right.string()}};
    CHECK(sh.run({"weather", "--refresh", "94107"}).status == 0);
    CHECK(sh.run({"weather", "--refresh", "--key-file", wrong.string(), "94107"}).status == 4);
}

TEST_CASE("a broken config file fails weather and forecast with its line and column",
          "[integration][config][weather]") {
    SettingsShell sh;
    const auto file = sh.config("units = \"metric\"\nplace = \"94107\n");
    for (const char* command : {"weather", "forecast"}) {
        auto r = sh.run({command, "94107"});
        INFO(command << ": " << r.errors);
        CHECK(r.status == 2);
        CHECK(r.output.empty());
        CHECK(r.errors.rfind("tenki: " + file.string() + ":2:", 0) == 0);
        CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
    }
    // A bar still gets its output, the error in the tooltip.
    auto bar = sh.run({"weather", "--output", "waybar"});
    CHECK(bar.status == 0);
    const auto doc = json::parse(bar.output);
    CHECK(doc.at("class").at(0) == "error");
    CHECK(doc.at("tooltip").get<std::string>().find(file.string() + ":2:") != std::string::npos);
    CHECK(sh.owm.request_count() == 0);

    sh.config("unit = \"metric\"\n");  // an unknown key, with its line and a suggestion
    auto unknown = sh.run({"weather", "94107"});
    CHECK(unknown.status == 2);
    CHECK(unknown.errors.find(file.string() + ":1:1: unknown key \"unit\"") != std::string::npos);
}

TEST_CASE("each variable an option's --help names is the one its command reads",
          "[integration][config][weather]") {
    SettingsShell sh;
    for (const char* command : {"weather", "forecast", "moon"}) {
        auto help = sh.run({command, "--help"});
        REQUIRE(help.status == 0);
        std::string text;  // the help with its wrapping and indentation undone
        for (char c : help.output) {
            const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
            if (!space || (!text.empty() && text.back() != ' ')) text += space ? ' ' : c;
        }
        std::vector<std::string> named;
        for (auto at = text.find("also TENKI_"); at != std::string::npos;
             at = text.find("also TENKI_", at + 1)) {
            auto end = at + 5;
            while (end < text.size() &&
                   (std::isupper(static_cast<unsigned char>(text[end])) || text[end] == '_'))
                ++end;
            named.push_back(text.substr(at + 5, end - at - 5));
        }
        INFO(command);
        CHECK(named.size() >= 1);
        for (const auto& variable : named) {
            INFO(variable);
            // A value no setting takes (a key file that does not exist): the command refuses it
            // and names the variable it read, not the option.
            sh.extra = {{variable, "@@"}};
            auto r = sh.run({command, "94107"});
            CHECK(r.status == (variable == "TENKI_KEY_FILE" ? 4 : 2));
            CHECK(r.errors.find(variable) != std::string::npos);
        }
        sh.extra.clear();
    }
    // forecast's --cache-ttl is the forecast's TTL: TENKI_CACHE_TTL, the weather's, does not
    // turn its cache off; TENKI_FORECAST_TTL does.
    sh.extra = {{"TENKI_CACHE_TTL", "0"}};
    REQUIRE(sh.run({"forecast", "10001"}).status == 0);
    const auto asked = sh.owm.request_count();
    REQUIRE(sh.run({"forecast", "10001"}).status == 0);
    CHECK(sh.owm.request_count() == asked);  // from the cache
    sh.extra = {{"TENKI_FORECAST_TTL", "0"}};
    REQUIRE(sh.run({"forecast", "10001"}).status == 0);
    CHECK(sh.owm.request_count() > asked);
    sh.extra.clear();
    // A key file's errors name what named it: the variable (serve too), the config's line.
    sh.extra = {{"TENKI_KEY_FILE", "/nonexistent/key"}};
    auto serve = sh.run({"serve"});
    CHECK(serve.status == 4);
    CHECK(serve.errors.find("TENKI_KEY_FILE /nonexistent/key does not exist") != std::string::npos);
    sh.extra.clear();
    const auto file = sh.config("key_file = \"/nonexistent/key\"\n");
    auto configured = sh.run({"weather", "94107"});
    CHECK(configured.status == 4);
    CHECK(configured.errors.find("key_file (" + file.string() + ":1) /nonexistent/key") != std::string::npos);
    sh.config("");
    auto typed = sh.run({"forecast", "--forecast-ttl", "5x", "94107"});
    CHECK(typed.status == 2);
    CHECK(typed.errors.find("--forecast-ttl (forecast_ttl)") != std::string::npos);
}

// `astronomy` per day in `tenki forecast --json`, as a user runs it: the built binary against the
// fake upstreams. Each day's sky is `tenki moon --json`'s document for that date and place.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/tenki_shell.hpp"

using nlohmann::json;

namespace {

const std::set<std::string> k_phase_names{"new",  "waxing crescent", "first quarter", "waxing gibbous",
                                          "full", "waning gibbous",  "last quarter",  "waning crescent"};

// `tenki moon --json`'s document less what it says of the place (label and coordinates), which
// the forecast says once, in its location.
json moon_sky(const std::string& output) {
    auto doc = json::parse(output);
    for (const char* key : {"place", "lat", "lon"}) CHECK(doc.erase(key) == 1);
    return doc;
}

struct ForecastSkyShell : tenki::test::TenkiShell {
    ForecastSkyShell() : TenkiShell("tenki-forecast-sky") { with_open_meteo = true; }
};

}  // namespace

TEST_CASE("tenki forecast --json gives each day the sun and moon of its date, as tenki moon --json",
          "[integration][forecast][moon]") {
    ForecastSkyShell sh;
    for (const char* provider : {"openweathermap", "open-meteo"}) {
        INFO(provider);
        const auto run = sh.run("forecast", {"Paris,FR", "--json", "--days", "3", "--provider", provider});
        INFO(run.errors);
        REQUIRE(run.status == 0);
        const auto doc = json::parse(run.output);
        REQUIRE(doc.at("daily").size() == 3);
        for (const auto& day : doc.at("daily")) {
            const std::string date = day.at("date");
            INFO(date);
            const auto& sky = day.at("astronomy");
            REQUIRE(sky.is_object());
            CHECK(sky.at("date") == date);
            CHECK(sky.at("zone") == "Europe/Paris");
            CHECK(k_phase_names.count(sky.at("moon").at("phase").get<std::string>()) == 1);
            const std::string sunrise = sky.at("sun").at("sunrise");
            CHECK(sunrise.starts_with(date + "T"));
            CHECK(sunrise.ends_with(sky.at("utc_offset").get<std::string>()));
            // The same document tenki moon gives for that date, offline.
            const auto moon = sh.run("moon", {"Paris,FR", "--date", date, "--json"});
            INFO(moon.errors);
            REQUIRE(moon.status == 0);
            CHECK(sky == moon_sky(moon.output));
        }
    }
}

// `astronomy` per day in GET /api/v2/forecast, from `tenki serve` as a process against the fake
// providers: each day's sun and moon at the place, as `tenki moon --json` gives them.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support/http_client.hpp"
#include "support/served_tenki.hpp"
#include "support/tenki_shell.hpp"

using namespace tenki::test;
using nlohmann::json;

namespace {

// The moon as drawn south of the equator, by the rule (the lit side on the other hand).
const std::map<std::string, std::string> k_southern_moon{
    {"new", "🌑"},  {"waxing crescent", "🌘"}, {"first quarter", "🌗"}, {"waxing gibbous", "🌖"},
    {"full", "🌕"}, {"waning gibbous", "🌔"},  {"last quarter", "🌓"},  {"waning crescent", "🌒"}};

// `tenki moon --json`'s document less what it says of the place (label and coordinates), which
// the forecast says once, in its location.
json route_moon_sky(const std::string& output) {
    auto doc = json::parse(output);
    for (const char* key : {"place", "lat", "lon"}) CHECK(doc.erase(key) == 1);
    return doc;
}

}  // namespace

TEST_CASE("the forecast route gives each day the sun and moon of its date at the place",
          "[integration][server][forecast][moon]") {
    ServedTenki s({{"-q"}, "k3y-for-forecast-sky-tests"});
    TenkiShell sh("tenki-forecast-sky-moon");

    SECTION("a city: the same document as tenki moon --json for each date") {
        const auto answer = http_get(s.port, "/api/v2/forecast?q=Paris,FR&days=3&hours=0");
        REQUIRE(answer.status == 200);
        const auto doc = json::parse(answer.body);
        REQUIRE(doc.at("daily").size() == 3);
        for (const auto& day : doc.at("daily")) {
            const std::string date = day.at("date");
            INFO(date);
            REQUIRE(day.at("astronomy").is_object());
            CHECK(day.at("astronomy").at("zone") == "Europe/Paris");
            const auto moon = sh.run("moon", {"Paris,FR", "--date", date, "--json"});
            REQUIRE(moon.status == 0);
            CHECK(day.at("astronomy") == route_moon_sky(moon.output));
        }
    }

    SECTION("coordinates south of the equator: their zone, their offset, the mirrored moon") {
        const auto answer = http_get(s.port, "/api/v2/forecast?lat=-23.5505&lon=-46.6333&days=2&hours=0");
        REQUIRE(answer.status == 200);
        const auto doc = json::parse(answer.body);
        REQUIRE(doc.at("daily").size() == 2);
        for (const auto& day : doc.at("daily")) {
            INFO(day.dump());
            const auto& sky = day.at("astronomy");
            REQUIRE(sky.is_object());
            CHECK(sky.at("date") == day.at("date"));
            CHECK(sky.at("zone") == "America/Sao_Paulo");
            CHECK(sky.at("sun").at("sunrise").get<std::string>().ends_with("-03:00"));
            const std::string phase = sky.at("moon").at("phase");
            CHECK(sky.at("moon").at("emoji") == k_southern_moon.at(phase));
        }
    }
}

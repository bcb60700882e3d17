// The forecast document's `astronomy` per day (format/forecast_json.cpp): each day's sun and moon
// at the place, in its zone on that date, as `tenki moon --json` gives them.
#include <catch2/catch.hpp>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "tenki/astronomy/sky.hpp"
#include "tenki/format/forecast.hpp"

using namespace tenki;
using nlohmann::json;

namespace {

// Three days in Paris across the autumn clock change (2026-10-25: 03:00 CEST became 02:00 CET).
Forecast paris_days() {
    Forecast f;
    f.location = city_location(48.8566, 2.3522, "Paris", "Île-de-France", "FR", 2988507);
    f.lat = 48.8566;
    f.lon = 2.3522;
    f.timezone_offset = 7200;
    f.source = "open-meteo";
    f.daily = {ForecastDay{"2026-10-24"}, ForecastDay{"2026-10-25"}, ForecastDay{"2026-10-26"}};
    return f;
}

json moon_document(double lat, double lon, const std::string& zone, const std::string& date) {
    const auto day = parse_iso_date(date);
    REQUIRE(day);
    const auto sky = sky_on(SkyPlace{lat, lon, zone}, *day);
    REQUIRE(sky);
    return json(*sky);
}

}  // namespace

TEST_CASE("each forecast day carries the sun and moon of its date, as tenki moon --json has them",
          "[format][astronomy]") {
    const auto doc = to_forecast_json(paris_days(), Units::metric);
    REQUIRE(doc.at("daily").size() == 3);
    for (const auto& day : doc.at("daily")) {
        const std::string date = day.at("date");
        INFO(date);
        const auto& sky = day.at("astronomy");
        REQUIRE(sky.is_object());
        CHECK(sky.at("date") == date);
        CHECK(sky.at("zone") == "Europe/Paris");
        CHECK(sky == moon_document(48.8566, 2.3522, "Europe/Paris", date));
        for (const char* key : {"phase", "illumination", "age_days", "emoji", "rise", "set"})
            CHECK(sky.at("moon").contains(key));
        CHECK(sky.at("sun").at("sunrise").get<std::string>().starts_with(date + "T0"));
    }
    // The offset is the one of each date, not the provider's offset of today.
    const auto& daily = doc.at("daily");
    CHECK(daily[0].at("astronomy").at("utc_offset") == "+02:00");
    CHECK(daily[0].at("astronomy").at("sun").at("sunset").get<std::string>().ends_with("+02:00"));
    CHECK(daily[2].at("astronomy").at("utc_offset") == "+01:00");
    CHECK(daily[2].at("astronomy").at("sun").at("sunset").get<std::string>().ends_with("+01:00"));
    // The clock change gives the 25th an hour of evening light back: its sunset is an hour earlier
    // on the clock than the 24th's, within the few minutes a day shortens in October.
    const auto hour_of = [](const json& t) { return std::stoi(t.get<std::string>().substr(11, 2)); };
    CHECK(hour_of(daily[0].at("astronomy").at("sun").at("sunset")) ==
          hour_of(daily[1].at("astronomy").at("sun").at("sunset")) + 1);
}

TEST_CASE("a forecast day's moon is drawn for the place's hemisphere", "[format][astronomy]") {
    Forecast f;
    f.location = city_location(-23.5505, -46.6333, "São Paulo", "São Paulo", "BR", 3448439);
    f.lat = -23.5505;
    f.lon = -46.6333;
    f.daily = {ForecastDay{"2026-12-12"}};
    const auto south = to_forecast_json(f, Units::metric).at("daily")[0].at("astronomy");
    CHECK(south.at("zone") == "America/Sao_Paulo");
    CHECK(south.at("moon").at("phase") == "waxing crescent");
    CHECK(south.at("moon").at("emoji") == "🌘");
    CHECK(south.at("sun").at("sunrise").get<std::string>().ends_with("-03:00"));
}

TEST_CASE("a forecast without coordinates has astronomy null on each day", "[format][astronomy]") {
    Forecast f;
    f.location = Location{"75008", "fr", std::nullopt};
    f.daily = {ForecastDay{"2026-12-12"}, ForecastDay{"2026-12-13"}};
    const auto doc = to_forecast_json(f, Units::metric);
    for (const auto& day : doc.at("daily")) {
        REQUIRE(day.contains("astronomy"));
        CHECK(day.at("astronomy").is_null());
    }
}

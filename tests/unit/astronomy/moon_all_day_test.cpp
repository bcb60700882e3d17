// The moon up or down all day: on the days PyEphem's vectors give neither moonrise nor moonset
// (near and beyond the polar circles), tenki says which, checked against the moon's altitude
// computed here from libnova's lunar theory directly, hour by hour over the local day.
#include <catch2/catch.hpp>

#include <libnova/julian_day.h>
#include <libnova/lunar.h>
#include <libnova/transform.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "support/temp_dir.hpp"
#include "tenki/astronomy/sky.hpp"
#include "tenki/astronomy/sky_text.hpp"

using namespace tenki;

namespace {

struct AltitudeRange {
    double lowest = 90;
    double highest = -90;
};

// The moon's geocentric altitude (J2000 coordinates, no parallax, no refraction: within about 1.5°
// of the topocentric one near the horizon) every 10 minutes of the local day at (lat, lon).
AltitudeRange moon_altitudes(const Sky& sky, double lat, double lon) {
    const std::chrono::sys_days day{sky.date};
    const double jd0 = 2440587.5 + static_cast<double>(day.time_since_epoch().count()) -
                       static_cast<double>(sky.utc_offset_s) / 86400.0;
    AltitudeRange range;
    ln_lnlat_posn observer{lon, lat};
    for (int step = 0; step <= 24 * 6; ++step) {
        const double jd = jd0 + step / 144.0;
        ln_equ_posn equ{};
        ln_get_lunar_equ_coords(jd, &equ);
        ln_hrz_posn hrz{};
        ln_get_hrz_from_equ(&equ, &observer, jd, &hrz);
        range.lowest = std::min(range.lowest, hrz.alt);
        range.highest = std::max(range.highest, hrz.alt);
    }
    return range;
}

}  // namespace

TEST_CASE("the moon up or down all day agrees with its altitude on PyEphem's days without rise or set",
          "[astronomy]") {
    const auto doc = nlohmann::json::parse(
        test::read_file(std::string(TENKI_SOURCE_DIR) + "/tests/data/astronomy/vectors.json"));
    int up = 0, down = 0;
    for (const auto& c : doc.at("cases")) {
        const double lat = c.at("lat").get<double>(), lon = c.at("lon").get<double>();
        auto date = parse_iso_date(c.at("date").get<std::string>());
        REQUIRE(date);
        auto sky = sky_on(SkyPlace{lat, lon, c.at("zone").get<std::string>()}, *date);
        REQUIRE(sky);
        INFO(c.at("place").get<std::string>() << " " << c.at("date").get<std::string>());
        const bool crosses = !c.at("moon").at("rise").is_null() || !c.at("moon").at("set").is_null();
        if (crosses) {
            CHECK(sky->moon.all_day == MoonAllDay::none);
            CHECK(nlohmann::json(*sky).at("moon").at("always").is_null());
            continue;
        }
        const auto range = moon_altitudes(*sky, lat, lon);
        INFO("altitude " << range.lowest << "° to " << range.highest << "°");
        // Clear of the horizon by more than parallax, refraction and the theories' difference.
        if (range.lowest > 1.5) {
            CHECK(sky->moon.all_day == MoonAllDay::up);
            CHECK(nlohmann::json(*sky).at("moon").at("always") == "up");
            ++up;
        } else if (range.highest < -2.0) {
            CHECK(sky->moon.all_day == MoonAllDay::down);
            CHECK(nlohmann::json(*sky).at("moon").at("always") == "down");
            ++down;
        } else {
            CHECK(sky->moon.all_day != MoonAllDay::none);
        }
    }
    CHECK(up >= 3);  // both kinds are among the vectors' polar days
    CHECK(down >= 3);
}

TEST_CASE("the text says the moon is up all day in Tromsø on 2026-12-21, as the sun's polar night",
          "[astronomy]") {
    auto date = parse_iso_date("2026-12-21");
    REQUIRE(date);
    const auto sky = sky_on(SkyPlace{69.6492, 18.9553, "Europe/Oslo"}, *date);
    REQUIRE(sky);
    CHECK(sky->moon.all_day == MoonAllDay::up);
    const auto text = sky_text(*sky, "Tromsø", Language::en);
    CHECK(text.find("up all day (no moonrise or moonset)") != std::string::npos);
    CHECK(text.find("no moonrise, no moonset") == std::string::npos);
    CHECK(text.find("polar night (no sunrise)") != std::string::npos);
}

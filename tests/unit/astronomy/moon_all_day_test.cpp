// The moon up or down all day: on the days PyEphem's vectors give neither moonrise nor moonset
// (near and beyond the polar circles), tenki says which, checked against the moon's altitude
// computed here from libnova's lunar theory directly, hour by hour over the local day.
#include <catch2/catch.hpp>

#include <libnova/julian_day.h>
#include <libnova/lunar.h>
#include <libnova/transform.h>

#include <algorithm>
#include <array>
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
// of the topocentric one near the horizon) every 10 minutes of the local day at (lat, lon). libnova's
// lunar theory (about 2.5 ms a call) gives the moon's right ascension and declination every 6 hours,
// linearly interpolated between: over the vectors' 144 days the altitudes differ from a call every
// 10 minutes by 0.016° at most, against the margins of 1.5° and 2° below; the unit tier took 11 s.
AltitudeRange moon_altitudes(const Sky& sky, double lat, double lon) {
    constexpr int k_steps = 24 * 6;   // 10-minute steps
    constexpr int k_node_steps = 36;  // 6 hours
    const std::chrono::sys_days day{sky.date};
    const double jd0 = 2440587.5 + static_cast<double>(day.time_since_epoch().count()) -
                       static_cast<double>(sky.utc_offset_s) / 86400.0;
    std::array<ln_equ_posn, k_steps / k_node_steps + 1> nodes{};
    for (std::size_t i = 0; i < nodes.size(); ++i)
        ln_get_lunar_equ_coords(jd0 + static_cast<double>(i) * k_node_steps / k_steps, &nodes[i]);
    AltitudeRange range;
    ln_lnlat_posn observer{lon, lat};
    for (int step = 0; step <= k_steps; ++step) {
        const double jd = jd0 + step / static_cast<double>(k_steps);
        const auto node = static_cast<std::size_t>(step / k_node_steps);
        ln_equ_posn equ = nodes[node];
        if (node + 1 < nodes.size()) {
            const double f = (step % k_node_steps) / static_cast<double>(k_node_steps);
            double ra_change = nodes[node + 1].ra - equ.ra;  // degrees, across 0h as the shorter way
            if (ra_change > 180) ra_change -= 360;
            if (ra_change < -180) ra_change += 360;
            equ.ra += f * ra_change;
            equ.dec += f * (nodes[node + 1].dec - equ.dec);
        }
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

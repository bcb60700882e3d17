#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "astronomy/bodies.hpp"
#include "support/temp_dir.hpp"
#include "tenki/astronomy/sky.hpp"

using namespace tenki;
using std::chrono::year_month_day;

namespace {

year_month_day day_of(const std::string& text) {
    auto parsed = parse_iso_date(text);
    REQUIRE(parsed);
    return *parsed;
}

Sky sky_at(double lat, double lon, const std::string& zone, const std::string& date) {
    auto sky = sky_on(SkyPlace{lat, lon, zone}, day_of(date));
    REQUIRE(sky);
    return *sky;
}

// "2026-12-12T07:34:42Z" as an instant.
std::chrono::sys_seconds utc_of(const std::string& text) {
    std::tm tm{};
    REQUIRE(text.size() == 20);
    tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
    tm.tm_mday = std::stoi(text.substr(8, 2));
    tm.tm_hour = std::stoi(text.substr(11, 2));
    tm.tm_min = std::stoi(text.substr(14, 2));
    tm.tm_sec = std::stoi(text.substr(17, 2));
    return std::chrono::sys_seconds{std::chrono::seconds{timegm(&tm)}};
}

// One time against PyEphem's: both absent, or within the tolerance (minutes).
void same_time(const std::optional<LocalInstant>& ours, const nlohmann::json& theirs, double tolerance_min) {
    REQUIRE(ours.has_value() == !theirs.is_null());
    if (!ours) return;
    const auto diff = std::chrono::duration<double>(ours->utc - utc_of(theirs.get<std::string>())).count();
    INFO("ours " << iso8601(*ours) << ", PyEphem " << theirs.get<std::string>());
    CHECK(std::abs(diff) <= tolerance_min * 60);
}

}  // namespace

TEST_CASE("the sun and the moon agree with PyEphem's stored vectors at every latitude", "[astronomy]") {
    const auto doc = nlohmann::json::parse(
        test::read_file(std::string(TENKI_SOURCE_DIR) + "/tests/data/astronomy/vectors.json"));
    REQUIRE(doc.at("cases").size() >= 100);
    for (const auto& c : doc.at("cases")) {
        const double lat = c.at("lat").get<double>();
        INFO(c.at("place").get<std::string>() << " " << c.at("date").get<std::string>());
        const auto sky = sky_at(lat, c.at("lon").get<double>(), c.at("zone").get<std::string>(),
                                c.at("date").get<std::string>());
        // The tolerances: 2 minutes below 60° of latitude, 10 above.
        const double tolerance = std::abs(lat) < 60 ? 2 : 10;
        const auto& sun = c.at("sun");
        CHECK(nlohmann::json(sky).at("sun").at("state") == sun.at("state"));
        same_time(sky.sun.dawn, sun.at("dawn"), tolerance);
        same_time(sky.sun.sunrise, sun.at("sunrise"), tolerance);
        same_time(sky.sun.noon, sun.at("noon"), tolerance);
        same_time(sky.sun.sunset, sun.at("sunset"), tolerance);
        same_time(sky.sun.dusk, sun.at("dusk"), tolerance);
        const auto& moon = c.at("moon");
        same_time(sky.moon.rise, moon.at("rise"), tolerance);
        same_time(sky.moon.set, moon.at("set"), tolerance);
        CHECK(moon_phase_name(sky.moon.phase) == moon.at("phase").get<std::string>());
        CHECK(std::abs(sky.moon.illumination_pct - moon.at("illumination").get<double>()) <= 1.0);
        CHECK(std::abs(sky.moon.age_days - moon.at("age_days").get<double>()) <= 0.1);
    }
}

TEST_CASE("on 2026-12-12 the waxing crescent is 🌒 in Paris and 🌘 in São Paulo", "[astronomy]") {
    const auto paris = sky_at(48.8566, 2.3522, "Europe/Paris", "2026-12-12");
    const auto sao_paulo = sky_at(-23.5505, -46.6333, "America/Sao_Paulo", "2026-12-12");
    CHECK(paris.moon.phase == MoonPhase::waxing_crescent);
    CHECK(sao_paulo.moon.phase == MoonPhase::waxing_crescent);
    CHECK(paris.moon.emoji == "🌒");
    CHECK(sao_paulo.moon.emoji == "🌘");
}

TEST_CASE("south of the equator every lit shape is mirrored, new and full are not", "[astronomy]") {
    CHECK(moon_emoji(MoonPhase::first_quarter, 10) == "🌓");
    CHECK(moon_emoji(MoonPhase::first_quarter, -10) == "🌗");
    CHECK(moon_emoji(MoonPhase::waxing_gibbous, -10) == "🌖");
    CHECK(moon_emoji(MoonPhase::waning_crescent, -10) == "🌒");
    CHECK(moon_emoji(MoonPhase::full_moon, -10) == "🌕");
    CHECK(moon_emoji(MoonPhase::new_moon, -10) == "🌑");
}

TEST_CASE("times carry the place's offset on that date: Paris is +02:00 in July, +01:00 in December",
          "[astronomy]") {
    const auto july = sky_at(48.8566, 2.3522, "Europe/Paris", "2026-07-01");
    const auto december = sky_at(48.8566, 2.3522, "Europe/Paris", "2026-12-01");
    REQUIRE(july.sun.sunrise);
    REQUIRE(december.sun.sunrise);
    CHECK(july.sun.sunrise->offset_s == 7200);
    CHECK(december.sun.sunrise->offset_s == 3600);
    CHECK(iso8601(*july.sun.sunrise).ends_with("+02:00"));
    CHECK(iso8601(*december.sun.sunrise).substr(0, 11) == "2026-12-01T");
    CHECK(iso8601(*december.sun.sunrise).ends_with("+01:00"));
    CHECK(july.utc_offset_s == 7200);
    CHECK(iso8601(LocalInstant{std::chrono::sys_seconds{std::chrono::seconds{0}}, -16200}) ==
          "1969-12-31T19:30:00-04:30");
}

TEST_CASE("a DST change day is 23 or 25 hours long and keeps each time's own offset", "[astronomy]") {
    // 2026-10-25 in Paris: 02:00 CEST... 03:00 became 02:00 CET; sunrise and sunset are after.
    const auto back = sky_at(48.8566, 2.3522, "Europe/Paris", "2026-10-25");
    REQUIRE(back.sun.sunrise);
    CHECK(back.sun.sunrise->offset_s == 3600);
    // The day before, in summer time: its day length is about 4 minutes longer, not an hour.
    CHECK(back.sun.day_length_change_s < 0);
    CHECK(back.sun.day_length_change_s > -300);
}

TEST_CASE("a polar day and a polar night are said as such, with no sunrise or sunset", "[astronomy]") {
    const auto summer = sky_at(78.2232, 15.6267, "Arctic/Longyearbyen", "2026-06-21");
    CHECK(summer.sun.state == SunState::polar_day);
    CHECK_FALSE(summer.sun.sunrise);
    CHECK_FALSE(summer.sun.sunset);
    CHECK(summer.sun.day_length_s == 86400);
    CHECK(summer.sun.day_length_change_s == 0);
    const auto winter = sky_at(78.2232, 15.6267, "Arctic/Longyearbyen", "2026-12-21");
    CHECK(winter.sun.state == SunState::polar_night);
    CHECK(winter.sun.day_length_s == 0);
    const auto j = nlohmann::json(winter);
    CHECK(j.at("sun").at("sunrise").is_null());
    CHECK(j.at("sun").at("state") == "polar_night");
    const auto south = sky_at(-77.846, 166.676, "Antarctica/McMurdo", "2026-12-21");
    CHECK(south.sun.state == SunState::polar_day);
}

TEST_CASE("the JSON has the issue's fields, times in ISO 8601 with the offset", "[astronomy]") {
    const auto j = nlohmann::json(sky_at(48.8566, 2.3522, "Europe/Paris", "2026-12-12"));
    CHECK(j.at("date") == "2026-12-12");
    CHECK(j.at("zone") == "Europe/Paris");
    CHECK(j.at("utc_offset") == "+01:00");
    for (const char* key : {"phase", "illumination", "age_days", "emoji", "rise", "set"})
        CHECK(j.at("moon").contains(key));
    for (const char* key :
         {"dawn", "sunrise", "noon", "sunset", "dusk", "day_length_s", "day_length_change_s"})
        CHECK(j.at("sun").contains(key));
    CHECK(j.at("moon").at("phase") == "waxing crescent");
    CHECK(j.at("moon").at("illumination").is_number_integer());
    const std::string sunrise = j.at("sun").at("sunrise");
    CHECK(sunrise.size() == 25);
    CHECK(sunrise.substr(0, 13) == "2026-12-12T08");
    CHECK(sunrise.ends_with(":00+01:00"));
}

TEST_CASE("a bad date, zone or place is invalid_input", "[astronomy]") {
    for (const char* bad : {"2026-1-01", "26-01-01", "today", "", "2026-01-01x", "+026-01-01"}) {
        INFO(bad);
        auto parsed = parse_iso_date(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::invalid_input);
        CHECK(parsed.error().message.find("YYYY-MM-DD") != std::string::npos);
    }
    // Written YYYY-MM-DD but no such day: the reason, not the form.
    for (const auto& [bad, why] :
         {std::pair{"2026-02-30", "2026-02-30 is not a date (February 2026 has 28 days)"},
          {"2028-02-30", "2028-02-30 is not a date (February 2028 has 29 days)"},
          {"2026-04-31", "2026-04-31 is not a date (April 2026 has 30 days)"},
          {"2026-01-00", "2026-01-00 is not a date (January 2026 has 31 days)"},
          {"2026-13-01", "2026-13-01 is not a date (a year has 12 months)"},
          {"2026-00-10", "2026-00-10 is not a date (a year has 12 months)"},
          // Well written, out of range: the range alone, not the form.
          {"1899-12-31", "--date 1899-12-31 is out of range: the sky is computed for 1900 to 2100"},
          {"2101-01-01", "--date 2101-01-01 is out of range: the sky is computed for 1900 to 2100"}}) {
        auto parsed = parse_iso_date(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::invalid_input);
        CHECK(parsed.error().message == why);
    }
    CHECK(iso_date(day_of("2028-02-29")) == "2028-02-29");
    auto zone = sky_on(SkyPlace{48.85, 2.35, "Mars/Olympus_Mons"}, day_of("2026-12-12"));
    REQUIRE_FALSE(zone);
    CHECK(zone.error().kind == ErrorKind::invalid_input);
    CHECK(zone.error().message.find("Mars/Olympus_Mons") != std::string::npos);
    auto place = sky_on(SkyPlace{91, 0, "Etc/GMT"}, day_of("2026-12-12"));
    REQUIRE_FALSE(place);
    CHECK(place.error().kind == ErrorKind::invalid_input);
    auto nan = sky_on(SkyPlace{std::nan(""), 0, "Etc/GMT"}, day_of("2026-12-12"));
    CHECK_FALSE(nan);
}

TEST_CASE("local_date is the place's date, not UTC's", "[astronomy]") {
    // 2026-12-12 23:30 UTC is already the 13th in Tokyo and still the 12th in New York.
    const auto t = std::chrono::sys_days{year_month_day{std::chrono::year{2026}, std::chrono::December,
                                                        std::chrono::day{12}}} +
                   std::chrono::hours{23} + std::chrono::minutes{30};
    const auto seconds = std::chrono::floor<std::chrono::seconds>(t);
    CHECK(iso_date(*local_date("Asia/Tokyo", seconds)) == "2026-12-13");
    CHECK(iso_date(*local_date("America/New_York", seconds)) == "2026-12-12");
    CHECK_FALSE(local_date("Nowhere/Else", seconds));
}

TEST_CASE("sky_at is sky_on of the place's local date at that instant, even a day from its longitude's",
          "[astronomy]") {
    using namespace std::chrono;
    const auto json_on = [](const SkyPlace& place, year_month_day date) {
        auto sky = sky_on(place, date);
        REQUIRE(sky);
        return nlohmann::json(*sky);
    };
    const auto json_at = [](const SkyPlace& place, sys_seconds at) {
        auto sky = sky_at(place, at);
        REQUIRE(sky);
        return nlohmann::json(*sky);
    };
    // 2026-12-12 23:30 UTC: already the 13th in Tokyo, still the 12th in New York.
    const sys_seconds late = sys_days{year_month_day{year{2026}, December, day{12}}} + 23h + 30min;
    const SkyPlace tokyo{35.6895, 139.6917, "Asia/Tokyo"}, new_york{40.7128, -74.006, "America/New_York"};
    CHECK(json_at(tokyo, late) == json_on(tokyo, year_month_day{year{2026}, December, day{13}}));
    CHECK(json_at(new_york, late) == json_on(new_york, year_month_day{year{2026}, December, day{12}}));
    // Kiritimati keeps UTC+14 at 157° west, where the longitude says UTC-10:30: at 12:00 UTC it is
    // 02:00 on the 13th there, not 01:30 on the 12th.
    const SkyPlace kiritimati{1.87, -157.4, "Pacific/Kiritimati"};
    const sys_seconds noon = sys_days{year_month_day{year{2026}, December, day{12}}} + 12h;
    CHECK(json_at(kiritimati, noon).at("date") == "2026-12-13");
    CHECK(json_at(kiritimati, noon) == json_on(kiritimati, year_month_day{year{2026}, December, day{13}}));
    // sky_on's errors: the local date's range, the zone, the coordinates.
    const sys_seconds last = sys_days{year_month_day{year{2100}, December, day{31}}} + 23h;
    auto beyond = sky_at(tokyo, last);
    REQUIRE_FALSE(beyond);
    CHECK(beyond.error().kind == ErrorKind::invalid_input);
    CHECK(beyond.error().message == "the sky is computed for 1900 to 2100 only");
    CHECK(sky_at(new_york, last));
    auto zone = sky_at(SkyPlace{48.85, 2.35, "Mars/Olympus_Mons"}, late);
    REQUIRE_FALSE(zone);
    CHECK(zone.error().message.find("Mars/Olympus_Mons") != std::string::npos);
    auto place = sky_at(SkyPlace{91, 0, "Etc/GMT"}, late);
    REQUIRE_FALSE(place);
    CHECK(place.error().kind == ErrorKind::invalid_input);
}

TEST_CASE("skies computed on several threads at once are each the one computed alone", "[astronomy]") {
    // tenki serve computes skies on its worker threads, zones not loaded yet among them.
    using namespace std::chrono;
    const std::vector<SkyPlace> places{{-43.95, -176.55, "Pacific/Chatham"},
                                       {27.7172, 85.324, "Asia/Kathmandu"},
                                       {47.5615, -52.7126, "America/St_Johns"},
                                       {37.7412, -25.6756, "Atlantic/Azores"}};
    const year_month_day date = year_month_day{year{2026}, March, day{29}};
    std::vector<nlohmann::json> together(places.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < places.size(); ++i) {
        threads.emplace_back([&, i] {
            const auto sky = sky_on(places[i], date);
            if (sky) together[i] = nlohmann::json(*sky);
        });
    }
    for (auto& t : threads) t.join();
    for (std::size_t i = 0; i < places.size(); ++i) {
        INFO(places[i].zone);
        const auto alone = sky_on(places[i], date);
        REQUIRE(alone);
        CHECK(together[i] == nlohmann::json(*alone));
    }
}

TEST_CASE("a run of days (the forecast's) gives each day what that day gives alone", "[astronomy]") {
    // In a row, the days share libnova's positions (two of the moon's three, two of the sun's three)
    // and the new moon of their lunation; alone, a day computes all of its own.
    using namespace std::chrono;
    const auto json_of = [](const SkyPlace& place, sys_days day) {
        auto sky = sky_on(place, year_month_day{day});
        REQUIRE(sky);
        return nlohmann::json(*sky);
    };
    // Across Paris's clock change (2026-10-25) and the new moon of 2026-11-09.
    const auto first = sys_days{2026y / October / 23};
    for (const auto& place :
         {SkyPlace{48.8566, 2.3522, "Europe/Paris"}, SkyPlace{-33.8688, 151.2093, "Australia/Sydney"},
          SkyPlace{69.6492, 18.9553, "Europe/Oslo"}}) {
        std::vector<nlohmann::json> in_a_row;
        for (int i = 0; i < 19; ++i) in_a_row.push_back(json_of(place, first + days{i}));
        for (int i = 0; i < 19; ++i) {
            {
                const auto lock = astronomy::nova_lock();
                astronomy::forget_positions(astronomy::Body::sun);
                astronomy::forget_positions(astronomy::Body::moon);
                astronomy::forget_new_moons();
            }
            INFO(place.zone << " " << iso_date(year_month_day{first + days{i}}));
            CHECK(json_of(place, first + days{i}) == in_a_row[static_cast<std::size_t>(i)]);
        }
    }
}

TEST_CASE("the moon's age grows a day a day and starts again from under a day at each new moon",
          "[astronomy]") {
    using namespace std::chrono;
    const SkyPlace paris{48.8566, 2.3522, "Europe/Paris"};
    const auto first = sys_days{2026y / September / 1};
    std::optional<Sky> before;
    int new_moons = 0;
    for (int i = 0; i < 62; ++i) {
        auto sky = sky_on(paris, year_month_day{first + days{i}});
        REQUIRE(sky);
        INFO(iso_date(sky->date) << ": " << sky->moon.age_days << " days old");
        CHECK(sky->moon.age_days >= 0);
        CHECK(sky->moon.age_days < 29.9);
        if (before) {
            const double growth = sky->moon.age_days - before->moon.age_days;
            if (growth < 0) {
                ++new_moons;
                // The new moon's instant is in this day or the one before (the new moon's name).
                CHECK(sky->moon.age_days < 1.1);
                CHECK((sky->moon.phase == MoonPhase::new_moon || before->moon.phase == MoonPhase::new_moon));
            } else {
                CHECK(growth > 0.95);  // local days are 23 to 25 hours long
                CHECK(growth < 1.05);
            }
        }
        before = std::move(*sky);
    }
    CHECK(new_moons == 2);  // 2026-09-11 and 2026-10-10
}

TEST_CASE("a sunset near 0h UT is its own day's, and a day's length is the time from sunrise to sunset",
          "[astronomy]") {
    // Each of these lost its sunset to libnova's wrap of the day (the sunset within minutes of 0h
    // UT), and the next day's length was counted from midnight. Almanac sunsets: New York 19:58-19:59
    // EDT, Fairbanks 14:58-15:00 AKST, Ushuaia 20:57-21:00 (UTC-3).
    struct Case {
        double lat, lon;
        const char* zone;
        const char* date;
        int set_from_min, set_to_min;  // the sunset's local time, minutes after midnight
    };
    const Case cases[] = {
        {40.7143, -74.006, "America/New_York", "2026-08-11", 19 * 60 + 55, 20 * 60 + 2},
        {40.7143, -74.006, "America/New_York", "2026-08-12", 19 * 60 + 54, 20 * 60 + 1},
        {64.8378, -147.7164, "America/Anchorage", "2026-12-01", 14 * 60 + 55, 15 * 60 + 4},
        {64.8378, -147.7164, "America/Anchorage", "2026-12-02", 14 * 60 + 54, 15 * 60 + 3},
        {-54.8019, -68.303, "America/Argentina/Ushuaia", "2026-02-18", 20 * 60 + 55, 21 * 60 + 4},
        {-54.8019, -68.303, "America/Argentina/Ushuaia", "2026-02-19", 20 * 60 + 53, 21 * 60 + 2}};
    for (const auto& c : cases) {
        INFO(c.zone << " " << c.date);
        const auto sky = sky_at(c.lat, c.lon, c.zone, c.date);
        REQUIRE(sky.sun.sunrise);
        REQUIRE(sky.sun.sunset);
        const auto local_min =
            (sky.sun.sunset->utc.time_since_epoch().count() + sky.sun.sunset->offset_s) % 86400 / 60;
        CHECK(local_min >= c.set_from_min);
        CHECK(local_min <= c.set_to_min);
        // Rise and set are given to the minute, the length to the second.
        const auto rise_to_set = (sky.sun.sunset->utc - sky.sun.sunrise->utc).count();
        CHECK(std::abs(sky.sun.day_length_s - rise_to_set) <= 60);
    }
    // The change is from the day before's length, as that day gives it alone.
    const auto before = sky_at(40.7143, -74.006, "America/New_York", "2026-08-11");
    const auto day = sky_at(40.7143, -74.006, "America/New_York", "2026-08-12");
    CHECK(std::abs(day.sun.day_length_change_s - (day.sun.day_length_s - before.sun.day_length_s)) <= 2);
}

TEST_CASE("a sun that rises and sets late in the evening or after midnight is counted by where it stands",
          "[astronomy]") {
    // Tromsø, 2026-05-14: it sets at 23:3x and rises at 01:5x, up about 21 h 44 min; the day was
    // reported with no sunrise and 0 s up.
    const auto tromso = sky_at(69.6496, 18.957, "Europe/Oslo", "2026-05-14");
    CHECK(tromso.sun.state == SunState::normal);
    REQUIRE(tromso.sun.sunrise);
    REQUIRE(tromso.sun.sunset);
    CHECK(tromso.sun.day_length_s > 21 * 3600);
    CHECK(tromso.sun.day_length_s < 22 * 3600);
    // Longyearbyen, 2026-02-15: the sun grazes the horizon at noon; its set may be refined a few
    // seconds before its rise, which a walk of rises and sets took for a sun up until midnight (12 h).
    const auto graze = sky_at(78.2232, 15.6267, "Arctic/Longyearbyen", "2026-02-15");
    CHECK(graze.sun.day_length_s < 3600);
}

TEST_CASE("a time in the last half minute of its day reads 23:59 of that day, never the next day's 00:00",
          "[astronomy]") {
    // Reykjavík's sunset of 2026-06-15 is at 23:59:3x, which to the nearest minute would be 00:00
    // of the 16th; the moonrise at 0,0 on 2026-12-30 likewise.
    const auto reykjavik = sky_at(64.13548, -21.89541, "Atlantic/Reykjavik", "2026-06-15");
    REQUIRE(reykjavik.sun.sunset);
    CHECK(iso8601(*reykjavik.sun.sunset) == "2026-06-15T23:59:00+00:00");
    CHECK(local_hhmm(*reykjavik.sun.sunset) == "23:59");
    const auto gulf = sky_at(0, 0, "Etc/GMT", "2026-12-30");
    REQUIRE(gulf.moon.rise);
    CHECK(iso8601(*gulf.moon.rise) == "2026-12-30T23:59:00+00:00");
}

TEST_CASE("an offset with seconds (Paris's local mean time, 1900) is written to the second", "[astronomy]") {
    const auto paris = sky_at(48.8566, 2.3522, "Europe/Paris", "1900-06-01");
    REQUIRE(paris.sun.sunrise);
    CHECK(paris.utc_offset_s == 561);
    CHECK(utc_offset_iso(paris.utc_offset_s) == "+00:09:21");
    const auto text = iso8601(*paris.sun.sunrise);
    CHECK(text.ends_with("+00:09:21"));
    CHECK(text.substr(17, 2) == "21");  // the minute-rounded UTC instant, in local time: hh:mm:21
    CHECK(utc_offset_iso(-16200) == "-04:30");
    CHECK(utc_offset_iso(0) == "+00:00");
}

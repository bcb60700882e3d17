#include <catch2/catch.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"
#include "tenki/format/format.hpp"

using namespace tenki;
using Catch::Contains;
namespace samples = tenki::test::owm;

namespace {

using samples::from_sample;

const TextStyle k_plain_text{};

// One CHECK per expected piece, named in the failure, so that one wrong row does not hide the others.
void check_contains_each(const std::string& text, std::initializer_list<std::string_view> pieces) {
    for (const auto piece : pieces) {
        INFO(piece);
        CHECK_THAT(text, Contains(std::string(piece)));
    }
}

}  // namespace

TEST_CASE("the report for 94107 has every part a person wants", "[format]") {
    const auto text = render_text(from_sample(samples::k_san_francisco), Units::imperial, k_plain_text);
    check_contains_each(
        text, {"San Francisco, US 94107", "Broken clouds", "62°F, feels like 61°F", "58°F / 66°F", "72%",
               "1016 hPa", "12.7 mph from WNW (290°)", "75%", "6.2 mi"});
    CHECK_THAT(text, !Contains("Rain") && !Contains("Snow") && !Contains("gusts"));
}

TEST_CASE("sunrise, sunset and the observation are in the place's local time", "[format]") {
    const auto text = render_text(from_sample(samples::k_san_francisco), Units::imperial, k_plain_text);
    check_contains_each(
        text, {"Sunrise      05:48\n", "Sunset       20:27\n", "2023-06-01 12:40 local time (UTC-07:00)"});
}

TEST_CASE("metric report with rain, gust and a positive offset", "[format]") {
    const auto text = render_text(from_sample(samples::k_london_rain, Location{"SW1A 1AA", "gb"}),
                                  Units::metric, k_plain_text);
    check_contains_each(
        text, {"London, GB SW1A 1AA", "Moderate rain", "12°C", "7.2 m/s from SW (225°), gusts 13.4 m/s",
               "2.37 mm in the last hour", "4.8 km", "Sunrise      04:43", "Sunset       21:15",
               "2023-06-07 12:30 local time (UTC+01:00)"});
}

TEST_CASE("snow, and Kelvin with a space before the unit", "[format]") {
    const auto text = render_text(from_sample(samples::k_anchorage_snow), Units::standard, k_plain_text);
    check_contains_each(text, {"0.89 mm in the last hour", "3.6 m/s from N (350°)"});
    CHECK_THAT(text, Contains("Temperature  266 K"));  // whole degrees, as every text output
}

TEST_CASE("absent values leave their rows out; times without an offset are UTC", "[format]") {
    const auto text = render_text(from_sample(samples::k_minimal), Units::metric, k_plain_text);
    check_contains_each(text, {"US 94107\n", "Clear sky", "27°C"});
    CHECK_THAT(text,
               !Contains("feels like") && !Contains("Humidity") && !Contains("Wind") && !Contains("Sunrise"));
    CHECK_THAT(text, Contains("2023-06-01 19:40 UTC"));
}

TEST_CASE("no ANSI escapes or symbols unless asked", "[format]") {
    const auto w = from_sample(samples::k_san_francisco);
    const auto plain = render_text(w, Units::imperial, k_plain_text);
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK_THAT(plain, !Contains("☁"));

    const auto coloured = render_text(w, Units::imperial, TextStyle{true, false});
    CHECK_THAT(coloured, Contains("\x1b[1mSan Francisco"));
    CHECK_THAT(coloured, Contains("\x1b[0m"));
    CHECK_THAT(render_text(w, Units::imperial, TextStyle{false, true}), Contains("☁ Broken clouds"));
}

TEST_CASE("--icons picks the text report's symbol: emoji, Nerd Fonts or wttr.in's ASCII", "[format][icons]") {
    auto w = from_sample(samples::k_san_francisco);  // broken clouds, by day
    const auto report = [&](IconSet set) {
        return render_text(w, Units::imperial, TextStyle{false, true, Language::en, set});
    };
    CHECK_THAT(report(IconSet::emoji), Contains("\n☁ Broken clouds\n"));
    CHECK_THAT(report(IconSet::nerd), Contains("\n\ue312 Broken clouds\n"));  // nf-weather-cloudy
    CHECK_THAT(report(IconSet::ascii), Contains("\nmm Broken clouds\n"));
    // Day or night by the place's sun, as {symbol}: a clear sky after sunset is the night's glyph.
    w.condition = Condition{ConditionKind::clear_sky, "Clear", "clear sky", "01d"};
    w.sunrise = w.observed_at - 7200;
    w.sunset = w.observed_at - 60;
    CHECK_THAT(report(IconSet::emoji), Contains("\n🌙 Clear sky\n"));
    CHECK_THAT(report(IconSet::nerd), Contains("\n\ue32b Clear sky\n"));  // nf-weather-night_clear
    CHECK_THAT(report(IconSet::ascii), Contains("\no Clear sky\n"));
    // Without symbols no set draws anything.
    CHECK_THAT(render_text(w, Units::imperial, TextStyle{false, false, Language::en, IconSet::nerd}),
               Contains("\nClear sky\n"));
}

TEST_CASE("ascii leaves the moon's emoji out of the Sky line; the other sets keep it", "[format][icons]") {
    auto w = from_sample(samples::k_san_francisco);
    w.lat = 48.8566;
    w.lon = 2.3522;
    w.location = city_location(48.8566, 2.3522, "Paris", "Île-de-France", "FR", 2988507);
    w.observed_at = 1797076800;  // 2026-12-12T12:00:00Z: a waxing crescent, 🌒 in Paris
    const auto sky_line = [&](IconSet set) {
        const auto text = render_text(w, Units::metric, TextStyle{false, true, Language::en, set});
        const auto at = text.find("Sky");
        REQUIRE(at != std::string::npos);
        return text.substr(at, text.find('\n', at) - at);
    };
    CHECK_THAT(sky_line(IconSet::emoji), Contains("🌒 waxing crescent"));
    CHECK_THAT(sky_line(IconSet::nerd), Contains("🌒 waxing crescent"));
    CHECK_THAT(sky_line(IconSet::ascii), Contains("waxing crescent"));
    CHECK_THAT(sky_line(IconSet::ascii), !Contains("🌒"));
}

TEST_CASE("control bytes from the upstream never reach the terminal", "[format]") {
    auto w = from_sample(samples::k_san_francisco);
    w.place_name = "San\x1b]0;pwned\x07 Francisco";
    w.condition.description = "clear\x1b[2J sky";
    CHECK(render_text(w, Units::imperial, k_plain_text).find('\x1b') == std::string::npos);
}

#include <catch2/catch.hpp>

#include "support/owm_samples.hpp"
#include "tenki/format/format.hpp"
#include "providers/owm/owm.hpp"

using namespace tenki;
using Catch::Contains;
namespace samples = tenki::test::owm;

namespace {

using samples::from_sample;

const TextStyle k_plain_text{};

}  // namespace

TEST_CASE("the report for 94107 has every part a person wants", "[format]") {
    const auto text = render_text(from_sample(samples::k_san_francisco), Units::imperial, k_plain_text);
    CHECK_THAT(text, Contains("San Francisco, US 94107"));
    CHECK_THAT(text, Contains("Broken clouds"));
    CHECK_THAT(text, Contains("62.0°F, feels like 61.2°F"));
    CHECK_THAT(text, Contains("58.0°F / 66.0°F"));
    CHECK_THAT(text, Contains("72%"));
    CHECK_THAT(text, Contains("1016 hPa"));
    CHECK_THAT(text, Contains("12.7 mph from WNW (290°)"));
    CHECK_THAT(text, Contains("75%"));
    CHECK_THAT(text, Contains("6.2 mi"));
    CHECK_THAT(text, !Contains("Rain") && !Contains("Snow") && !Contains("gusts"));
}

TEST_CASE("sunrise, sunset and the observation are in the place's local time", "[format]") {
    const auto text = render_text(from_sample(samples::k_san_francisco), Units::imperial, k_plain_text);
    CHECK_THAT(text, Contains("Sunrise      05:48\n"));
    CHECK_THAT(text, Contains("Sunset       20:27\n"));
    CHECK_THAT(text, Contains("2023-06-01 12:40 local time (UTC-07:00)"));
}

TEST_CASE("metric report with rain, gust and a positive offset", "[format]") {
    const auto text = render_text(from_sample(samples::k_london_rain, Location{"SW1A 1AA", "gb"}),
                                  Units::metric, k_plain_text);
    CHECK_THAT(text, Contains("London, GB SW1A 1AA"));
    CHECK_THAT(text, Contains("Moderate rain"));
    CHECK_THAT(text, Contains("12.2°C"));
    CHECK_THAT(text, Contains("7.2 m/s from SW (225°), gusts 13.4 m/s"));
    CHECK_THAT(text, Contains("2.37 mm in the last hour"));
    CHECK_THAT(text, Contains("4.8 km"));
    CHECK_THAT(text, Contains("Sunrise      04:43"));
    CHECK_THAT(text, Contains("Sunset       21:15"));
    CHECK_THAT(text, Contains("2023-06-07 12:30 local time (UTC+01:00)"));
}

TEST_CASE("snow, and Kelvin with a space before the unit", "[format]") {
    const auto text = render_text(from_sample(samples::k_anchorage_snow), Units::standard, k_plain_text);
    CHECK_THAT(text, Contains("0.89 mm in the last hour"));
    CHECK_THAT(text, Contains("266.1 K") || Contains("266.2 K"));
    CHECK_THAT(text, Contains("3.6 m/s from N (350°)"));
}

TEST_CASE("absent values leave their rows out; times without an offset are UTC", "[format]") {
    const auto text = render_text(from_sample(samples::k_minimal), Units::metric, k_plain_text);
    CHECK_THAT(text, Contains("US 94107\n"));
    CHECK_THAT(text, Contains("Clear sky"));
    CHECK_THAT(text, Contains("26.9°C"));
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

TEST_CASE("control bytes from the upstream never reach the terminal", "[format]") {
    auto w = from_sample(samples::k_san_francisco);
    w.place_name = "San\x1b]0;pwned\x07 Francisco";
    w.condition.description = "clear\x1b[2J sky";
    CHECK(render_text(w, Units::imperial, k_plain_text).find('\x1b') == std::string::npos);
}

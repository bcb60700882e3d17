#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "support/owm_samples.hpp"
#include "tenki/format/fields.hpp"
#include "tenki/format/format.hpp"

using namespace tenki;
namespace samples = tenki::test::owm;

namespace {

constexpr double k_zero_c = 273.15;

std::string render_or_fail(std::string_view tmpl, const Weather& w, Units units) {
    auto text = render_template(tmpl, w, units);
    if (!text) FAIL(text.error().message);
    return *text;
}

}  // namespace

TEST_CASE("uv_band: the WHO's five bands at their edges", "[format][fields]") {
    CHECK(uv_band(0) == "low");
    CHECK(uv_band(2) == "low");
    CHECK(uv_band(3) == "moderate");
    CHECK(uv_band(5) == "moderate");
    CHECK(uv_band(6) == "high");
    CHECK(uv_band(7) == "high");
    CHECK(uv_band(8) == "very high");
    CHECK(uv_band(10) == "very high");
    CHECK(uv_band(11) == "extreme");
    CHECK(uv_band(16.3) == "extreme");
}

TEST_CASE("uv_band: a fractional index is rounded to the nearest whole first, half up", "[format][fields]") {
    CHECK(uv_band(2.49) == "low");
    CHECK(uv_band(2.5) == "moderate");
    CHECK(uv_band(5.49) == "moderate");
    CHECK(uv_band(5.5) == "high");
    CHECK(uv_band(7.5) == "very high");
    CHECK(uv_band(10.49) == "very high");
    CHECK(uv_band(10.5) == "extreme");
    CHECK_FALSE(uv_band(-0.1));
    CHECK_FALSE(uv_band(std::numeric_limits<double>::quiet_NaN()));
}

TEST_CASE("magnus_dew_point: 8.0 °C at 81 % is 4.9 °C", "[format][fields]") {
    const auto dew = magnus_dew_point(k_zero_c + 8.0, 81);
    REQUIRE(dew);
    CHECK(std::round((*dew - k_zero_c) * 10) / 10 == Approx(4.9));
}

TEST_CASE("magnus_dew_point: saturated air's dew point is its temperature; no humidity, no dew point",
          "[format][fields]") {
    CHECK(magnus_dew_point(k_zero_c + 20.0, 100).value() == Approx(k_zero_c + 20.0).margin(0.01));
    CHECK(magnus_dew_point(k_zero_c - 10.0, 100).value() == Approx(k_zero_c - 10.0).margin(0.01));
    CHECK_FALSE(magnus_dew_point(k_zero_c + 20.0, 0));
    CHECK_FALSE(magnus_dew_point(k_zero_c + 20.0, 101));
}

TEST_CASE("dew_point: the provider's when it gives one, else computed from temperature and humidity",
          "[format][fields]") {
    Weather w;
    w.temp = k_zero_c + 8.0;
    w.humidity = 81;
    auto computed = dew_point(w);
    REQUIRE(computed);
    CHECK(computed->source == DewPointSource::computed);
    CHECK(to_string(computed->source) == "computed");
    w.dew_point = k_zero_c + 5.5;
    auto given = dew_point(w);
    REQUIRE(given);
    CHECK(given->source == DewPointSource::provider);
    CHECK(given->kelvin == Approx(k_zero_c + 5.5));
    w.dew_point.reset();
    w.humidity.reset();
    CHECK_FALSE(dew_point(w));
}

TEST_CASE("wind_arrow: the 8 directions, pointing where the wind goes, as wttr.in draws them",
          "[format][fields]") {
    CHECK(wind_arrow(0) == "↓");  // from the north, blowing south
    CHECK(wind_arrow(45) == "↙");
    CHECK(wind_arrow(90) == "←");
    CHECK(wind_arrow(135) == "↖");
    CHECK(wind_arrow(180) == "↑");
    CHECK(wind_arrow(225) == "↗");
    CHECK(wind_arrow(270) == "→");
    CHECK(wind_arrow(315) == "↘");
    CHECK(wind_arrow(230) == "↗");  // the example
    CHECK(wind_arrow(360) == "↓");
    CHECK(wind_arrow(-90) == "→");
}

TEST_CASE("wind_arrow: each sector starts at 22.5° past a point (wttr.in's int((deg + 22.5) % 360 / 45))",
          "[format][fields]") {
    CHECK(wind_arrow(22) == "↓");
    CHECK(wind_arrow(23) == "↙");
    CHECK(wind_arrow(67) == "↙");
    CHECK(wind_arrow(68) == "←");
    CHECK(wind_arrow(202) == "↑");
    CHECK(wind_arrow(203) == "↗");
    CHECK(wind_arrow(337) == "↘");
    CHECK(wind_arrow(338) == "↓");
}

TEST_CASE("wind_arrow_from points the other way", "[format][fields]") {
    CHECK(wind_arrow_from(0) == "↑");
    CHECK(wind_arrow_from(230) == "↙");
    CHECK(wind_arrow_from(90) == "→");
    for (int deg = 0; deg < 360; deg += 15) {
        INFO(deg);
        CHECK(wind_arrow_from(deg) == wind_arrow((deg + 180) % 360));
    }
}

TEST_CASE("the template's small fields: uv, uv_label, dew_point, wind_arrow, wind_arrow_from",
          "[format][fields]") {
    auto w = samples::from_sample(samples::k_san_francisco);
    CHECK(render_or_fail("{uv} {uv_label}", w, Units::metric) == "- -");  // OpenWeatherMap has none
    w.uv_index = 5.6;
    CHECK(render_or_fail("{uv} {uv:.1f} {uv_label}", w, Units::metric) == "6 5.6 high");
    w.temp = k_zero_c + 8.0;
    w.humidity = 81;
    CHECK(render_or_fail("{dew_point}", w, Units::metric) == "4.9");
    CHECK(render_or_fail("{dew_point:.0f}", w, Units::imperial) == "41");  // 4.94 °C is 40.9 °F
    w.wind_deg = 230;
    CHECK(render_or_fail("{wind_arrow} {wind_arrow_from} {wind_dir}", w, Units::metric) == "↗ ↙ SW");
    w.wind_deg.reset();
    CHECK(render_or_fail("{wind_arrow}{wind_arrow_from}", w, Units::metric) == "--");
}

TEST_CASE("v2 JSON: uv_index now, its band, and the dew point saying where it came from",
          "[format][fields]") {
    auto w = samples::from_sample(samples::k_san_francisco);
    w.temp = k_zero_c + 8.0;
    w.humidity = 81;
    auto doc = to_v2_json(w, Units::metric);
    CHECK(doc.at("uv_index").is_null());
    CHECK(doc.at("uv_label").is_null());
    CHECK(doc.at("dew_point").at("source") == "computed");
    CHECK(doc.at("dew_point").at("value").get<double>() == Approx(4.94).margin(0.01));
    CHECK(doc.at("dew_point").at("unit") == "°C");
    w.uv_index = 2.5;
    w.dew_point = k_zero_c + 5.0;
    doc = to_v2_json(w, Units::imperial);
    CHECK(doc.at("uv_index") == 2.5);
    CHECK(doc.at("uv_label") == "moderate");
    CHECK(doc.at("dew_point").at("source") == "provider");
    CHECK(doc.at("dew_point").at("value").get<double>() == Approx(41.0));
    CHECK(doc.at("dew_point").at("unit") == "°F");
}

#include <catch2/catch.hpp>

#include <algorithm>

#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"
#include "tenki/format/format.hpp"

using namespace tenki;
using Catch::Contains;
namespace samples = tenki::test::owm;

namespace {

using samples::from_sample;

std::string rendered(std::string_view tmpl, std::string_view body = samples::k_san_francisco,
                     Units units = Units::imperial) {
    auto text = render_template(tmpl, from_sample(body), units);
    if (!text) FAIL(text.error().message);
    return *text;
}

Error refused(std::string_view tmpl) {
    auto text = render_template(tmpl, from_sample(samples::k_san_francisco), Units::imperial);
    REQUIRE_FALSE(text);
    CHECK(text.error().message.find('\n') == std::string::npos);
    return text.error();
}

}  // namespace

TEST_CASE("the documented example", "[format]") {
    CHECK(rendered("{name}: {temp}{temp_unit} {description}") == "San Francisco: 62.0°F broken clouds");
}

TEST_CASE("every known field renders", "[format]") {
    const auto w = from_sample(samples::k_london_rain);
    for (const auto& field : template_fields()) {
        INFO(field);
        auto text = render_template("{" + field + "}", w, Units::metric);
        REQUIRE(text);
        CHECK_FALSE(text->empty());
    }
    const auto& fields = template_fields();
    for (const auto* name :
         {"name",      "postal_code", "country",   "temp",        "feels_like", "temp_min",   "temp_max",
          "temp_unit", "description", "main",      "icon",        "humidity",   "pressure",   "wind_speed",
          "wind_deg",  "wind_dir",    "wind_gust", "speed_unit",  "clouds",     "visibility", "rain_1h",
          "snow_1h",   "sunrise",     "sunset",    "observed_at", "symbol"}) {
        INFO(name);
        CHECK(std::find(fields.begin(), fields.end(), name) != fields.end());
    }
}

TEST_CASE("field values and units", "[format]") {
    CHECK(rendered("{postal_code} {country} {wind_speed} {speed_unit} {wind_dir} {wind_deg}") ==
          "94107 US 12.7 mph WNW 290");
    CHECK(rendered("{humidity}% {pressure} hPa {clouds}% {visibility} m") == "72% 1016 hPa 75% 10000 m");
    CHECK(rendered("{sunrise}-{sunset} {utc_offset}") == "05:48-20:27 UTC-07:00");
    CHECK(rendered("{observed_at}") == "2023-06-01T19:40:12Z");
    CHECK(rendered("{main} {code} {icon} {symbol} {units}") == "Clouds 803 04d ☁ imperial");
    CHECK(rendered("{temp}{temp_unit}", samples::k_minimal, Units::metric) == "26.9°C");
    CHECK(rendered("{temp}{temp_unit}", samples::k_minimal, Units::standard) == "300.0K");
    CHECK(rendered("{rain_1h} {wind_gust}", samples::k_london_rain, Units::metric) == "2.37 13.4");
}

TEST_CASE("format specs apply to the exact value", "[format]") {
    CHECK(rendered("{temp:.0f}", samples::k_minimal, Units::imperial) == "80");
    CHECK(rendered("{temp:.2f}", samples::k_minimal, Units::imperial) == "80.33");
    CHECK(rendered("[{name:>15}]") == "[  San Francisco]");
    CHECK(rendered("{humidity:03}") == "072");
}

TEST_CASE("absent values render as a dash, whatever their spec", "[format]") {
    CHECK(rendered("{humidity}|{wind_gust}|{wind_dir}|{rain_1h}|{sunrise}|{name}", samples::k_minimal) ==
          "-|-|-|-|-|-");
    CHECK(rendered("{feels_like:.1f}", samples::k_minimal) == "-");
}

TEST_CASE("doubled braces are literal", "[format]") {
    CHECK(rendered("{{{temp}}}") == "{62.0}");
    CHECK(rendered("{{name}}") == "{name}");
    CHECK(rendered("no fields") == "no fields");
    CHECK(rendered("") == "");
}

TEST_CASE("an unknown field is invalid input listing the known ones", "[format]") {
    const auto error = refused("{name}: {tmp}");
    CHECK(error.kind == ErrorKind::invalid_input);
    CHECK_THAT(error.message, Contains("\"tmp\""));
    for (const auto& field : template_fields()) CHECK_THAT(error.message, Contains(field));
}

TEST_CASE("an unknown field gets a \"did you mean\": a typo its nearest fields, {wind_unit} the speed's unit",
          "[format]") {
    // The example: the wind's unit is {speed_unit}, which no spelling distance reaches.
    CHECK_THAT(refused("{wind_unit}").message, Contains("unknown field \"wind_unit\" in the template "
                                                        "(did you mean \"speed_unit\"?)"));
    CHECK_THAT(refused("{tmp}").message, Contains("(did you mean \"temp\"?)"));
    CHECK_THAT(refused("{temp_unt}").message, Contains("(did you mean \"temp_unit\"?)"));
    CHECK_THAT(refused("{temperature}").message, Contains("(did you mean \"temp\"?)"));
    CHECK_THAT(refused("{wind_direction}").message, Contains("(did you mean \"wind_dir\"?)"));
    const auto far = refused("{zzzzzzzz}").message;
    CHECK(far.find("did you mean") == std::string::npos);  // nothing near: the list only
    for (const auto& field : template_fields()) CHECK_THAT(far, Contains(field));
}

TEST_CASE("a malformed template is invalid input, never an exception", "[format]") {
    for (std::string_view tmpl : {"{name", "name}", "{name}}", "{", "}", "{}", "{:>5}", "{temp:{width}}",
                                  "{temp:.1q}", "{name:d}", "{temp:%}"}) {
        INFO(tmpl);
        CHECK(refused(tmpl).kind == ErrorKind::invalid_input);
    }
}

// The template fuzz target ran out of memory on "{temp:2000000000}": fmt pads to any width.
TEST_CASE("a huge width or precision is invalid input, not gigabytes of padding", "[format]") {
    CHECK(rendered("[{humidity:>100}]").size() == 102);
    for (std::string_view tmpl : {"{temp:2000000000}", "{name:>101}", "{temp:.999999999f}",
                                  "{humidity:0000000000000000000000000000000000000000000200}"}) {
        INFO(tmpl);
        CHECK(refused(tmpl).kind == ErrorKind::invalid_input);
    }
}

namespace {

constexpr std::int64_t k_template_now = 1705276800 + 600;  // 2024-01-15T00:10Z: 16:10 on the 14th at -08:00

// Days of the 14th (today at the place) and the 15th, and 24 hourly steps with rain from 19:00.
Forecast template_forecast() {
    Forecast f;
    f.location = {"94107", "us"};
    f.timezone_offset = -28800;
    f.step_seconds = 3600;
    for (int i = 1; i <= 30; ++i) {
        ForecastStep s;
        s.time = 1705276800 + i * 3600;
        s.temp = 280.15 + (i % 6);
        s.precipitation = i == 4 ? 1.2 : 0.0;
        f.hourly.push_back(s);
    }
    ForecastDay today{"2024-01-14"};
    today.temp_min = 278.15;  // 5 °C
    today.temp_max = 288.15;  // 15 °C
    ForecastDay tomorrow{"2024-01-15"};
    tomorrow.temp_min = 275.15;  // 2 °C
    tomorrow.temp_max = 290.65;  // 17.5 °C
    f.daily = {ForecastDay{"2024-01-13"}, today, tomorrow};
    return f;
}

std::string with_forecast(std::string_view tmpl, const Forecast* f, bool unicode = true) {
    auto text = render_template(tmpl, from_sample(samples::k_san_francisco), Units::metric,
                                TemplateForecast{f, k_template_now, unicode});
    if (!text) FAIL(text.error().message);
    return *text;
}

}  // namespace

TEST_CASE("forecast fields: today's and tomorrow's range at the place, the rain ahead", "[format]") {
    const auto f = template_forecast();
    CHECK(with_forecast("{today_min}/{today_max} {tomorrow_min:.0f}/{tomorrow_max:.0f}", &f) ==
          "5.0/15.0 2/18");
    CHECK(with_forecast("{rain_next}", &f) == "rain from 19:00");
    // 24 steps from the one under way, one character each, low to high.
    const auto spark = with_forecast("{temp_spark}", &f, false);
    CHECK(spark.size() == 24);
    CHECK(spark.substr(0, 7) == ".-=*#_.");  // 281.15 .. 285.15 K, then 280.15 and 281.15 again
    CHECK(with_forecast("{temp_spark}", &f, true).find("█") != std::string::npos);
    // In other units, converted.
    auto imperial = render_template("{today_max:.0f}{temp_unit}", from_sample(samples::k_san_francisco),
                                    Units::imperial, TemplateForecast{&f, k_template_now});
    REQUIRE(imperial);
    CHECK(*imperial == "59°F");
}

TEST_CASE("forecast fields without a forecast, or without the day, render a dash", "[format]") {
    CHECK(with_forecast("{today_max:.0f}|{rain_next}|{temp_spark}", nullptr) == "-|-|-");
    auto f = template_forecast();
    f.daily.resize(2);  // no row for tomorrow
    CHECK(with_forecast("{tomorrow_max}", &f) == "-");
    f.hourly.clear();
    CHECK(with_forecast("{rain_next}", &f) == "-");
}

TEST_CASE("{rain_next} is a dash when the provider gave neither amounts nor chances", "[format]") {
    auto f = template_forecast();
    REQUIRE(with_forecast("{rain_next}", &f) != "-");
    for (auto& s : f.hourly) {
        s.precipitation.reset();
        s.precipitation_probability.reset();
    }
    CHECK(with_forecast("{rain_next}", &f) == "-");
    CHECK(with_forecast("{temp_spark}", &f) != "-");  // the rest of the forecast still shows
}

TEST_CASE("a template wants the sky exactly when it names a field the sky gives", "[format]") {
    // A field the sky gives reads "-" for an answer without coordinates (no place to compute it
    // for); every other field but the coordinates' own renders the same either way. A postal code
    // only the provider locates, so the answer's coordinates are the only point there is.
    // (The sample's answer moved to the UK: one in another country is refused.)
    std::string in_gb(samples::k_san_francisco);
    in_gb.replace(in_gb.find("\"US\""), 4, "\"GB\"");
    const auto placed = from_sample(in_gb, *parse_location("SW1A 1AA", "gb"));
    REQUIRE(placed.lat);
    auto nowhere = placed;
    nowhere.lat = std::nullopt;
    nowhere.lon = std::nullopt;
    int sky_fields = 0;
    for (const auto& field : template_fields()) {
        INFO(field);
        const std::string tmpl = "{" + field + "}";
        const auto with = render_template(tmpl, placed, Units::metric);
        const auto without = render_template(tmpl, nowhere, Units::metric);
        REQUIRE(with);
        REQUIRE(without);
        if (field == "lat" || field == "lon") continue;
        CHECK(template_wants_sky(tmpl) == (*with != *without));
        if (template_wants_sky(tmpl)) CHECK(*without == "-");
        sky_fields += template_wants_sky(tmpl) ? 1 : 0;
    }
    CHECK(sky_fields == 10);
    CHECK_FALSE(template_wants_sky("{temp} {{moon}}"));
    CHECK(template_wants_sky("{temp} {moonrise:>6}"));
}

TEST_CASE("a template asks for the forecast only when it names a forecast field", "[format]") {
    CHECK_FALSE(template_wants_forecast("{name}: {temp:.0f}{temp_unit}"));
    CHECK_FALSE(template_wants_forecast("{{today_max}} is literal"));
    CHECK_FALSE(template_wants_forecast("{unknown}"));
    CHECK_FALSE(template_wants_forecast("{"));
    for (const char* t : {"{today_min}", "{today_max:.0f}", "x {tomorrow_min}", "{tomorrow_max}",
                          "{rain_next}", "{temp} {temp_spark}", "{{{rain_next}}}"}) {
        INFO(t);
        CHECK(template_wants_forecast(t));
    }
}

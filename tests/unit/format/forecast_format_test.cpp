#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "tenki/format/forecast.hpp"

using namespace tenki;

namespace {

constexpr std::int64_t k_forecast_jan15 = 1705276800;  // 2024-01-15T00:00:00Z

Forecast sample() {
    Forecast f;
    f.location = {"94107", "us"};
    f.place_name = "San Francisco";
    f.timezone_offset = -28800;
    f.source = "open-meteo";
    for (int i = 0; i < 4; ++i) {
        ForecastStep s;
        s.time = k_forecast_jan15 + i * 3600;
        s.temp = 272.9 + i;  // -0.25 °C first
        s.precipitation_probability = 10 * i;
        s.precipitation = i == 2 ? std::optional<double>(0.4) : std::nullopt;
        s.condition = Condition{ConditionKind::light_rain, "Rain", "light rain", "10n"};
        f.hourly.push_back(s);
    }
    ForecastDay cold{"2024-01-14"};
    cold.temp_min = 272.9;
    cold.temp_max = 280.15;
    cold.condition = Condition{ConditionKind::light_snow, "Snow", "light snow", "13d"};
    cold.sunrise = k_forecast_jan15 - 60000;
    ForecastDay warm{"2024-01-15"};
    warm.temp_min = 278.15;
    warm.temp_max = 290.15;
    warm.hours_covered = 9;
    f.daily = {cold, warm, ForecastDay{"2024-01-16"}};
    return f;
}

bool ascii_only(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// The text with each "°" taken out: a temperature's unit is the one non-ASCII a plain report has.
std::string without_degree_signs(std::string text) {
    for (auto at = text.find("°"); at != std::string::npos; at = text.find("°", at)) text.erase(at, 2);
    return text;
}

}  // namespace

TEST_CASE("forecast JSON: units applied, rounded, no negative zero, absent is null", "[format]") {
    const auto j = to_forecast_json(sample(), Units::metric);
    CHECK(j["units"] == "metric");
    CHECK(j["temperature_unit"] == "°C");
    CHECK(j["location"]["name"] == "San Francisco");
    CHECK(j["location"]["timezone"].is_null());
    REQUIRE(j["daily"].size() == 3);
    CHECK(j["daily"][0]["temperature"]["min"] == Approx(-0.25));
    CHECK(j["daily"][0]["temperature"]["max"] == Approx(7.0));
    CHECK(j["daily"][0]["sunrise"] == "2024-01-14T07:20:00Z");
    CHECK(j["daily"][1]["hours_covered"] == 9);
    CHECK(j["daily"][2]["temperature"]["min"].is_null());
    CHECK(j["daily"][2]["condition"].is_null());
    REQUIRE(j["hourly"].size() == 4);
    CHECK(j["hourly"][0]["time"] == "2024-01-15T00:00:00Z");
    CHECK(j["hourly"][0]["precipitation"].is_null());
    CHECK(j["hourly"][2]["precipitation"] == Approx(0.4));
    CHECK(j["stale"] == false);

    auto f = sample();
    f.daily[0].temp_min = 273.149;  // -0.001 °C rounds to 0, not -0
    const auto zero = to_forecast_json(f, Units::metric)["daily"][0]["temperature"]["min"];
    CHECK(zero.dump() == "0.0");
}

TEST_CASE("forecast text: one line a day, ASCII without colour", "[format]") {
    const auto text = render_forecast_days(sample(), Units::metric, ForecastStyle{false, false});
    CHECK(ascii_only(without_degree_signs(text)));  // bars and symbols; the unit is °C as everywhere
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK_THAT(text, Catch::StartsWith("San Francisco, US 94107 (3 days, UTC-08:00 time, open-meteo)\n"));
    CHECK_THAT(text, Catch::Contains("Sun 01-14    0°C ========= ") && Catch::Contains(" 7°C "));
    CHECK_THAT(text, Catch::Contains("Light snow"));
    CHECK_THAT(text, Catch::Contains("(9 h of data)"));
    CHECK(std::count(text.begin(), text.end(), '\n') == 4);
}

TEST_CASE("forecast text: on a terminal, bars and symbols in colour", "[format]") {
    const auto text = render_forecast_days(sample(), Units::imperial, ForecastStyle{true, true});
    CHECK_THAT(text, Catch::Contains("━") && Catch::Contains("❄") && Catch::Contains("\x1b["));
    CHECK_THAT(text, Catch::Contains("32°F"));  // 272.9 K is 31.55 °F, rounded
}

TEST_CASE("forecast text: the hourly view uses the place's clock", "[format]") {
    const auto text = render_forecast_hours(sample(), Units::metric, ForecastStyle{false, false});
    CHECK(ascii_only(without_degree_signs(text)));
    CHECK_THAT(text, Catch::Contains("01-14 15:00-16:00    0°C"));  // -0.25 °C: no "-0"
    CHECK_THAT(text, Catch::Contains("01-14 17:00-18:00    2°C") && Catch::Contains("0.4 mm"));
}

TEST_CASE(
    "forecast text: a row of OpenWeatherMap's 3-hour steps is the 3 hours ending at its time, "
    "as {rain_next} reads it",
    "[format]") {
    auto f = sample();
    f.step_seconds = 3 * 3600;
    f.source = "owm";
    std::int64_t at = k_forecast_jan15;
    for (auto& s : f.hourly) s.time = at, at += 3 * 3600;
    // The third step, 2024-01-15T06:00Z, is 22:00 on the 14th at -08:00: its rain fell 19:00-22:00.
    const auto text = render_forecast_hours(f, Units::metric, ForecastStyle{false, false});
    const auto row = text.substr(text.find("01-14 19:00-22:00"));
    CHECK_THAT(row.substr(0, row.find('\n')), Catch::Contains("0.4 mm"));
    CHECK_THAT(render_forecast_hours(f, Units::metric, ForecastStyle{true, true}),
               Catch::Contains("01-14 19:00–22:00"));
    // {rain_next}, an hour before: the rain of that row, from the start of its span.
    CHECK(precipitation_outlook(f, k_forecast_jan15 - 3600) == "rain from 19:00");
}

TEST_CASE("forecast sparkline: lowest to highest", "[format]") {
    CHECK(temperature_sparkline(sample(), true) == "▁▃▆█");
    CHECK(temperature_sparkline(sample(), false) == "_-=#");
    CHECK(temperature_sparkline(Forecast{}, true).empty());
}

namespace {

// Hourly steps from 2024-01-15T00:00Z at a place 8 hours west (local 16:00 on the 14th), each
// covering the hour before its time: `wet[i]` says whether step i brings 0.5 mm.
Forecast outlook_sample(const std::vector<bool>& wet, std::int64_t step_seconds = 3600) {
    Forecast f;
    f.location = {"94107", "us"};
    f.timezone_offset = -28800;
    f.step_seconds = step_seconds;
    for (std::size_t i = 0; i < wet.size(); ++i) {
        ForecastStep s;
        s.time = k_forecast_jan15 + static_cast<std::int64_t>(i + 1) * step_seconds;
        s.precipitation = wet[i] ? 0.5 : 0.0;
        s.condition = Condition{wet[i] ? ConditionKind::light_rain : ConditionKind::clear_sky, "", "", ""};
        f.hourly.push_back(s);
    }
    return f;
}

}  // namespace

TEST_CASE("precipitation outlook: when it starts, when it stops, or that it does not", "[format]") {
    const auto now = k_forecast_jan15 + 600;  // 16:10 local
    std::vector<bool> wet(48, false);
    CHECK(precipitation_outlook(outlook_sample(wet), now) == "no rain for 24 h");
    wet[3] = true;  // the hour 19:00-20:00 local
    CHECK(precipitation_outlook(outlook_sample(wet), now) == "rain from 19:00");
    wet[3] = false;
    wet[10] = true;  // 02:00 local, the next day
    CHECK(precipitation_outlook(outlook_sample(wet), now) == "rain from tomorrow 02:00");
    wet[0] = wet[1] = true;  // falling now, until 18:00
    CHECK(precipitation_outlook(outlook_sample(wet), now) == "rain until 18:00");
    CHECK(precipitation_outlook(outlook_sample(std::vector<bool>(48, true)), now) ==
          "rain for the next 24 h");
}

TEST_CASE("precipitation outlook: snow, probabilities, short forecasts, none", "[format]") {
    const auto now = k_forecast_jan15 + 600;
    auto f = outlook_sample(std::vector<bool>(6, false));
    // What the steps cover (to 22:00, 5 h 50 min ahead), in whole hours, not 24.
    CHECK(precipitation_outlook(f, now) == "no rain for 5 h");
    f.hourly[2].precipitation = 1.0;
    f.hourly[2].condition = Condition{ConditionKind::snow, "Snow", "snow", "13n"};
    CHECK(precipitation_outlook(f, now) == "snow from 18:00");
    // Without an amount, a probability of 50 % or more is wet; below it, not.
    f.hourly[2].precipitation.reset();
    f.hourly[2].precipitation_probability = 40;
    CHECK(precipitation_outlook(f, now) == "no rain for 5 h");
    f.hourly[2].precipitation_probability = 50;
    CHECK(precipitation_outlook(f, now) == "snow from 18:00");
    // A trace under 0.1 mm is not rain.
    f.hourly[2].precipitation = 0.05;
    CHECK(precipitation_outlook(f, now) == "no rain for 5 h");
    // Every step behind now, or none at all: nothing to say.
    CHECK(precipitation_outlook(f, now + 7 * 3600).empty());
    CHECK(precipitation_outlook(Forecast{}, now).empty());
}

TEST_CASE("precipitation outlook: steps with neither an amount nor a chance are unknown, never dry",
          "[format]") {
    const auto now = k_forecast_jan15 + 600;  // 16:10 local; steps end 17:00, 18:00, 19:00 ...
    auto f = outlook_sample(std::vector<bool>(48, false));
    for (auto& s : f.hourly) s.precipitation.reset();
    // The provider said nothing of any step: unknown (a template's `-`), not "no rain for 24 h".
    CHECK(precipitation_outlook(f, now).empty());
    // Known for the steps to 19:00, then nothing: only what is known is said.
    for (std::size_t i = 0; i < 3; ++i) f.hourly[i].precipitation = 0.0;
    CHECK(precipitation_outlook(f, now) == "no rain for 2 h");
    f.hourly[0].precipitation = f.hourly[1].precipitation = 0.5;
    CHECK(precipitation_outlook(f, now) == "rain until 18:00");
    f.hourly[2].precipitation = 0.5;
    CHECK(precipitation_outlook(f, now) == "rain for the next 2 h");
    // A chance alone is known.
    f.hourly[0].precipitation.reset();
    f.hourly[0].precipitation_probability = 10;
    CHECK(precipitation_outlook(f, now) == "rain from 17:00");
}

TEST_CASE("precipitation outlook: 3-hour steps start 3 hours before their time", "[format]") {
    const auto now = k_forecast_jan15 + 600;  // 16:10 local; steps end 19:00, 22:00, 01:00 ...
    std::vector<bool> wet(16, false);
    wet[2] = true;  // 22:00-01:00 local
    CHECK(precipitation_outlook(outlook_sample(wet, 10800), now) == "rain from 22:00");
}

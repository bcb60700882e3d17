#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "support/fake_provider.hpp"
#include "support/owm_samples.hpp"
#include "tenki/format/bar.hpp"
#include "tenki/format/format.hpp"

using namespace tenki;
using Catch::Contains;
using nlohmann::json;
namespace samples = tenki::test::owm;

namespace {

BarAnswer bar_answer_of(const Weather& w, std::string text) {
    return BarAnswer{&w, Units::imperial, std::move(text), nullptr, 0, std::nullopt, std::nullopt};
}

std::size_t bar_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("waybar: text, alt, tooltip, class and percentage as waybar-custom(5) reads them",
          "[format][bar]") {
    const auto w = samples::from_sample(samples::k_san_francisco);
    const auto out = render_bar(BarOutput::waybar, bar_answer_of(w, "☁ 62°F"));
    REQUIRE(bar_lines(out) == 1);
    REQUIRE(out.back() == '\n');
    const auto doc = json::parse(out);
    CHECK(doc.at("text") == "☁ 62°F");
    CHECK(doc.at("alt") == "clouds");
    CHECK(doc.at("class") == json::array({"clouds"}));
    CHECK(doc.at("percentage") == 75);  // the cloud cover
    const std::string tooltip = doc.at("tooltip");
    CHECK_THAT(tooltip, Contains("San Francisco, US 94107"));
    CHECK_THAT(tooltip, Contains("Broken clouds"));
    CHECK_THAT(tooltip, Contains("Temperature 62.0°F, feels like 61.2°F"));
    CHECK_THAT(tooltip, Contains("Wind 12.7 mph from WNW"));
    CHECK_THAT(tooltip, Contains("Humidity 72%"));
    CHECK_THAT(tooltip, !Contains("tale"));
}

TEST_CASE("waybar: the tooltip gives the UV index now with its band and the dew point, where there are",
          "[format][bar]") {
    // The example: 8.0 °C at 81 % has a dew point of 4.9 °C (Magnus), the provider giving none.
    auto w = samples::from_sample(samples::k_san_francisco);
    w.temp = 281.15;
    w.humidity = 81;
    w.uv_index.reset();
    w.dew_point.reset();
    auto answer = bar_answer_of(w, "8°C");
    answer.units = Units::metric;
    const std::string computed = json::parse(render_bar(BarOutput::waybar, answer)).at("tooltip");
    CHECK_THAT(computed, Contains("\nDew point 4.9°C"));
    CHECK_THAT(computed, !Contains("UV"));  // OpenWeatherMap's answer has no UV index: no line
    // In the language's numbers, as the temperature is ("Taupunkt 16.7°C" beside "Temperatur 8,0°C").
    answer.language = Language::de;
    const std::string german = json::parse(render_bar(BarOutput::waybar, answer)).at("tooltip");
    CHECK_THAT(german, Contains("\nTemperatur 8,0°C"));
    CHECK_THAT(german, Contains("\nTaupunkt 4,9°C"));

    // Open-Meteo's: the index now (2.5 rounds to 3, "moderate", as {uv_label} bands it) and its own
    // dew point.
    w.uv_index = 2.5;
    w.dew_point = 285.15;
    const std::string given = json::parse(render_bar(BarOutput::waybar, bar_answer_of(w, "x"))).at("tooltip");
    CHECK_THAT(given, Contains("\nUV index 3 (moderate)\n"));
    CHECK_THAT(given, Contains("\nDew point 53.6°F"));
    w.uv_index = 11.2;
    const std::string extreme =
        json::parse(render_bar(BarOutput::waybar, bar_answer_of(w, "x"))).at("tooltip");
    CHECK_THAT(extreme, Contains("UV index 11 (extreme)"));

    // Neither: no humidity to compute from, no index.
    w.uv_index.reset();
    w.dew_point.reset();
    w.humidity.reset();
    const std::string neither =
        json::parse(render_bar(BarOutput::waybar, bar_answer_of(w, "x"))).at("tooltip");
    CHECK_THAT(neither, !Contains("UV"));
    CHECK_THAT(neither, !Contains("Dew point"));
}

TEST_CASE("waybar: stale adds the class and the age and reason to the tooltip", "[format][bar]") {
    const auto w = samples::from_sample(samples::k_san_francisco);
    auto answer = bar_answer_of(w, "62°F");
    answer.stale_age_s = 23 * 60 + 5;
    answer.stale_reason = Error{ErrorKind::unreachable, "cannot reach the weather service"};
    const auto doc = json::parse(render_bar(BarOutput::waybar, answer));
    CHECK(doc.at("class") == json::array({"clouds", "stale"}));
    CHECK(doc.at("text") == "62°F");
    CHECK_THAT(doc.at("tooltip").get<std::string>(),
               Contains("Stale: 23 min old: cannot reach the weather service"));
}

TEST_CASE("waybar: the text and tooltip are Pango markup, escaped; no percentage without clouds",
          "[format][bar]") {
    auto w = samples::from_sample(samples::k_minimal);
    w.place_name = "Fish & <Chips>";
    const auto doc = json::parse(render_bar(BarOutput::waybar, bar_answer_of(w, "A & B\nline")));
    CHECK(doc.at("text") == "A &amp; B line");
    CHECK_THAT(doc.at("tooltip").get<std::string>(), Contains("Fish &amp; &lt;Chips&gt;"));
    CHECK_FALSE(doc.contains("percentage"));
    CHECK(doc.at("class") == json::array({"clear"}));
}

TEST_CASE("waybar: the tooltip lists the next days of a forecast", "[format][bar]") {
    const Location place{"19021", "us"};
    const auto w = test::sample_weather(place);
    const auto forecast = test::sample_forecast(place);
    auto answer = bar_answer_of(w, "x");
    answer.forecast = &forecast;
    answer.now = test::k_sample_forecast_start;
    const std::string tooltip = json::parse(render_bar(BarOutput::waybar, answer)).at("tooltip");
    const auto days = forecast_window(forecast, answer.now, 3, 0).daily;
    REQUIRE(days.size() == 3);
    for (const auto& day : days) {
        INFO(day.date);
        CHECK_THAT(tooltip, Contains(day.date.substr(5)));
    }
    CHECK_THAT(tooltip, Contains("\n\n"));  // the days apart from the weather
}

TEST_CASE("i3blocks: full_text, short_text, and a colour only when stale", "[format][bar]") {
    const auto w = samples::from_sample(samples::k_san_francisco);
    CHECK(render_bar(BarOutput::i3blocks, bar_answer_of(w, "☁ 62°F")) == "☁ 62°F\n62°F\n");
    auto stale = bar_answer_of(w, "☁ 62°F");
    stale.stale_age_s = 2 * 3600 + 5 * 60;
    CHECK(render_bar(BarOutput::i3blocks, stale) ==
          "☁ 62°F (stale: 2 h 5 min old)\n62°F\n" + std::string(k_bar_stale_colour) + "\n");
}

TEST_CASE("plain: one line, the age when stale", "[format][bar]") {
    const auto w = samples::from_sample(samples::k_san_francisco);
    CHECK(render_bar(BarOutput::plain, bar_answer_of(w, "62°F")) == "62°F\n");
    auto stale = bar_answer_of(w, "62°F");
    stale.stale_age_s = 45;
    CHECK(render_bar(BarOutput::plain, stale) == "62°F (stale: 45 s old)\n");
}

TEST_CASE("every bar output prints something valid for a failure", "[format][bar]") {
    const Error error{ErrorKind::unreachable, "cannot reach api.openweathermap.org: connection refused"};
    const auto doc = json::parse(render_bar_error(BarOutput::waybar, "94107", error));
    CHECK(doc.at("text") == "⚠ offline");
    CHECK(doc.at("class") == json::array({"error", "unreachable"}));
    CHECK(doc.at("tooltip") == "tenki: 94107: cannot reach api.openweathermap.org: connection refused");
    CHECK_FALSE(doc.contains("percentage"));
    CHECK(render_bar_error(BarOutput::i3blocks, "94107", error) ==
          "⚠ offline\n⚠\n" + std::string(k_bar_error_colour) + "\n");
    CHECK(render_bar_error(BarOutput::plain, "94107", error) == "⚠ offline\n");
    for (const auto& kind : k_error_kinds) {
        INFO(kind.name);
        CHECK(bar_lines(render_bar_error(BarOutput::plain, "x", {kind.kind, "m"})) == 1);
    }
}

// The bars by name: formats_test.cpp (the table of output formats names them).
TEST_CASE("the condition as a CSS class", "[format][bar]") {
    CHECK(condition_class({ConditionKind::clear_sky, "Clear", "", ""}) == "clear");
    CHECK(condition_class({ConditionKind::unknown, "Light Rain!", "", ""}) == "light-rain");
    CHECK(condition_class({}) == "unknown");
}

TEST_CASE("an age is rounded to the nearest minute, never down: the issue's 177 s is 3 min", "[format]") {
    CHECK(age_text(177) == "3 min");
    CHECK(stale_note(177) == "stale: 3 min old");
    CHECK(age_text(-5) == "0 s");
    CHECK(age_text(59) == "59 s");
    CHECK(age_text(60) == "1 min");
    CHECK(age_text(89) == "1 min");
    CHECK(age_text(90) == "2 min");
    CHECK(age_text(23 * 60 + 29) == "23 min");
    CHECK(age_text(23 * 60 + 30) == "24 min");
    CHECK(age_text(3600 - 31) == "59 min");
    CHECK(age_text(3600 - 30) == "1 h");  // 59 min 30 s: an hour, not "0 h 60 min"
    CHECK(age_text(3 * 3600 + 29) == "3 h");
    CHECK(age_text(3 * 3600 + 30) == "3 h 1 min");
    CHECK(age_text(2 * 3600 + 5 * 60 + 40) == "2 h 6 min");
}

TEST_CASE("a stale answer's age in words, and its note on the first line", "[format]") {
    CHECK(stale_note(0) == "stale: 0 s old");
    CHECK(stale_note(59) == "stale: 59 s old");
    CHECK(stale_note(23 * 60 + 59) == "stale: 24 min old");  // to the nearest minute
    CHECK(stale_note(3 * 3600) == "stale: 3 h old");
    CHECK(stale_note(3 * 3600 + 60) == "stale: 3 h 1 min old");
    CHECK(with_stale_note("Heading\nrest\n", 60) == "Heading (stale: 1 min old)\nrest\n");
    CHECK(with_stale_note("one line", 60) == "one line (stale: 1 min old)");
}

TEST_CASE("a stale document carries age_s; a fresh one has none", "[format]") {
    const auto w = samples::from_sample(samples::k_san_francisco);
    const auto stale = to_v2_json(w, Units::metric, 1380);
    CHECK(stale.at("stale") == true);
    CHECK(stale.at("age_s") == 1380);
    CHECK(to_v2_json(w, Units::metric).at("stale") == false);
    CHECK_FALSE(to_v2_json(w, Units::metric).contains("age_s"));
}

TEST_CASE("bars: the classes hot and cold from thresholds in °C, whatever the units shown", "[format][bar]") {
    auto w = samples::from_sample(samples::k_san_francisco);
    const BarThresholds thresholds{25, 5};
    auto answer = bar_answer_of(w, "x");
    answer.thresholds = thresholds;
    auto classes = [&] { return json::parse(render_bar(BarOutput::waybar, answer)).at("class"); };
    w.temp = 273.15 + 25;  // 77 °F: at the hot threshold
    CHECK(classes() == json::array({"clouds", "hot"}));
    CHECK(render_bar(BarOutput::i3blocks, answer) == "x\n77°F\n" + std::string(k_bar_hot_colour) + "\n");
    w.temp = 273.15 + 24.9;
    CHECK(classes() == json::array({"clouds"}));
    CHECK(bar_lines(render_bar(BarOutput::i3blocks, answer)) == 2);
    w.temp = 273.15 + 5;
    CHECK(classes() == json::array({"clouds", "cold"}));
    CHECK(render_bar(BarOutput::i3blocks, answer) == "x\n41°F\n" + std::string(k_bar_cold_colour) + "\n");
    answer.stale_age_s = 600;  // stale's colour wins in i3blocks; Waybar has both classes
    CHECK(classes() == json::array({"clouds", "cold", "stale"}));
    CHECK_THAT(render_bar(BarOutput::i3blocks, answer), Contains(std::string(k_bar_stale_colour)));
    answer.units = Units::metric;
    CHECK(temperature_class(273.15 + 5, thresholds) == "cold");
    CHECK(temperature_class(273.15 + 5.1, thresholds).empty());
}

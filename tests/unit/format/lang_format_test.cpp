// The renderings a person reads in tenki's other languages (issue 27); English is held byte for
// byte by the other format tests.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "format/presentation.hpp"
#include "support/owm_samples.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"

using namespace tenki;
using Catch::Contains;
namespace samples = tenki::test::owm;

namespace {

constexpr std::int64_t k_lang_jan15 = 1705276800;  // 2024-01-15T00:00:00Z

// Hourly steps from 2024-01-15T00:00Z at a place 8 hours west, wet where `wet` says.
Forecast lang_outlook_sample(const std::vector<bool>& wet, ConditionKind kind = ConditionKind::light_rain) {
    Forecast f;
    f.location = {"94107", "us"};
    f.timezone_offset = -28800;
    f.step_seconds = 3600;
    for (std::size_t i = 0; i < wet.size(); ++i) {
        ForecastStep s;
        s.time = k_lang_jan15 + static_cast<std::int64_t>(i + 1) * 3600;
        s.precipitation = wet[i] ? 0.5 : 0.0;
        s.condition = Condition{wet[i] ? kind : ConditionKind::clear_sky, "", "", ""};
        f.hourly.push_back(s);
    }
    return f;
}

}  // namespace

TEST_CASE("the report in German: labels, condition, compass point, gusts", "[format][lang]") {
    const auto weather = samples::from_sample(samples::k_san_francisco);  // broken clouds, 290°
    const auto text = render_text(weather, Units::metric, TextStyle{false, false, Language::de});
    for (const char* part :
         {"Stark bewölkt", "Temperatur", "gefühlt", "Luftfeuchte", "Luftdruck", "Wind", "aus WNW (290°)",
          "Sichtweite", "Sonnenaufgang", "Sonnenuntergang", "Ortszeit"}) {
        INFO(part);
        CHECK_THAT(text, Contains(part));
    }
    CHECK_THAT(text, !Contains("Humidity") && !Contains("Broken clouds"));
    CHECK_THAT(text, Contains("San Francisco, US 94107"));  // the place as the upstream names it
    // The English report is the default style's.
    CHECK(render_text(weather, Units::metric, TextStyle{false, false, Language::en}) ==
          render_text(weather, Units::metric, TextStyle{}));
}

TEST_CASE("the condition is the vocabulary's, whatever words the provider used", "[format][lang]") {
    const Condition owm{ConditionKind::light_rain, "Rain", "light rain", "10d"};
    const Condition meteo{ConditionKind::light_rain, "Rain", "Slight rain", "10d"};
    CHECK(format::condition_words(owm, Language::fr) == "pluie faible");
    CHECK(format::condition_words(meteo, Language::fr) == "pluie faible");
    CHECK(format::condition_words(meteo, Language::en) == "Slight rain");  // English: the source's words
    const Condition unknown{ConditionKind::unknown, "Odd", "odd weather", "01d"};
    CHECK(format::condition_words(unknown, Language::ja) == "odd weather");
}

TEST_CASE("a first letter is capitalised in Latin, Cyrillic and Turkish scripts", "[format][lang]") {
    CHECK(format::capitalised("śnieg", Language::pl) == "Śnieg");
    CHECK(format::capitalised("ясно", Language::ru) == "Ясно");
    CHECK(format::capitalised("їжак", Language::uk) == "Їжак");
    CHECK(format::capitalised("ıslak", Language::tr) == "Islak");
    CHECK(format::capitalised("ince", Language::tr) == "İnce");
    CHECK(format::capitalised("ince", Language::de) == "Ince");
    CHECK(format::capitalised("éclaircies", Language::fr) == "Éclaircies");
    CHECK(format::capitalised("快晴", Language::ja) == "快晴");
    CHECK(format::capitalised("élan", Language::en) == "élan");  // English as before: ASCII only
}

TEST_CASE("weekdays are CLDR's in each language", "[format][lang]") {
    CHECK(format::day_label("2024-06-03") == "Mon 06-03");
    CHECK(format::day_label("2024-06-03", Language::de) == "Mo. 06-03");
    CHECK(format::day_label("2024-06-03", Language::ja) == "月 06-03");
    CHECK(format::day_label("2024-06-03", Language::ru) == "пн 06-03");
}

TEST_CASE("{rain_next}'s phrases in other languages", "[format][lang]") {
    const auto now = k_lang_jan15 + 600;  // 16:10 local
    std::vector<bool> wet(48, false);
    CHECK(precipitation_outlook(lang_outlook_sample(wet), now, 24, Language::de) ==
          "kein Regen in den nächsten 24 h");
    wet[3] = true;
    CHECK(precipitation_outlook(lang_outlook_sample(wet), now, 24, Language::de) == "Regen ab 19:00");
    CHECK(precipitation_outlook(lang_outlook_sample(wet, ConditionKind::snow), now, 24, Language::fr) ==
          "neige à partir de 19:00");
    wet[3] = false;
    wet[10] = true;
    CHECK(precipitation_outlook(lang_outlook_sample(wet), now, 24, Language::es) ==
          "lluvia desde mañana a las 02:00");
    wet[10] = false;
    wet[40] = true;  // 08:00 local on the 16th, a Tuesday
    CHECK(precipitation_outlook(lang_outlook_sample(wet), now, 48, Language::de) == "Regen ab Di. 08:00");
    CHECK(precipitation_outlook(lang_outlook_sample(wet), now, 48) == "rain from Tue 08:00");
}

TEST_CASE("the forecast's heading and rows in Russian: plural forms and labels", "[format][lang]") {
    Forecast f;
    f.location = {"94107", "us"};
    f.source = "open-meteo";
    for (const char* date : {"2024-06-03", "2024-06-04", "2024-06-05"}) {
        ForecastDay d;
        d.date = date;
        d.temp_min = 280;
        d.temp_max = 290;
        d.condition = Condition{ConditionKind::overcast_clouds, "Clouds", "overcast", "04d"};
        f.daily.push_back(d);
    }
    const auto text = render_forecast_days(f, Units::metric, ForecastStyle{false, false, Language::ru});
    CHECK_THAT(text, Contains("3 дня") && Contains("пн 06-03") && Contains("Пасмурно") && Contains("дождь") &&
                         Contains("ветер"));
    f.daily.resize(1);
    CHECK_THAT(render_forecast_days(f, Units::metric, ForecastStyle{false, false, Language::ru}),
               Contains("1 день"));
}

TEST_CASE("the v2 documents translate condition.description and wind.direction only", "[format][lang]") {
    const auto weather = samples::from_sample(samples::k_san_francisco);  // 290°: WNW
    auto fr = to_v2_json(weather, Units::metric, std::nullopt, Language::fr);
    const auto en = to_v2_json(weather, Units::metric);
    CHECK(fr["condition"]["description"] == "très nuageux");
    CHECK(fr["wind"]["direction"] == "ONO");
    CHECK(en["wind"]["direction"] == "WNW");
    CHECK(fr["condition"]["main"] == "Clouds");  // a value programs compare, as OpenWeatherMap's
    fr["condition"]["description"] = en["condition"]["description"];
    fr["wind"]["direction"] = en["wind"]["direction"];
    CHECK(fr == en);
}

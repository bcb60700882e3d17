// Numbers a person reads in tenki's other languages (issue 27): CLDR's decimal separator in the
// text report, the forecast, the templates and the status-bar tooltip; the JSON keeps its numbers.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string>

#include "format/presentation.hpp"
#include "support/owm_samples.hpp"
#include "tenki/astronomy/sky_text.hpp"
#include "tenki/format/bar.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"
#include "tenki/lang/cldr.hpp"
#include "tenki/lang/translate.hpp"

using namespace tenki;
using Catch::Contains;
namespace samples = tenki::test::owm;

TEST_CASE("CLDR's decimal separator: a comma in German, French, Russian, a point in English and Japanese",
          "[format][lang]") {
    CHECK(cldr_names(Language::de).decimal == ",");
    CHECK(cldr_names(Language::fr).decimal == ",");
    CHECK(cldr_names(Language::ru).decimal == ",");
    CHECK(cldr_names(Language::pt_br).decimal == ",");
    CHECK(cldr_names(Language::ja).decimal == ".");
    CHECK(format::fixed(12.25, 1, Language::de) == "12,3");
    CHECK(format::fixed(-0.04, 1, Language::fr) == "0,0");
    CHECK(format::fixed(12.25, 1, Language::en) == format::fixed(12.25, 1));
    CHECK(format::fixed(12.25, 1, Language::ja) == "12.3");
    CHECK(format::with_decimal_separator("2.37", Language::tr) == "2,37");
    CHECK(format::with_decimal_separator("15", Language::de) == "15");
    CHECK(format::visibility_text(10000, Units::metric, Language::da) == "10,0 km");
}

TEST_CASE("the German report writes its fractions with a decimal comma", "[format][lang]") {
    const auto sf = samples::from_sample(samples::k_san_francisco);  // wind 5.66 m/s, visibility 10 km
    const auto text = render_text(sf, Units::metric, TextStyle{false, false, Language::de});
    CHECK_THAT(text, Contains("5,7 m/s") && Contains("10,0 km"));
    CHECK_THAT(render_text(sf, Units::metric, TextStyle{}), Contains("5.7 m/s") && Contains("10.0 km"));
    const auto london = samples::from_sample(samples::k_london_rain);  // rain 2.37 mm, gusts 13.4 m/s
    const auto wet = render_text(london, Units::metric, TextStyle{false, false, Language::fr});
    CHECK_THAT(wet, Contains("2,37 mm") && Contains("13,4 m/s") && !Contains("2.37"));
}

TEST_CASE("templates write numbers with the language's separator, coordinates with a point",
          "[format][lang]") {
    const auto sf = samples::from_sample(samples::k_san_francisco);  // 289.82 K: 16.67 °C
    const auto de = [&](std::string_view tmpl) {
        return *render_template(tmpl, sf, Units::metric, {}, Language::de);
    };
    CHECK(de("{temp}{temp_unit}") == "16,7°C");
    CHECK(de("{temp:.2f}") == "16,67");
    CHECK(de("{temp:.0f}") == "17");
    CHECK(de("{temp:.>8.1f}") == "....16,7");  // a "." fill stays a fill
    CHECK(de("{temp:.<8.1f}|") == "16,7....|");
    CHECK(de("{humidity}") == "72");
    CHECK(de("{lat},{lon}") == *render_template("{lat},{lon}", sf, Units::metric));
    CHECK(*render_template("{temp}", sf, Units::metric, {}, Language::ja) == "16.7");
    CHECK(*render_template("{temp}", sf, Units::metric) == "16.7");
}

TEST_CASE("the Waybar tooltip and the forecast in other languages use the decimal comma", "[format][lang]") {
    const auto sf = samples::from_sample(samples::k_san_francisco);
    BarAnswer answer{&sf, Units::metric, "17°C"};
    answer.language = Language::de;
    const auto doc = nlohmann::json::parse(render_bar(BarOutput::waybar, answer));
    CHECK_THAT(doc.at("tooltip").get<std::string>(), Contains("16,7°C") && Contains("5,7 m/s"));
    Forecast f;
    f.location = {"94107", "us"};
    f.source = "open-meteo";
    ForecastDay day;
    day.date = "2024-06-03";
    day.precipitation_sum = 2.37;
    f.daily.push_back(day);
    CHECK_THAT(render_forecast_days(f, Units::metric, ForecastStyle{false, false, Language::it}),
               Contains("2,4 mm"));
    CHECK_THAT(render_forecast_days(f, Units::metric, ForecastStyle{}), Contains("2.4 mm"));
}

TEST_CASE("units and durations are CLDR's short forms; English as it was", "[format][lang]") {
    CHECK(format::with_unit("5,1", CldrUnit::metre_per_second, Language::ru) == "5,1 м/с");
    CHECK(format::with_unit("5.1", CldrUnit::metre_per_second, Language::en) == "5.1 m/s");
    CHECK(format::with_unit("12", CldrUnit::kilometre, Language::zh_hans) == "12公里");
    CHECK(format::unit_symbol(CldrUnit::mile_per_hour, Language::tr) == "mil/sa");
    CHECK(format::unit_symbol(CldrUnit::hectopascal, Language::uk) == "гПа");
    CHECK(age_text(23 * 60, Language::de) == "23 Min.");
    CHECK(age_text(2 * 3600 + 5 * 60, Language::de) == "2 Std. 5 Min.");
    CHECK(age_text(45, Language::fr) == "45\u202fs");  // CLDR's narrow no-break space, as French writes it
    CHECK(format::unit_symbol(CldrUnit::second, Language::fr) == "s");
    CHECK(age_text(23 * 60) == "23 min");
    CHECK(age_text(2 * 3600 + 5 * 60) == "2 h 5 min");
    CHECK(stale_note(23 * 60, Language::ja) ==
          fmt::format(fmt::runtime(std::string(tr(Language::ja, "stale: {} old"))), "23 分"));
    CHECK(format_day_length(29962, Language::de) == "8 Std. 19 Min.");
    CHECK(format_day_length(29962, Language::ja) == "8 時間 19 分");
    CHECK(format_day_length(29962) == "8h 19m");
    CHECK(format_day_length_change(151, Language::de) == "+2 Min. 31 Sek.");
    CHECK(format_day_length_change(-58, Language::ru) == "-58 с");
    CHECK(format_day_length_change(151) == "+2m 31s");
}

TEST_CASE("{main} is the condition's group word in the language asked for", "[format][lang]") {
    const Condition rain{ConditionKind::light_rain, "Rain", "light rain", "10d"};
    CHECK(format::condition_group(rain, Language::en) == "Rain");
    CHECK(format::condition_group(rain, Language::de) == "Regen");
    const Condition fog{ConditionKind::fog, "Fog", "fog", "50d"};
    CHECK(format::condition_group(fog, Language::fr) == "Brouillard");
    const Condition odd{ConditionKind::unknown, "Odd", "odd weather", "01d"};
    CHECK(format::condition_group(odd, Language::ja) == "Odd");  // the source's, for an unknown kind
    const auto sf = samples::from_sample(samples::k_san_francisco);
    CHECK(*render_template("{main}", sf, Units::metric, {}, Language::ru) == "Облачность");
    CHECK(*render_template("{main}", sf, Units::metric) == "Clouds");
}

#include <catch2/catch.hpp>

#include <string>

#include "support/owm_samples.hpp"
#include "tenki/format/format.hpp"
#include "tenki/format/icons.hpp"

using namespace tenki;
namespace samples = tenki::test::owm;

namespace {

constexpr std::array k_sets = {IconSet::emoji, IconSet::nerd, IconSet::ascii};

bool is_ascii(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

// A Nerd Fonts weather glyph: one UTF-8 character in U+E300-U+E3EB (nf-weather-*).
bool is_nerd_weather_glyph(std::string_view text) {
    if (text.size() != 3) return false;
    const auto b0 = static_cast<unsigned char>(text[0]), b1 = static_cast<unsigned char>(text[1]),
               b2 = static_cast<unsigned char>(text[2]);
    const unsigned code = ((b0 & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
    return b0 == 0xEE && code >= 0xE300 && code <= 0xE3EB;
}

}  // namespace

TEST_CASE("every condition has a glyph, day and night, in each set; unknown has none", "[format][icons]") {
    for (const auto set : k_sets) {
        for (const auto& info : conditions()) {
            INFO(to_string(set) << " " << info.name);
            for (const bool night : {false, true}) {
                const auto glyph = condition_glyph(info.kind, set, night);
                if (info.kind == ConditionKind::unknown) {
                    CHECK(glyph.empty());
                    continue;
                }
                CHECK_FALSE(glyph.empty());
                if (set == IconSet::ascii) CHECK(is_ascii(glyph));
                if (set == IconSet::nerd) CHECK(is_nerd_weather_glyph(glyph));
            }
        }
    }
}

TEST_CASE("nerd glyphs by their published code points, day and night variants", "[format][icons]") {
    CHECK(condition_glyph(ConditionKind::clear_sky, IconSet::nerd, false) == "\ue30d");   // day_sunny
    CHECK(condition_glyph(ConditionKind::clear_sky, IconSet::nerd, true) == "\ue32b");    // night_clear
    CHECK(condition_glyph(ConditionKind::light_rain, IconSet::nerd, false) == "\ue308");  // day_rain
    CHECK(condition_glyph(ConditionKind::light_rain, IconSet::nerd, true) == "\ue325");   // night_alt_rain
    CHECK(condition_glyph(ConditionKind::thunderstorm, IconSet::nerd, false) == "\ue30f");
    CHECK(condition_glyph(ConditionKind::snow, IconSet::nerd, true) == "\ue327");  // night_alt_snow
}

TEST_CASE("emoji keeps tenki's symbols; ascii is wttr.in's plain symbols", "[format][icons]") {
    CHECK(condition_glyph(ConditionKind::clear_sky, IconSet::emoji, false) == "☀");
    CHECK(condition_glyph(ConditionKind::clear_sky, IconSet::emoji, true) == "🌙");
    CHECK(condition_glyph(ConditionKind::overcast_clouds, IconSet::emoji, false) == "☁");
    CHECK(condition_glyph(ConditionKind::clear_sky, IconSet::ascii, false) == "o");
    CHECK(condition_glyph(ConditionKind::overcast_clouds, IconSet::ascii, false) == "mmm");
    CHECK(condition_glyph(ConditionKind::light_rain, IconSet::ascii, false) == "/");
    CHECK(condition_glyph(ConditionKind::fog, IconSet::ascii, false) == "=");
}

TEST_CASE("icon sets by name", "[format][icons]") {
    for (const auto set : k_sets) CHECK(icon_set_named(to_string(set)) == set);
    CHECK_FALSE(icon_set_named("auto"));
    CHECK_FALSE(icon_set_named("Emoji"));
}

TEST_CASE("night by the place's sun when the answer gives it, else the provider's mark, else day",
          "[format][icons]") {
    Weather w;
    w.condition = Condition{ConditionKind::clear_sky, "Clear", "clear sky", "01d"};
    CHECK_FALSE(observed_at_night(w));  // no sun times, a day icon
    w.sunrise = 1000;
    w.sunset = 5000;
    w.observed_at = 999;
    CHECK(observed_at_night(w));
    w.observed_at = 1000;
    CHECK_FALSE(observed_at_night(w));
    w.observed_at = 4999;
    CHECK_FALSE(observed_at_night(w));
    w.observed_at = 5000;
    CHECK(observed_at_night(w));
    CHECK(weather_symbol(w, IconSet::nerd) == "\ue32b");
    w.sunrise.reset();
    w.sunset.reset();
    w.condition.icon = "01n";  // Open-Meteo's is_day = 0
    CHECK(observed_at_night(w));
    w.condition.icon.clear();
    CHECK_FALSE(observed_at_night(w));
}

TEST_CASE("{symbol} draws the chosen set", "[format][icons]") {
    const auto w = samples::from_sample(samples::k_san_francisco);  // broken clouds, by day
    const auto with = [&](IconSet set) {
        TemplateForecast ahead;
        ahead.icons = set;
        auto text = render_template("{symbol}", w, Units::imperial, ahead);
        REQUIRE(text);
        return *text;
    };
    CHECK(with(IconSet::emoji) == "☁");
    CHECK(with(IconSet::nerd) == "\ue312");  // cloudy
    CHECK(with(IconSet::ascii) == "mm");
}

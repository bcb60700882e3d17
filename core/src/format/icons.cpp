#include "tenki/format/icons.hpp"

#include <array>

namespace tenki {
namespace {

using K = ConditionKind;

struct Glyphs {
    ConditionKind kind;
    std::string_view day;
    std::string_view night;
};

// The symbols tenki drew before --icons, by OpenWeatherMap's groups: only a clear night differs.
constexpr std::array<Glyphs, k_condition_count> k_emoji{{
    {K::unknown, "", ""},
    {K::thunderstorm_with_light_rain, "⛈", "⛈"},
    {K::thunderstorm_with_rain, "⛈", "⛈"},
    {K::thunderstorm_with_heavy_rain, "⛈", "⛈"},
    {K::light_thunderstorm, "⛈", "⛈"},
    {K::thunderstorm, "⛈", "⛈"},
    {K::heavy_thunderstorm, "⛈", "⛈"},
    {K::ragged_thunderstorm, "⛈", "⛈"},
    {K::thunderstorm_with_light_drizzle, "⛈", "⛈"},
    {K::thunderstorm_with_drizzle, "⛈", "⛈"},
    {K::thunderstorm_with_heavy_drizzle, "⛈", "⛈"},
    {K::thunderstorm_with_slight_hail, "⛈", "⛈"},
    {K::thunderstorm_with_heavy_hail, "⛈", "⛈"},
    {K::light_drizzle, "🌦", "🌦"},
    {K::drizzle, "🌦", "🌦"},
    {K::heavy_drizzle, "🌦", "🌦"},
    {K::light_drizzle_rain, "🌦", "🌦"},
    {K::drizzle_rain, "🌦", "🌦"},
    {K::heavy_drizzle_rain, "🌦", "🌦"},
    {K::shower_rain_and_drizzle, "🌦", "🌦"},
    {K::heavy_shower_rain_and_drizzle, "🌦", "🌦"},
    {K::shower_drizzle, "🌦", "🌦"},
    {K::light_rain, "🌧", "🌧"},
    {K::moderate_rain, "🌧", "🌧"},
    {K::heavy_rain, "🌧", "🌧"},
    {K::very_heavy_rain, "🌧", "🌧"},
    {K::extreme_rain, "🌧", "🌧"},
    {K::freezing_rain, "🌧", "🌧"},
    {K::light_freezing_rain, "🌧", "🌧"},
    {K::heavy_freezing_rain, "🌧", "🌧"},
    {K::light_freezing_drizzle, "🌧", "🌧"},
    {K::dense_freezing_drizzle, "🌧", "🌧"},
    {K::light_shower_rain, "🌧", "🌧"},
    {K::shower_rain, "🌧", "🌧"},
    {K::heavy_shower_rain, "🌧", "🌧"},
    {K::ragged_shower_rain, "🌧", "🌧"},
    {K::light_snow, "❄", "❄"},
    {K::snow, "❄", "❄"},
    {K::heavy_snow, "❄", "❄"},
    {K::snow_grains, "❄", "❄"},
    {K::sleet, "❄", "❄"},
    {K::light_shower_sleet, "❄", "❄"},
    {K::shower_sleet, "❄", "❄"},
    {K::light_rain_and_snow, "❄", "❄"},
    {K::rain_and_snow, "❄", "❄"},
    {K::light_shower_snow, "❄", "❄"},
    {K::shower_snow, "❄", "❄"},
    {K::heavy_shower_snow, "❄", "❄"},
    {K::mist, "🌫", "🌫"},
    {K::smoke, "🌫", "🌫"},
    {K::haze, "🌫", "🌫"},
    {K::dust_whirls, "🌫", "🌫"},
    {K::fog, "🌫", "🌫"},
    {K::rime_fog, "🌫", "🌫"},
    {K::sand, "🌫", "🌫"},
    {K::dust, "🌫", "🌫"},
    {K::volcanic_ash, "🌫", "🌫"},
    {K::squalls, "🌫", "🌫"},
    {K::tornado, "🌫", "🌫"},
    {K::clear_sky, "☀", "🌙"},
    {K::few_clouds, "⛅", "⛅"},
    {K::scattered_clouds, "⛅", "⛅"},
    {K::broken_clouds, "☁", "☁"},
    {K::overcast_clouds, "☁", "☁"},
}};

// Nerd Fonts 3's nf-weather-* glyphs (Erik Flowers' Weather Icons), by the code points of
// ryanoasis/nerd-fonts glyphnames.json (its METADATA version 3.0.0); each comment names them.
constexpr std::array<Glyphs, k_condition_count> k_nerd{{
    {K::unknown, "", ""},
    {K::thunderstorm_with_light_rain, "\ue30f", "\ue32a"},     // day_thunderstorm, night_alt_thunderstorm
    {K::thunderstorm_with_rain, "\ue30f", "\ue32a"},           // day_thunderstorm, night_alt_thunderstorm
    {K::thunderstorm_with_heavy_rain, "\ue30f", "\ue32a"},     // day_thunderstorm, night_alt_thunderstorm
    {K::light_thunderstorm, "\ue30f", "\ue32a"},               // day_thunderstorm, night_alt_thunderstorm
    {K::thunderstorm, "\ue30f", "\ue32a"},                     // day_thunderstorm, night_alt_thunderstorm
    {K::heavy_thunderstorm, "\ue30f", "\ue32a"},               // day_thunderstorm, night_alt_thunderstorm
    {K::ragged_thunderstorm, "\ue30f", "\ue32a"},              // day_thunderstorm, night_alt_thunderstorm
    {K::thunderstorm_with_light_drizzle, "\ue30f", "\ue32a"},  // day_thunderstorm, night_alt_thunderstorm
    {K::thunderstorm_with_drizzle, "\ue30f", "\ue32a"},        // day_thunderstorm, night_alt_thunderstorm
    {K::thunderstorm_with_heavy_drizzle, "\ue30f", "\ue32a"},  // day_thunderstorm, night_alt_thunderstorm
    {K::thunderstorm_with_slight_hail, "\ue304", "\ue321"},    // day_hail, night_alt_hail
    {K::thunderstorm_with_heavy_hail, "\ue304", "\ue321"},     // day_hail, night_alt_hail
    {K::light_drizzle, "\ue30b", "\ue328"},                    // day_sprinkle, night_alt_sprinkle
    {K::drizzle, "\ue30b", "\ue328"},                          // day_sprinkle, night_alt_sprinkle
    {K::heavy_drizzle, "\ue30b", "\ue328"},                    // day_sprinkle, night_alt_sprinkle
    {K::light_drizzle_rain, "\ue30b", "\ue328"},               // day_sprinkle, night_alt_sprinkle
    {K::drizzle_rain, "\ue30b", "\ue328"},                     // day_sprinkle, night_alt_sprinkle
    {K::heavy_drizzle_rain, "\ue30b", "\ue328"},               // day_sprinkle, night_alt_sprinkle
    {K::shower_rain_and_drizzle, "\ue30b", "\ue328"},          // day_sprinkle, night_alt_sprinkle
    {K::heavy_shower_rain_and_drizzle, "\ue30b", "\ue328"},    // day_sprinkle, night_alt_sprinkle
    {K::shower_drizzle, "\ue30b", "\ue328"},                   // day_sprinkle, night_alt_sprinkle
    {K::light_rain, "\ue308", "\ue325"},                       // day_rain, night_alt_rain
    {K::moderate_rain, "\ue308", "\ue325"},                    // day_rain, night_alt_rain
    {K::heavy_rain, "\ue308", "\ue325"},                       // day_rain, night_alt_rain
    {K::very_heavy_rain, "\ue308", "\ue325"},                  // day_rain, night_alt_rain
    {K::extreme_rain, "\ue308", "\ue325"},                     // day_rain, night_alt_rain
    {K::freezing_rain, "\ue3aa", "\ue3ac"},                    // day_sleet, night_alt_sleet
    {K::light_freezing_rain, "\ue3aa", "\ue3ac"},              // day_sleet, night_alt_sleet
    {K::heavy_freezing_rain, "\ue3aa", "\ue3ac"},              // day_sleet, night_alt_sleet
    {K::light_freezing_drizzle, "\ue3aa", "\ue3ac"},           // day_sleet, night_alt_sleet
    {K::dense_freezing_drizzle, "\ue3aa", "\ue3ac"},           // day_sleet, night_alt_sleet
    {K::light_shower_rain, "\ue309", "\ue326"},                // day_showers, night_alt_showers
    {K::shower_rain, "\ue309", "\ue326"},                      // day_showers, night_alt_showers
    {K::heavy_shower_rain, "\ue309", "\ue326"},                // day_showers, night_alt_showers
    {K::ragged_shower_rain, "\ue309", "\ue326"},               // day_showers, night_alt_showers
    {K::light_snow, "\ue30a", "\ue327"},                       // day_snow, night_alt_snow
    {K::snow, "\ue30a", "\ue327"},                             // day_snow, night_alt_snow
    {K::heavy_snow, "\ue30a", "\ue327"},                       // day_snow, night_alt_snow
    {K::snow_grains, "\ue30a", "\ue327"},                      // day_snow, night_alt_snow
    {K::sleet, "\ue3aa", "\ue3ac"},                            // day_sleet, night_alt_sleet
    {K::light_shower_sleet, "\ue3aa", "\ue3ac"},               // day_sleet, night_alt_sleet
    {K::shower_sleet, "\ue3aa", "\ue3ac"},                     // day_sleet, night_alt_sleet
    {K::light_rain_and_snow, "\ue306", "\ue323"},              // day_rain_mix, night_alt_rain_mix
    {K::rain_and_snow, "\ue306", "\ue323"},                    // day_rain_mix, night_alt_rain_mix
    {K::light_shower_snow, "\ue30a", "\ue327"},                // day_snow, night_alt_snow
    {K::shower_snow, "\ue30a", "\ue327"},                      // day_snow, night_alt_snow
    {K::heavy_shower_snow, "\ue30a", "\ue327"},                // day_snow, night_alt_snow
    {K::mist, "\ue303", "\ue346"},                             // day_fog, night_fog
    {K::smoke, "\ue35c", "\ue35c"},                            // smoke
    {K::haze, "\ue3ae", "\ue346"},                             // day_haze, night_fog
    {K::dust_whirls, "\ue35d", "\ue35d"},                      // dust
    {K::fog, "\ue303", "\ue346"},                              // day_fog, night_fog
    {K::rime_fog, "\ue303", "\ue346"},                         // day_fog, night_fog
    {K::sand, "\ue37a", "\ue37a"},                             // sandstorm
    {K::dust, "\ue35d", "\ue35d"},                             // dust
    {K::volcanic_ash, "\ue3c0", "\ue3c0"},                     // volcano
    {K::squalls, "\ue34b", "\ue34b"},                          // strong_wind
    {K::tornado, "\ue351", "\ue351"},                          // tornado
    {K::clear_sky, "\ue30d", "\ue32b"},                        // day_sunny, night_clear
    {K::few_clouds, "\ue302", "\ue379"},                       // day_cloudy, night_alt_partly_cloudy
    {K::scattered_clouds, "\ue302", "\ue37e"},                 // day_cloudy, night_alt_cloudy
    {K::broken_clouds, "\ue312", "\ue312"},                    // cloudy
    {K::overcast_clouds, "\ue312", "\ue312"},                  // cloudy
}};

// wttr.in's WEATHER_SYMBOL_PLAIN (chubin/wttr.in lib/constants.py, the %x format) by the nearest
// of its conditions: "o" sunny, "m" partly cloudy, "mm"/"mmm" cloudy, "=" fog, "." light showers,
// "/" rain, "//" showers, "///" heavy rain, "*" snow, "x" sleet, "!/" thunder. wttr.in has no
// squall or tornado: "~" and "@" are tenki's. No night variants.
constexpr std::array<Glyphs, k_condition_count> k_ascii{{
    {K::unknown, "", ""},
    {K::thunderstorm_with_light_rain, "!/", "!/"},
    {K::thunderstorm_with_rain, "!/", "!/"},
    {K::thunderstorm_with_heavy_rain, "/!/", "/!/"},
    {K::light_thunderstorm, "!/", "!/"},
    {K::thunderstorm, "!/", "!/"},
    {K::heavy_thunderstorm, "/!/", "/!/"},
    {K::ragged_thunderstorm, "!/", "!/"},
    {K::thunderstorm_with_light_drizzle, "!/", "!/"},
    {K::thunderstorm_with_drizzle, "!/", "!/"},
    {K::thunderstorm_with_heavy_drizzle, "!/", "!/"},
    {K::thunderstorm_with_slight_hail, "!/", "!/"},
    {K::thunderstorm_with_heavy_hail, "!/", "!/"},
    {K::light_drizzle, ".", "."},
    {K::drizzle, ".", "."},
    {K::heavy_drizzle, "/", "/"},
    {K::light_drizzle_rain, ".", "."},
    {K::drizzle_rain, ".", "."},
    {K::heavy_drizzle_rain, "/", "/"},
    {K::shower_rain_and_drizzle, ".", "."},
    {K::heavy_shower_rain_and_drizzle, "/", "/"},
    {K::shower_drizzle, ".", "."},
    {K::light_rain, "/", "/"},
    {K::moderate_rain, "/", "/"},
    {K::heavy_rain, "///", "///"},
    {K::very_heavy_rain, "///", "///"},
    {K::extreme_rain, "///", "///"},
    {K::freezing_rain, "x", "x"},
    {K::light_freezing_rain, "x", "x"},
    {K::heavy_freezing_rain, "x", "x"},
    {K::light_freezing_drizzle, "x", "x"},
    {K::dense_freezing_drizzle, "x", "x"},
    {K::light_shower_rain, ".", "."},
    {K::shower_rain, "//", "//"},
    {K::heavy_shower_rain, "//", "//"},
    {K::ragged_shower_rain, "//", "//"},
    {K::light_snow, "*", "*"},
    {K::snow, "*", "*"},
    {K::heavy_snow, "**", "**"},
    {K::snow_grains, "*", "*"},
    {K::sleet, "x", "x"},
    {K::light_shower_sleet, "x/", "x/"},
    {K::shower_sleet, "x/", "x/"},
    {K::light_rain_and_snow, "x", "x"},
    {K::rain_and_snow, "x", "x"},
    {K::light_shower_snow, "*/", "*/"},
    {K::shower_snow, "*/", "*/"},
    {K::heavy_shower_snow, "*/*", "*/*"},
    {K::mist, "=", "="},
    {K::smoke, "=", "="},
    {K::haze, "=", "="},
    {K::dust_whirls, "=", "="},
    {K::fog, "=", "="},
    {K::rime_fog, "=", "="},
    {K::sand, "=", "="},
    {K::dust, "=", "="},
    {K::volcanic_ash, "=", "="},
    {K::squalls, "~", "~"},
    {K::tornado, "@", "@"},
    {K::clear_sky, "o", "o"},
    {K::few_clouds, "m", "m"},
    {K::scattered_clouds, "m", "m"},
    {K::broken_clouds, "mm", "mm"},
    {K::overcast_clouds, "mmm", "mmm"},
}};

constexpr bool icon_rows_in_order(const std::array<Glyphs, k_condition_count>& table) {
    for (std::size_t i = 0; i < table.size(); ++i)
        if (static_cast<std::size_t>(table[i].kind) != i) return false;
    return true;
}
static_assert(icon_rows_in_order(k_emoji) && icon_rows_in_order(k_nerd) && icon_rows_in_order(k_ascii),
              "each icon table has one row per ConditionKind, in the enum's order");

const std::array<Glyphs, k_condition_count>& table_of(IconSet set) {
    switch (set) {
        case IconSet::nerd: return k_nerd;
        case IconSet::ascii: return k_ascii;
        case IconSet::emoji: break;
    }
    return k_emoji;
}

}  // namespace

std::optional<IconSet> icon_set_named(std::string_view name) {
    if (name == "emoji") return IconSet::emoji;
    if (name == "nerd") return IconSet::nerd;
    if (name == "ascii") return IconSet::ascii;
    return std::nullopt;
}

std::string_view to_string(IconSet set) {
    switch (set) {
        case IconSet::nerd: return "nerd";
        case IconSet::ascii: return "ascii";
        case IconSet::emoji: break;
    }
    return "emoji";
}

std::string_view condition_glyph(ConditionKind kind, IconSet set, bool night) {
    const auto index = static_cast<std::size_t>(kind);
    if (index >= k_condition_count) return "";
    const auto& row = table_of(set)[index];
    return night ? row.night : row.day;
}

bool observed_at_night(const Weather& w) {
    const auto sunrise = real_instant(w.sunrise), sunset = real_instant(w.sunset);
    if (sunrise && sunset && *sunrise < *sunset) return w.observed_at < *sunrise || w.observed_at >= *sunset;
    return !w.condition.icon.empty() && w.condition.icon.back() == 'n';
}

std::string_view weather_symbol(const Weather& w, IconSet set) {
    return condition_glyph(w.condition.kind, set, observed_at_night(w));
}

}  // namespace tenki

#pragma once

#include <optional>
#include <string_view>

#include "tenki/domain/condition.hpp"
#include "tenki/domain/weather.hpp"

// The symbol sets of `--icons` (config `icons`): what {symbol} and the status bars draw for a condition.
namespace tenki {

enum class IconSet {
    emoji,  // Unicode symbols ("☀", "🌙" at night, "🌧"): tenki's symbols before --icons
    nerd,   // Nerd Fonts 3's nf-weather-* glyphs (Private Use Area; needs a Nerd Font)
    ascii,  // wttr.in's plain-text condition symbols (its %x: "o" clear, "mm" clouds, "/" rain)
};

// "emoji", "nerd", "ascii"; nullopt for another name.
std::optional<IconSet> icon_set_named(std::string_view name);
std::string_view to_string(IconSet set);

// The set's glyph for a condition of tenki's vocabulary, its night variant when `night`
// (one table per set, a row per ConditionKind: a static_assert holds each to the enum's order).
// "" for unknown, in every set: no condition is made up.
std::string_view condition_glyph(ConditionKind kind, IconSet set, bool night);

// Whether an observation was made at night by the place's sun: before its sunrise or from its
// sunset, when the answer gives both (OpenWeatherMap does); else by the provider's own day/night
// mark, the icon's "n" suffix (Open-Meteo's is_day); else day.
bool observed_at_night(const Weather& w);

// {symbol}: the observation's condition in `set`, day or night by observed_at_night.
std::string_view weather_symbol(const Weather& w, IconSet set);

}  // namespace tenki

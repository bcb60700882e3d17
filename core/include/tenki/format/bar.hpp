#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/domain/air_quality.hpp"
#include "tenki/domain/alerts.hpp"
#include "tenki/domain/forecast.hpp"
#include "tenki/domain/units.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"
#include "tenki/lang/language.hpp"

namespace tenki {
class SkyCache;  // tenki/cache/sky_cache.hpp: the CLI's disk cache of skies
}  // namespace tenki

// The status-bar outputs of `tenki weather --output`: what a bar runs every minute or ten. Each
// prints something its bar accepts in every state (fresh, stale, failed), so the bar never breaks.
namespace tenki {

// Each is a row of the table of output formats (format/formats.hpp), which names it for --output.
enum class BarOutput {
    waybar,    // one JSON object of Waybar's custom module (waybar-custom(5), "return-type": "json")
    i3blocks,  // i3blocks' lines (i3blocks(1)): full_text, short_text, then a colour when one is meant
    plain,     // one line of text: tmux's #(...), polybar's custom/script
};

// i3blocks' colours (#RRGGBB): a stale answer's and a failure's. A fresh answer has none (the
// bar's own colour).
inline constexpr std::string_view k_bar_stale_colour = "#E5C07B";
inline constexpr std::string_view k_bar_error_colour = "#FF5555";
// i3blocks' colour while an alert is in force (i3bar's urgent red).
inline constexpr std::string_view k_bar_alert_colour = "#FF0000";

// The temperatures of the bars' classes `hot` (at or above) and `cold` (at or below), in °C whatever
// the units shown, so one config means one temperature for every place (units = "auto" shows °F in
// the US and °C elsewhere): the config's bar.hot and bar.cold.
struct BarThresholds {
    double hot_celsius = 30;
    double cold_celsius = 0;
};

// i3blocks' colours (#RRGGBB) of a fresh answer at or past a threshold (i3blocks has no classes).
inline constexpr std::string_view k_bar_hot_colour = "#E06C75";
inline constexpr std::string_view k_bar_cold_colour = "#61AFEF";

// "hot", "cold", or "" between the thresholds, for a temperature in K (hot wins when they overlap).
std::string_view temperature_class(double kelvin, const BarThresholds& thresholds);

// One answer as a bar shows it.
struct BarAnswer {
    const Weather* weather = nullptr;  // never null
    Units units = Units::standard;
    std::string text;                         // the rendered template: bar.format, or --format
    const Forecast* forecast = nullptr;       // when set, the tooltip lists the next days from `now`
    std::int64_t now = 0;                     // unix seconds
    std::optional<std::int64_t> stale_age_s;  // set: the last known good answer, this many seconds old
    std::optional<Error> stale_reason;        // why the upstream could not answer afresh
    // The alerts in force when the template names one: Waybar's class `alert` and `alert-<severity>`
    // and the headline first in the tooltip; i3blocks' urgent colour. Null: none to show.
    const AlertList* alerts = nullptr;
    // The air when the template names it: class `aqi-<category>`; its value hidden from the text
    // while the air is good when hide_when_good. Null: none.
    const AirShown* air = nullptr;
    Language language = Language::en;  // the tooltip's words (the template's are its own)
    BarThresholds thresholds{};        // the classes hot and cold
    const SkyCache* skies = nullptr;   // the tooltip's kept skies (weather_sky), or null: computed
};

// The bar's output for an answer, newline-terminated.
// waybar: {"text", "alt", "tooltip", "class", "percentage"}: text the template (Pango markup
//   escaped, as Waybar reads markup), alt the condition word, tooltip the place, condition,
//   temperature and feels like, wind, humidity, the UV index now with its WHO band and the dew
//   point (each line left out where there is none, as {uv} and {dew_point} give "-"), the sky's
//   line (and the next days with a forecast; the age and why
//   when stale), class [the condition as a lower-case word ("clouds"), "hot" or "cold" by
//   temperature_class, "stale" when stale],
//   percentage the cloud cover (%) when the provider gave it, else left out.
// i3blocks: full_text (the template, " (stale: 23 min old)" when stale), short_text (the
//   temperature), and k_bar_stale_colour when stale, else k_bar_hot_colour or k_bar_cold_colour
//   when temperature_class says so.
// plain: the template, " (stale: 23 min old)" when stale.
std::string render_bar(BarOutput output, const BarAnswer& answer);

// The bar's output for a failure: a short text ("⚠ offline"; "⚠ timed out, next try 14:05" in
// local time when the error has next_try: every provider held back by its breaker), the error as "tenki:
// place: message" in Waybar's tooltip ("tenki: message" without a place: the config's own error), class
// ["error", the kind's name]; k_bar_error_colour in i3blocks.
std::string render_bar_error(BarOutput output, std::string_view place, const Error& error);

// The condition as one lower-case CSS word: "Clouds" -> "clouds", "Light Rain" -> "light-rain";
// "unknown" when the provider gave none.
std::string condition_class(const Condition& condition);

}  // namespace tenki

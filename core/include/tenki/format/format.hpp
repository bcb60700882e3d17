#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/air_quality.hpp"
#include "tenki/domain/alerts.hpp"
#include "tenki/domain/forecast.hpp"
#include "tenki/domain/units.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"
#include "tenki/format/icons.hpp"
#include "tenki/lang/language.hpp"

namespace tenki {
class SkyCache;  // tenki/cache/sky_cache.hpp: the CLI's disk cache of skies
}  // namespace tenki

namespace tenki {

struct TextStyle {
    bool color = false;                // ANSI colour: only on a terminal, never with NO_COLOR
    bool symbols = false;              // weather symbols: on a terminal, or with --icons given
    Language language = Language::en;  // the labels' and the condition's (tenki/lang/translate.hpp)
    // With symbols: the condition's symbol from this set (--icons), day or night as {symbol}'s
    // (weather_symbol); ascii also leaves the moon's emoji out of the Sky line.
    IconSet icons = IconSet::emoji;
    const SkyCache* skies = nullptr;  // the Sky line's kept skies (weather_sky), or null: computed
};

// The human-readable report of `tenki weather`.
std::string render_text(const Weather& weather, Units units, const TextStyle& style);

// The document of `tenki weather --json` and GET /api/v2/weather, one for both faces. Given a
// stale age (seconds since the answer was fetched: the CLI's last known good answer, the server's
// expired entry) it is "stale": true with that "age_s"; else "stale": false and no "age_s". In
// another language than English condition.description is translated (the rest stays).
nlohmann::json to_v2_json(const Weather& weather, Units units,
                          std::optional<std::int64_t> stale_age_s = std::nullopt,
                          Language language = Language::en, const SkyCache* skies = nullptr);

// A v2 document's (weather or forecast) "stale" and, when stale, "age_s": one rule for both.
void stale_fields(nlohmann::json& doc, std::optional<std::int64_t> stale_age_s);

// An age in seconds as every face writes it: "45 s" under a minute, then to the nearest minute
// ("3 min" for 177 s, "1 h" for 3,570 s, "2 h 5 min"); a negative age is 0 s. In another language
// the units are CLDR's short ones: "23 Min.", "2 Std. 5 Min." in German.
std::string age_text(std::int64_t age_s, Language language = Language::en);
// How a stale answer's age reads: "stale: 45 s old", "stale: 23 min old", "stale: 2 h 5 min old"
// (age_text's rounding); the words and units in `language`.
std::string stale_note(std::int64_t age_s, Language language = Language::en);
// `text` with " (stale: 23 min old)" at the end of its first line: the text report's heading, a
// template's one line, the forecast's heading.
std::string with_stale_note(std::string text, std::int64_t age_s, Language language = Language::en);

// The original Flask service's answer: pyowm's Weather.to_JSON(), Kelvin, exact key set.
nlohmann::json to_v1_json(const Weather& weather);

// What a template's forecast fields ({today_min}, {today_max}, {tomorrow_min}, {tomorrow_max},
// {rain_next}, {temp_spark}) read: the place's forecast, or null when there is none (they render
// "-"), and the instant they are relative to (unix seconds): today is the place's local date then.
struct TemplateForecast {
    const Forecast* forecast = nullptr;
    std::int64_t now = 0;
    bool unicode = true;  // {temp_spark} in block characters, else ASCII shades
    // {alert} and {alert_count}: the source's answer, or null ("-": failed, or no source here).
    const AlertList* alerts = nullptr;
    // {aqi}, {aqi_label}, {pm2_5}, {pm10}: the air as shown, or null ("-").
    const AirShown* air = nullptr;
    IconSet icons = IconSet::emoji;   // {symbol}'s set (--icons)
    const SkyCache* skies = nullptr;  // the sky fields' kept skies (weather_sky), or null: computed
};

// `--format '{name}: {temp}{temp_unit} {description}'`; an unknown field is invalid_input
// naming the known ones, and so is a malformed template or a spec that does not suit a field
// ('{temp:.0f}' works). An absent value renders as "-", its spec ignored.
// In another language than English the words a person reads are translated ({description},
// {rain_next}, {wind_dir}); names, numbers and codes are not.
Result<std::string> render_template(std::string_view tmpl, const Weather& weather, Units units,
                                    const TemplateForecast& forecast = {}, Language language = Language::en);
const std::vector<std::string>& template_fields();
// Whether the template names a forecast field: only then does a face fetch the forecast.
bool template_wants_forecast(std::string_view tmpl);
// Whether the template names an alert field ({alert}, {alert_count}): only then are alerts asked for.
bool template_wants_alerts(std::string_view tmpl);
// Whether the template names an air field ({aqi}, {aqi_label}, {pm2_5}, {pm10}).
bool template_wants_air(std::string_view tmpl);
// Whether the template names a sky field ({moon}, {moonrise}, {dawn}, {day_length}, ...): the
// sun and the moon on the place's local date (tenki/astronomy/sky.hpp).
bool template_wants_sky(std::string_view tmpl);

}  // namespace tenki

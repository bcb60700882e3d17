#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/air_quality.hpp"
#include "tenki/domain/alerts.hpp"
#include "tenki/domain/forecast.hpp"
#include "tenki/domain/units.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"
#include "tenki/format/bar.hpp"
#include "tenki/format/icons.hpp"
#include "tenki/lang/language.hpp"

// The one table of output formats: what each format is called, what it renders and how. The CLI's
// --json, --format and --output and the server's memoised documents read it; a new format is a
// row here and its renderer.
namespace tenki {

enum class OutputFormat {
    text,           // `tenki weather`'s report
    v2_json,        // GET /api/v2/weather, `tenki weather --json`
    v1_json,        // GET /api/v1/weather: pyowm's document, Kelvin whatever the units
    template_line,  // `tenki weather --format TEMPLATE`: one line a place
    waybar,         // the status bars' outputs (format/bar.hpp)
    i3blocks,
    plain,
    forecast_text,  // `tenki forecast`: the days, or the hours
    forecast_json,  // GET /api/v2/forecast, `tenki forecast --json`
};
inline constexpr std::size_t k_output_format_count = 9;

// Which kind of answer a format renders. (service/service.hpp's AnswerKind names the same two,
// but that header brings the caches with it; a format needs only the domain types.)
enum class Renders { weather, forecast };

// How the CLI picks a format among those of its answer kind.
enum class FormatPick {
    fallback,       // no option given: the kind's default
    json_flag,      // -j, --json
    format_option,  // -f, --format TEMPLATE, without --output
    output_option,  // -o, --output NAME: the row's name is one of the choices
    server_only,    // no option: only a route of `tenki serve` answers in it
};

// What a renderer reads: one answer and how to show it. Each format reads only its part.
struct RenderInput {
    const Weather* weather = nullptr;    // the weather formats': never null for them
    const Forecast* forecast = nullptr;  // forecast formats: the window shown (forecast_window);
                                         // weather formats: a template's forecast fields and
                                         // Waybar's tooltip, or null (they read "-")
    Units units = Units::standard;
    std::string_view tmpl;  // template_line and the bars: '{name}: {temp}{temp_unit}'
    std::int64_t now = 0;   // unix seconds: what forecast fields are relative to
    std::optional<std::int64_t>
        stale_age_s;                    // set: the last known good answer, its age (seconds since fetched)
    std::optional<Error> stale_reason;  // why the upstream did not answer afresh
    bool color = false;                 // ANSI colour (text reports): only on a terminal, never with NO_COLOR
    bool symbols = false;               // weather symbols and block bars in text reports
    bool unicode = true;                // a template's {temp_spark} in block characters, else ASCII shades
    bool hourly = false;                // forecast_text: one line an hour instead of one a day
    AlertsShown alerts;                 // the text's top lines, v2's `alerts`, {alert}, the bars' class
    AirShown air;                       // the text's air line, v2's `air`, {aqi}..., the bars' class
    Language language = Language::en;   // the words a person reads (tenki/lang/translate.hpp)
    IconSet icons = IconSet::emoji;     // {symbol}'s set (--icons)
    BarThresholds thresholds{};         // the bars' classes hot and cold
    // The CLI's disk cache of skies (tenki/cache/sky_cache.hpp) for the sky each format shows, or
    // null (the server, tests of the renderers): computed each render.
    const SkyCache* skies = nullptr;
};

// The rendered bytes; invalid_input for a template that does not suit (render_template).
using Renderer = Result<std::string> (*)(const RenderInput&);
// A JSON format's document, which the CLI gathers into an array for several places.
using DocumentRenderer = nlohmann::json (*)(const RenderInput&);
// A format's own form of a failure (a status bar must show something): `place` may be empty
// (the config's own error).
using ErrorRenderer = std::string (*)(std::string_view place, const Error& error);

struct FormatInfo {
    OutputFormat format;
    std::string_view name;        // --output's choice for the bars; a stable name for the others
    std::string_view media_type;  // e.g. "application/json"
    Renders renders;
    FormatPick pick;
    bool by_units;                 // false: the same bytes in every unit system (v1 is Kelvin)
    bool served;                   // a route of `tenki serve` answers in it: its bytes are memoised
    bool needs_forecast;           // its weather rendering reads the forecast (Waybar's tooltip)
    std::string_view description;  // what it is: the help of the CLI option that picks it, if one does
    Renderer render;
    DocumentRenderer document = nullptr;   // JSON formats only
    ErrorRenderer render_error = nullptr;  // status bars only
    // The exit status while an alert of CAP severity Extreme or Severe is in force (urgent_alert):
    // i3blocks' 33, which marks its block urgent (i3blocks(1); its CHANGELOG: "return code for
    // urgency"); 0: the usual 0.
    int urgent_status = 0;
};

// The table, in OutputFormat's order.
std::span<const FormatInfo> output_formats();
const FormatInfo& format_info(OutputFormat format);
// The first row of `renders` that `pick` picks (the CLI's default, --json's, --format's); null
// when no row is picked so.
const FormatInfo* picked_format(Renders renders, FormatPick pick);
// --output NAME: the row of `renders` picked by output_option named `name`; invalid_input
// "unknown output 'x': use one of waybar, i3blocks, plain" otherwise.
Result<const FormatInfo*> parse_output_format(Renders renders, std::string_view name);

// The server's memo of one weather answer: a slot per (served weather row, units), or one for a
// row whose bytes do not depend on the units. memo_slots: how many; memo_slot: the slot, in
// [0, memo_slots()), of a served weather format (of another format: meaningless).
std::size_t memo_slots();
std::size_t memo_slot(OutputFormat format, Units units);

}  // namespace tenki

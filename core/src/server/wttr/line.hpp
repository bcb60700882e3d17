#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/lang/language.hpp"

// wttr.in's one-line formats (chubin/wttr.in internal/renderer/oneline, and lib/view/line.py before
// it for %H %L %e): the presets format=1 to 4 and the % codes, rendered from tenki's canonical
// weather and forecast.
namespace tenki::wttr {

// wttr.in's unit choices: ?m metric, ?u USCS (°F, mph), ?M metric with the wind in m/s.
enum class LineUnits { metric, uscs, metric_ms };

struct LineInput {
    const Weather* weather = nullptr;    // never null
    const Forecast* forecast = nullptr;  // %H, %L, %o (and %u when the
                                         // answer has no UV index now); null: those ""
    std::string_view label;              // %l: the place as asked ("São Paulo")
    LineUnits units = LineUnits::metric;
    Language language = Language::en;  // %C's words
    std::int64_t now = 0;              // unix seconds: %T, and the local day of %H %L and the sky codes
};

// A preset's format ("1" to "4", as wttr.in's PRECONFIGURED_FORMAT: "3" is "%l: %c %t\n", the
// "\n" two characters); nullopt for any other name.
std::optional<std::string_view> preset_format(std::string_view name);

// `format` with each % code replaced (wttr.in's %c %C %x %i %t %f %H %L %e %w %h %p %o %P %u %l %m
// %M %D %S %z %s %d %T %Z; an unknown code is left as written), then real trailing newlines cut
// and each two-character "\n" made a newline: a preset ends in one, a custom format in none.
// Numbers as wttr.in writes them: whole degrees signed ("+8°C", "-3°F"), whole km/h, mph or m/s,
// hPa and %, precipitation "0.2mm" or "0.01 in" (USCS), no chance of rain for 0 %; times of day
// "07:41:00" in the place's zone (sky_on's, to the minute). A value the answer lacks renders as "".
std::string render_line(std::string_view format, const LineInput& input);

// One % code render_line knows and what it stands for, in wttr.in's README's words where it has
// them ("Weather condition symbol"); /:help lists them from here (tests hold the table to the
// renderer: each code renders, every other letter stays as written).
struct LineCode {
    char code;
    std::string_view meaning;
};
std::span<const LineCode> line_codes();

// Whether the format names a code that reads the forecast (%H, %L, %o).
bool line_wants_forecast(std::string_view format);

}  // namespace tenki::wttr

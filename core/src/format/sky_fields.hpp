#pragma once

#include <optional>

#include "tenki/astronomy/sky.hpp"
#include "tenki/domain/weather.hpp"

// The sky over a weather answer's place, for its template fields, text line and JSON.
namespace tenki::format {

// The sun and the moon on the place's local date at the answer's observation time, at the
// coordinates the answer echoes (the place tenki resolved, else the provider's), in their boundary
// time zone (tenki/places/time_zone.hpp). nullopt without coordinates. libnova's work: about ten
// milliseconds, so callers compute it once an answer and only when it is shown.
// moon_times false: without moonrise and moonset (sky_on), for the summaries that omit them.
std::optional<Sky> weather_sky(const Weather& w, std::optional<double> lat, std::optional<double> lon,
                               bool moon_times = true);

}  // namespace tenki::format

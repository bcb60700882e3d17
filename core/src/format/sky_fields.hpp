#pragma once

#include <optional>
#include <string_view>

#include "tenki/astronomy/sky.hpp"
#include "tenki/domain/weather.hpp"

namespace tenki {
class SkyCache;  // tenki/cache/sky_cache.hpp
}  // namespace tenki

// The sky over a weather answer's place, for its template fields, text line and JSON.
namespace tenki::format {

// The sun and the moon on the place's local date at the answer's observation time, at the
// answer's sky place (weather_sky_place: the place tenki resolved, a US ZIP code's included, else
// the provider's coordinates), in its boundary time zone (tenki/places/time_zone.hpp). nullopt
// without a point. The positions and the zone: about a millisecond, so callers compute it once an answer
// and only when it is shown.
// Kept in `kept` (the CLI's disk cache, tenki/cache/sky_cache.hpp) for the place's local date when
// one is given (a hit loads no zone); else computed (sky_at). moon_times false: without moonrise
// and moonset (sky_on), for the summaries that omit them.
std::optional<Sky> weather_sky(const Weather& w, bool moon_times = true, const SkyCache* kept = nullptr);

// The sky over `place` on the local date `date` ("2026-12-12", a forecast day's), with moonrise,
// moonset and the moon's age (`tenki moon`'s whole document); nullopt without a place, for a text
// that is not a date, or a date sky_on refuses (outside 1900-2100).
std::optional<Sky> sky_on_date(const std::optional<SkyPlace>& place, std::string_view date);

}  // namespace tenki::format

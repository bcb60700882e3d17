#include "format/sky_fields.hpp"

#include <chrono>

#include "tenki/astronomy/sky_place.hpp"
#include "tenki/cache/sky_cache.hpp"

namespace tenki::format {

std::optional<Sky> weather_sky(const Weather& w, bool moon_times, const SkyCache* kept) {
    const auto place = weather_sky_place(w.location, w.lat, w.lon);
    if (!place) return std::nullopt;
    const std::chrono::sys_seconds at{std::chrono::seconds{w.observed_at}};
    auto sky = kept != nullptr ? kept->at(*place, at, moon_times) : sky_at(*place, at, moon_times);
    if (!sky) return std::nullopt;
    return std::move(*sky);
}

std::optional<Sky> sky_on_date(const std::optional<SkyPlace>& place, std::string_view date) {
    if (!place) return std::nullopt;
    const auto day = parse_iso_date(date);
    if (!day) return std::nullopt;
    auto sky = sky_on(*place, *day);
    if (!sky) return std::nullopt;
    return std::move(*sky);
}

}  // namespace tenki::format

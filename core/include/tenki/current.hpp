#pragma once

#include <cstdint>

#include "tenki/disk_cache.hpp"
#include "tenki/error.hpp"
#include "tenki/location.hpp"
#include "tenki/provider.hpp"
#include "tenki/weather.hpp"

namespace tenki {

struct CurrentOptions {
    bool refresh = false;  // skip the cache read, still write the fresh answer
    std::int64_t now = 0;  // unix seconds
};

struct CurrentWeather {
    Weather weather;
    bool from_cache = false;
};

// The CLI's lookup: the disk cache within its TTL (an answer from the same provider), else one
// upstream call whose answer is cached.
// `cache` may be null (no cache).
Result<CurrentWeather> current_weather(const Location& location, Provider& provider, DiskCache* cache,
                                       const CurrentOptions& options);

}  // namespace tenki

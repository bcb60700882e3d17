#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "tenki/cache/weather_cache.hpp"

namespace tenki::cache {

// What a source behind the in-process cache answers: the upstream's result, or a shared cache's
// entry with what remains of its TTL (so every instance expires it at the same moment).
struct Sourced {
    Result<Weather> result;
    CacheStatus status = CacheStatus::miss;    // hit: read from a shared cache; stale: an expired one
    std::optional<Clock::duration> fresh_for;  // the cache's own TTL when empty
};

using Source = std::function<Sourced(const Location&, const std::string& client)>;

// Whether an expired entry may answer in place of this failure: the upstream's failures yes, but
// never the question's own (an unknown place, an invalid code), which the old entry cannot fix.
inline bool stale_may_answer(ErrorKind kind) {
    return kind != ErrorKind::not_found && kind != ErrorKind::invalid_input;
}

// The in-process cache over any source: make_memory_cache is this over the upstream alone,
// the Redis cache is this over Redis-then-upstream.
std::unique_ptr<WeatherCache> make_memory_cache_over(MemoryCacheOptions options, Source source,
                                                     Executor executor,
                                                     std::function<std::optional<SharedCacheStats>()> shared);

}  // namespace tenki::cache

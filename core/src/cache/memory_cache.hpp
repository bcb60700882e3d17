#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "tenki/cache/weather_cache.hpp"

namespace tenki::cache {

// What a source behind the in-process cache answers: the upstream's result, or a shared cache's
// entry with what remains of its TTL (so every instance expires it at the same moment).
template <typename T>
struct BasicSourced {
    Result<T> result;
    CacheStatus status = CacheStatus::miss;    // hit: read from a shared cache; stale: an expired one
    std::optional<Clock::duration> fresh_for;  // the cache's own TTL when empty
    // stale: how old the answer already was where it was kept (the CLI's disk cache knows when it
    // was fetched), so the entry's fetched_at tells its real age; and the failure it stands in for.
    Clock::duration age{0};
    std::optional<Error> stale_reason;
};
using Sourced = BasicSourced<Weather>;

// asking.refresh: the caller wants the upstream's answer, not a shared cache's.
template <typename T>
using BasicSource = std::function<BasicSourced<T>(const Location&, const Asking& asking)>;
using Source = BasicSource<Weather>;

// Whether an expired entry may answer in place of this failure: the upstream's failures yes, but
// never the question's own (an unknown place, an invalid code), which the old entry cannot fix,
// nor one client's refusal (too_many_requests: that client is told to slow down, 429).
inline bool stale_may_answer(ErrorKind kind) {
    return kind != ErrorKind::not_found && kind != ErrorKind::invalid_input &&
           kind != ErrorKind::too_many_requests;
}

// The in-process cache over any source: make_memory_cache is this over the upstream alone,
// the Redis cache is this over Redis-then-upstream, the CLI's over its disk cache.
template <typename T>
std::unique_ptr<Cache<T>> make_memory_cache_over(MemoryCacheOptions options, BasicSource<T> source,
                                                 Executor executor,
                                                 std::function<std::optional<SharedCacheStats>()> shared);

inline std::unique_ptr<WeatherCache> make_memory_cache_over(
    MemoryCacheOptions options, Source source, Executor executor,
    std::function<std::optional<SharedCacheStats>()> shared) {
    return make_memory_cache_over<Weather>(std::move(options), std::move(source), std::move(executor),
                                           std::move(shared));
}

}  // namespace tenki::cache

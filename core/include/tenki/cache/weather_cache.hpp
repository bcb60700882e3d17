#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"

namespace tenki::cache {

using Clock = std::chrono::steady_clock;

// What a kind of answer is called in cache keys and records ("weather-94107,us"). One
// specialisation per cached type; the caches are instantiated for these types only.
template <typename T>
struct CacheKind;
template <>
struct CacheKind<Weather> {
    static constexpr std::string_view name = "weather";
};
template <>
struct CacheKind<Forecast> {
    static constexpr std::string_view name = "forecast";
};

// The format of the records the shared and on-disk caches write (Weather's and Forecast's
// canonical JSON in its envelope): raised whenever that changes. Keys and file names carry it
// ("weather-v2-94107,us") and so does each record ("version": 2, checked on read), so instances
// of two versions sharing one Redis or one cache folder never read each other's records: another
// version's record is a miss. 1 was unnamed; 2 brought the condition vocabulary and ProviderPart.
inline constexpr int k_record_version = 2;
inline constexpr std::string_view k_record_tag = "v2";

// One place's answer as a cache keeps it: canonical data and its times, never a rendered document
// (the server memoises its bytes beside it). `value` or `error` (the upstream's not_found, or a
// failure being answered) is set.
template <typename T>
struct CacheEntry {
    std::optional<T> value;
    std::optional<Error> error;
    Clock::time_point fetched_at;
    Clock::time_point expires_at;
};
using Entry = CacheEntry<Weather>;

template <typename T>
std::shared_ptr<const CacheEntry<T>> make_entry(const Result<T>& result, Clock::time_point now,
                                                Clock::duration ttl) {
    auto entry = std::make_shared<CacheEntry<T>>();
    entry->fetched_at = now;
    entry->expires_at = now + ttl;
    if (result)
        entry->value = *result;
    else
        entry->error = result.error();
    return entry;
}

// The bytes a cached answer keeps in memory (what MemoryCacheOptions::max_bytes counts): the
// object and the heap blocks of its strings and vectors (by capacity; a string within the
// small-string buffer has none), not the allocator's bookkeeping. bench/forecast_memory_bench.cpp
// measures the whole cost of an entry against it.
std::size_t cached_bytes(const Weather& weather);
std::size_t cached_bytes(const Forecast& forecast);
// An entry under `key`: the key, the entry and its shared_ptr's block, its value or error.
template <typename T>
std::size_t entry_bytes(std::string_view key, const CacheEntry<T>& entry);

enum class CacheStatus { hit, miss, stale };
std::string_view to_string(CacheStatus status);  // "HIT", "MISS", "STALE": the X-Cache header

template <typename T>
struct BasicLookup {
    std::shared_ptr<const CacheEntry<T>> entry;  // never null: the data, or the error to answer with
    CacheStatus status = CacheStatus::miss;
    std::chrono::seconds max_age{0};  // what remains of the entry's TTL, for Cache-Control
    // stale: the upstream's failure the stale answer stands in for (the face says why); else unset.
    std::optional<Error> stale_reason;
};
using Lookup = BasicLookup<Weather>;

template <typename T>
using BasicCallback = std::function<void(const BasicLookup<T>&)>;
using Callback = BasicCallback<Weather>;

// Who asks and how, handed on to the upstream call a lookup makes (the upstream budget counts
// calls per client).
struct Asking {
    bool refresh = false;  // use no cached answer, whatever its age; the fresh one is stored
    std::string client;    // the asking client's address, without a port; empty: the CLI
};

// The shared (Redis) layer, for /metrics and /healthz.
struct SharedCacheStats {
    bool up = false;               // false: answering from the in-process cache and the upstream
    std::uint64_t hits = 0;        // answers read from the shared cache
    std::uint64_t lock_waits = 0;  // lookups that waited for another instance's upstream call
    std::uint64_t errors = 0;      // failed connections and commands
    std::uint64_t fallbacks = 0;   // lookups made without it because it was down
    std::string last_error;
};

struct CacheStats {
    std::size_t entries = 0;
    std::size_t bytes = 0;              // entry_bytes of the entries, in process
    std::size_t waiting = 0;            // requests waiting for an upstream call in flight
    std::uint64_t refreshed_ahead = 0;  // background refreshes of hot entries before expiry
    // Lookups answered without a call (stale, else rate_limited) while a rate limit held every
    // call back: the provider's 429, or tenki's budget for it spent.
    std::uint64_t held = 0;
    std::optional<SharedCacheStats> shared;  // set when a shared cache is configured
};

// Where answers of one kind come from, keyed by Location::key() (units and documents are applied
// on the way out). The in-process cache implements it, and so does the Redis cache
// (redis_cache.hpp), which keeps an in-process layer in front of Redis.
template <typename T>
class Cache {
public:
    virtual ~Cache() = default;
    // A fresh answer, or nullopt: never calls the upstream, never waits for it. A hot entry (asked
    // in the last part of its life) is refreshed once in the background.
    virtual std::optional<BasicLookup<T>> find(const Location& location, const Asking& asking) = 0;
    std::optional<BasicLookup<T>> find(const Location& location) { return find(location, Asking{}); }
    // Calls `done` exactly once: at once (on this thread) on a fresh entry; otherwise after one
    // upstream call shared by every concurrent request for the key, on the thread that made it.
    virtual void get(const Location& location, BasicCallback<T> done, const Asking& asking) = 0;
    void get(const Location& location, BasicCallback<T> done) { get(location, std::move(done), Asking{}); }
    virtual CacheStats stats() const = 0;
};
using WeatherCache = Cache<Weather>;

// The blocking upstream call, e.g. Provider::current, told who asked.
template <typename T>
using BasicFetch = std::function<Result<T>(const Location&, const Asking&)>;
// The same for callers that do not care who asked.
using Fetch = std::function<Result<Weather>(const Location&)>;
// Runs blocking work off the caller's thread: the service's upstream pool.
using Executor = std::function<void(std::function<void()>)>;

struct MemoryCacheOptions {
    std::chrono::seconds ttl{300};
    // How long past its TTL an entry may still answer, marked stale, when the upstream fails.
    std::chrono::seconds stale_window{3600};
    // How long a not_found is kept, so a typo cannot drain the quota.
    std::chrono::seconds negative_ttl{60};
    std::size_t max_entries = 10000;
    std::function<Clock::time_point()> now;  // the clock; steady_clock when empty
    // The last fraction of an entry's TTL in which a lookup refreshes it in the background, once,
    // so that a polled place never waits for the upstream. 0: off.
    double refresh_ahead = 0;
    // The longest a lookup waits for an upstream thread (every thread busy with calls that hang):
    // past it, it answers stale, else a timeout, without calling, so that the answer still comes
    // before a proxy in front gives up. 0: no bound (the CLI).
    std::chrono::milliseconds max_queue_wait{0};
    // The most bytes the entries may keep, counted by entry_bytes: past it (or max_entries), the
    // entries closest to expiry make room, as many as needed. 0: no bound. An entry larger than
    // the whole bound is still kept, alone.
    std::size_t max_bytes = 0;
};

// The in-process cache: sharded under shared_mutexes, single flight, stale-if-error, bounded.
template <typename T>
std::unique_ptr<Cache<T>> make_memory_cache_of(MemoryCacheOptions options, BasicFetch<T> fetch,
                                               Executor executor);

inline std::unique_ptr<WeatherCache> make_memory_cache(MemoryCacheOptions options, Fetch fetch,
                                                       Executor executor) {
    return make_memory_cache_of<Weather>(
        std::move(options),
        [fetch = std::move(fetch)](const Location& location, const Asking&) { return fetch(location); },
        std::move(executor));
}

}  // namespace tenki::cache

#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/error.hpp"
#include "tenki/location.hpp"
#include "tenki/units.hpp"
#include "tenki/weather.hpp"

namespace tenki::cache {

using Clock = std::chrono::steady_clock;

// One place's answer as a cache keeps it: the observation, or the upstream's not_found, with the
// answers serialised once so that a hit copies and formats nothing.
struct Entry {
    std::optional<Weather> weather;
    std::optional<Error> error;            // set when there is no weather
    std::string v1_body;                   // to_v1_json(weather).dump()
    std::array<std::string, 3> v2_bodies;  // to_v2_json(weather, units).dump(), indexed by Units
    Clock::time_point fetched_at;
    Clock::time_point expires_at;

    const std::string& v2_body(Units units) const { return v2_bodies.at(static_cast<std::size_t>(units)); }
};

// Renders an entry's bodies from a weather observation or an error.
std::shared_ptr<const Entry> make_entry(const Result<Weather>& result, Clock::time_point now,
                                        Clock::duration ttl);

enum class CacheStatus { hit, miss, stale };
std::string_view to_string(CacheStatus status);  // "HIT", "MISS", "STALE": the X-Cache header

struct Lookup {
    std::shared_ptr<const Entry> entry;  // never null: the weather, or the error to answer with
    CacheStatus status = CacheStatus::miss;
    std::chrono::seconds max_age{0};  // what remains of the entry's TTL, for Cache-Control
};

using Callback = std::function<void(const Lookup&)>;

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
    std::size_t waiting = 0;                 // requests waiting for an upstream call in flight
    std::optional<SharedCacheStats> shared;  // set when a shared cache is configured
};

// Where the server gets weather from, keyed by Location::key() (units and API version are
// applied on the way out). The in-process cache implements it, and so does the Redis cache
// (redis_cache.hpp), which keeps an in-process layer in front of Redis.
class WeatherCache {
public:
    virtual ~WeatherCache() = default;
    // A fresh answer, or nullopt: never calls the upstream, never waits for it.
    virtual std::optional<Lookup> find(const std::string& key) = 0;
    // Calls `done` exactly once: at once (on this thread) on a fresh entry; otherwise after one
    // upstream call shared by every concurrent request for the key, on the thread that made it.
    // client: who asks (an address), handed to Fetch for the call this request starts.
    virtual void get(const Location& location, const std::string& client, Callback done) = 0;
    virtual CacheStats stats() const = 0;
};

// The blocking upstream call, e.g. Provider::current behind the upstream budget; client: the
// address of the request that caused the call.
using Fetch = std::function<Result<Weather>(const Location&, const std::string& client)>;
// Runs blocking work off the caller's thread: the server's upstream pool.
using Executor = std::function<void(std::function<void()>)>;

struct MemoryCacheOptions {
    std::chrono::seconds ttl{300};
    // How long past its TTL an entry may still answer, marked stale, when the upstream fails.
    std::chrono::seconds stale_window{3600};
    // How long a not_found is kept, so a typo cannot drain the quota.
    std::chrono::seconds negative_ttl{60};
    std::size_t max_entries = 10000;
    std::function<Clock::time_point()> now;  // the clock; steady_clock when empty
};

// The in-process cache: sharded under shared_mutexes, single flight, stale-if-error, bounded.
std::unique_ptr<WeatherCache> make_memory_cache(MemoryCacheOptions options, Fetch fetch, Executor executor);

}  // namespace tenki::cache

#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "tenki/cache/weather_cache.hpp"
#include "tenki/error.hpp"
#include "tenki/location.hpp"

namespace tenki::cache {

// Where Redis is: redis://[[user]:password@]host[:port][/db], as REDIS_URL spells it.
struct RedisUrl {
    std::string host = "127.0.0.1";
    std::uint16_t port = 6379;
    int db = 0;
    std::string user;
    std::string password;

    // The URL without its password, for logs and /healthz.
    std::string display() const;
};

Result<RedisUrl> parse_redis_url(std::string_view text);

// "{prefix}{kind}-{postal},{country}": the original's key ("weather-94107,us"), under the
// environment's prefix; kind is CacheKind<T>::name, so each kind of answer has its own keys.
std::string redis_key(std::string_view prefix, std::string_view kind, const Location& location);
// The short lock one instance holds while it calls the upstream for that key.
std::string redis_lock_key(std::string_view prefix, std::string_view kind, const Location& location);

inline std::string redis_key(std::string_view prefix, const Location& location) {
    return redis_key(prefix, CacheKind<Weather>::name, location);
}
inline std::string redis_lock_key(std::string_view prefix, const Location& location) {
    return redis_lock_key(prefix, CacheKind<Weather>::name, location);
}

struct RedisCacheOptions {
    RedisUrl url;
    std::string key_prefix;  // Settings::cache_key_prefix: "test-" in the test environment
    std::chrono::milliseconds connect_timeout{250};
    std::chrono::milliseconds command_timeout{250};
    // While Redis is down, how often a background thread tries to reconnect.
    std::chrono::milliseconds retry_interval{1000};
    // How long the upstream-call lock lives (SET NX PX): longer than one upstream call.
    std::chrono::milliseconds lock_ttl{10000};
    // How often an instance waiting for another's upstream call looks for the value.
    std::chrono::milliseconds lock_poll{10};
    // The in-process layer in front of Redis, and the TTLs written to Redis.
    MemoryCacheOptions local;
    // Told once when Redis goes down and once when it is back (never per request).
    std::function<void(const std::string&)> log;
};

// The shared cache: an in-process layer (single flight per instance) over Redis (single flight
// across instances, through a lock), over the upstream. When Redis fails or is slow it answers
// from the in-process layer and the upstream, and reconnects in the background: no lookup fails
// because of Redis. One connection per upstream thread, pooled.
template <typename T>
std::unique_ptr<Cache<T>> make_redis_cache_of(RedisCacheOptions options, BasicFetch<T> fetch,
                                              Executor executor);

inline std::unique_ptr<WeatherCache> make_redis_cache(RedisCacheOptions options, Fetch fetch,
                                                      Executor executor) {
    return make_redis_cache_of<Weather>(
        std::move(options),
        [fetch = std::move(fetch)](const Location& location, const Asking&) { return fetch(location); },
        std::move(executor));
}

}  // namespace tenki::cache

#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "tenki/cache/weather_cache.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"

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

// "{prefix}{kind}-{tag}-{postal},{country}": the original's key with the record format's tag
// ("weather-v2-94107,us", k_record_tag), under the environment's prefix; kind is
// CacheKind<T>::name, so each kind of answer has its own keys, and each record format too.
std::string redis_key(std::string_view prefix, std::string_view kind, const Location& location);
// The short lock one instance holds while it calls the upstream for that key.
std::string redis_lock_key(std::string_view prefix, std::string_view kind, const Location& location);
// "{prefix}failed-{kind}-{tag}-{postal},{country}": that call's failure, kept briefly (2 s) for the
// instances that waited on it.
std::string redis_failure_key(std::string_view prefix, std::string_view kind, const Location& location);

inline std::string redis_key(std::string_view prefix, const Location& location) {
    return redis_key(prefix, CacheKind<Weather>::name, location);
}
inline std::string redis_lock_key(std::string_view prefix, const Location& location) {
    return redis_lock_key(prefix, CacheKind<Weather>::name, location);
}
inline std::string redis_failure_key(std::string_view prefix, const Location& location) {
    return redis_failure_key(prefix, CacheKind<Weather>::name, location);
}

// The notices of one Redis server's outages for every cache that shares it (the weather's and the
// forecast's each keep their own connections and notice an outage on their own): logged once when
// the first of them finds Redis down, once when the last of them has it back. Thread-safe.
class RedisOutageNotices {
public:
    explicit RedisOutageNotices(std::function<void(const std::string&)> log) : m_log(std::move(log)) {}
    // A cache found Redis down: "Redis at URL failed (error): answering from the in-process cache and
    // the upstream, reconnecting every N ms", unless another cache already said so.
    void went_down(const RedisUrl& url, const std::string& error, std::chrono::milliseconds retry_interval);
    // A cache that went down has Redis back: "Redis at URL is back: sharing the cache again" once the
    // last of them has.
    void came_back(const RedisUrl& url);

private:
    std::mutex m_mutex;
    int m_down = 0;  // caches that found Redis down and have not had it back
    std::function<void(const std::string&)> m_log;
};

struct RedisCacheOptions {
    RedisUrl url;
    std::string key_prefix;  // Settings::cache_key_prefix: "test-" in the test environment
    std::chrono::milliseconds connect_timeout{250};
    std::chrono::milliseconds command_timeout{250};
    // While Redis is down, how often a background thread tries to reconnect.
    std::chrono::milliseconds retry_interval{1000};
    // How long one upstream call may take (the provider's total timeout, `tenki serve
    // --upstream-timeout`). An instance waiting for another's call waits longest_wait() at most,
    // then answers stale, else a timeout, never calling itself: one upstream call per place, and
    // an answer before a proxy in front gives up (deploy/nginx/tenki.conf).
    std::chrono::milliseconds upstream_timeout{8000};
    std::chrono::milliseconds lock_margin{1000};
    // A stored value larger than this (bytes) is not a record of ours: read as absent, never more
    // of it read (GETRANGE), and overwritten by the next answer.
    std::size_t max_record_bytes = 64 * 1024;
    // How often an instance waiting for another's upstream call looks for the value.
    std::chrono::milliseconds lock_poll{10};
    // The in-process layer in front of Redis, and the TTLs written to Redis.
    MemoryCacheOptions local;
    // Told once when Redis goes down and once when it is back (never per request), through
    // `outages` when caches share it, else on their own.
    std::function<void(const std::string&)> log;
    std::shared_ptr<RedisOutageNotices> outages;

    // The longest an instance waits for another's upstream call: upstream_timeout + lock_margin.
    std::chrono::milliseconds longest_wait() const { return upstream_timeout + lock_margin; }
    // How long the upstream-call lock lives (SET NX PX): longer than a waiter waits, so that no
    // instance calls while the holder still may; a lock found without expiry is given this one.
    std::chrono::milliseconds lock_ttl() const { return longest_wait() + lock_margin; }
    // The longest a lookup takes before it answers, Redis as slow as its timeouts allow: its wait
    // for an upstream thread (local.max_queue_wait), opening a connection (connect, AUTH, SELECT),
    // the round trips around the upstream call (read, lock, read again, write, the upstream
    // budget's two), one poll, and the longer of one upstream call and a wait for another
    // instance's (longest_wait). A proxy in front must wait longer.
    std::chrono::milliseconds longest_lookup() const {
        constexpr int k_round_trips = 8;
        return local.max_queue_wait + connect_timeout + k_round_trips * command_timeout + lock_poll +
               longest_wait();
    }
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

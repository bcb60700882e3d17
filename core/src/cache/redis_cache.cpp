// The shared cache: the in-process cache over a "source" that reads Redis, takes a short lock
// for a cold key so that one instance calls the upstream, and writes the answer back.
#include "tenki/cache/redis_cache.hpp"

#include <atomic>
#include <charconv>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <random>
#include <stop_token>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cache/memory_cache.hpp"
#include "cache/redis_connection.hpp"
#include "cache/redis_health.hpp"
#include "cache/redis_record.hpp"

namespace tenki::cache {

namespace {

constexpr std::string_view k_scheme = "redis://";
constexpr const char* k_unlock_script =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

// The URL as typed, minus what may be a password: everything between the scheme and the last '@'.
std::string shown_url(std::string_view text) {
    const auto at = text.rfind('@');
    if (at == std::string_view::npos) return std::string(text);
    auto scheme = text.find("://");
    const std::size_t from = scheme != std::string_view::npos && scheme < at ? scheme + 3 : 0;
    return std::string(text.substr(0, from)) + "***" + std::string(text.substr(at));
}

Result<RedisUrl> bad_url(std::string_view text, std::string_view why) {
    return fail(ErrorKind::invalid_input,
                fmt::format("the Redis URL '{}' {}: use redis://127.0.0.1:6379/0", shown_url(text), why));
}

template <typename Int>
bool parse_number(std::string_view text, Int& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

// What this instance writes into its locks, so that it only ever releases its own.
std::string random_token() {
    std::random_device random;
    return fmt::format("{:08x}{:08x}-", random(), random());
}

}  // namespace

std::string RedisUrl::display() const {
    auto auth = password.empty() ? (user.empty() ? "" : user + "@") : user + ":***@";
    auto shown_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return fmt::format("redis://{}{}:{}/{}", auth, shown_host, port, db);
}

Result<RedisUrl> parse_redis_url(std::string_view text) {
    if (text.substr(0, k_scheme.size()) != k_scheme) return bad_url(text, "does not start with redis://");
    auto rest = text.substr(k_scheme.size());
    RedisUrl url;
    if (auto at = rest.rfind('@'); at != std::string_view::npos) {
        auto userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
        if (auto colon = userinfo.find(':'); colon != std::string_view::npos) {
            url.user = userinfo.substr(0, colon);
            url.password = userinfo.substr(colon + 1);
        } else {
            url.password = userinfo;  // redis://secret@host, as older clients wrote it
        }
    }
    std::string_view path;
    if (auto slash = rest.find('/'); slash != std::string_view::npos) {
        path = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    std::string_view port;
    if (!rest.empty() && rest.front() == '[') {
        auto close = rest.find(']');
        if (close == std::string_view::npos) return bad_url(text, "has an unclosed [");
        url.host = rest.substr(1, close - 1);
        auto after = rest.substr(close + 1);
        if (!after.empty() && after.front() != ':') return bad_url(text, "has junk after its host");
        if (!after.empty()) port = after.substr(1);
    } else if (auto colon = rest.find(':'); colon != std::string_view::npos) {
        url.host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    } else {
        url.host = rest;
    }
    if (url.host.empty()) return bad_url(text, "has no host");
    if (port.data() && !port.empty()) {
        unsigned value = 0;
        if (!parse_number(port, value) || value == 0 || value > 65535)
            return bad_url(text, "has a port that is not 1-65535");
        url.port = static_cast<std::uint16_t>(value);
    } else if (port.data() && rest.back() == ':') {
        return bad_url(text, "has an empty port");
    }
    if (!path.empty() && (!parse_number(path, url.db) || url.db < 0))
        return bad_url(text, "has a database that is not a number");
    return url;
}

std::string redis_key(std::string_view prefix, std::string_view kind, const Location& location) {
    return fmt::format("{}{}-{}", prefix, kind, location.key());
}

std::string redis_lock_key(std::string_view prefix, std::string_view kind, const Location& location) {
    return fmt::format("{}lock-{}-{}", prefix, kind, location.key());
}

// Named, not anonymous: make_redis_cache_of's lambdas, which have linkage, hold a SharedLayer.
namespace shared_layer {

using Ms = std::chrono::milliseconds;
using SteadyClock = std::chrono::steady_clock;

// Redis, then the upstream. Lookups run on the upstream threads; each borrows a connection.
template <typename T>
class SharedLayer {
public:
    using Sourced = BasicSourced<T>;

    SharedLayer(RedisCacheOptions options, BasicFetch<T> fetch)
        : m_options(std::move(options)),
          m_fetch(std::move(fetch)),
          m_health(m_options.retry_interval),
          m_token_base(random_token()) {
        if (auto first = connect())
            release(std::move(*first));
        else
            failure(first.error());
        m_prober = std::jthread([this](std::stop_token stop) { reconnect_loop(stop); });
    }

    Sourced lookup(const Location& location, const Asking& asking) {
        if (!up()) {
            m_fallbacks.fetch_add(1, std::memory_order_relaxed);
            return {m_fetch(location, asking)};
        }
        auto connection = acquire();
        if (!connection) return fall_back(asking, connection.error(), location);
        return through_redis(*connection, location, asking);
    }

    SharedCacheStats stats() const {
        SharedCacheStats s;
        s.hits = m_hits.load(std::memory_order_relaxed);
        s.lock_waits = m_lock_waits.load(std::memory_order_relaxed);
        s.errors = m_errors.load(std::memory_order_relaxed);
        s.fallbacks = m_fallbacks.load(std::memory_order_relaxed);
        std::lock_guard lock(m_mutex);
        s.up = m_health.up();
        s.last_error = m_health.last_error();
        return s;
    }

private:
    // refresh: the stored answer is not used, unless another instance's refresh stores a newer one
    // while this one waits for its lock.
    Sourced through_redis(RedisConnection& connection, const Location& location, const Asking& asking) {
        const bool refresh = asking.refresh;
        const auto key = redis_key(m_options.key_prefix, CacheKind<T>::name, location);
        const auto lock_key = redis_lock_key(m_options.key_prefix, CacheKind<T>::name, location);
        const auto deadline = SteadyClock::now() + 2 * m_options.lock_ttl;
        std::optional<T> stale;
        bool waited = false;
        for (;;) {
            auto stored = read(connection, key);
            if (!stored) return fall_back(asking, stored.error(), location);
            if (*stored && (*stored)->fresh_for > Ms(0) && (!refresh || waited))
                return hit(connection, std::move(**stored));
            if (*stored && (*stored)->result) stale = *(*stored)->result;
            const auto token = m_token_base + std::to_string(m_tokens.fetch_add(1));
            const auto ttl = std::to_string(m_options.lock_ttl.count());
            auto locked = connection.command({"SET", lock_key, token, "NX", "PX", ttl});
            if (!locked) return fall_back(asking, locked.error(), location);
            if (locked->type == RedisReply::Type::status) {
                // The holder before us may have stored its answer and unlocked between our read
                // and our lock: read again before calling.
                auto again = read(connection, key);
                if (!again) return fall_back(asking, again.error(), location);
                if (*again && (*again)->fresh_for > Ms(0) && !refresh) {
                    if (auto unlocked = connection.command({"EVAL", k_unlock_script, "1", lock_key, token});
                        !unlocked)
                        return fall_back(asking, unlocked.error(), location);
                    return hit(connection, std::move(**again));
                }
                return call_and_store(connection, location, asking, key, lock_key, token, stale);
            }
            if (!waited) m_lock_waits.fetch_add(1, std::memory_order_relaxed);
            waited = true;
            if (SteadyClock::now() >= deadline) {
                release(std::move(connection));
                return {m_fetch(location, asking)};
            }
            std::this_thread::sleep_for(m_options.lock_poll);
        }
    }

    Sourced hit(RedisConnection& connection, StoredRecord<T> stored) {
        m_hits.fetch_add(1, std::memory_order_relaxed);
        release(std::move(connection));
        return {std::move(stored.result), CacheStatus::hit, stored.fresh_for};
    }

    // Holding the lock: one upstream call for every instance, then the answer for them all.
    Sourced call_and_store(RedisConnection& connection, const Location& location, const Asking& asking,
                           const std::string& key, const std::string& lock_key, const std::string& token,
                           const std::optional<T>& stale) {
        auto result = m_fetch(location, asking);
        const bool keep = result || result.error().kind == ErrorKind::not_found;
        const auto& local = m_options.local;
        const Ms window = result ? std::chrono::duration_cast<Ms>(local.stale_window) : Ms(0);
        const Ms expiry =
            result ? std::chrono::duration_cast<Ms>(local.ttl) + window : Ms(local.negative_ttl);
        Result<std::vector<RedisReply>> written = std::vector<RedisReply>{};
        const auto record = keep ? encode_record<T>(result, window) : std::string();
        const auto px = std::to_string(expiry.count());
        if (keep && expiry > Ms(0))
            written = connection.pipeline(
                {{"SET", key, record, "PX", px}, {"EVAL", k_unlock_script, "1", lock_key, token}});
        else
            written = connection.pipeline({{"EVAL", k_unlock_script, "1", lock_key, token}});
        if (written)
            release(std::move(connection));
        else
            failure(written.error());
        if (!result && stale && stale_may_answer(result.error().kind)) return {*stale, CacheStatus::stale};
        return {std::move(result)};
    }

    Result<std::optional<StoredRecord<T>>> read(RedisConnection& connection, const std::string& key) {
        auto replies = connection.pipeline({{"GET", key}, {"PTTL", key}});
        if (!replies) return tl::unexpected(replies.error());
        const auto& value = replies->at(0);
        if (value.type != RedisReply::Type::string) return std::optional<StoredRecord<T>>();
        return decode_record<T>(value.text, replies->at(1).integer);
    }

    Sourced fall_back(const Asking& asking, const Error& error, const Location& location) {
        failure(error);
        m_fallbacks.fetch_add(1, std::memory_order_relaxed);
        return {m_fetch(location, asking)};
    }

    bool up() const {
        std::lock_guard lock(m_mutex);
        return m_health.up();
    }

    Result<RedisConnection> connect() const {
        return RedisConnection::open(m_options.url, m_options.connect_timeout, m_options.command_timeout);
    }

    Result<RedisConnection> acquire() {
        {
            std::lock_guard lock(m_mutex);
            if (!m_idle.empty()) {
                auto connection = std::move(m_idle.back());
                m_idle.pop_back();
                return connection;
            }
        }
        return connect();
    }

    void release(RedisConnection connection) {
        std::lock_guard lock(m_mutex);
        if (m_health.up()) m_idle.push_back(std::move(connection));
    }

    void failure(const Error& error) {
        m_errors.fetch_add(1, std::memory_order_relaxed);
        RedisHealth::Change change;
        {
            std::lock_guard lock(m_mutex);
            change = m_health.failed(error.message, SteadyClock::now());
            m_idle.clear();  // they were to the same server: assume them broken too
        }
        if (change == RedisHealth::Change::went_down)
            log(
                fmt::format("Redis at {} failed ({}): answering from the in-process cache and the upstream, "
                            "reconnecting every {} ms",
                            m_options.url.display(), error.message, m_options.retry_interval.count()));
    }

    void reconnect_loop(const std::stop_token& stop) {
        std::unique_lock lock(m_mutex);
        while (!stop.stop_requested()) {
            m_wake.wait_for(lock, stop, m_options.retry_interval, [] { return false; });
            if (stop.stop_requested() || !m_health.reconnect_due(SteadyClock::now())) continue;
            lock.unlock();
            auto connection = connect();
            lock.lock();
            if (!connection) {
                m_health.failed(connection.error().message, SteadyClock::now());
                continue;
            }
            auto change = m_health.succeeded();
            m_idle.push_back(std::move(*connection));
            if (change == RedisHealth::Change::came_back) {
                lock.unlock();
                log(fmt::format("Redis at {} is back: sharing the cache again", m_options.url.display()));
                lock.lock();
            }
        }
    }

    void log(const std::string& message) const {
        if (m_options.log) m_options.log(message);
    }

    RedisCacheOptions m_options;
    BasicFetch<T> m_fetch;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    RedisHealth m_health;
    std::vector<RedisConnection> m_idle;
    std::string m_token_base;
    std::atomic<std::uint64_t> m_tokens{0}, m_hits{0}, m_lock_waits{0}, m_errors{0}, m_fallbacks{0};
    std::jthread m_prober;  // last: stopped and joined before the rest is destroyed
};

}  // namespace shared_layer

template <typename T>
std::unique_ptr<Cache<T>> make_redis_cache_of(RedisCacheOptions options, BasicFetch<T> fetch,
                                              Executor executor) {
    auto local = options.local;
    auto layer = std::make_shared<shared_layer::SharedLayer<T>>(std::move(options), std::move(fetch));
    return make_memory_cache_over<T>(
        std::move(local),
        [layer](const Location& location, const Asking& asking) { return layer->lookup(location, asking); },
        std::move(executor), [layer] { return std::optional<SharedCacheStats>(layer->stats()); });
}

template std::unique_ptr<Cache<Forecast>> make_redis_cache_of<Forecast>(RedisCacheOptions,
                                                                        BasicFetch<Forecast>, Executor);
template std::unique_ptr<Cache<Weather>> make_redis_cache_of<Weather>(RedisCacheOptions, BasicFetch<Weather>,
                                                                      Executor);

}  // namespace tenki::cache

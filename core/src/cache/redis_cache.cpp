// The shared cache: the in-process cache over a "source" that reads Redis, takes a short lock
// for a cold key so that one instance calls the upstream, and writes the answer back.
#include "tenki/cache/redis_cache.hpp"

#include <algorithm>
#include <atomic>
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

constexpr const char* k_unlock_script =
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
// Takes the lock (KEYS[1]) with this call's token (ARGV[1]) for ARGV[2] ms: 1. Else the lock is
// held: gives it an expiry if it has none (written by hand, or by a crashed older tenki), and
// answers the holder's token ("" when the key is not a string of ours).
constexpr const char* k_lock_script =
    "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end "
    "if redis.call('pttl', KEYS[1]) == -1 then redis.call('pexpire', KEYS[1], ARGV[2]) end "
    "local holder = redis.pcall('get', KEYS[1]) "
    "if type(holder) == 'string' then return holder end "
    "return ''";
// How long a failed call's error stays for its waiters, who poll every lock_poll.
constexpr std::chrono::milliseconds k_failure_kept{2000};

// What this instance writes into its locks, so that it only ever releases its own.
std::string random_token() {
    std::random_device random;
    return fmt::format("{:08x}{:08x}-", random(), random());
}

}  // namespace

std::string redis_key(std::string_view prefix, std::string_view kind, const Location& location) {
    return fmt::format("{}{}-{}-{}", prefix, kind, k_record_tag, location.key());
}

std::string redis_lock_key(std::string_view prefix, std::string_view kind, const Location& location) {
    return fmt::format("{}lock-{}-{}-{}", prefix, kind, k_record_tag, location.key());
}

std::string redis_failure_key(std::string_view prefix, std::string_view kind, const Location& location) {
    return fmt::format("{}failed-{}-{}-{}", prefix, kind, k_record_tag, location.key());
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
          m_outages(m_options.outages ? m_options.outages
                                      : std::make_shared<RedisOutageNotices>(m_options.log)),
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
    // One place's keys, and what one lookup learned while it waited for another's call.
    struct Place {
        std::string key, lock, failure, name;  // name: Location::key(), written into records
    };
    struct Wait {
        std::optional<SteadyClock::time_point> since;  // set once the lock was found held
        std::vector<std::string> holders;              // the calls waited on (their lock tokens)
        std::optional<T> stale;
    };
    // What one read finds: the place's record (fresh or stale) and a failed call's error.
    struct Found {
        std::optional<StoredRecord<T>> record;
        std::optional<SharedFailure> failure;
    };

    Place place_of(const Location& location) const {
        const auto& prefix = m_options.key_prefix;
        const auto kind = CacheKind<T>::name;
        return {redis_key(prefix, kind, location), redis_lock_key(prefix, kind, location),
                redis_failure_key(prefix, kind, location), location.key()};
    }

    // refresh: the stored answer is not used, unless another instance's refresh stores a newer one
    // while this one waits for its lock.
    Sourced through_redis(RedisConnection& connection, const Location& location, const Asking& asking) {
        const auto place = place_of(location);
        Wait wait;
        for (;;) {
            auto found = read(connection, place);
            if (!found) return fall_back(asking, found.error(), location, wait);
            if (found->record && found->record->fresh_for > Ms(0) && (!asking.refresh || wait.since))
                return hit(connection, std::move(*found->record));
            if (found->record && found->record->result) wait.stale = *found->record->result;
            // The call this lookup waited on failed: its answer is this one's too, never a second call.
            if (auto failed = waited_on(wait, found->failure))
                return answer_failure(connection, *failed, wait);
            const auto token = m_token_base + std::to_string(m_tokens.fetch_add(1));
            const auto ttl = std::to_string(m_options.lock_ttl().count());
            auto locked = connection.command({"EVAL", k_lock_script, "1", place.lock, token, ttl});
            if (!locked) return fall_back(asking, locked.error(), location, wait);
            if (locked->type == RedisReply::Type::integer && locked->integer == 1)
                return holding_lock(connection, location, asking, place, token, wait);
            if (!locked->text.empty() &&
                std::find(wait.holders.begin(), wait.holders.end(), locked->text) == wait.holders.end())
                wait.holders.push_back(locked->text);
            const auto now = SteadyClock::now();
            if (!wait.since) {
                m_lock_waits.fetch_add(1, std::memory_order_relaxed);
                wait.since = now;
            }
            if (now - *wait.since >= m_options.longest_wait())
                return give_up(connection, wait,
                               "the weather service did not answer another tenki instance's call "
                               "for this place within {} s: try again shortly");
            std::this_thread::sleep_for(m_options.lock_poll);
        }
    }

    // The lock is ours. The holder before us may have stored its answer (or its failure) and
    // unlocked between our read and our lock: read again before calling.
    Sourced holding_lock(RedisConnection& connection, const Location& location, const Asking& asking,
                         const Place& place, const std::string& token, const Wait& wait) {
        auto again = read(connection, place);
        if (!again) return fall_back(asking, again.error(), location, wait);
        const bool fresh = again->record && again->record->fresh_for > Ms(0) && !asking.refresh;
        const auto failed = waited_on(wait, again->failure);
        if (fresh || failed || !may_call(wait)) {
            if (auto unlocked = connection.command({"EVAL", k_unlock_script, "1", place.lock, token});
                !unlocked)
                return fall_back(asking, unlocked.error(), location, wait);
            if (fresh) return hit(connection, std::move(*again->record));
            if (failed) return answer_failure(connection, *failed, wait);
            return give_up(connection, wait,
                           "another tenki instance's call for this place ended without an "
                           "answer, too late to call again within {} s: try again shortly");
        }
        return call_and_store(connection, location, asking, place, token, wait.stale);
    }

    // A lookup calls the upstream only while the call still ends within longest_wait of its wait.
    bool may_call(const Wait& wait) const {
        return !wait.since || SteadyClock::now() - *wait.since <= m_options.lock_margin;
    }

    static std::optional<Error> waited_on(const Wait& wait, const std::optional<SharedFailure>& failure) {
        if (!failure) return std::nullopt;
        if (std::find(wait.holders.begin(), wait.holders.end(), failure->call) == wait.holders.end())
            return std::nullopt;
        return failure->error;
    }

    Sourced answer_failure(RedisConnection& connection, const Error& failure, const Wait& wait) {
        release(std::move(connection));
        if (wait.stale && stale_may_answer(failure.kind))
            return {*wait.stale, CacheStatus::stale, std::nullopt, Clock::duration(0), failure};
        return {tl::unexpected(failure)};
    }

    // The call waited on outlived every bound it has (its holder crashed, or hangs past its
    // timeout), or ended without an answer too late for this lookup to call: stale, else a timeout.
    // why: a sentence with {} for the seconds a lookup waits at most.
    Sourced give_up(RedisConnection& connection, const Wait& wait, std::string_view why) {
        release(std::move(connection));
        return gave_up(wait, why);
    }

    Sourced gave_up(const Wait& wait, std::string_view why) const {
        if (wait.stale) return {*wait.stale, CacheStatus::stale};
        const auto waited = std::chrono::duration_cast<std::chrono::seconds>(m_options.longest_wait());
        return {fail(ErrorKind::timeout, fmt::format(fmt::runtime(why), waited.count()))};
    }

    Sourced hit(RedisConnection& connection, StoredRecord<T> stored) {
        m_hits.fetch_add(1, std::memory_order_relaxed);
        release(std::move(connection));
        return {std::move(stored.result), CacheStatus::hit, stored.fresh_for};
    }

    // Holding the lock: one upstream call for every instance, then the answer for them all (or
    // its failure, briefly, for those that waited on it).
    Sourced call_and_store(RedisConnection& connection, const Location& location, const Asking& asking,
                           const Place& place, const std::string& token, const std::optional<T>& stale) {
        auto result = m_fetch(location, asking);
        const bool keep = result || result.error().kind == ErrorKind::not_found;
        const auto& local = m_options.local;
        const Ms window = result ? std::chrono::duration_cast<Ms>(local.stale_window) : Ms(0);
        const Ms expiry =
            result ? std::chrono::duration_cast<Ms>(local.ttl) + window : Ms(local.negative_ttl);
        std::string value;
        if (keep)
            value = encode_record<T>(place.name, result, window);
        else if (shares_failure(result.error().kind))
            value = encode_failure(place.name, SharedFailure{token, result.error()});
        const auto px = std::to_string((keep ? expiry : k_failure_kept).count());
        std::vector<std::vector<std::string_view>> commands;
        if (!value.empty() && (!keep || expiry > Ms(0)))
            commands.push_back({"SET", keep ? place.key : place.failure, value, "PX", px});
        commands.push_back({"EVAL", k_unlock_script, "1", place.lock, token});
        if (auto written = connection.pipeline(commands))
            release(std::move(connection));
        else
            failure(written.error());
        if (!result && stale && stale_may_answer(result.error().kind))
            return {*stale, CacheStatus::stale, std::nullopt, Clock::duration(0), result.error()};
        return {std::move(result)};
    }

    // The record and a failure left for waiters, each read with GETRANGE (never more than
    // max_record_bytes + 1 bytes). A value too large, of another type (WRONGTYPE), or for another
    // place is absent, not an outage.
    Result<Found> read(RedisConnection& connection, const Place& place) {
        const auto last = std::to_string(m_options.max_record_bytes);
        auto replies = connection.each({{"GETRANGE", place.key, "0", last},
                                        {"PTTL", place.key},
                                        {"GETRANGE", place.failure, "0", last}});
        if (!replies) return tl::unexpected(replies.error());
        for (const auto& reply : *replies)
            if (!reply && !wrong_type(reply.error())) return tl::unexpected(reply.error());
        const auto text = [&](std::size_t i) -> std::optional<std::string_view> {
            const auto& reply = replies->at(i);
            if (!reply || reply->type != RedisReply::Type::string || reply->text.empty() ||
                reply->text.size() > m_options.max_record_bytes)
                return std::nullopt;
            return reply->text;
        };
        Found found;
        const auto& pttl = replies->at(1);
        if (auto record = text(0); record && pttl)
            found.record = decode_record<T>(*record, pttl->integer, place.name);
        if (auto failed = text(2)) found.failure = decode_failure(*failed, place.name);
        return found;
    }

    // Redis failed: no lookup fails because of it. The upstream answers, unless this lookup has
    // waited so long for another's call that its own would end past its bound.
    Sourced fall_back(const Asking& asking, const Error& error, const Location& location,
                      const Wait& wait = {}) {
        failure(error);
        m_fallbacks.fetch_add(1, std::memory_order_relaxed);
        if (!may_call(wait))
            return gave_up(wait,
                           "Redis failed while this instance waited for another's call for this place, "
                           "too late to call within {} s: try again shortly");
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
            m_outages->went_down(m_options.url, error.message, m_options.retry_interval);
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
                m_outages->came_back(m_options.url);
                lock.lock();
            }
        }
    }

    RedisCacheOptions m_options;
    BasicFetch<T> m_fetch;
    mutable std::mutex m_mutex;
    std::condition_variable_any m_wake;
    RedisHealth m_health;
    std::shared_ptr<RedisOutageNotices> m_outages;
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

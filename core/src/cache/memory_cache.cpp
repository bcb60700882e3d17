#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cache/memory_cache.hpp"
#include "tenki/cache/weather_cache.hpp"
#include "tenki/http/retry_after.hpp"

namespace tenki::cache {

std::string_view to_string(CacheStatus status) {
    switch (status) {
        case CacheStatus::hit: return "HIT";
        case CacheStatus::miss: return "MISS";
        case CacheStatus::stale: return "STALE";
    }
    return "MISS";
}

namespace {

// Upstream failures that an older answer may stand in for; not_found is an answer, not a failure.
template <typename T>
std::chrono::seconds remaining(const CacheEntry<T>& entry, Clock::time_point now) {
    if (entry.expires_at <= now) return std::chrono::seconds(0);
    return std::chrono::duration_cast<std::chrono::seconds>(entry.expires_at - now);
}

template <typename T>
struct Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const CacheEntry<T>>> entries;
    std::unordered_map<std::string, std::vector<BasicCallback<T>>> in_flight;
    // The expiry of the entry whose refresh ahead was started: once per entry.
    std::unordered_map<std::string, Clock::time_point> refreshed_ahead;
    std::size_t waiting = 0;
    std::size_t bytes = 0;  // entry_bytes of the entries
};

template <typename T>
class MemoryCache : public Cache<T> {
public:
    using Entry = CacheEntry<T>;
    using Lookup = BasicLookup<T>;
    using Callback = BasicCallback<T>;
    using Sourced = BasicSourced<T>;

    MemoryCache(MemoryCacheOptions options, BasicSource<T> source, Executor executor,
                std::function<std::optional<SharedCacheStats>()> shared)
        : m_options(std::move(options)),
          m_source(std::move(source)),
          m_executor(std::move(executor)),
          m_shared(std::move(shared)),
          m_shards(std::clamp<std::size_t>(m_options.max_entries / 64, 1, 16)) {
        m_per_shard = std::max<std::size_t>(1, m_options.max_entries / m_shards.size());
        m_bytes_per_shard = m_options.max_bytes / m_shards.size();
        if (m_options.max_bytes > 0) m_bytes_per_shard = std::max<std::size_t>(1, m_bytes_per_shard);
    }

    std::optional<Lookup> find(const Location& location, const Asking& asking) override {
        const auto now = clock();
        std::string key = location.key();
        auto& shard = shard_for(key);
        std::shared_ptr<const Entry> entry;
        {
            std::shared_lock lock(shard.mutex);
            auto it = shard.entries.find(key);
            if (it == shard.entries.end() || it->second->expires_at <= now) return std::nullopt;
            entry = it->second;
        }
        if (hot(*entry, now)) refresh_ahead(location, std::move(key), *entry, asking);
        return Lookup{entry, CacheStatus::hit, remaining(*entry, now)};
    }

    void get(const Location& location, Callback done, const Asking& asking) override {
        std::string key = location.key();
        auto& shard = shard_for(key);
        {
            std::unique_lock lock(shard.mutex);
            const auto now = clock();
            auto it = shard.entries.find(key);
            if (!asking.refresh && it != shard.entries.end() && it->second->expires_at > now) {
                Lookup hit{it->second, CacheStatus::hit, remaining(*it->second, now)};
                const bool ahead = hot(*it->second, now);
                lock.unlock();
                if (ahead) refresh_ahead(location, std::move(key), *hit.entry, asking);
                done(hit);
                return;
            }
            if (auto waited = backing_off(now)) {
                m_held.fetch_add(1, std::memory_order_relaxed);
                const auto* old = it == shard.entries.end() ? nullptr : &it->second;
                Lookup answer =
                    old && (*old)->value && now < (*old)->expires_at + m_options.stale_window
                        ? Lookup{*old, CacheStatus::stale, std::chrono::seconds(0),
                                 backoff_entry(*waited, now)->error}
                        : Lookup{backoff_entry(*waited, now), CacheStatus::miss, std::chrono::seconds(0)};
                lock.unlock();
                done(answer);
                return;
            }
            auto [flight, first] = shard.in_flight.try_emplace(key);
            flight->second.push_back(std::move(done));
            ++shard.waiting;
            if (!first) return;  // the call in flight answers this one too
        }
        m_executor([this, location, asking, posted = clock(), key = std::move(key)] {
            complete(key, queued_too_long(posted) ? too_late() : call(location, asking));
        });
    }

    CacheStats stats() const override {
        CacheStats s;
        for (const auto& shard : m_shards) {
            std::shared_lock lock(shard.mutex);
            s.entries += shard.entries.size();
            s.waiting += shard.waiting;
            s.bytes += shard.bytes;
        }
        s.refreshed_ahead = m_refreshed_ahead.load(std::memory_order_relaxed);
        s.held = m_held.load(std::memory_order_relaxed);
        if (m_shared) s.shared = m_shared();
        return s;
    }

private:
    Clock::time_point clock() const { return m_options.now ? m_options.now() : Clock::now(); }

    Shard<T>& shard_for(const std::string& key) {
        return m_shards[std::hash<std::string>{}(key) % m_shards.size()];
    }

    // In the last part of its life, and an answer worth keeping.
    bool hot(const Entry& entry, Clock::time_point now) const {
        if (m_options.refresh_ahead <= 0 || !entry.value) return false;
        const auto life = std::chrono::duration<double>(entry.expires_at - entry.fetched_at);
        return std::chrono::duration<double>(entry.expires_at - now) <= life * m_options.refresh_ahead;
    }

    // One background upstream call for a hot entry, unless one is in flight or this entry had its
    // refresh already; nobody waits for it, its answer replaces the entry.
    void refresh_ahead(const Location& location, std::string key, const Entry& entry, Asking asking) {
        auto& shard = shard_for(key);
        {
            std::unique_lock lock(shard.mutex);
            auto done = shard.refreshed_ahead.find(key);
            if (done != shard.refreshed_ahead.end() && done->second == entry.expires_at) return;
            if (!shard.in_flight.try_emplace(key).second) return;
            shard.refreshed_ahead[key] = entry.expires_at;
        }
        m_refreshed_ahead.fetch_add(1, std::memory_order_relaxed);
        // The cache's own work: no client's share of the upstream budget pays for it.
        asking.refresh = true;
        asking.client.clear();
        m_executor([this, location, asking = std::move(asking), key = std::move(key)] {
            complete(key, call(location, asking));
        });
    }

    // While a rate limit is in force, the seconds it has left: no key calls the upstream until then,
    // since the limit is the API key's, not the place's.
    std::optional<std::chrono::seconds> backing_off(Clock::time_point now) const {
        const Clock::time_point until{Clock::duration(m_backoff_until.load())};
        if (now >= until) return std::nullopt;
        return std::chrono::ceil<std::chrono::seconds>(until - now);
    }

    static std::shared_ptr<const Entry> backoff_entry(std::chrono::seconds left, Clock::time_point now) {
        Error error{ErrorKind::rate_limited,
                    "the weather service's rate limit is reached; tenki asks it again in " +
                        std::to_string(left.count()) + " s: try again then",
                    static_cast<int>(left.count())};
        return make_entry<T>(tl::unexpected(std::move(error)), now, std::chrono::seconds(0));
    }

    void start_backoff(const Error& error, Clock::time_point now) {
        const auto wait =
            std::chrono::seconds(std::clamp(error.retry_after.value_or(60), 1, k_max_upstream_wait_s));
        const auto until = (now + wait).time_since_epoch().count();
        auto current = m_backoff_until.load();
        while (current < until && !m_backoff_until.compare_exchange_weak(current, until)) {
        }
    }

    // Whether a lookup waited for an upstream thread past max_queue_wait: its call would end after
    // its client's proxy gave up.
    bool queued_too_long(Clock::time_point posted) const {
        return m_options.max_queue_wait > Clock::duration::zero() &&
               clock() - posted > m_options.max_queue_wait;
    }

    static Sourced too_late() {
        return {fail(ErrorKind::timeout,
                     "every upstream call of this tenki is busy (the weather service is slow to answer): "
                     "try again shortly")};
    }

    Sourced call(const Location& location, const Asking& asking) {
        try {
            return m_source(location, asking);
        } catch (const std::exception& e) {
            return {fail(ErrorKind::internal, std::string("the upstream call failed: ") + e.what())};
        }
    }

    void complete(const std::string& key, const Sourced& sourced) {
        const auto now = clock();
        const auto& result = sourced.result;
        if (sourced.status == CacheStatus::stale) {
            // An expired answer kept elsewhere (another instance's, the disk's), while the upstream
            // fails: answer it, as old as it is, and keep nothing.
            finish(key, Lookup{make_entry(result, now - sourced.age, Clock::duration(0)), CacheStatus::stale,
                               std::chrono::seconds(0), sourced.stale_reason});
            return;
        }
        const bool keep = result || result.error().kind == ErrorKind::not_found;
        if (!result && result.error().kind == ErrorKind::rate_limited) start_backoff(result.error(), now);
        const Clock::duration ttl = sourced.fresh_for
                                        ? *sourced.fresh_for
                                        : Clock::duration(result ? m_options.ttl : m_options.negative_ttl);
        auto fresh = make_entry(result, now, ttl);
        auto& shard = shard_for(key);
        std::vector<Callback> waiters;
        Lookup answer{fresh, sourced.status, keep ? remaining(*fresh, now) : std::chrono::seconds(0)};
        {
            std::unique_lock lock(shard.mutex);
            waiters = take_waiters(shard, key);
            auto old = shard.entries.find(key);
            if (keep) {
                shard.refreshed_ahead.erase(key);
                insert(shard, key, fresh, now);
            } else if (old != shard.entries.end() && old->second->value &&
                       stale_may_answer(result.error().kind) &&
                       now < old->second->expires_at + m_options.stale_window) {
                answer = Lookup{old->second, CacheStatus::stale, std::chrono::seconds(0), result.error()};
            }
        }
        for (auto& waiter : waiters) waiter(answer);
    }

    void finish(const std::string& key, const Lookup& answer) {
        auto& shard = shard_for(key);
        std::vector<Callback> waiters;
        {
            std::unique_lock lock(shard.mutex);
            waiters = take_waiters(shard, key);
        }
        for (auto& waiter : waiters) waiter(answer);
    }

    // The callbacks waiting on the key's call in flight; the shard's lock must be held.
    static std::vector<Callback> take_waiters(Shard<T>& shard, const std::string& key) {
        std::vector<Callback> waiters;
        auto flight = shard.in_flight.find(key);
        if (flight != shard.in_flight.end()) {
            waiters = std::move(flight->second);
            shard.in_flight.erase(flight);
        }
        shard.waiting -= std::min(shard.waiting, waiters.size());
        return waiters;
    }

    // Puts the entry under the key (in place of the key's old one), making room first: entries
    // past their stale window, else those closest to expiry, until the shard is under both bounds.
    void insert(Shard<T>& shard, const std::string& key, std::shared_ptr<const Entry> entry,
                Clock::time_point now) {
        if (auto old = shard.entries.find(key); old != shard.entries.end()) erase(shard, old);
        const auto size = entry_bytes(key, *entry);
        if (full(shard, size)) {
            for (auto it = shard.entries.begin(); it != shard.entries.end();)
                it =
                    it->second->expires_at + m_options.stale_window <= now ? erase(shard, it) : std::next(it);
        }
        while (!shard.entries.empty() && full(shard, size)) {
            auto oldest = std::min_element(
                shard.entries.begin(), shard.entries.end(),
                [](const auto& a, const auto& b) { return a.second->expires_at < b.second->expires_at; });
            erase(shard, oldest);
        }
        shard.entries.emplace(key, std::move(entry));
        shard.bytes += size;
    }

    // Whether one more entry of `size` bytes would put the shard over a bound.
    bool full(const Shard<T>& shard, std::size_t size) const {
        return shard.entries.size() >= m_per_shard ||
               (m_bytes_per_shard > 0 && shard.bytes + size > m_bytes_per_shard);
    }

    using EntryIt = typename decltype(Shard<T>::entries)::iterator;
    static EntryIt erase(Shard<T>& shard, EntryIt it) {
        shard.bytes -= std::min(shard.bytes, entry_bytes(it->first, *it->second));
        shard.refreshed_ahead.erase(it->first);
        return shard.entries.erase(it);
    }

    MemoryCacheOptions m_options;
    BasicSource<T> m_source;
    Executor m_executor;
    std::function<std::optional<SharedCacheStats>()> m_shared;
    std::vector<Shard<T>> m_shards;
    std::size_t m_per_shard = 1;
    std::size_t m_bytes_per_shard = 0;           // 0: no bound
    std::atomic<Clock::rep> m_backoff_until{0};  // a Clock::time_point's ticks
    std::atomic<std::uint64_t> m_refreshed_ahead{0};
    std::atomic<std::uint64_t> m_held{0};
};

}  // namespace

template <typename T>
std::unique_ptr<Cache<T>> make_memory_cache_over(MemoryCacheOptions options, BasicSource<T> source,
                                                 Executor executor,
                                                 std::function<std::optional<SharedCacheStats>()> shared) {
    return std::make_unique<MemoryCache<T>>(std::move(options), std::move(source), std::move(executor),
                                            std::move(shared));
}

template <typename T>
std::unique_ptr<Cache<T>> make_memory_cache_of(MemoryCacheOptions options, BasicFetch<T> fetch,
                                               Executor executor) {
    auto source = [fetch = std::move(fetch)](const Location& location, const Asking& asking) {
        return BasicSourced<T>{fetch(location, asking)};
    };
    return make_memory_cache_over<T>(std::move(options), std::move(source), std::move(executor), {});
}

template std::unique_ptr<Cache<Forecast>> make_memory_cache_over<Forecast>(
    MemoryCacheOptions, BasicSource<Forecast>, Executor, std::function<std::optional<SharedCacheStats>()>);
template std::unique_ptr<Cache<Forecast>> make_memory_cache_of<Forecast>(MemoryCacheOptions,
                                                                         BasicFetch<Forecast>, Executor);
template std::unique_ptr<Cache<Weather>> make_memory_cache_over<Weather>(
    MemoryCacheOptions, BasicSource<Weather>, Executor, std::function<std::optional<SharedCacheStats>()>);
template std::unique_ptr<Cache<Weather>> make_memory_cache_of<Weather>(MemoryCacheOptions,
                                                                       BasicFetch<Weather>, Executor);

}  // namespace tenki::cache

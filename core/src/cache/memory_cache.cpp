#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cache/memory_cache.hpp"
#include "tenki/cache/weather_cache.hpp"
#include "tenki/format.hpp"

namespace tenki::cache {

std::shared_ptr<const Entry> make_entry(const Result<Weather>& result, Clock::time_point now,
                                        Clock::duration ttl) {
    auto entry = std::make_shared<Entry>();
    entry->fetched_at = now;
    entry->expires_at = now + ttl;
    if (!result) {
        entry->error = result.error();
        return entry;
    }
    entry->weather = *result;
    entry->v1_body = to_v1_json(*result).dump();
    for (auto units : {Units::standard, Units::metric, Units::imperial})
        entry->v2_bodies.at(static_cast<std::size_t>(units)) = to_v2_json(*result, units, false).dump();
    return entry;
}

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
std::chrono::seconds remaining(const Entry& entry, Clock::time_point now) {
    if (entry.expires_at <= now) return std::chrono::seconds(0);
    return std::chrono::duration_cast<std::chrono::seconds>(entry.expires_at - now);
}

struct Shard {
    mutable std::shared_mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const Entry>> entries;
    std::unordered_map<std::string, std::vector<Callback>> in_flight;
    std::size_t waiting = 0;
};

class MemoryCache : public WeatherCache {
public:
    MemoryCache(MemoryCacheOptions options, Source source, Executor executor,
                std::function<std::optional<SharedCacheStats>()> shared)
        : m_options(std::move(options)),
          m_source(std::move(source)),
          m_executor(std::move(executor)),
          m_shared(std::move(shared)),
          m_shards(std::clamp<std::size_t>(m_options.max_entries / 64, 1, 16)) {
        m_per_shard = std::max<std::size_t>(1, m_options.max_entries / m_shards.size());
    }

    std::optional<Lookup> find(const std::string& key) override {
        const auto now = clock();
        auto& shard = shard_for(key);
        std::shared_lock lock(shard.mutex);
        auto it = shard.entries.find(key);
        if (it == shard.entries.end() || it->second->expires_at <= now) return std::nullopt;
        return Lookup{it->second, CacheStatus::hit, remaining(*it->second, now)};
    }

    void get(const Location& location, const std::string& client, Callback done) override {
        std::string key = location.key();
        auto& shard = shard_for(key);
        {
            std::unique_lock lock(shard.mutex);
            const auto now = clock();
            auto it = shard.entries.find(key);
            if (it != shard.entries.end() && it->second->expires_at > now) {
                Lookup hit{it->second, CacheStatus::hit, remaining(*it->second, now)};
                lock.unlock();
                done(hit);
                return;
            }
            auto [flight, first] = shard.in_flight.try_emplace(key);
            flight->second.push_back(std::move(done));
            ++shard.waiting;
            if (!first) return;  // the call in flight answers this one too
        }
        m_executor([this, location, client, key = std::move(key)] { complete(key, call(location, client)); });
    }

    CacheStats stats() const override {
        CacheStats s;
        for (const auto& shard : m_shards) {
            std::shared_lock lock(shard.mutex);
            s.entries += shard.entries.size();
            s.waiting += shard.waiting;
        }
        if (m_shared) s.shared = m_shared();
        return s;
    }

private:
    Clock::time_point clock() const { return m_options.now ? m_options.now() : Clock::now(); }

    Shard& shard_for(const std::string& key) {
        return m_shards[std::hash<std::string>{}(key) % m_shards.size()];
    }

    Sourced call(const Location& location, const std::string& client) {
        try {
            return m_source(location, client);
        } catch (const std::exception& e) {
            return {fail(ErrorKind::internal, std::string("the upstream call failed: ") + e.what())};
        }
    }

    void complete(const std::string& key, const Sourced& sourced) {
        const auto now = clock();
        const auto& result = sourced.result;
        if (sourced.status == CacheStatus::stale) {
            // Another instance's expired answer, while the upstream fails: answer it, keep nothing.
            finish(key, Lookup{make_entry(result, now, Clock::duration(0)), CacheStatus::stale,
                               std::chrono::seconds(0)});
            return;
        }
        const bool keep = result || result.error().kind == ErrorKind::not_found;
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
                if (old != shard.entries.end())
                    old->second = fresh;
                else
                    insert(shard, key, fresh, now);
            } else if (old != shard.entries.end() && old->second->weather &&
                       stale_may_answer(result.error().kind) &&
                       now < old->second->expires_at + m_options.stale_window) {
                answer = Lookup{old->second, CacheStatus::stale, std::chrono::seconds(0)};
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
    static std::vector<Callback> take_waiters(Shard& shard, const std::string& key) {
        std::vector<Callback> waiters;
        auto flight = shard.in_flight.find(key);
        if (flight != shard.in_flight.end()) {
            waiters = std::move(flight->second);
            shard.in_flight.erase(flight);
        }
        shard.waiting -= std::min(shard.waiting, waiters.size());
        return waiters;
    }

    // Makes room first: entries past their stale window, else the one closest to expiry.
    void insert(Shard& shard, const std::string& key, std::shared_ptr<const Entry> entry,
                Clock::time_point now) {
        if (shard.entries.size() >= m_per_shard) {
            std::erase_if(shard.entries, [&](const auto& kv) {
                return kv.second->expires_at + m_options.stale_window <= now;
            });
        }
        while (shard.entries.size() >= m_per_shard) {
            auto oldest = std::min_element(
                shard.entries.begin(), shard.entries.end(),
                [](const auto& a, const auto& b) { return a.second->expires_at < b.second->expires_at; });
            shard.entries.erase(oldest);
        }
        shard.entries.emplace(key, std::move(entry));
    }

    MemoryCacheOptions m_options;
    Source m_source;
    Executor m_executor;
    std::function<std::optional<SharedCacheStats>()> m_shared;
    std::vector<Shard> m_shards;
    std::size_t m_per_shard = 1;
};

}  // namespace

std::unique_ptr<WeatherCache> make_memory_cache_over(
    MemoryCacheOptions options, Source source, Executor executor,
    std::function<std::optional<SharedCacheStats>()> shared) {
    return std::make_unique<MemoryCache>(std::move(options), std::move(source), std::move(executor),
                                         std::move(shared));
}

std::unique_ptr<WeatherCache> make_memory_cache(MemoryCacheOptions options, Fetch fetch, Executor executor) {
    auto source = [fetch = std::move(fetch)](const Location& location, const std::string& client) {
        return Sourced{fetch(location, client)};
    };
    return make_memory_cache_over(std::move(options), std::move(source), std::move(executor), {});
}

}  // namespace tenki::cache

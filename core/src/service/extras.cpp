// The extra sources' one mechanism: a cache, single flight, budget and breaker per table row.
#include "tenki/service/extras.hpp"

#include <array>
#include <atomic>
#include <future>
#include <mutex>
#include <unordered_map>
#include <utility>

#include <fmt/core.h>

#include "providers/nws/nws.hpp"
#include "providers/open_meteo_air/air.hpp"
#include "service/extras_disk.hpp"
#include "tenki/places/place.hpp"
#include "tenki/providers/failover.hpp"
#include "util/thread_pool.hpp"
#include "util/time.hpp"

namespace tenki {

namespace {

constexpr ExtraSourceInfo k_extra_sources[] = {
    {ExtraKind::alerts, "nws", "the National Weather Service", "the US, PR, GU, VI, AS, MP",
     ProviderEndpoint{"base", k_nws_default_url, "", "TENKI_NWS_URL", "NWS API base URL", true},
     RateLimit{60, std::chrono::seconds(60)}, "TENKI_NWS_RATE", "nws", std::chrono::seconds(300)},
    // Open-Meteo's one quota (600 calls/min, open-meteo.com/en/terms) covers the forecast, the
    // geocoding and this API together: the row draws on the open-meteo provider's published limit.
    {ExtraKind::air, "open-meteo-air", "Open-Meteo's air-quality API", "everywhere (CAMS models)",
     ProviderEndpoint{"base", k_open_meteo_air_default_url, "", "TENKI_OPENMETEO_AIR_URL",
                      "Open-Meteo air-quality base URL", true},
     RateLimit{600, std::chrono::seconds(60)}, "", "open-meteo", std::chrono::seconds(1800)},
};
static_assert(std::size(k_extra_sources) == k_extra_kind_count, "one row per ExtraKind");

// One row's state: answers by place, the requests in flight, its window of calls and breaker.
template <typename T>
class Source {
public:
    using Fetch = std::function<Result<T>(const Location&)>;
    // Drops from an answer what no longer holds at `now` (expired alerts); true when it did.
    using Drop = std::function<bool(T&, std::int64_t now)>;

    Source(const ExtraSourceInfo& row, RateLimit limit, Fetch fetch, Drop drop, const ExtraConfig& config)
        : m_row(row),
          m_limit(limit),
          m_fetch(std::move(fetch)),
          m_drop(std::move(drop)),
          m_config(config),
          m_breaker(BreakerPolicy{}, [this] { return now() * 1000; }) {}

    ExtraAnswer<T> ask(const Location& location) {
        const auto key = location.key();
        std::shared_future<Result<T>> pending;
        bool mine = false;
        {
            std::lock_guard lock(m_mutex);
            if (auto hit = cached(key)) return *hit;
            auto flying = m_flying.find(key);
            if (flying != m_flying.end()) {
                pending = flying->second;
            } else {
                if (auto refused = refuse()) return failed(std::move(*refused));
                m_promise_of[key] = std::promise<Result<T>>();
                pending = m_promise_of[key].get_future().share();
                m_flying[key] = pending;
                mine = true;
            }
        }
        if (mine) complete(key, call(location));
        auto result = pending.get();
        if (!result) return failed(result.error());
        return ExtraAnswer<T>{ExtraStatus::answered, std::move(*result), std::nullopt, false};
    }

    // The cached answer only, never a call.
    std::optional<ExtraAnswer<T>> cached_only(const Location& location) {
        std::lock_guard lock(m_mutex);
        return cached(location.key());
    }

    ExtraSourceStats stats() const {
        return {m_row.name, m_calls.load(), m_hits.load(), m_failures.load(), m_refused.load(), 0};
    }

private:
    using Entry = ExtraRecord<T>;
    using Entries = std::unordered_map<std::string, Entry>;

    std::int64_t now() const { return m_config.clock ? m_config.clock() : util::unix_now(); }
    std::string_view kind_word() const { return m_row.kind == ExtraKind::alerts ? "alerts" : "air"; }

    // A fresh entry (within the TTL) from memory, else from the disk (the CLI's), as m_drop keeps
    // it: expired alerts are dropped from both. Locked.
    std::optional<ExtraAnswer<T>> cached(const std::string& key) {
        auto it = m_entries.find(key);
        if (it == m_entries.end()) it = loaded(key);
        if (it == m_entries.end()) return std::nullopt;
        const auto age = now() - it->second.fetched_at;
        if (age < 0 || age >= m_row.ttl.count()) return std::nullopt;
        if (m_drop(it->second.value, now())) keep(key, it->second);
        m_hits.fetch_add(1);
        return ExtraAnswer<T>{ExtraStatus::answered, it->second.value, std::nullopt, true};
    }

    // The disk's record of the place, now in memory too; end() when there is none to read. Locked.
    typename Entries::iterator loaded(const std::string& key) {
        if (m_config.disk_dir.empty() || m_config.refresh) return m_entries.end();
        auto record = load_extra_record<T>(m_config.disk_dir, kind_word(), key);
        if (!record) return m_entries.end();
        return m_entries.insert_or_assign(key, std::move(*record)).first;
    }

    // The entry on disk too, for the next runs (the CLI's).
    void keep(const std::string& key, const Entry& entry) const {
        if (!m_config.disk_dir.empty()) store_extra_record<T>(m_config.disk_dir, kind_word(), key, entry);
    }

    // Why not to call now: the breaker is open, or the budget (the shared one, else the row's
    // window) is spent. Locked.
    std::optional<Error> refuse() {
        if (!m_breaker.allow()) {
            m_refused.fetch_add(1);
            const auto& last = m_breaker.record().last_message;
            return Error{ErrorKind::unreachable,
                         fmt::format("{} is not asked for a while: it failed ({})", m_row.title, last)};
        }
        if (m_config.shared_budget && m_row.budget_of == m_config.shared_budget_of) {
            const auto decision = m_config.shared_budget->decide(m_row.budget_of, "");
            if (decision) return std::nullopt;
            m_refused.fetch_add(1);
            return refusal_error(decision);
        }
        const auto t = now();
        while (!m_window.empty() && m_window.front() <= t - m_limit.window.count())
            m_window.erase(m_window.begin());
        if (m_limit.calls > 0 && m_window.size() >= m_limit.calls) {
            m_refused.fetch_add(1);
            return Error{ErrorKind::rate_limited,
                         fmt::format("tenki's budget for {} ({}) is spent: try again later", m_row.title,
                                     to_string(m_limit))};
        }
        m_window.push_back(t);
        return std::nullopt;
    }

    Result<T> call(const Location& location) {
        m_calls.fetch_add(1);
        auto result = m_fetch(location);
        std::lock_guard lock(m_mutex);
        if (result) {
            m_breaker.succeeded();
            const auto& entry = m_entries[location.key()] = Entry{*result, now()};
            keep(location.key(), entry);
            m_logged_failure = false;
        } else {
            m_failures.fetch_add(1);
            if (fails_over(result.error().kind)) m_breaker.failed(result.error());
            if (!m_logged_failure && m_config.log)
                m_config.log(fmt::format("{} failed ({}: {}); the weather answers without it", m_row.name,
                                         to_string(result.error().kind), result.error().message));
            m_logged_failure = true;
        }
        return result;
    }

    void complete(const std::string& key, Result<T> result) {
        std::lock_guard lock(m_mutex);
        m_promise_of[key].set_value(std::move(result));
        m_promise_of.erase(key);
        m_flying.erase(key);
    }

    ExtraAnswer<T> failed(Error error) const {
        return ExtraAnswer<T>{ExtraStatus::failed, std::nullopt, std::move(error), false};
    }

    const ExtraSourceInfo& m_row;
    RateLimit m_limit;
    Fetch m_fetch;
    Drop m_drop;
    const ExtraConfig& m_config;
    std::mutex m_mutex;
    CircuitBreaker m_breaker;
    std::vector<std::int64_t> m_window;
    Entries m_entries;
    std::unordered_map<std::string, std::shared_future<Result<T>>> m_flying;
    std::unordered_map<std::string, std::promise<Result<T>>> m_promise_of;
    bool m_logged_failure = false;
    std::atomic<std::uint64_t> m_calls{0}, m_hits{0}, m_failures{0}, m_refused{0};
};

std::string extra_url_of(const ExtraConfig& config, const ExtraSourceInfo& row) {
    const auto it = config.urls.find(row.endpoint.env);
    return it == config.urls.end() || it->second.empty() ? std::string(row.endpoint.default_url) : it->second;
}

}  // namespace

std::span<const ExtraSourceInfo> extra_sources() { return k_extra_sources; }

const ExtraSourceInfo& extra_source_info(ExtraKind kind) {
    return k_extra_sources[static_cast<std::size_t>(kind)];
}

struct ExtraSources::Impl {
    explicit Impl(ExtraConfig c) : config(std::move(c)), alerts(make_alerts()) {
        if (config.threads > 0) pool = std::make_unique<util::ThreadPool>(config.threads);
    }

    Source<AlertList> make_alerts() {
        const auto& row = extra_source_info(ExtraKind::alerts);
        NwsConfig nws{extra_url_of(config, row),
                      config.nws_contact.empty() ? std::string(k_nws_default_contact) : config.nws_contact,
                      config.connect_timeout, config.total_timeout, config.verbose};
        return Source<AlertList>(
            row, config.nws_limit.value_or(row.limit),
            [nws](const Location& location) { return fetch_nws_alerts(nws, location); },
            [](AlertList& list, std::int64_t now) {
                const auto before = list.alerts.size();
                list.alerts = alerts_in_force(std::move(list.alerts), now);
                return list.alerts.size() != before;
            },
            config);
    }

    Source<AirQuality> make_air() {
        const auto& row = extra_source_info(ExtraKind::air);
        OpenMeteoAirConfig air_config{extra_url_of(config, row), config.connect_timeout, config.total_timeout,
                                      config.verbose};
        return Source<AirQuality>(
            row, row.limit,
            [air_config](const Location& location) {
                const auto& at = *location.place;  // air() asks with coordinates only
                return fetch_open_meteo_air(air_config, at.lat, at.lon);
            },
            [](AirQuality&, std::int64_t) { return false; }, config);
    }

    ExtraConfig config;
    Source<AlertList> alerts;
    Source<AirQuality> air = make_air();
    std::atomic<std::uint64_t> alerts_not_covered{0};
    std::unique_ptr<util::ThreadPool> pool;  // last: joined before the sources its work uses go
};

ExtraSources::ExtraSources(ExtraConfig config) : m_impl(std::make_unique<Impl>(std::move(config))) {}
ExtraSources::~ExtraSources() = default;

AlertsAnswer ExtraSources::alerts(const Location& location) {
    if (!nws_covers(location)) {
        m_impl->alerts_not_covered.fetch_add(1);
        return AlertsAnswer{ExtraStatus::not_covered, std::nullopt,
                            Error{ErrorKind::not_found, "no alert source for this place"}, false};
    }
    return m_impl->alerts.ask(location);
}

namespace {

// Where the air is asked for: the place's own coordinates, a US ZIP code's, else `at`.
std::optional<Coordinates> air_point(const Location& location, const std::optional<Coordinates>& at) {
    if (auto point = offline_point(location)) return point;
    return at;
}

}  // namespace

AirAnswer ExtraSources::air(const Location& location, std::optional<Coordinates> at) {
    const auto point = air_point(location, at);
    if (!point)
        return AirAnswer{
            ExtraStatus::not_covered, std::nullopt,
            Error{ErrorKind::not_found, "no coordinates for this place to ask the air quality by"}, false};
    // Asked by the point, cached under the place (a postal code's point is its weather's).
    auto asked = location;
    if (!asked.place) asked.place = ResolvedPlace{point->lat, point->lon, "", "", 0};
    return m_impl->air.ask(asked);
}

void ExtraSources::air(const Location& location, std::function<void(const AirAnswer&)> done) {
    if (!m_impl->pool || !air_point(location, std::nullopt)) return done(air(location));
    m_impl->pool->post([this, location, done = std::move(done)] { done(air(location)); });
}

void ExtraSources::alerts(const Location& location, std::function<void(const AlertsAnswer&)> done) {
    if (!m_impl->pool || !nws_covers(location)) return done(alerts(location));
    if (auto hit = m_impl->alerts.cached_only(location)) return done(*hit);
    m_impl->pool->post([this, location, done = std::move(done)] { done(alerts(location)); });
}

std::vector<ExtraSourceStats> ExtraSources::stats() const {
    auto alerts = m_impl->alerts.stats();
    alerts.not_covered = m_impl->alerts_not_covered.load();
    return {alerts, m_impl->air.stats()};
}

}  // namespace tenki

// The extra sources' one mechanism: a cache, single flight, budget and breaker per table row.
#include "tenki/service/extras.hpp"

#include <array>
#include <atomic>
#include <future>
#include <mutex>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "providers/nws/nws.hpp"
#include "providers/open_meteo_air/air.hpp"
#include "tenki/places/zipdb.hpp"
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
    using Fresh = std::function<std::optional<T>(const T&, std::int64_t now)>;

    Source(const ExtraSourceInfo& row, RateLimit limit, Fetch fetch, Fresh fresh, const ExtraConfig& config)
        : m_row(row),
          m_limit(limit),
          m_fetch(std::move(fetch)),
          m_fresh(std::move(fresh)),
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
    struct Entry {
        T value;
        std::int64_t fetched_at;
    };

    std::int64_t now() const { return m_config.clock ? m_config.clock() : util::unix_now(); }

    // A fresh entry (within the TTL), as m_fresh keeps it (alerts: the expired dropped). Locked.
    std::optional<ExtraAnswer<T>> cached(const std::string& key) {
        const auto it = m_entries.find(key);
        if (it == m_entries.end() || now() - it->second.fetched_at >= m_row.ttl.count()) return std::nullopt;
        auto value = m_fresh(it->second.value, now());
        if (!value) return std::nullopt;
        m_hits.fetch_add(1);
        return ExtraAnswer<T>{ExtraStatus::answered, std::move(*value), std::nullopt, true};
    }

    // Why not to call now: the breaker is open, or the window is full. Locked.
    std::optional<Error> refuse() {
        if (!m_breaker.allow()) {
            m_refused.fetch_add(1);
            const auto& last = m_breaker.record().last_message;
            return Error{ErrorKind::unreachable,
                         fmt::format("{} is not asked for a while: it failed ({})", m_row.title, last)};
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
            m_entries[location.key()] = Entry{*result, now()};
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
    Fresh m_fresh;
    const ExtraConfig& m_config;
    std::mutex m_mutex;
    CircuitBreaker m_breaker;
    std::vector<std::int64_t> m_window;
    std::unordered_map<std::string, Entry> m_entries;
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
            [](const AlertList& list, std::int64_t now) -> std::optional<AlertList> {
                return AlertList{alerts_in_force(list.alerts, now), list.source};
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
            [](const AirQuality& value, std::int64_t) -> std::optional<AirQuality> { return value; }, config);
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
    if (location.place) return Coordinates{location.place->lat, location.place->lon};
    if (location.country == "us")
        if (auto zip = find_us_zip(location.postal_code)) return Coordinates{zip->lat, zip->lon};
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

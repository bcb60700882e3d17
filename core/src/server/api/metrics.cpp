#include "server/api/metrics.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "tenki/server/api/routes.hpp"

namespace tenki::server {

namespace {

// Failover between providers (tenki/providers/failover.hpp): only when there is a provider to fail over to.
// The breaker's state as one series per state, the one it is in at 1 (Prometheus' enum idiom).
void render_failover(std::string& out, const FailoverStats& failover) {
    if (failover.breakers.empty()) return;
    auto it = std::back_inserter(out);
    fmt::format_to(it,
                   "# HELP tenki_provider_failovers_total Answers a later provider gave because an earlier "
                   "one failed (reason: its error kind) or its circuit breaker was open (circuit_open).\n"
                   "# TYPE tenki_provider_failovers_total counter\n");
    for (const auto& row : failover.failovers)
        fmt::format_to(it, "tenki_provider_failovers_total{{from=\"{}\",to=\"{}\",reason=\"{}\"}} {}\n",
                       row.from, row.to, row.reason, row.count);
    fmt::format_to(it,
                   "# HELP tenki_provider_circuit_state Each provider's circuit breaker: 1 for the state it "
                   "is in.\n# TYPE tenki_provider_circuit_state gauge\n");
    for (const auto& breaker : failover.breakers) {
        for (auto state : {BreakerState::closed, BreakerState::open, BreakerState::half_open})
            fmt::format_to(it, "tenki_provider_circuit_state{{provider=\"{}\",state=\"{}\"}} {}\n",
                           breaker.provider, to_string(state), breaker.state == state ? 1 : 0);
    }
}

// The upstream's calls, the calls the budgets refused and the failed ones by kind.
void render_upstream(std::string& out, const ServiceStats& service) {
    auto it = std::back_inserter(out);
    fmt::format_to(it, "# HELP tenki_upstream_requests_total Calls made to the weather upstream.\n");
    fmt::format_to(it, "# TYPE tenki_upstream_requests_total counter\ntenki_upstream_requests_total {}\n",
                   service.upstream.calls);
    fmt::format_to(it,
                   "# HELP tenki_upstream_refusals_total Upstream calls tenki refused to make, by budget: "
                   "client (429) or global (a stale answer, else 503).\n");
    fmt::format_to(it, "# TYPE tenki_upstream_refusals_total counter\n");
    const auto& refusals = service.upstream.refusals;
    // A global refusal also holds this instance's calls back until its Retry-After: those held
    // lookups were refused too.
    fmt::format_to(it, "tenki_upstream_refusals_total{{budget=\"client\"}} {}\n",
                   refusals.at(static_cast<std::size_t>(ErrorKind::too_many_requests)));
    fmt::format_to(it, "tenki_upstream_refusals_total{{budget=\"global\"}} {}\n",
                   refusals.at(static_cast<std::size_t>(ErrorKind::rate_limited)) + service.current.held +
                       service.forecast.held);
    fmt::format_to(it, "# HELP tenki_upstream_errors_total Failed upstream calls, by kind.\n");
    fmt::format_to(it, "# TYPE tenki_upstream_errors_total counter\n");
    for (const auto& kind : k_error_kinds) {
        fmt::format_to(it, "tenki_upstream_errors_total{{kind=\"{}\"}} {}\n", kind.name,
                       service.upstream.errors.at(static_cast<std::size_t>(kind.kind)));
    }
}

// The answer bodies compressed, by coding.
void render_compressions(std::string& out, const CompressedForms& compressed) {
    auto it = std::back_inserter(out);
    fmt::format_to(it,
                   "# HELP tenki_compressions_total Answer bodies compressed, by content coding: each "
                   "cached body once per coding, whichever thread serves it.\n");
    fmt::format_to(it, "# TYPE tenki_compressions_total counter\n");
    for (auto coding : {ContentCoding::gzip, ContentCoding::br})
        fmt::format_to(it, "tenki_compressions_total{{coding=\"{}\"}} {}\n", content_coding_name(coding),
                       compressed.compressions(coding));
}

constexpr auto k_relaxed = std::memory_order_relaxed;

std::size_t status_index(int status) {
    for (std::size_t i = 0; i + 1 < Metrics::k_statuses.size(); ++i)
        if (Metrics::k_statuses[i] == status) return i;
    return Metrics::k_statuses.size() - 1;
}

std::string_view route_label(std::size_t index) {
    auto table = routes();
    for (const auto& r : table)
        if (static_cast<std::size_t>(r.id) == index) return r.endpoint;
    return "unknown";
}

// The Redis layer of each kind's cache: current weather's unlabelled, the forecast's with
// kind="forecast", as render_caches does. `up` is the current cache's (the same server).
void render_shared(std::string& out, const cache::SharedCacheStats& shared,
                   const std::optional<cache::SharedCacheStats>& forecast) {
    auto it = std::back_inserter(out);
    fmt::format_to(it,
                   "# HELP tenki_redis_up Whether the shared Redis cache is in use (0: in-process only).\n");
    fmt::format_to(it, "# TYPE tenki_redis_up gauge\ntenki_redis_up {}\n", shared.up ? 1 : 0);
    using Field = std::uint64_t cache::SharedCacheStats::*;
    const std::array<std::tuple<const char*, const char*, Field>, 4> counters{{
        {"hits", "Answers read from Redis that another instance (or an earlier entry) stored.",
         &cache::SharedCacheStats::hits},
        {"lock_waits", "Lookups that waited for another instance's upstream call.",
         &cache::SharedCacheStats::lock_waits},
        {"errors", "Failed Redis connections and commands.", &cache::SharedCacheStats::errors},
        {"fallbacks", "Lookups answered without Redis because it was down.",
         &cache::SharedCacheStats::fallbacks},
    }};
    for (const auto& [name, help, field] : counters) {
        fmt::format_to(it,
                       "# HELP tenki_redis_{0}_total {1}\n# TYPE tenki_redis_{0}_total "
                       "counter\ntenki_redis_{0}_total {2}\n",
                       name, help, shared.*field);
        if (forecast)
            fmt::format_to(it, "tenki_redis_{}_total{{kind=\"forecast\"}} {}\n", name, (*forecast).*field);
    }
}

// The caches' series: current weather's unlabelled, as they were before forecasts came, and the
// forecast cache's in the same families with kind="forecast", so a sum over a family counts each
// answer once. answers(kind, status): the dispatchers' counts of answers by CacheStatus.
template <typename Answers>
void render_caches(std::string& out, const ServiceStats& service, Answers answers) {
    auto it = std::back_inserter(out);
    constexpr std::array<std::pair<const char*, const char*>, 3> k_answer_statuses{{
        {"hits", "Answers from a fresh cache entry."},
        {"misses", "Answers that needed an upstream call."},
        {"stale", "Expired entries answered because the upstream failed."},
    }};
    constexpr auto k_forecast = static_cast<std::size_t>(AnswerKind::forecast);
    constexpr auto k_current = static_cast<std::size_t>(AnswerKind::current);
    constexpr std::string_view k_label = "{kind=\"forecast\"}";
    for (std::size_t c = 0; c < k_answer_statuses.size(); ++c) {
        const auto [name, help] = k_answer_statuses.at(c);
        fmt::format_to(it, "# HELP tenki_cache_{0}_total {1}\n# TYPE tenki_cache_{0}_total counter\n", name,
                       help);
        fmt::format_to(it, "tenki_cache_{}_total {}\n", name, answers(k_current, c));
        fmt::format_to(it, "tenki_cache_{}_total{} {}\n", name, k_label, answers(k_forecast, c));
    }
    const std::array<std::tuple<const char*, const char*, const char*, std::uint64_t, std::uint64_t>, 4>
        gauges{{
            {"tenki_cache_refreshed_ahead_total", "counter",
             "Hot entries refreshed in the background before they expired.", service.current.refreshed_ahead,
             service.forecast.refreshed_ahead},
            {"tenki_cache_entries", "gauge", "Places in the cache.", service.current.entries,
             service.forecast.entries},
            {"tenki_cache_bytes", "gauge", "Bytes the cache's entries keep (--cache-memory bounds them).",
             service.current.bytes, service.forecast.bytes},
            {"tenki_upstream_waiting_requests", "gauge", "Requests waiting for an upstream call in flight.",
             service.current.waiting, service.forecast.waiting},
        }};
    for (const auto& [name, type, help, current, forecast] : gauges)
        fmt::format_to(it, "# HELP {0} {1}\n# TYPE {0} {2}\n{0} {3}\n{0}{4} {5}\n", name, help, type, current,
                       k_label, forecast);
}

}  // namespace

Metrics::Metrics(unsigned workers)
    : m_slots(new Slot[workers == 0 ? 1 : workers]), m_workers(workers == 0 ? 1 : workers) {}

void Metrics::answered(unsigned worker, std::size_t route, int status) {
    Slot& slot = m_slots[worker % m_workers];
    slot.requests[route < k_routes ? route : k_routes - 1][status_index(status)].fetch_add(1, k_relaxed);
}

void Metrics::sent(unsigned worker, std::chrono::nanoseconds duration) {
    Slot& slot = m_slots[worker % m_workers];
    const double seconds = std::chrono::duration<double>(duration).count();
    std::size_t bucket = 0;
    while (bucket < k_buckets.size() && seconds > k_buckets[bucket]) ++bucket;
    slot.buckets[bucket].fetch_add(1, k_relaxed);
    slot.duration_ns.fetch_add(static_cast<std::uint64_t>(duration.count()), k_relaxed);
}

void Metrics::cache(unsigned worker, cache::CacheStatus status, AnswerKind kind) {
    m_slots[worker % m_workers]
        .cache.at(static_cast<std::size_t>(kind))
        .at(static_cast<std::size_t>(status))
        .fetch_add(1, k_relaxed);
}

std::string Metrics::render(const ServiceStats& service, const CompressedForms& compressed) const {
    const auto& cache = service.current;
    auto sum = [this](auto&& pick) {
        std::uint64_t total = 0;
        for (unsigned w = 0; w < m_workers; ++w) total += pick(m_slots[w]).load(k_relaxed);
        return total;
    };
    std::string out;
    auto it = std::back_inserter(out);

    fmt::format_to(it, "# HELP tenki_http_requests_total HTTP requests answered, by route and status.\n");
    fmt::format_to(it, "# TYPE tenki_http_requests_total counter\n");
    for (std::size_t r = 0; r < k_routes; ++r) {
        for (std::size_t s = 0; s < k_statuses.size(); ++s) {
            auto n = sum([&](const Slot& slot) -> const Counter& { return slot.requests[r][s]; });
            if (n == 0) continue;
            auto status = k_statuses[s] == 0 ? std::string("other") : std::to_string(k_statuses[s]);
            fmt::format_to(it, "tenki_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", route_label(r),
                           status, n);
        }
    }
    fmt::format_to(
        it, "# HELP tenki_http_request_duration_seconds Time from a request's header to its answer sent.\n");
    fmt::format_to(it, "# TYPE tenki_http_request_duration_seconds histogram\n");
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= k_buckets.size(); ++b) {
        cumulative += sum([&](const Slot& slot) -> const Counter& { return slot.buckets[b]; });
        if (b < k_buckets.size())
            fmt::format_to(it, "tenki_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", k_buckets[b],
                           cumulative);
        else
            fmt::format_to(it, "tenki_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", cumulative);
    }
    const double total_seconds =
        static_cast<double>(sum([](const Slot& slot) -> const Counter& { return slot.duration_ns; })) / 1e9;
    fmt::format_to(it, "tenki_http_request_duration_seconds_sum {}\n", total_seconds);
    fmt::format_to(it, "tenki_http_request_duration_seconds_count {}\n", cumulative);

    render_caches(out, service, [&](std::size_t kind, std::size_t status) {
        return sum([&](const Slot& slot) -> const Counter& { return slot.cache.at(kind).at(status); });
    });
    if (cache.shared) render_shared(out, *cache.shared, service.forecast.shared);
    render_upstream(out, service);
    render_failover(out, service.failover);
    render_compressions(out, compressed);
    return out;
}

}  // namespace tenki::server

#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "tenki/cache/weather_cache.hpp"
#include "tenki/error.hpp"
#include "tenki/upstream_budget.hpp"

namespace tenki::server {

// The server's counters. Each serving thread writes only its own slot (no shared cache line on
// the hit path); a scrape adds the slots up.
class Metrics {
public:
    static constexpr std::size_t k_routes = 6;  // the route table's ids, then "unknown"
    static constexpr std::array<int, 14> k_statuses{200, 400, 404, 405, 408, 413, 414,
                                                    429, 431, 500, 502, 503, 504, 0};
    static constexpr std::array<double, 14> k_buckets{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,    0.1,    0.25,  0.5,    1.0,   5.0};

    static constexpr std::size_t k_error_kind_count = 10;  // ErrorKind's values

    explicit Metrics(unsigned workers);

    // route: a RouteId as an index, or k_routes - 1 when no route matched.
    void request(unsigned worker, std::size_t route, int status, std::chrono::nanoseconds duration);
    void cache(unsigned worker, cache::CacheStatus status);
    void upstream_call();
    // A call the upstream budget refused; for a global refusal, whether a stale entry answered.
    void budget_refusal(BudgetRefusal refusal, bool answered_stale = false);
    void upstream_error(ErrorKind kind);

    std::string render(const cache::CacheStats& cache) const;

private:
    using Counter = std::atomic<std::uint64_t>;
    struct alignas(64) Slot {
        std::array<std::array<Counter, k_statuses.size()>, k_routes> requests{};
        std::array<Counter, k_buckets.size() + 1> buckets{};
        Counter duration_ns{0};
        std::array<Counter, 3> cache{};
    };
    std::unique_ptr<Slot[]> m_slots;
    unsigned m_workers;
    Counter m_upstream_calls{0};
    std::array<Counter, k_error_kind_count> m_upstream_errors{};
    std::array<Counter, 2> m_refusals{};
    Counter m_refused_stale{0};
};

}  // namespace tenki::server

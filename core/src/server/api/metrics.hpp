#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "server/api/content_coding.hpp"
#include "tenki/cache/weather_cache.hpp"
#include "tenki/error.hpp"
#include "tenki/server/api/routes.hpp"
#include "tenki/service/service.hpp"

namespace tenki::server {

// The server's counters. Each serving thread writes only its own slot (no shared cache line on
// the hit path); a scrape adds the slots up.
class Metrics {
public:
    static constexpr std::size_t k_routes = k_route_count + 1;  // the route table's ids, then "unknown"
    static constexpr std::array<int, 13> k_statuses{200, 400, 404, 405, 408, 413, 414,
                                                    431, 500, 502, 503, 504, 0};
    static constexpr std::array<double, 14> k_buckets{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                      0.025,  0.05,    0.1,    0.25,  0.5,    1.0,   5.0};

    explicit Metrics(unsigned workers);

    // An answer as its writing starts, so that a client that has read it finds it counted.
    // route: a RouteId as an index, or k_routes - 1 when no route matched.
    void answered(unsigned worker, std::size_t route, int status);
    // Its duration once sent: from the request's header read to the answer's last byte written.
    void sent(unsigned worker, std::chrono::nanoseconds duration);
    // An answer's cache status, by the kind of answer (current weather, forecast).
    void cache(unsigned worker, cache::CacheStatus status, AnswerKind kind = AnswerKind::current);

    // The service's counters (caches, upstream calls) and the compressions made are read at
    // each scrape.
    std::string render(const ServiceStats& service, const CompressedForms& compressed) const;

private:
    using Counter = std::atomic<std::uint64_t>;
    struct alignas(64) Slot {
        std::array<std::array<Counter, k_statuses.size()>, k_routes> requests{};
        std::array<Counter, k_buckets.size() + 1> buckets{};
        Counter duration_ns{0};
        std::array<std::array<Counter, 3>, 2> cache{};  // [AnswerKind][CacheStatus]
    };
    std::unique_ptr<Slot[]> m_slots;
    unsigned m_workers;
};

}  // namespace tenki::server

#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "server/metrics.hpp"
#include "tenki/cache/weather_cache.hpp"
#include "tenki/location.hpp"
#include "tenki/server/request_target.hpp"
#include "tenki/server/routes.hpp"
#include "tenki/server/server.hpp"
#include "tenki/units.hpp"

namespace tenki::server {

inline constexpr std::string_view k_json_type = "application/json";
inline constexpr std::size_t k_unknown_route = Metrics::k_routes - 1;

// One answer, transport-free. The body points into `owned`, a cache entry or static storage, so
// that a cache hit copies no bytes; a session reuses one Reply so its buffers keep their capacity.
struct Reply {
    int status = 200;
    std::size_t route = k_unknown_route;  // a RouteId as an index, for metrics
    std::string_view content_type = k_json_type;
    std::string_view body;
    std::string owned;
    std::shared_ptr<const cache::Entry> entry;
    std::string_view x_cache;                     // "HIT", "MISS", "STALE" or nothing
    std::string_view cache_control = "no-store";  // used when max_age < 0
    long max_age = -1;
    std::string_view allow;  // on a 405
    int retry_after = -1;
    bool stale = false;

    void reset();
    void set_owned(std::string text);
};

// A weather request that the cache could not answer at once.
struct WeatherQuery {
    RouteId route = RouteId::weather_v1;
    Location location;
    Units units = Units::standard;
};

// What every serving thread shares: options, the cache (null without a provider), the counters.
struct ServerState {
    const ServerOptions& options;
    cache::WeatherCache* cache;
    Metrics& metrics;
};

// Turns a request into an answer. One per serving thread: it keeps scratch space between requests.
class Dispatcher {
public:
    Dispatcher(ServerState& state, unsigned worker) : m_state(state), m_worker(worker) {}

    // Fills `reply` and returns true when it can answer now; false when `query` must go to
    // WeatherCache::get first and then to answer().
    bool handle(std::string_view method, std::string_view target, Reply& reply, WeatherQuery& query);
    void answer(const WeatherQuery& query, const cache::Lookup& lookup, Reply& reply);

private:
    bool weather(RouteId route, Reply& reply, WeatherQuery& query);
    std::string health_body() const;

    ServerState& m_state;
    unsigned m_worker;
    RequestTarget m_target;
};

void set_error(Reply& reply, int status, std::string_view code, std::string_view message);

// The self-contained page of GET /.
std::string_view index_page();

// One access-log line on stderr, written with one write(2); control characters escaped.
void write_access_log(std::string& scratch, std::string_view remote, std::string_view method,
                      std::string_view target, int status, std::size_t bytes, std::string_view x_cache,
                      std::chrono::nanoseconds duration);

}  // namespace tenki::server

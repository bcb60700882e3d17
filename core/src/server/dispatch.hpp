#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/metrics.hpp"
#include "tenki/location.hpp"
#include "tenki/server/request_target.hpp"
#include "tenki/server/routes.hpp"
#include "tenki/server/server.hpp"
#include "tenki/service.hpp"
#include "tenki/units.hpp"

namespace tenki::server {

inline constexpr std::string_view k_json_type = "application/json";
inline constexpr std::size_t k_unknown_route = Metrics::k_routes - 1;

// One answer, transport-free. The body points into `owned`, memoised bytes (kept alive by
// `anchor`) or static storage, so that a cache hit copies no bytes; a session reuses one Reply so
// its buffers keep their capacity.
struct Reply {
    int status = 200;
    std::size_t route = k_unknown_route;  // a RouteId as an index, for metrics
    std::string_view content_type = k_json_type;
    std::string_view body;
    std::string owned;
    std::shared_ptr<const void> anchor;
    std::string_view x_cache;                     // "HIT", "MISS", "STALE" or nothing
    std::string_view cache_control = "no-store";  // used when max_age < 0
    long max_age = -1;
    std::string_view allow;  // on a 405
    int retry_after = -1;
    bool stale = false;

    void reset();
    void set_owned(std::string text);
};

// What every serving thread shares: options, the service (null without a provider), the counters.
struct ServerState {
    const ServerOptions& options;
    WeatherService* service;
    Metrics& metrics;
};

// A cache entry's documents, rendered once and kept beside it: v1, and v2 per unit system.
struct Rendered {
    std::shared_ptr<const cache::Entry> entry;
    std::string v1;
    std::array<std::string, 3> v2;  // indexed by Units
};

// Runs work on the serving thread a dispatcher belongs to (its io_context).
using Post = std::function<void(std::function<void()>)>;
// What a session does once its reply is filled later, on its serving thread: call(owner), with
// `owner` keeping the session alive until then. Cheap to make on every request, unlike a
// std::function holding a shared_ptr.
struct Resume {
    std::shared_ptr<void> owner;
    void (*call)(void* owner) = nullptr;
    void operator()() const { call(owner.get()); }
};

enum class Answered { now, later };

// Turns a request into a call of the service and its answer into a reply. One per serving thread:
// it keeps scratch space and the memoised documents, touched only on that thread.
class Dispatcher {
public:
    Dispatcher(ServerState& state, unsigned worker, Post post)
        : m_state(state), m_worker(worker), m_post(std::move(post)) {}

    // Fills `reply` before returning `now`; or returns `later` and, once the service has answered,
    // fills it and calls `resume`, both on this dispatcher's thread. client: the peer's address,
    // without a port (the upstream budget counts per client).
    Answered handle(std::string_view method, std::string_view target, std::string_view client, Reply& reply,
                    const Resume& resume);

    // Lets go of the sessions still waiting for an answer (shutting down, the threads stopped):
    // while their io_context is still there to close their sockets.
    void forget_waiting() { m_waiting.clear(); }

private:
    struct WeatherAsk {
        RouteId route = RouteId::weather_v1;
        Query query;
    };

    Answered weather(RouteId route, std::string_view client, Reply& reply, const Resume& resume);
    void answer(const WeatherAsk& ask, const Answer<Weather>& answer, Reply& reply);
    std::shared_ptr<const Rendered> rendered(const Location& location,
                                             const std::shared_ptr<const cache::Entry>& entry);
    std::string health_body() const;

    ServerState& m_state;
    unsigned m_worker;
    Post m_post;
    RequestTarget m_target;
    std::unordered_map<std::string, std::shared_ptr<const Rendered>> m_rendered;
    // Sessions whose answer is on its way from the upstream, by a number the callback carries.
    struct Waiting {
        Resume resume;
        Reply* reply = nullptr;  // the session's, alive as long as resume.owner
    };
    std::unordered_map<std::uint64_t, Waiting> m_waiting;
    std::uint64_t m_next_wait = 0;
};

void set_error(Reply& reply, int status, std::string_view code, std::string_view message);

// The self-contained page of GET /.
std::string_view index_page();

// One access-log line on stderr, written with one write(2); control characters escaped.
void write_access_log(std::string& scratch, std::string_view remote, std::string_view method,
                      std::string_view target, int status, std::size_t bytes, std::string_view x_cache,
                      std::chrono::nanoseconds duration);

}  // namespace tenki::server

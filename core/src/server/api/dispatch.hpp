#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "server/api/content_coding.hpp"
#include "server/api/metrics.hpp"
#include "tenki/domain/forecast.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/domain/units.hpp"
#include "tenki/server/api/request_target.hpp"
#include "tenki/server/api/routes.hpp"
#include "tenki/server/transport/server.hpp"
#include "tenki/service/service.hpp"

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
    std::string_view error_code;  // the JSON error's code (static text) when an error, for the log
    // Validators of a 200 weather or forecast answer: its strong ETag (quoted), its Last-Modified
    // (the observation time, unix seconds; 0: none) and its Age (seconds since this instance got
    // it; -1: none). The transport answers a matching conditional request 304.
    std::string_view etag;
    std::string etag_owned;  // when the body is owned (a stale answer's)
    std::int64_t last_modified = 0;
    long age = -1;
    // Content negotiation: `document` is the memoised body (kept alive by `anchor`, or static)
    // whose compressed forms choose_coding may answer with; `vary_encoding` says the route's
    // answers depend on Accept-Encoding (Vary), even when this one is not compressible.
    const Document* document = nullptr;
    bool vary_encoding = false;
    ContentCoding coding = ContentCoding::identity;  // what choose_coding picked

    void reset();
    void set_owned(std::string text);
};

// What every serving thread shares: options, the service (null without a provider), the counters,
// the compressed forms of the memoised answers.
struct ServerState {
    const ServerOptions& options;
    WeatherService* service;
    Metrics& metrics;
    CompressedForms compressed{};
};

// A cache entry's documents, rendered once and kept beside it: one for each served weather format
// of the table (format/formats.hpp) and unit system, indexed by memo_slot(format, units).
struct Rendered {
    std::shared_ptr<const cache::Entry> entry;
    std::vector<Document> documents;  // memo_slots() of them
};

// How much of a forecast GET /api/v2/forecast answers: `days` daily rows from the place's today,
// `hours` hours of steps from the one under way (see forecast_window).
struct ForecastSpan {
    int days = 7;
    int hours = 24;
};

// The query's `days` (1 to k_max_forecast_days) and `hours` (0 to k_max_forecast_hours), each
// absent: ForecastSpan's default. invalid_input naming the parameter and its range for anything
// else: not a plain decimal number (a sign, spaces, trailing text) or out of range.
Result<ForecastSpan> parse_forecast_span(std::optional<std::string_view> days,
                                         std::optional<std::string_view> hours);

// The unix second at which forecast_window(forecast, now, ...) next changes, given the window it
// gave: when its first step is over, or at the place's next local midnight, whichever is first.
std::int64_t forecast_window_until(const Forecast& window, std::int64_t now);

// A forecast window's document, rendered once and kept beside the cache entry it came from
// until the window changes.
struct RenderedForecast {
    std::shared_ptr<const cache::CacheEntry<Forecast>> entry;
    std::int64_t from = 0;   // unix seconds: when it was cut
    std::int64_t until = 0;  // unix seconds: forecast_window_until
    Document document;
};

// A strong entity tag for these bytes: "\"<16 hex digits of FNV-1a 64>\"". The same bytes give
// the same tag in every instance and every run.
std::string strong_etag(std::string_view body);

// Answers in `accepted` (negotiate_coding's choice) when the reply has a compressible document:
// the compressed body, its ETag and `reply.coding`; else leaves the identity body.
void choose_coding(Reply& reply, ContentCoding accepted);

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

    // Unix seconds now: the clock forecast windows are cut at (tests set their own).
    void set_clock(std::function<std::int64_t()> now) { m_now = std::move(now); }

    // Lets go of the sessions still waiting for an answer (shutting down, the threads stopped):
    // while their io_context is still there to close their sockets.
    void forget_waiting() { m_waiting.clear(); }

private:
    struct WeatherAsk {
        RouteId route = RouteId::weather_v1;
        Query query;
    };

    struct ForecastAsk {
        Query query;
        ForecastSpan span;
    };

    std::optional<std::string> param_text(std::string_view name) const;  // a query parameter, copied
    // The place a query names. v2: postalcode=, q= (any place form: a postal code, a city name,
    // coordinates) or lat= and lon=, at most one way, with country= and units=; none: the
    // default place. v1: postalcode= and country= only, as the original. invalid_input for two
    // ways at once, lat= without lon= (or the reverse), or either not a decimal number.
    Result<PlaceRequest> place_request(RouteId route) const;
    bool no_service(Reply& reply) const;
    Answered weather(RouteId route, std::string_view client, Reply& reply, const Resume& resume);
    Answered forecast(std::string_view client, Reply& reply, const Resume& resume);
    // The flow of every answer: a fresh cached one at once, anything else once it comes.
    template <typename T, typename Ask>
    Answered lookup(Ask ask, std::string_view client, Reply& reply, const Resume& resume);
    void answer(const WeatherAsk& ask, const Answer<Weather>& answer, Reply& reply);
    void answer(const ForecastAsk& ask, const Answer<Forecast>& answer, Reply& reply);
    std::shared_ptr<const Rendered> rendered(const Location& location,
                                             const std::shared_ptr<const cache::Entry>& entry);
    std::shared_ptr<const RenderedForecast> rendered(
        const ForecastAsk& ask, const std::shared_ptr<const cache::CacheEntry<Forecast>>& entry);
    std::string health_body() const;

    ServerState& m_state;
    unsigned m_worker;
    Post m_post;
    RequestTarget m_target;
    std::unordered_map<std::string, std::shared_ptr<const Rendered>> m_rendered;
    // By place, units, days and hours.
    std::unordered_map<std::string, std::shared_ptr<const RenderedForecast>> m_forecasts;
    std::function<std::int64_t()> m_now;
    // Sessions whose answer is on its way from the upstream, by a number the callback carries.
    struct Waiting {
        Resume resume;
        Reply* reply = nullptr;  // the session's, alive as long as resume.owner
    };
    std::unordered_map<std::uint64_t, Waiting> m_waiting;
    std::uint64_t m_next_wait = 0;
};

void set_error(Reply& reply, int status, std::string_view code, std::string_view message);
// The error's HTTP status and code (k_error_kinds), its message, and the places it offers.
void set_error(Reply& reply, const Error& error);

// The self-contained page of GET /.
std::string_view index_page();
// The page, the OpenAPI document: made and compressed once, shared by every thread.
const Document& index_document();
const Document& openapi_document();

}  // namespace tenki::server

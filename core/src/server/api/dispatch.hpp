#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>

#include "server/api/content_coding.hpp"
#include "server/api/documents.hpp"
#include "server/api/forecast_span.hpp"
#include "server/api/metrics.hpp"
#include "server/api/reply.hpp"
#include "tenki/server/api/options.hpp"
#include "tenki/server/api/request_target.hpp"
#include "tenki/server/api/routes.hpp"
#include "tenki/service/extras.hpp"
#include "tenki/service/service.hpp"

namespace tenki::server {

struct WttrJob;  // a wttr.in request, parsed and resolved (server/wttr/route.cpp)

// GET /:help (server/wttr/route.cpp): wttr::help_text() as text/plain, with its ETag, compressed.
void answer_wttr_help(Reply& reply);

// What every serving thread shares: the API's options, the service (null without a provider),
// the counters, the compressed forms of the memoised answers.
struct ApiState {
    const ApiOptions& options;
    WeatherService* service;
    Metrics& metrics;
    CompressedForms compressed{};
    std::size_t memo_bytes = 0;  // each thread's memoised documents' share of cache_memory; 0: none
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

// The extra sources' counters in Prometheus' text format (server/api/extras_api.cpp): requests,
// cache hits, failures, refusals and places not covered, by source; "" without extra sources.
std::string extras_metrics(const ExtraSources* extras);

// Turns a request into a call of the service and its answer into a reply. One per serving thread:
// it keeps scratch space and the memoised documents, touched only on that thread.
class Dispatcher {
public:
    Dispatcher(ApiState& state, unsigned worker, Post post)
        : m_state(state),
          m_worker(worker),
          m_post(std::move(post)),
          m_memo(state.compressed, state.options.cache_entries, state.memo_bytes) {}

    // Fills `reply` before returning `now`; or returns `later` and, once the service has answered,
    // fills it and calls `resume`, both on this dispatcher's thread. client: the peer's address,
    // without a port (the upstream budget counts per client).
    // accept_language: the request's Accept-Language header (negotiate_language), "" without one;
    // user_agent: its User-Agent, by which / and /{place} choose the page or the terminal view.
    Answered handle(std::string_view method, std::string_view target, std::string_view client, Reply& reply,
                    const Resume& resume, std::string_view accept_language = {},
                    std::string_view user_agent = {});

    // Unix seconds now: the clock forecast windows are cut at (tests set their own).
    void set_clock(std::function<std::int64_t()> now) { m_now = std::move(now); }

    // Lets go of the sessions still waiting for an answer (shutting down, the threads stopped):
    // while their io_context is still there to close their sockets.
    void forget_waiting() { m_waiting.clear(); }

private:
    // `lang`: the target's ?lang=, parsed; `language` what this request is answered in (lang=,
    // else Accept-Language; English for v1), set per request by lookup.
    struct WeatherAsk {
        RouteId route = RouteId::weather_v1;
        Query query;
        std::optional<Language> lang;
        Language language = Language::en;
    };

    // What /api/v2/weather asked of the extra sources (alerts=1, air=1), and what they answered.
    struct ExtrasAsked {
        bool alerts = false;
        bool air = false;
        bool any() const { return alerts || air; }
    };
    struct WeatherExtras {
        std::optional<AlertsAnswer> alerts;
        std::optional<AirAnswer> air;
    };

    struct ForecastAsk {
        Query query;
        ForecastSpan span;
        std::optional<Language> lang;
        Language language = Language::en;
    };

    std::optional<std::string> param_text(std::string_view name) const;  // a query parameter, copied
    // The target's lang= (parse_language: invalid_input naming the supported tags); none for v1.
    Result<std::optional<Language>> lang_param(RouteId route) const;
    // The place a query names. v2: postalcode=, q= (any place form: a postal code, a city name,
    // coordinates) or lat= and lon=, at most one way, with country= and units=; none: the
    // default place. v1: postalcode= and country= only, as the original. invalid_input for two
    // ways at once, lat= without lon= (or the reverse), or either not a number or out of range
    // (parse_coordinate: "lat=NaN is not a number"). lat= and lon= go on as Coordinates.
    Result<PlaceRequest> place_request(RouteId route) const;
    bool no_service(Reply& reply) const;
    // target: the GET's request target under which the resolved question is remembered; "": none.
    Answered weather(RouteId route, std::string_view target, std::string_view client, Reply& reply,
                     const Resume& resume);
    Answered forecast(std::string_view target, std::string_view client, Reply& reply, const Resume& resume);
    // alerts= and air= of /api/v2/weather: 1 asks, 0 or none does not;
    // anything else is invalid_input. v1 asks none.
    Result<ExtrasAsked> extras_asked(RouteId route) const;
    // /api/v2/weather?alerts=1&air=1 (server/api/extras_api.cpp): the weather and the extras asked
    // at once, answered once all came, with `alerts` and `air` as `tenki weather --json` has them.
    Answered weather_with_extras(WeatherAsk ask, ExtrasAsked asked, std::string_view client, Reply& reply,
                                 const Resume& resume);
    // GET /api/v2/alerts (server/api/extras_api.cpp): the place's alerts from the extra sources.
    Answered alerts(Reply& reply, const Resume& resume);
    // GET /api/v2/air (server/api/extras_api.cpp): the place's air quality.
    Answered air(Reply& reply, const Resume& resume);
    // The place and language an /api/v2/alerts or /api/v2/air request names; internal when this
    // server has no extra sources ("this server asks no {source} source").
    struct ExtraPlace {
        Location location;
        Language language = Language::en;
    };
    Result<ExtraPlace> extra_place(RouteId route, std::string_view source) const;
    // Asks the extra source (ask: ExtraSources::alerts or ::air) for the place and answers, on this
    // dispatcher's thread, with body(answer) or the source's error.
    template <typename T, typename Body>
    Answered await_extra(RouteId route, const Location& location,
                         void (ExtraSources::*ask)(const Location&,
                                                   std::function<void(const ExtraAnswer<T>&)>),
                         Body body, Reply& reply, const Resume& resume);
    // GET /{place}, /{a}:{b}, and / with format= (server/wttr/route.cpp): wttr.in's URL language,
    // one line a place; its failures are a line of text with the error kind's status.
    Answered wttr(std::string_view target, std::string_view client, Reply& reply, const Resume& resume);
    Result<std::shared_ptr<WttrJob>> wttr_job(std::string_view target) const;
    // What a GET request target asked, resolved: one of the asks above.
    using ResolvedAsk = std::variant<WeatherAsk, ForecastAsk>;
    // Keeps the question a GET target asked (target ""; none).
    void remember(std::string_view target, ResolvedAsk ask);
    // The flow of every answer: a fresh cached one at once, anything else once it comes. Sets
    // ask.language for this request; a cache hit copies nothing of the ask (a remembered one).
    template <typename T, typename Ask>
    Answered lookup(Ask& ask, std::string_view client, Reply& reply, const Resume& resume);
    void answer(const WeatherAsk& ask, const Answer<Weather>& answer, Reply& reply);
    // With the extras: rendered for this request (not memoised, not compressed).
    void answer(const WeatherAsk& ask, const Answer<Weather>& answer, const WeatherExtras& extras,
                Reply& reply);
    void answer(const ForecastAsk& ask, const Answer<Forecast>& answer, Reply& reply);
    std::int64_t now() const;
    std::string health_body() const;
    std::string metrics_body() const;

    ApiState& m_state;
    unsigned m_worker;
    Post m_post;
    RequestTarget m_target;
    DocumentMemo m_memo;
    std::function<std::int64_t()> m_now;
    // Sessions whose answer is on its way from the upstream, by a number the callback carries.
    struct Waiting {
        Resume resume;
        Reply* reply = nullptr;  // the session's, alive as long as resume.owner
    };
    std::unordered_map<std::uint64_t, Waiting> m_waiting;
    // The weather and forecast questions of GET request targets seen (resolve() has no network and its
    // settings are fixed, so a target always asks the same): parsing the target and resolving
    // the place were a fifth of a cache hit's instructions (callgrind). Cleared when full.
    static constexpr std::size_t k_max_resolved = 1024, k_max_resolved_target = 256;  // at most 256 KB
    std::unordered_map<std::string, ResolvedAsk> m_resolved;
    std::string m_key;                   // scratch for looking a target up
    std::string_view m_accept_language;  // the request's, during handle()
    std::string_view m_user_agent;       // the request's, during handle()
    std::uint64_t m_next_wait = 0;
    // wttr.in's rendered answers (server/wttr/route.cpp's memo), made on first use on this thread.
    std::shared_ptr<void> m_wttr_memo;
};

}  // namespace tenki::server

#include "server/api/dispatch.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <algorithm>
#include <type_traits>

#include <fmt/format.h>

#include "server/wttr/request.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/formats.hpp"
#include "util/time.hpp"

namespace tenki::server {

namespace {

// The cache headers of an answer, and its error when it is one (then true): the status of the
// error's kind, Retry-After when rate limited, and a max-age for a cached not_found.
template <typename T>
bool answer_entry(const Answer<T>& lookup, Reply& reply) {
    reply.x_cache = to_string(lookup.status);
    const auto& entry = *lookup.entry;
    if (entry.error) {
        // A cached error's body names no places, only the error (its choices are not kept).
        set_error(reply, Error{entry.error->kind, entry.error->message});
        if (lookup.max_age.count() > 0) reply.max_age = lookup.max_age.count();
        if (entry.error->kind == ErrorKind::rate_limited || entry.error->kind == ErrorKind::too_many_requests)
            reply.retry_after = entry.error->retry_after.value_or(60);
        return true;
    }
    reply.status = 200;
    reply.max_age = lookup.max_age.count();
    reply.stale = lookup.status == cache::CacheStatus::stale;
    return false;
}

// Seconds since the entry was fetched: the Age header, and a stale document's age_s.
template <typename T>
std::int64_t age_of(const cache::CacheEntry<T>& entry) {
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(cache::Clock::now() - entry.fetched_at);
    return std::max<std::int64_t>(0, age.count());
}

// The validators of a 200 answer whose body is already set: the tag (of the memoised body, or
// computed for an owned one), Last-Modified and Age.
template <typename T>
void set_validators(Reply& reply, const cache::CacheEntry<T>& entry, std::string_view etag,
                    std::int64_t last_modified) {
    if (etag.empty()) {
        reply.etag_owned = strong_etag(reply.body);
        etag = reply.etag_owned;
    }
    reply.etag = etag;
    reply.last_modified = last_modified;
    reply.age = static_cast<long>(age_of(entry));
}

// The page in the language lang= names, else Accept-Language's (English without either).
void answer_page(Reply& reply, const Result<std::optional<Language>>& lang,
                 std::string_view accept_language) {
    if (!lang) {
        set_error(reply, lang.error());
        return;
    }
    const auto& page = index_document(lang->value_or(negotiate_language(accept_language)));
    reply.content_type = "text/html; charset=utf-8";
    reply.cache_control = "no-cache";
    set_document(reply, page);
    reply.etag = page.identity_etag();
    reply.vary_language = true;
    reply.vary_user_agent = true;  // a curl-like client asking / gets wttr.in's terminal view
}

// A 404 for a path no route answers, a 405 for a method the route does not take; false for a match.
bool answer_unmatched(const RouteMatch& found, std::string_view method, const std::string& path,
                      Reply& reply) {
    if (found.status == 404) {
        set_error(reply, RequestErrorKind::unknown_route,
                  "there is nothing at " + path + ": see GET / for the API's routes");
        return true;
    }
    if (found.status == 405) {
        reply.allow = found.allow;
        set_error(reply, RequestErrorKind::method_not_allowed,
                  std::string(method) + " is not allowed here: use " + std::string(found.allow));
        return true;
    }
    return false;
}

}  // namespace

Answered Dispatcher::handle(std::string_view method, std::string_view target, std::string_view client,
                            Reply& reply, const Resume& resume, std::string_view accept_language,
                            std::string_view user_agent) {
    reply.reset();
    m_accept_language = accept_language;
    m_user_agent = user_agent;
    if (method == "GET" && !m_resolved.empty()) {
        m_key.assign(target);
        if (auto known = m_resolved.find(m_key); known != m_resolved.end()) {
            if (auto* ask = std::get_if<WeatherAsk>(&known->second)) {
                reply.route = static_cast<std::size_t>(ask->route);
                return lookup<Weather>(*ask, client, reply, resume);
            }
            reply.route = static_cast<std::size_t>(RouteId::forecast_v2);
            return lookup<Forecast>(std::get<ForecastAsk>(known->second), client, reply, resume);
        }
    }
    if ((method == "GET" || method == "HEAD") && wttr::is_wttr_target(target, user_agent))
        return wttr(target, client, reply, resume);
    if (auto parsed = parse_request_target(target, m_target); !parsed) {
        set_error(reply, Error{ErrorKind::invalid_input, parsed.error().message});
        return Answered::now;
    }
    auto found = match(method, m_target.path);
    if (found.route) reply.route = static_cast<std::size_t>(found.route->id);
    if (answer_unmatched(found, method, m_target.path, reply)) return Answered::now;
    switch (found.route->id) {
        case RouteId::index: answer_page(reply, lang_param(RouteId::index), accept_language); break;
        case RouteId::openapi:
            reply.cache_control = "no-cache";
            set_document(reply, openapi_document());
            reply.etag = openapi_document().identity_etag();
            break;
        case RouteId::healthz: reply.set_owned(health_body()); break;
        case RouteId::metrics:
            reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
            reply.set_owned(metrics_body());
            break;
        case RouteId::weather_v1:
        case RouteId::weather_v2:
            return weather(found.route->id, method == "GET" ? target : std::string_view(), client, reply,
                           resume);
        case RouteId::forecast_v2:
            return forecast(method == "GET" ? target : std::string_view(), client, reply, resume);
        case RouteId::alerts_v2: return alerts(reply, resume);
        case RouteId::air_v2: return air(reply, resume);
        case RouteId::wttr_help: answer_wttr_help(reply); break;
        case RouteId::wttr: return wttr(target, client, reply, resume);
    }
    return Answered::now;
}

// The service's counters, then the extra sources'.
std::string Dispatcher::metrics_body() const {
    return m_state.metrics.render(m_state.service ? m_state.service->stats() : ServiceStats{},
                                  m_state.compressed) +
           extras_metrics(m_state.options.extras);
}

// Liveness, with the cache's state as details: a Redis outage is reported, never an outage.
std::string Dispatcher::health_body() const {
    nlohmann::json body{{"status", "ok"}};
    if (!m_state.service) return body.dump();
    auto stats = m_state.service->stats().current;
    body["cache"] = {{"backend", stats.shared ? "redis" : "memory"}, {"entries", stats.entries}};
    if (stats.shared) {
        body["cache"]["redis"] = stats.shared->up ? "up" : "down";
        if (!stats.shared->up) body["cache"]["redis_error"] = stats.shared->last_error;
    }
    return body.dump();
}

std::optional<std::string> Dispatcher::param_text(std::string_view name) const {
    auto value = m_target.param(name);
    return value ? std::optional<std::string>(*value) : std::nullopt;
}

// Without a provider every answering route is 503 no_api_key, saying why.
bool Dispatcher::no_service(Reply& reply) const {
    if (m_state.service) return false;
    set_error(reply, RequestErrorKind::no_api_key,
              m_state.options.no_provider_reason.empty()
                  ? "no OpenWeatherMap API key: set OWM_API_KEY or pass --key-file, then restart"
                  : m_state.options.no_provider_reason);
    return true;
}

template <typename T, typename Ask>
Answered Dispatcher::lookup(Ask& ask, std::string_view client, Reply& reply, const Resume& resume) {
    ask.language = ask.lang.value_or(negotiate_language(m_accept_language));
    if constexpr (std::is_same_v<Ask, WeatherAsk>) {
        if (ask.route == RouteId::weather_v1) ask.language = Language::en;  // the original's: English
    }
    auto* service = m_state.service;
    const Asking asking{false, std::string(client)};
    if (auto hit = service->cached<T>(ask.query.location, asking)) {
        answer(ask, *hit, reply);
        return Answered::now;
    }
    // The session waits in m_waiting, on this thread: the upstream thread's callback holds only
    // its number, so the session is never released (nor destroyed) on that thread.
    const auto id = m_next_wait++;
    m_waiting.emplace(id, Waiting{resume, &reply});
    service->ask<T>(
        ask.query.location,
        [this, ask, id](const Answer<T>& found) {
            m_post([this, ask, found, id] {
                auto waiting = m_waiting.extract(id);
                if (waiting.empty()) return;
                answer(ask, found, *waiting.mapped().reply);
                waiting.mapped().resume();
            });
        },
        asking);
    return Answered::later;
}

// Parse, ask the service, answer.
Result<PlaceRequest> Dispatcher::place_request(RouteId route) const {
    PlaceRequest request{param_text("postalcode"), param_text("country"), std::nullopt, true};
    if (route == RouteId::weather_v1) {
        // v1 is the original's: postalcode= only, Kelvin. It ignores what it does not know, as
        // Flask did, except a place named another way: answering the default postal code for
        // q=Paris would be the weather of another place under no warning.
        for (const char* other : {"q", "lat", "lon"})
            if (param_text(other))
                return fail(ErrorKind::invalid_input,
                            fmt::format("/api/v1/weather names a place by postalcode= only; {}= is "
                                        "/api/v2/weather's (or /api/v2/forecast's)",
                                        other));
        return request;
    }
    request.units = param_text("units");
    auto q = param_text("q");
    auto lat = param_text("lat");
    auto lon = param_text("lon");
    const int forms = int{request.place.has_value()} + int{q.has_value()} + int{lat || lon};
    if (forms > 1)
        return fail(ErrorKind::invalid_input, "give the place one way: postalcode=, q= or lat= and lon=");
    if (lat.has_value() != lon.has_value())
        return fail(ErrorKind::invalid_input,
                    lat ? "lat= needs lon=: coordinates are both, in decimal degrees"
                        : "lon= needs lat=: coordinates are both, in decimal degrees");
    if (lat) {
        auto lat_degrees = parse_coordinate(*lat, Axis::latitude, "lat=");
        if (!lat_degrees) return tl::unexpected(lat_degrees.error());
        auto lon_degrees = parse_coordinate(*lon, Axis::longitude, "lon=");
        if (!lon_degrees) return tl::unexpected(lon_degrees.error());
        request.coordinates = Coordinates{*lat_degrees, *lon_degrees};
    }
    request.postal_code_only = !q && !lat;
    if (q) request.place = std::move(q);
    return request;
}

void Dispatcher::remember(std::string_view target, ResolvedAsk ask) {
    if (target.empty() || target.size() > k_max_resolved_target) return;
    if (m_resolved.size() >= k_max_resolved) m_resolved.clear();
    m_resolved.emplace(std::string(target), std::move(ask));
}

// Parse, ask the service, answer.
Answered Dispatcher::weather(RouteId route, std::string_view target, std::string_view client, Reply& reply,
                             const Resume& resume) {
    if (no_service(reply)) return Answered::now;
    auto query =
        place_request(route).and_then([&](const PlaceRequest& r) { return m_state.service->resolve(r); });
    if (!query) {
        set_error(reply, query.error());
        return Answered::now;
    }
    auto lang = lang_param(route);
    if (!lang) {
        set_error(reply, lang.error());
        return Answered::now;
    }
    auto asked = extras_asked(route);
    if (!asked) {
        set_error(reply, asked.error());
        return Answered::now;
    }
    WeatherAsk ask{route, std::move(*query), *lang};
    if (asked->any()) return weather_with_extras(std::move(ask), *asked, client, reply, resume);
    remember(target, ask);
    return lookup<Weather>(ask, client, reply, resume);
}

Answered Dispatcher::forecast(std::string_view target, std::string_view client, Reply& reply,
                              const Resume& resume) {
    if (no_service(reply)) return Answered::now;
    auto query = place_request(RouteId::forecast_v2).and_then([&](const PlaceRequest& r) {
        return m_state.service->resolve(r);
    });
    if (!query) {
        set_error(reply, query.error());
        return Answered::now;
    }
    auto span = parse_forecast_span(m_target.param("days"), m_target.param("hours"));
    if (!span) {
        set_error(reply, Error{ErrorKind::invalid_input, span.error().message});
        return Answered::now;
    }
    auto lang = lang_param(RouteId::forecast_v2);
    if (!lang) {
        set_error(reply, lang.error());
        return Answered::now;
    }
    ForecastAsk ask{std::move(*query), *span, *lang};
    remember(target, ask);
    return lookup<Forecast>(ask, client, reply, resume);
}

void Dispatcher::answer(const WeatherAsk& ask, const Answer<Weather>& lookup, Reply& reply) {
    m_state.metrics.cache(m_worker, lookup.status, AnswerKind::current);
    reply.route = static_cast<std::size_t>(ask.route);
    if (answer_entry(lookup, reply)) return;
    const auto& entry = *lookup.entry;
    const auto format = ask.route == RouteId::weather_v1 ? OutputFormat::v1_json : OutputFormat::v2_json;
    reply.content_type = format_info(format).media_type;
    if (ask.route == RouteId::weather_v2 && reply.stale) {  // v1 has no word for stale
        RenderInput input{.weather = &*entry.value,
                          .units = ask.query.units,
                          .stale_age_s = age_of(entry),
                          .language = ask.language};
        reply.set_owned(served_bytes(format, input));  // rare: not compressed
        reply.vary_encoding = true;
        reply.vary_language = true;
        set_validators(reply, entry, {}, entry.value->observed_at);
        return;
    }
    auto documents = m_memo.weather(ask.query.location, lookup.entry, format, ask.query.units, ask.language);
    const auto& document = documents->documents.at(memo_slot(format, ask.query.units));
    set_document(reply, document);
    reply.vary_language = ask.route == RouteId::weather_v2;
    set_validators(reply, entry, document.identity_etag(), entry.value->observed_at);
    reply.anchor = std::move(documents);
}

void Dispatcher::answer(const WeatherAsk& ask, const Answer<Weather>& lookup, const WeatherExtras& extras,
                        Reply& reply) {
    m_state.metrics.cache(m_worker, lookup.status, AnswerKind::current);
    reply.route = static_cast<std::size_t>(ask.route);
    if (answer_entry(lookup, reply)) return;
    const auto& entry = *lookup.entry;
    RenderInput input{.weather = &*entry.value, .units = ask.query.units, .language = ask.language};
    if (reply.stale) input.stale_age_s = age_of(entry);
    if (const auto& a = extras.alerts) input.alerts = {true, a->value ? &*a->value : nullptr, a->reason()};
    if (const auto& a = extras.air)
        input.air = {true, a->value ? &*a->value : nullptr, a->reason(),
                     default_aqi_scale(ask.query.location)};
    reply.content_type = format_info(OutputFormat::v2_json).media_type;
    reply.set_owned(served_bytes(OutputFormat::v2_json, input));
    reply.vary_encoding = true;
    reply.vary_language = true;
    set_validators(reply, entry, {}, entry.value->observed_at);
}

void Dispatcher::answer(const ForecastAsk& ask, const Answer<Forecast>& lookup, Reply& reply) {
    m_state.metrics.cache(m_worker, lookup.status, AnswerKind::forecast);
    reply.route = static_cast<std::size_t>(RouteId::forecast_v2);
    if (answer_entry(lookup, reply)) return;
    if (reply.stale) {
        const auto window = forecast_window(*lookup.entry->value, now(), ask.span.days, ask.span.hours);
        RenderInput input{.forecast = &window,
                          .units = ask.query.units,
                          .stale_age_s = age_of(*lookup.entry),
                          .language = ask.language};
        reply.set_owned(served_bytes(OutputFormat::forecast_json, input));  // rare: not compressed
        reply.vary_encoding = true;
        reply.vary_language = true;
        set_validators(reply, *lookup.entry, {}, 0);
        return;
    }
    auto document = m_memo.forecast(ask.query, ask.span, lookup.entry, now(), ask.language);
    set_document(reply, document->document);
    reply.vary_language = true;
    set_validators(reply, *lookup.entry, document->document.identity_etag(), 0);
    reply.anchor = std::move(document);
}

Result<std::optional<Language>> Dispatcher::lang_param(RouteId route) const {
    const auto text = m_target.param("lang");
    if (!text || route == RouteId::weather_v1) return std::optional<Language>();
    auto language = parse_language(*text);
    if (!language) return tl::unexpected(language.error());
    return std::optional<Language>(*language);
}

std::int64_t Dispatcher::now() const { return m_now ? m_now() : util::unix_now(); }

}  // namespace tenki::server

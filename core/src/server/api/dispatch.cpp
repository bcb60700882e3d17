#include "server/api/dispatch.hpp"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "tenki/format/forecast.hpp"
#include "tenki/format/formats.hpp"
#include "tenki/server/api/http_errors.hpp"
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
        auto mapped = http_error(entry.error->kind);
        set_error(reply, mapped.status, mapped.code, entry.error->message);
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

// A query parameter that must be a whole number in [low, high]; absent: `fallback`.
Result<int> whole_number(std::optional<std::string_view> text, std::string_view name, int low, int high,
                         int fallback) {
    if (!text) return fallback;
    int value = 0;
    const char* last = text->data() + text->size();
    auto [end, ec] = std::from_chars(text->data(), last, value);
    if (!text->empty() && ec == std::errc{} && end == last && value >= low && value <= high) return value;
    constexpr std::size_t k_shown = 16;
    const auto shown =
        text->size() > k_shown ? std::string(text->substr(0, k_shown)) + "..." : std::string(*text);
    return fail(ErrorKind::invalid_input,
                fmt::format("{} must be a whole number from {} to {}, not '{}'", name, low, high, shown));
}

}  // namespace

Result<ForecastSpan> parse_forecast_span(std::optional<std::string_view> days,
                                         std::optional<std::string_view> hours) {
    const ForecastSpan defaults;
    auto d = whole_number(days, "days", 1, k_max_forecast_days, defaults.days);
    if (!d) return tl::unexpected(d.error());
    auto h = whole_number(hours, "hours", 0, k_max_forecast_hours, defaults.hours);
    if (!h) return tl::unexpected(h.error());
    return ForecastSpan{*d, *h};
}

std::int64_t forecast_window_until(const Forecast& window, std::int64_t now) {
    constexpr std::int64_t k_day = 86400;
    const std::int64_t local = now + window.timezone_offset;
    const std::int64_t local_day = local / k_day - (local % k_day < 0 ? 1 : 0);
    std::int64_t until = (local_day + 1) * k_day - window.timezone_offset;
    if (!window.hourly.empty()) until = std::min(until, window.hourly.front().time + window.step_seconds);
    return until;
}

std::string strong_etag(std::string_view body) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64's offset basis and prime
    for (char c : body) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return fmt::format("\"{:016x}\"", hash);
}

void Reply::reset() {
    status = 200;
    route = k_unknown_route;
    content_type = k_json_type;
    body = {};
    owned.clear();
    anchor.reset();
    x_cache = {};
    cache_control = "no-store";
    max_age = -1;
    allow = {};
    retry_after = -1;
    stale = false;
    error_code = {};
    etag = {};
    etag_owned.clear();
    last_modified = 0;
    age = -1;
    document = nullptr;
    vary_encoding = false;
    coding = ContentCoding::identity;
}

namespace {

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
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(cache::Clock::now() - entry.fetched_at);
    reply.age = std::max<long>(0, static_cast<long>(age.count()));
}

// A memoised document made from its body, with the body's strong tag; compressed on demand, once
// for every serving thread.
Document etagged(std::string body, CompressedForms& shared) {
    auto etag = strong_etag(body);
    return Document(std::move(body), std::move(etag), shared);
}

// A served format's bytes for an answer; those formats render any answer.
std::string served_bytes(OutputFormat format, const RenderInput& input) {
    return *format_info(format).render(input);
}

// A 200 answer's body from a document: identity until choose_coding picks a coding.
void set_document(Reply& reply, const Document& document) {
    reply.body = document.identity();
    reply.document = &document;
    reply.vary_encoding = true;
}

}  // namespace

void choose_coding(Reply& reply, ContentCoding accepted) {
    reply.coding = ContentCoding::identity;
    if (reply.document == nullptr || accepted == ContentCoding::identity) return;
    reply.body = reply.document->body(accepted);
    if (accepted == ContentCoding::identity) return;
    reply.coding = accepted;
    reply.etag = reply.document->etag(accepted);
}

void Reply::set_owned(std::string text) {
    owned = std::move(text);
    body = owned;
}

void set_error(Reply& reply, int status, std::string_view code, std::string_view message) {
    reply.status = status;
    reply.content_type = k_json_type;
    reply.error_code = code;
    reply.set_owned(error_body(code, message));
}

void set_error(Reply& reply, const Error& error) {
    const auto mapped = http_error(error.kind);
    reply.status = mapped.status;
    reply.content_type = k_json_type;
    reply.error_code = mapped.code;
    reply.set_owned(error_body(mapped.code, error.message, error.kind, error.choices));
}

Answered Dispatcher::handle(std::string_view method, std::string_view target, std::string_view client,
                            Reply& reply, const Resume& resume) {
    reply.reset();
    if (auto parsed = parse_request_target(target, m_target); !parsed) {
        set_error(reply, 400, "invalid_input", parsed.error().message);
        return Answered::now;
    }
    auto found = match(method, m_target.path);
    if (found.route) reply.route = static_cast<std::size_t>(found.route->id);
    if (found.status == 404) {
        set_error(reply, 404, "unknown_route",
                  "there is nothing at " + m_target.path + ": see GET / for the API's routes");
        return Answered::now;
    }
    if (found.status == 405) {
        reply.allow = found.allow;
        set_error(reply, 405, "method_not_allowed",
                  std::string(method) + " is not allowed here: use " + std::string(found.allow));
        return Answered::now;
    }
    switch (found.route->id) {
        case RouteId::index:
            reply.content_type = "text/html; charset=utf-8";
            reply.cache_control = "no-cache";
            set_document(reply, index_document());
            reply.etag = index_document().identity_etag();
            break;
        case RouteId::openapi:
            reply.cache_control = "no-cache";
            set_document(reply, openapi_document());
            reply.etag = openapi_document().identity_etag();
            break;
        case RouteId::healthz: reply.set_owned(health_body()); break;
        case RouteId::metrics:
            reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
            reply.set_owned(m_state.metrics.render(
                m_state.service ? m_state.service->stats() : ServiceStats{}, m_state.compressed));
            break;
        case RouteId::weather_v1:
        case RouteId::weather_v2: return weather(found.route->id, client, reply, resume);
        case RouteId::forecast_v2: return forecast(client, reply, resume);
    }
    return Answered::now;
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
    set_error(reply, 503, "no_api_key",
              m_state.options.no_provider_reason.empty()
                  ? "no OpenWeatherMap API key: set OWM_API_KEY or pass --key-file, then restart"
                  : m_state.options.no_provider_reason);
    return true;
}

template <typename T, typename Ask>
Answered Dispatcher::lookup(Ask ask, std::string_view client, Reply& reply, const Resume& resume) {
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
    const auto location = ask.query.location;
    service->ask<T>(
        location,
        [this, ask = std::move(ask), id](const Answer<T>& found) {
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
    const auto is_number = [](const std::string& text) {
        double value = 0;
        const auto* end = text.data() + text.size();
        auto [stop, ec] = std::from_chars(text.data(), end, value);
        return !text.empty() && ec == std::errc{} && stop == end;
    };
    if (lat && (!is_number(*lat) || !is_number(*lon)))
        return fail(ErrorKind::invalid_input, "lat= and lon= are one number each, in decimal degrees");
    request.postal_code_only = !q && !lat;
    if (q) request.place = std::move(q);
    if (lat) request.place = *lat + "," + *lon;  // parse_place reads them as coordinates, or refuses
    return request;
}

// Parse, ask the service, answer.
Answered Dispatcher::weather(RouteId route, std::string_view client, Reply& reply, const Resume& resume) {
    if (no_service(reply)) return Answered::now;
    auto query =
        place_request(route).and_then([&](const PlaceRequest& r) { return m_state.service->resolve(r); });
    if (!query) {
        set_error(reply, query.error());
        return Answered::now;
    }
    return lookup<Weather>(WeatherAsk{route, std::move(*query)}, client, reply, resume);
}

Answered Dispatcher::forecast(std::string_view client, Reply& reply, const Resume& resume) {
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
        set_error(reply, 400, "invalid_input", span.error().message);
        return Answered::now;
    }
    return lookup<Forecast>(ForecastAsk{std::move(*query), *span}, client, reply, resume);
}

void Dispatcher::answer(const WeatherAsk& ask, const Answer<Weather>& lookup, Reply& reply) {
    m_state.metrics.cache(m_worker, lookup.status, AnswerKind::current);
    reply.route = static_cast<std::size_t>(ask.route);
    if (answer_entry(lookup, reply)) return;
    const auto& entry = *lookup.entry;
    const auto format = ask.route == RouteId::weather_v1 ? OutputFormat::v1_json : OutputFormat::v2_json;
    reply.content_type = format_info(format).media_type;
    if (ask.route == RouteId::weather_v2 && reply.stale) {  // v1 has no word for stale
        RenderInput input{.weather = &*entry.value, .units = ask.query.units, .stale = true};
        reply.set_owned(served_bytes(format, input));  // rare: not compressed
        reply.vary_encoding = true;
        set_validators(reply, entry, {}, entry.value->observed_at);
        return;
    }
    auto documents = rendered(ask.query.location, lookup.entry);
    const auto& document = documents->documents.at(memo_slot(format, ask.query.units));
    set_document(reply, document);
    set_validators(reply, entry, document.identity_etag(), entry.value->observed_at);
    reply.anchor = std::move(documents);
}

// The entry's documents, rendered on first use and kept until the place has a newer entry: each
// served weather format of the table, in each unit system its bytes depend on.
std::shared_ptr<const Rendered> Dispatcher::rendered(const Location& location,
                                                     const std::shared_ptr<const cache::Entry>& entry) {
    auto key = location.key();
    auto it = m_rendered.find(key);
    if (it != m_rendered.end() && it->second->entry == entry) return it->second;
    auto fresh = std::make_shared<Rendered>();
    fresh->entry = entry;
    fresh->documents.resize(memo_slots());
    for (const auto& row : output_formats()) {
        if (!row.served || row.renders != Renders::weather) continue;
        for (auto units : {Units::standard, Units::metric, Units::imperial}) {
            if (!row.by_units && units != Units::standard) break;
            fresh->documents.at(memo_slot(row.format, units)) = etagged(
                served_bytes(row.format, {.weather = &*entry->value, .units = units}), m_state.compressed);
        }
    }
    if (it != m_rendered.end()) {
        it->second = fresh;
    } else {
        if (m_rendered.size() >= m_state.options.cache_entries) m_rendered.clear();
        m_rendered.emplace(std::move(key), fresh);
    }
    return fresh;
}

void Dispatcher::answer(const ForecastAsk& ask, const Answer<Forecast>& lookup, Reply& reply) {
    m_state.metrics.cache(m_worker, lookup.status, AnswerKind::forecast);
    reply.route = static_cast<std::size_t>(RouteId::forecast_v2);
    if (answer_entry(lookup, reply)) return;
    if (reply.stale) {
        const auto window = forecast_window(*lookup.entry->value, m_now ? m_now() : util::unix_now(),
                                            ask.span.days, ask.span.hours);
        RenderInput input{.forecast = &window, .units = ask.query.units, .stale = true};
        reply.set_owned(served_bytes(OutputFormat::forecast_json, input));  // rare: not compressed
        reply.vary_encoding = true;
        set_validators(reply, *lookup.entry, {}, 0);
        return;
    }
    auto document = rendered(ask, lookup.entry);
    set_document(reply, document->document);
    set_validators(reply, *lookup.entry, document->document.identity_etag(), 0);
    reply.anchor = std::move(document);
}

// The window's document, rendered on first use and kept while the entry and the window last.
std::shared_ptr<const RenderedForecast> Dispatcher::rendered(
    const ForecastAsk& ask, const std::shared_ptr<const cache::CacheEntry<Forecast>>& entry) {
    const auto now = m_now ? m_now() : util::unix_now();
    auto key = fmt::format("{}|{}|{}|{}", ask.query.location.key(), to_string(ask.query.units), ask.span.days,
                           ask.span.hours);
    auto it = m_forecasts.find(key);
    if (it != m_forecasts.end() && it->second->entry == entry && now >= it->second->from &&
        now < it->second->until)
        return it->second;
    const auto window = forecast_window(*entry->value, now, ask.span.days, ask.span.hours);
    auto fresh = std::make_shared<RenderedForecast>();
    fresh->entry = entry;
    fresh->from = now;
    fresh->until = forecast_window_until(window, now);
    fresh->document =
        etagged(served_bytes(OutputFormat::forecast_json, {.forecast = &window, .units = ask.query.units}),
                m_state.compressed);
    if (it != m_forecasts.end()) {
        it->second = fresh;
    } else {
        if (m_forecasts.size() >= m_state.options.cache_entries) m_forecasts.clear();
        m_forecasts.emplace(std::move(key), fresh);
    }
    return fresh;
}

}  // namespace tenki::server

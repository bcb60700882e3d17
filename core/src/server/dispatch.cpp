#include "server/dispatch.hpp"

#include <nlohmann/json.hpp>

#include "tenki/format.hpp"
#include "tenki/server/http_errors.hpp"

namespace tenki::server {

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
}

void Reply::set_owned(std::string text) {
    owned = std::move(text);
    body = owned;
}

void set_error(Reply& reply, int status, std::string_view code, std::string_view message) {
    reply.status = status;
    reply.content_type = k_json_type;
    reply.set_owned(error_body(code, message));
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
            reply.body = index_page();
            break;
        case RouteId::healthz: reply.set_owned(health_body()); break;
        case RouteId::metrics:
            reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
            reply.set_owned(
                m_state.metrics.render(m_state.service ? m_state.service->stats() : ServiceStats{}));
            break;
        case RouteId::weather_v1:
        case RouteId::weather_v2: return weather(found.route->id, client, reply, resume);
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

// Parse, ask the service, answer: a fresh cached answer at once, anything else once it comes.
Answered Dispatcher::weather(RouteId route, std::string_view client, Reply& reply, const Resume& resume) {
    auto* service = m_state.service;
    if (!service) {
        set_error(reply, 503, "no_api_key",
                  m_state.options.no_provider_reason.empty()
                      ? "no OpenWeatherMap API key: set OWM_API_KEY or pass --key-file, then restart"
                      : m_state.options.no_provider_reason);
        return Answered::now;
    }
    auto text = [this](std::string_view name) {
        auto value = m_target.param(name);
        return value ? std::optional<std::string>(*value) : std::nullopt;
    };
    PlaceRequest request{text("postalcode"), text("country"), std::nullopt};
    if (route == RouteId::weather_v2) request.units = text("units");  // v1 is always in Kelvin
    auto query = service->resolve(request);
    if (!query) {
        set_error(reply, 400, "invalid_input", query.error().message);
        return Answered::now;
    }
    WeatherAsk ask{route, std::move(*query)};
    const Asking asking{false, std::string(client)};
    if (auto hit = service->cached_current(ask.query.location, asking)) {
        answer(ask, *hit, reply);
        return Answered::now;
    }
    // The session waits in m_waiting, on this thread: the upstream thread's callback holds only
    // its number, so the session is never released (nor destroyed) on that thread.
    const auto id = m_next_wait++;
    m_waiting.emplace(id, Waiting{resume, &reply});
    service->current(
        ask.query.location,
        [this, ask, id](const Answer<Weather>& found) {
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

void Dispatcher::answer(const WeatherAsk& ask, const Answer<Weather>& lookup, Reply& reply) {
    m_state.metrics.cache(m_worker, lookup.status);
    reply.route = static_cast<std::size_t>(ask.route);
    reply.x_cache = to_string(lookup.status);
    const auto& entry = *lookup.entry;
    if (entry.error) {
        auto mapped = http_error(entry.error->kind);
        set_error(reply, mapped.status, mapped.code, entry.error->message);
        if (lookup.max_age.count() > 0) reply.max_age = lookup.max_age.count();
        if (entry.error->kind == ErrorKind::rate_limited)
            reply.retry_after = entry.error->retry_after.value_or(60);
        return;
    }
    reply.status = 200;
    reply.max_age = lookup.max_age.count();
    reply.stale = lookup.status == cache::CacheStatus::stale;
    if (ask.route == RouteId::weather_v2 && reply.stale) {
        reply.set_owned(to_v2_json(*entry.value, ask.query.units, true).dump());
        return;
    }
    auto documents = rendered(ask.query.location, lookup.entry);
    reply.body = ask.route == RouteId::weather_v1
                     ? documents->v1
                     : documents->v2.at(static_cast<std::size_t>(ask.query.units));
    reply.anchor = std::move(documents);
}

// The entry's documents, rendered on first use and kept until the place has a newer entry.
std::shared_ptr<const Rendered> Dispatcher::rendered(const Location& location,
                                                     const std::shared_ptr<const cache::Entry>& entry) {
    auto key = location.key();
    auto it = m_rendered.find(key);
    if (it != m_rendered.end() && it->second->entry == entry) return it->second;
    auto fresh = std::make_shared<Rendered>();
    fresh->entry = entry;
    fresh->v1 = to_v1_json(*entry->value).dump();
    for (auto units : {Units::standard, Units::metric, Units::imperial})
        fresh->v2.at(static_cast<std::size_t>(units)) = to_v2_json(*entry->value, units, false).dump();
    if (it != m_rendered.end()) {
        it->second = fresh;
    } else {
        if (m_rendered.size() >= m_state.options.cache_entries) m_rendered.clear();
        m_rendered.emplace(std::move(key), fresh);
    }
    return fresh;
}

}  // namespace tenki::server

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
    entry.reset();
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

bool Dispatcher::handle(std::string_view method, std::string_view target, Reply& reply, WeatherQuery& query) {
    reply.reset();
    if (auto parsed = parse_request_target(target, m_target); !parsed) {
        set_error(reply, 400, "invalid_input", parsed.error().message);
        return true;
    }
    auto found = match(method, m_target.path);
    if (found.route) reply.route = static_cast<std::size_t>(found.route->id);
    if (found.status == 404) {
        set_error(reply, 404, "unknown_route",
                  "there is nothing at " + m_target.path + ": see GET / for the API's routes");
        return true;
    }
    if (found.status == 405) {
        reply.allow = found.allow;
        set_error(reply, 405, "method_not_allowed",
                  std::string(method) + " is not allowed here: use " + std::string(found.allow));
        return true;
    }
    switch (found.route->id) {
        case RouteId::index:
            reply.content_type = "text/html; charset=utf-8";
            reply.cache_control = "no-cache";
            reply.body = index_page();
            return true;
        case RouteId::healthz: reply.set_owned(health_body()); return true;
        case RouteId::metrics:
            reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
            reply.set_owned(
                m_state.metrics.render(m_state.cache ? m_state.cache->stats() : cache::CacheStats{}));
            return true;
        case RouteId::weather_v1:
        case RouteId::weather_v2: return weather(found.route->id, reply, query);
    }
    return true;
}

// Liveness, with the cache's state as details: a Redis outage is reported, never an outage.
std::string Dispatcher::health_body() const {
    nlohmann::json body{{"status", "ok"}};
    if (!m_state.cache) return body.dump();
    auto stats = m_state.cache->stats();
    body["cache"] = {{"backend", stats.shared ? "redis" : "memory"}, {"entries", stats.entries}};
    if (stats.shared) {
        body["cache"]["redis"] = stats.shared->up ? "up" : "down";
        if (!stats.shared->up) body["cache"]["redis_error"] = stats.shared->last_error;
    }
    return body.dump();
}

bool Dispatcher::weather(RouteId route, Reply& reply, WeatherQuery& query) {
    const auto& settings = m_state.options.settings;
    if (!m_state.cache) {
        set_error(reply, 503, "no_api_key",
                  m_state.options.no_provider_reason.empty()
                      ? "no OpenWeatherMap API key: set OWM_API_KEY or pass --key-file, then restart"
                      : m_state.options.no_provider_reason);
        return true;
    }
    auto code = m_target.param("postalcode").value_or(settings.default_postal_code);
    auto country = m_target.param("country").value_or(settings.default_country);
    auto location = parse_location(code, country);
    if (!location) {
        set_error(reply, 400, "invalid_input", location.error().message);
        return true;
    }
    query.route = route;
    query.units = Units::standard;
    if (route == RouteId::weather_v2) {
        if (auto name = m_target.param("units")) {
            auto units = parse_units(*name);
            if (!units) {
                set_error(reply, 400, "invalid_input", units.error().message);
                return true;
            }
            query.units = *units;
        } else {
            query.units = default_units(*location);
        }
    }
    query.location = std::move(*location);
    if (auto hit = m_state.cache->find(query.location.key())) {
        answer(query, *hit, reply);
        return true;
    }
    return false;
}

void Dispatcher::answer(const WeatherQuery& query, const cache::Lookup& lookup, Reply& reply) {
    m_state.metrics.cache(m_worker, lookup.status);
    reply.route = static_cast<std::size_t>(query.route);
    reply.x_cache = to_string(lookup.status);
    reply.entry = lookup.entry;
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
    if (query.route == RouteId::weather_v1) {
        reply.body = entry.v1_body;
    } else if (reply.stale) {
        reply.set_owned(to_v2_json(*entry.weather, query.units, true).dump());
    } else {
        reply.body = entry.v2_body(query.units);
    }
}

}  // namespace tenki::server

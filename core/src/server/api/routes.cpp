#include "tenki/server/api/routes.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>

namespace tenki::server {

namespace {

constexpr std::string_view k_get_head = "GET, HEAD";

constexpr RouteParameter k_postalcode{"postalcode", "string",
                                      "The postal code: a US ZIP code, or one of `country`'s codes", "94107"};
constexpr RouteParameter k_country{
    "country", "string", "The postal code's country, ISO 3166-1 alpha-2, either case (default: us)", "us"};
constexpr RouteParameter k_units{
    "units", "string", "The unit system, any case (default auto: imperial in the US, metric elsewhere)",
    "metric", "auto|standard|metric|imperial"};
constexpr std::array k_weather_v1_parameters{
    RouteParameter{"postalcode", "string", "The US ZIP code (default: 19021)", "19021"}, k_country};
constexpr RouteParameter k_q{
    "q", "string",
    "Any place: a postal code, a city name (\"Paris\", \"Paris,FR\", \"Springfield, IL, "
    "US\"; an ambiguous one is 400 ambiguous_place with its candidates) or coordinates "
    "(\"37.7749,-122.4194\"); instead of postalcode",
    "Paris,FR"};
constexpr RouteParameter k_lat{
    "lat", "number", "Latitude in decimal degrees, with lon; instead of postalcode or q", "37.7749", "",
    -90,   90};
constexpr RouteParameter k_lon{"lon", "number", "Longitude in decimal degrees, with lat", "-122.4194", "",
                               -180,  180};
constexpr RouteParameter k_lang{
    "lang", "string",
    "The language of the text a person reads (condition.description, wind.direction, notes and reasons; "
    "enum values stay English): a BCP 47 tag, any case (en, de, fr, ru, zh-Hans, zh-Hant, "
    "pt-BR, pt-PT, tr, ja, es, pl, it, uk, da; pt is pt-BR, zh zh-Hans, zh-TW zh-Hant); an unknown one is "
    "400. "
    "Default: the Accept-Language header's best match, else English",
    "de"};
constexpr std::array k_weather_v2_parameters{
    k_postalcode,
    k_q,
    k_lat,
    k_lon,
    k_country,
    k_units,
    k_lang,
    RouteParameter{"alerts", "string",
                   "1: add `alerts`, the official alerts in force (or null with `alerts_reason`), as "
                   "/api/v2/alerts gives them (default 0: none, no request)",
                   "1", "0|1"},
    RouteParameter{"air", "string",
                   "1: add `air`, the air quality (or null with `air_reason`), as /api/v2/air gives it "
                   "(default 0: none, no request)",
                   "1", "0|1"}};
constexpr std::array k_forecast_parameters{
    k_postalcode,
    k_q,
    k_lat,
    k_lon,
    k_country,
    k_units,
    k_lang,
    RouteParameter{"days", "integer", "Daily rows from the place's today (default: 7)", "3", "", 1, 16},
    RouteParameter{"hours", "integer", "Hourly rows from the hour under way (default: 24)", "12", "", 0, 48}};

constexpr std::array k_alerts_parameters{k_postalcode, k_q, k_lat, k_lon, k_country, k_lang};
constexpr std::array k_air_parameters{
    k_postalcode,
    k_q,
    k_lat,
    k_lon,
    k_country,
    RouteParameter{"scale", "string", "The AQI scale (default: us in the US, eu elsewhere)", "eu", "us|eu"},
    k_lang};

constexpr std::array k_wttr_parameters{
    RouteParameter{"place", "string",
                   "wttr.in's place: a city (São+Paulo), a postal code, coordinates (48.85,2.35), several as "
                   "Paris:London; landmarks (~), domains (@) and airport codes are 404",
                   "Paris", "", 0, 0, true},
    RouteParameter{
        "format", "string",
        "A preset, 1 to 4 (3: \"Paris: ☁️  +8°C\"), or wttr.in's % codes (%l %c %t %w ...; + a "
        "space, \\n a new line; an unknown code stays as written). Units: ?m metric, ?u USCS, ?M "
        "metric with m/s (default: USCS in the US, metric elsewhere). j1: wttr.in's JSON document, j2 "
        "without hourly, p1 Prometheus text",
        "3"},
    k_lang};

// The statuses a weather answer may fail with: from the error kinds' table (http_error).
constexpr std::string_view k_weather_errors = "400 404 429 500 502 503 504";

constexpr std::array k_routes{
    Route{RouteId::index,
          "index",
          k_get_head,
          "/",
          "The page: a form for any place and the API's description",
          "",
          "",
          {},
          RouteAnswer{"text/html", "", "", true}},
    Route{
        RouteId::weather_v1, "weather_v1", k_get_head, "/api/v1/weather",
        "?postalcode=NNNNN: the original service's JSON (Kelvin); default postal code 19021",
        "/api/v1/weather?postalcode=19021",
        "the original service's answer (temperatures in Kelvin). Without <code>postalcode</code> it answers "
        "for 19021; a place named by <code>q</code>, <code>lat</code> or <code>lon</code> (v2's) is 400.",
        k_weather_v1_parameters,
        RouteAnswer{"application/json", "WeatherV1", k_weather_errors, true, true, true, false}},
    Route{RouteId::weather_v2, "weather_v2", k_get_head, "/api/v2/weather",
          "?postalcode=|q=|lat=&lon=, &country=&units=: the document of `tenki weather --json`",
          "/api/v2/weather?postalcode=94107&country=us&units=metric",
          "the document of <code>tenki weather --json</code>; <code>units</code> is <code>standard</code>, "
          "<code>metric</code> or <code>imperial</code> (default: imperial in the US, metric elsewhere); "
          "<code>alerts=1</code> and <code>air=1</code> add <code>alerts</code> and <code>air</code>.",
          k_weather_v2_parameters,
          RouteAnswer{"application/json", "WeatherV2", k_weather_errors, true, true, true, true}},
    Route{
        RouteId::forecast_v2, "forecast_v2", k_get_head, "/api/v2/forecast",
        "?postalcode=|q=|lat=&lon=, &country=&units=&days=&hours=: the document of `tenki forecast --json`",
        "/api/v2/forecast?postalcode=94107&country=us&units=metric&days=3&hours=12",
        "the document of <code>tenki forecast --json</code>: <code>days</code> daily rows from today (1 to "
        "16, "
        "default 7) and <code>hours</code> hourly ones from now (0 to 48, default 24), as far as the weather "
        "service forecasts; <code>units</code> as above.",
        k_forecast_parameters,
        RouteAnswer{"application/json", "Forecast", k_weather_errors, true, true, false, true}},
    Route{RouteId::healthz,
          "healthz",
          k_get_head,
          "/healthz",
          "Liveness: 200 ok, never calls the upstream",
          "/healthz",
          "liveness.",
          {},
          RouteAnswer{"application/json", "Health", "", false}},
    Route{RouteId::metrics,
          "metrics",
          k_get_head,
          "/metrics",
          "Prometheus metrics, text format",
          "/metrics",
          "Prometheus metrics.",
          {},
          RouteAnswer{"text/plain; version=0.0.4", "", "", false}},
    Route{
        RouteId::openapi,
        "openapi",
        k_get_head,
        "/api/openapi.json",
        "The API's OpenAPI 3.1 description, made from this table",
        "/api/openapi.json",
        "the <a href=\"/api/openapi.json\">OpenAPI 3.1 description</a> of these routes: parameters, answers "
        "and the error body.",
        {},
        RouteAnswer{"application/json", "", "", true}},
    Route{RouteId::alerts_v2, "alerts_v2", k_get_head, "/api/v2/alerts",
          "?postalcode=|q=|lat=&lon=, &country=: official alerts in force (NWS: the US and its territories)",
          "/api/v2/alerts?q=10001",
          "the official alerts in force for the place, the most severe first, from the National Weather "
          "Service (the US, Puerto Rico, Guam, the US Virgin Islands, American Samoa, the Northern Mariana "
          "Islands); elsewhere <code>alerts</code> is null with the reason.",
          k_alerts_parameters,
          RouteAnswer{"application/json", "Alerts", "400 404 503", true, false, false, true}},
    Route{RouteId::air_v2, "air_v2", k_get_head, "/api/v2/air",
          "?q=|lat=&lon=|postalcode= (US), &country=&scale=: air quality (Open-Meteo, modelled by CAMS)",
          "/api/v2/air?q=Paris,FR",
          "the current air quality at the place, modelled (CAMS), not measured: the US AQI for US places, "
          "the European AQI elsewhere (<code>scale=us|eu</code> overrides), its category and dominant "
          "pollutant, PM2.5 and PM10.",
          k_air_parameters,
          RouteAnswer{"application/json", "Air", "400 404 502 503 504", true, false, false, true}},
    Route{RouteId::wttr_help,
          "wttr_help",
          k_get_head,
          "/:help",
          "wttr.in's /:help: its URL language as tenki answers it, every % code",
          "/:help",
          "wttr.in's URL language as this server answers it, as text: place forms, views and their options, "
          "units, presets and every % code, <code>j1</code>, <code>j2</code>, <code>p1</code>.",
          {},
          RouteAnswer{"text/plain", "", "", true}},
    Route{RouteId::wttr, "wttr", k_get_head, "/{place}",
          "wttr.in's URL language: /Paris?format=3, /Paris:London, % codes, ?m|u|M", "/Paris?format=3",
          "wttr.in's URL language, for its scripts and status bars: <code>format=1</code> to <code>4</code> "
          "or % codes, several places as <code>/Paris:London</code>; <code>/?format=3</code> is the default "
          "place (tenki does no IP geolocation). The routes above win over place names.",
          k_wttr_parameters, RouteAnswer{"text/plain", "", k_weather_errors, true, true, false, true}},
};
static_assert(k_routes.size() == k_route_count);
static_assert(k_routes.back().id == RouteId::wttr, "match() falls back to the last row");

constexpr bool ids_in_order() {
    for (std::size_t i = 0; i < k_routes.size(); ++i)
        if (static_cast<std::size_t>(k_routes.at(i).id) != i) return false;
    return true;
}
static_assert(ids_in_order(), "metrics index their counters by RouteId");

std::string html_escape(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '&')
            out += "&amp;";
        else if (c == '<')
            out += "&lt;";
        else if (c == '>')
            out += "&gt;";
        else
            out.push_back(c);
    }
    return out;
}

bool method_allowed(std::string_view methods, std::string_view method) {
    while (!methods.empty()) {
        auto comma = methods.find(',');
        auto one = methods.substr(0, comma);
        while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
        if (one == method) return true;
        if (comma == std::string_view::npos) break;
        methods.remove_prefix(comma + 1);
    }
    return false;
}

std::vector<const Route*> sorted_routes(std::string_view sort_by) {
    std::vector<const Route*> out;
    for (const auto& r : k_routes) out.push_back(&r);
    auto by = [sort_by](const Route* a, const Route* b) {
        if (sort_by == "methods") return a->methods < b->methods;
        if (sort_by == "rule") return a->rule < b->rule;
        return a->endpoint < b->endpoint;
    };
    if (sort_by == "endpoint" || sort_by == "methods" || sort_by == "rule")
        std::stable_sort(out.begin(), out.end(), by);
    return out;
}

}  // namespace

std::span<const Route> routes() { return k_routes; }

std::string api_list_html() {
    std::string out;
    for (const auto& r : k_routes) {
        if (r.page_html.empty()) continue;
        out += fmt::format("      <li><code>GET {}</code>: {}</li>\n", html_escape(r.example), r.page_html);
    }
    return out;
}

RouteMatch match(std::string_view method, std::string_view path) {
    auto found = [method](const Route& r) -> RouteMatch {
        if (method_allowed(r.methods, method)) return {&r, 200, {}};
        return {&r, 405, r.methods};
    };
    for (const auto& r : k_routes)
        if (r.rule == path) return found(r);
    // wttr.in's /{place}: one segment, not /api nor one of its special pages (/:help).
    const bool one_segment =
        path.size() >= 2 && path.front() == '/' && path.find('/', 1) == std::string_view::npos;
    if (one_segment && path[1] != ':' && path != "/api") return found(k_routes.back());
    return {};
}

std::string format_route_table(std::string_view sort_by) {
    auto rows = sorted_routes(sort_by);
    std::size_t w_endpoint = std::string_view("Endpoint").size();
    std::size_t w_methods = std::string_view("Methods").size();
    std::size_t w_rule = std::string_view("Rule").size();
    for (const auto* r : rows) {
        w_endpoint = std::max(w_endpoint, r->endpoint.size());
        w_methods = std::max(w_methods, r->methods.size());
        w_rule = std::max(w_rule, r->rule.size());
    }
    std::string out =
        fmt::format("{:<{}}  {:<{}}  {}\n", "Endpoint", w_endpoint, "Methods", w_methods, "Rule");
    out += fmt::format("{}  {}  {}\n", std::string(w_endpoint, '-'), std::string(w_methods, '-'),
                       std::string(w_rule, '-'));
    for (const auto* r : rows)
        out += fmt::format("{:<{}}  {:<{}}  {}\n", r->endpoint, w_endpoint, r->methods, w_methods, r->rule);
    return out;
}

std::string route_table_json(std::string_view sort_by) {
    auto doc = nlohmann::json::array();
    for (const auto* r : sorted_routes(sort_by)) {
        auto methods = nlohmann::json::array();
        std::string_view m = r->methods;
        while (!m.empty()) {
            auto comma = m.find(',');
            auto one = m.substr(0, comma);
            while (!one.empty() && one.front() == ' ') one.remove_prefix(1);
            methods.push_back(one);
            if (comma == std::string_view::npos) break;
            m.remove_prefix(comma + 1);
        }
        doc.push_back(
            {{"endpoint", r->endpoint}, {"methods", methods}, {"rule", r->rule}, {"summary", r->summary}});
    }
    return doc.dump(2);
}

}  // namespace tenki::server

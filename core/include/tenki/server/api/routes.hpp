#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace tenki::server {

// What a route serves; the server dispatches on it.
enum class RouteId {
    index,
    weather_v1,
    weather_v2,
    forecast_v2,
    healthz,
    metrics,
    openapi,
    alerts_v2,
    air_v2,
    wttr_help,
    wttr
};
inline constexpr std::size_t k_route_count = 11;  // RouteId's values; the table is held to it

// One query parameter of a route, as the OpenAPI document describes it.
struct RouteParameter {
    std::string_view name;
    std::string_view type;         // a JSON Schema type: "string", "integer" or "number"
    std::string_view description;  // one sentence
    std::string_view example;
    std::string_view choices;  // "a|b|c": the only values allowed; empty: any
    int minimum = 0;           // an integer's range; minimum == maximum: none
    int maximum = 0;
    bool in_path = false;  // a part of the rule's path ("/{place}"), not of the query
};

// What a route answers, for the OpenAPI document and its headers (server/api/header_table.hpp):
// a 200's media type and the schema of its body (a name under components/schemas, "" for none),
// and the error statuses it may answer with besides the transport's (400 bad_request, 405, 414,
// 431, 501).
struct RouteAnswer {
    std::string_view media_type;  // "application/json"
    std::string_view schema;      // "WeatherV2"
    std::string_view errors;      // "400 404 429 502 503 504"
    bool conditional = false;     // a memoised document: ETag, 304, compressed by Accept-Encoding
    bool cached = false;          // from the weather cache: Age, X-Cache, stale answers, Retry-After
    bool observed = false;        // Last-Modified: when the weather was observed
    bool names_places = false;    // q= names places by name: 400 ambiguous_place
};

struct Route {
    RouteId id;
    std::string_view endpoint;   // a stable name, as Flask's endpoint: "weather_v1"
    std::string_view methods;    // "GET, HEAD": also the Allow header of a 405
    std::string_view rule;       // the path, exact: "/api/v1/weather"
    std::string_view summary;    // one line for `tenki urls` and the page
    std::string_view example;    // a request to show on the page ("/api/v1/weather?postalcode=19021")
    std::string_view page_html;  // what the page says of it (HTML); empty: not listed there
    std::span<const RouteParameter> parameters = {};
    RouteAnswer answer = {};
};

// The one route table: `tenki serve` dispatches on it and `tenki urls` prints it.
std::span<const Route> routes();

struct RouteMatch {
    const Route* route = nullptr;  // set when the path is known, even for a 405
    int status = 404;              // 200, 404 (unknown path) or 405 (known path, other method)
    std::string_view allow;        // the route's methods on a 405
};

// The page's list of the API, one <li> per route with page_html, read from the table.
std::string api_list_html();

// Matches a request's method and path (no query string, percent-decoded): the rules exactly, then
// any other single segment but /api and /:... as wttr.in's /{place} (the last row).
RouteMatch match(std::string_view method, std::string_view path);

// The route table as `tenki urls` prints it (Endpoint, Methods, Rule), sorted by "endpoint",
// "methods" or "rule" (anything else keeps the table's order).
std::string format_route_table(std::string_view sort_by);
std::string route_table_json(std::string_view sort_by);

// The OpenAPI 3.1 document of the API, made from the route table: every route with its
// parameters, answers and the error body's schema (GET /api/openapi.json). `version` is tenki's.
std::string openapi_json(std::string_view version);

}  // namespace tenki::server

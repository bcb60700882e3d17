// GET /api/openapi.json: the OpenAPI 3.1 document, made from the route table (routes.cpp) and the
// error kinds' table (tenki/error.hpp). The bodies' schemas are JSON Schema 2020-12, as OpenAPI 3.1
// uses it; the integration tier validates real answers against them and the document with
// `redocly lint`.
#include <set>

#include <fmt/format.h>

#include "server/api/documents.hpp"
#include "server/api/extra_schemas.hpp"
#include "server/api/header_table.hpp"
#include "server/api/reply.hpp"
#include "server/api/sky_schemas.hpp"
#include "tenki/error.hpp"
#include "tenki/server/api/http_errors.hpp"
#include "tenki/server/api/routes.hpp"
#include "tenki/util/nlohmann_json.hpp"
#include "tenki/version.hpp"

namespace tenki::server {

namespace {

using nlohmann::json;

// The answers' bodies. Numbers are null when the weather service did not say; units follow the
// document's `units` (temperature, wind) and are fixed otherwise (hPa, metres, mm).
constexpr std::string_view k_schemas = R"JSON({
  "Error": {
    "type": "object",
    "description": "Every failure's body. `code` is stable, `message` is for people.",
    "required": ["error"],
    "properties": {
      "error": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
          "code": {"type": "string", "examples": ["invalid_input", "not_found", "too_many_requests"]},
          "message": {"type": "string"},
          "candidates": {"type": "array", "description": "ambiguous_place: the likeliest places of that name, most populous first", "items": {"$ref": "#/components/schemas/PlaceChoice"}},
          "did_you_mean": {"type": "array", "description": "not_found for a name: places with a name like it", "items": {"$ref": "#/components/schemas/PlaceChoice"}}
        }
      }
    }
  },
  "PlaceChoice": {
    "type": "object",
    "description": "A place from GeoNames' cities; `pick` is a q= value that names exactly it.",
    "required": ["label", "pick", "name", "country", "lat", "lon"],
    "properties": {
      "label": {"type": "string", "examples": ["Springfield, IL, US"]},
      "pick": {"type": "string", "examples": ["Springfield,IL"]},
      "name": {"type": "string"},
      "region": {"type": ["string", "null"]},
      "country": {"type": "string", "description": "ISO 3166-1 alpha-2"},
      "lat": {"type": "number", "minimum": -90, "maximum": 90},
      "lon": {"type": "number", "minimum": -180, "maximum": 180},
      "population": {"type": "integer", "minimum": 0},
      "geonames_id": {"type": "integer"}
    }
  },
  "Health": {
    "type": "object",
    "required": ["status"],
    "properties": {
      "status": {"const": "ok"},
      "cache": {
        "type": "object",
        "properties": {
          "backend": {"enum": ["memory", "redis"]},
          "entries": {"type": "integer", "minimum": 0},
          "redis": {"enum": ["up", "down"]},
          "redis_error": {"type": "string"}
        }
      }
    }
  },
  "Precipitation": {
    "type": "object",
    "description": "mm in the last hour (`1h`) and three hours (`3h`), each when the weather service said",
    "properties": {"1h": {"type": "number"}, "3h": {"type": "number"}}
  },
  "WeatherV1": {
    "type": "object",
    "description": "The original Flask service's answer: pyowm 2.x's Weather.to_JSON(), temperatures in kelvin, times in unix seconds.",
    "required": ["reference_time", "status", "detailed_status", "temperature", "wind", "humidity", "pressure", "clouds", "rain", "snow"],
    "properties": {
      "reference_time": {"type": "integer"},
      "sunrise_time": {"type": "integer"},
      "sunset_time": {"type": "integer"},
      "clouds": {"type": "number"},
      "rain": {"$ref": "#/components/schemas/Precipitation"},
      "snow": {"$ref": "#/components/schemas/Precipitation"},
      "wind": {"type": "object", "properties": {"speed": {"type": "number"}, "deg": {"type": "number"}, "gust": {"type": "number"}}},
      "humidity": {"type": "number"},
      "pressure": {"type": "object", "properties": {"press": {"type": ["number", "null"]}, "sea_level": {"type": ["number", "null"]}}},
      "temperature": {
        "type": "object",
        "required": ["temp"],
        "properties": {
          "temp": {"type": "number"},
          "temp_kf": {"type": ["number", "null"]},
          "temp_max": {"type": ["number", "null"]},
          "temp_min": {"type": ["number", "null"]}
        }
      },
      "status": {"type": "string"},
      "detailed_status": {"type": "string"},
      "weather_code": {"type": ["integer", "null"], "description": "OpenWeatherMap's condition id"},
      "weather_icon_name": {"type": "string"},
      "visibility_distance": {"type": ["number", "null"]},
      "dewpoint": {"type": ["number", "null"]},
      "humidex": {"type": ["number", "null"]},
      "heat_index": {"type": ["number", "null"]}
    }
  },
  "Location": {
    "type": "object",
    "description": "The place answered for, one meaning per field for every kind of place: its postal code, its country (ISO 3166-1 alpha-2, upper case), its own name (\"San Francisco\", \"Paris\"), its first-level division (\"CA\", \"Île-de-France\"; null when unknown), coordinates in decimal degrees, and its GeoNames id when tenki resolved a city.",
    "required": ["postal_code", "country", "name", "lat", "lon"],
    "properties": {
      "postal_code": {"type": ["string", "null"]},
      "country": {"type": ["string", "null"], "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 alpha-2, upper case"},
      "name": {"type": ["string", "null"], "description": "the place's own name"},
      "region": {"type": ["string", "null"], "description": "the first-level division: a US state, a French région"},
      "lat": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
      "lon": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
      "geonames_id": {"type": ["integer", "null"]},
      "area": {"type": ["string", "null"]},
      "timezone_offset": {"type": ["integer", "null"], "description": "seconds east of UTC"},
      "timezone": {"type": ["string", "null"], "description": "an IANA time zone name"}
    }
  },
  "Condition": {
    "type": "object",
    "required": ["main", "description", "icon"],
    "properties": {
      "code": {"type": ["integer", "null"], "description": "OpenWeatherMap's condition id (Open-Meteo's WMO codes are mapped to it)"},
      "main": {"type": "string"},
      "description": {"type": "string"},
      "icon": {"type": "string"}
    }
  },
  "Units": {"enum": ["standard", "metric", "imperial"], "description": "The system of temperatures, wind speeds and dew points, each beside its `unit`. Pressure (hPa), visibility (metres) and rain and snow (mm) are the same in every system, their unit in their description, as upstream gives them."},
  "WeatherV2": {
    "type": "object",
    "description": "The document of `tenki weather --json`.",
    "required": ["location", "observed_at", "units", "condition", "temperature", "wind", "source", "stale"],
    "properties": {
      "location": {"$ref": "#/components/schemas/Location"},
      "observed_at": {"type": "string", "format": "date-time"},
      "units": {"$ref": "#/components/schemas/Units"},
      "condition": {"$ref": "#/components/schemas/Condition"},
      "temperature": {
        "type": "object",
        "required": ["current", "unit"],
        "properties": {
          "current": {"type": ["number", "null"]},
          "feels_like": {"type": ["number", "null"]},
          "min": {"type": ["number", "null"]},
          "max": {"type": ["number", "null"]},
          "unit": {"type": "string", "examples": ["°C", "°F", "K"]}
        }
      },
      "humidity": {"type": ["number", "null"], "description": "%"},
      "pressure": {"type": ["number", "null"], "description": "hPa"},
      "wind": {
        "type": "object",
        "required": ["unit"],
        "properties": {
          "speed": {"type": ["number", "null"]},
          "deg": {"type": ["number", "null"], "description": "degrees the wind blows from"},
          "direction": {"type": ["string", "null"], "description": "deg as one of the 16 compass points (N, NNE, ... NNW)"},
          "gust": {"type": ["number", "null"]},
          "unit": {"type": "string", "examples": ["m/s", "mph"]}
        }
      },
      "clouds": {"type": ["number", "null"], "description": "%"},
      "visibility": {"type": ["number", "null"], "description": "metres"},
      "rain_1h": {"type": ["number", "null"], "description": "mm"},
      "snow_1h": {"type": ["number", "null"], "description": "mm"},
      "rain_3h": {"type": ["number", "null"], "description": "mm"},
      "snow_3h": {"type": ["number", "null"], "description": "mm"},
      "sunrise": {"type": ["string", "null"], "format": "date-time"},
      "sunset": {"type": ["string", "null"], "format": "date-time"},
      "uv_index": {"type": ["number", "null"], "description": "the UV index now (not the day's maximum); null where the provider gives none (OpenWeatherMap)"},
      "uv_label": {"type": ["string", "null"], "enum": ["low", "moderate", "high", "very high", "extreme", null], "description": "uv_index's WHO band, the index rounded to a whole number first"},
      "dew_point": {
        "type": ["object", "null"],
        "required": ["value", "unit", "source"],
        "properties": {
          "value": {"type": "number"},
          "unit": {"type": "string", "examples": ["°C", "°F", "K"]},
          "source": {"enum": ["provider", "computed"], "description": "the provider's reading, or computed from temperature and humidity (Magnus formula)"}
        }
      },
      "source": {"type": "string", "description": "the weather service that answered"},
      "stale": {"type": "boolean", "description": "an older answer, served while the weather service fails"},
      "age_s": {"type": "integer", "minimum": 0, "description": "a stale answer's age: seconds since it was fetched (only when stale)"}
    }
  },
  "ForecastStep": {
    "type": "object",
    "required": ["time", "condition"],
    "properties": {
      "time": {"type": "string", "format": "date-time"},
      "temperature": {"type": ["number", "null"]},
      "feels_like": {"type": ["number", "null"]},
      "precipitation_probability": {"type": ["number", "null"], "description": "%"},
      "precipitation": {"type": ["number", "null"]},
      "wind": {"type": "object", "properties": {"speed": {"type": ["number", "null"]}, "deg": {"type": ["number", "null"]}, "direction": {"type": ["string", "null"], "description": "deg as one of the 16 compass points"}, "gust": {"type": ["number", "null"]}}},
      "condition": {"anyOf": [{"$ref": "#/components/schemas/Condition"}, {"type": "null"}]},
      "uv_index": {"type": ["number", "null"], "description": "the UV index at the step's time; null where the provider gives none"}
    }
  },
  "ForecastDay": {
    "type": "object",
    "required": ["date", "temperature", "condition"],
    "properties": {
      "date": {"type": "string", "format": "date", "description": "the place's local date"},
      "temperature": {"type": "object", "properties": {"min": {"type": ["number", "null"]}, "max": {"type": ["number", "null"]}}},
      "condition": {"anyOf": [{"$ref": "#/components/schemas/Condition"}, {"type": "null"}]},
      "precipitation_sum": {"type": ["number", "null"]},
      "precipitation_probability_max": {"type": ["number", "null"]},
      "wind": {"type": "object", "properties": {"speed_max": {"type": ["number", "null"]}, "gust_max": {"type": ["number", "null"]}}},
      "sunrise": {"type": ["string", "null"], "format": "date-time"},
      "sunset": {"type": ["string", "null"], "format": "date-time"},
      "uv_index_max": {"type": ["number", "null"], "description": "the day's highest UV index, not the index now"},
      "hours_covered": {"type": ["integer", "null"]}
    }
  },
  "Forecast": {
    "type": "object",
    "description": "The document of `tenki forecast --json`.",
    "required": ["location", "units", "daily", "hourly", "source", "stale"],
    "properties": {
      "location": {"$ref": "#/components/schemas/Location"},
      "units": {"$ref": "#/components/schemas/Units"},
      "temperature_unit": {"type": "string"},
      "speed_unit": {"type": "string"},
      "precipitation_unit": {"const": "mm"},
      "step_seconds": {"type": "integer"},
      "daily": {"type": "array", "items": {"$ref": "#/components/schemas/ForecastDay"}},
      "hourly": {"type": "array", "items": {"$ref": "#/components/schemas/ForecastStep"}},
      "source": {"type": "string"},
      "stale": {"type": "boolean", "description": "an older forecast, served while the weather service fails"},
      "age_s": {"type": "integer", "minimum": 0, "description": "a stale forecast's age: seconds since it was fetched (only when stale)"}
    }
  }
})JSON";

// The reason phrase's words in a response's description ("Not Found").
std::string describe(int status) {
    auto phrase = reason_phrase(status);
    return phrase.empty() ? fmt::format("HTTP {}", status) : std::string(phrase);
}

// The codes `route` may answer with `status`, from the error kinds' table: ambiguous_place only
// where a place is named by name.
std::string codes_for(const Route& route, int status) {
    std::set<std::string_view> codes;
    for (const auto& k : k_error_kinds)
        if (k.http_status == status && (route.answer.names_places || k.kind != ErrorKind::ambiguous_place))
            codes.insert(k.http_code);
    if (status == 400) codes.insert("bad_request");
    if (status == 503) codes.insert("no_api_key");
    std::string out;
    for (auto code : codes) out += (out.empty() ? "" : ", ") + std::string(code);
    return out;
}

// The headers of `route`'s answers to `method` with `status`, from the header table.
json headers_for(const Route& route, std::string_view method, int status) {
    json headers = json::object();
    for (const auto& h : response_headers())
        if (h.sent(route, method, status))
            headers[std::string(h.name)] = {{"description", h.description}, {"schema", {{"type", h.type}}}};
    return headers;
}

json error_response(const Route& route, int status) {
    auto codes = codes_for(route, status);
    return {
        {"description", codes.empty() ? describe(status) : fmt::format("{}: {}", describe(status), codes)},
        {"headers", headers_for(route, "GET", status)},
        {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

json parameter(const RouteParameter& p) {
    json schema{{"type", p.type}};
    if (!p.choices.empty()) {
        auto values = json::array();
        std::string_view rest = p.choices;
        while (!rest.empty()) {
            const auto bar = rest.find('|');
            values.push_back(rest.substr(0, bar));
            rest.remove_prefix(bar == std::string_view::npos ? rest.size() : bar + 1);
        }
        schema["enum"] = values;
    }
    if (p.minimum != p.maximum) {
        schema["minimum"] = p.minimum;
        schema["maximum"] = p.maximum;
    }
    json example = p.type == "integer"  ? json(std::stoi(std::string(p.example)))
                   : p.type == "number" ? json(std::stod(std::string(p.example)))
                                        : json(p.example);
    return {{"name", p.name},        {"in", p.in_path ? "path" : "query"},
            {"required", p.in_path}, {"schema", schema},
            {"example", example},    {"description", p.description}};
}

json operation(const Route& r) {
    json ok{{"description", r.summary}, {"headers", headers_for(r, "GET", 200)}};
    if (r.answer.media_type.empty()) return ok;
    json media = json::object();
    if (!r.answer.schema.empty())
        media["schema"] = {{"$ref", fmt::format("#/components/schemas/{}", r.answer.schema)}};
    else if (r.answer.media_type == "application/json")
        media["schema"] = {{"type", "object"}};
    else
        media["schema"] = {{"type", "string"}};
    ok["content"] = {{r.answer.media_type, media}};
    json responses{{"200", ok}};
    if (r.answer.conditional)
        responses["304"] = {{"description", "Not Modified: If-None-Match or If-Modified-Since matched"},
                            {"headers", headers_for(r, "GET", 304)}};
    std::string_view errors = r.answer.errors;
    while (!errors.empty()) {
        const auto space = errors.find(' ');
        const auto status = std::stoi(std::string(errors.substr(0, space)));
        responses[std::to_string(status)] = error_response(r, status);
        errors.remove_prefix(space == std::string_view::npos ? errors.size() : space + 1);
    }
    responses["405"] = error_response(r, 405);
    json op{{"operationId", r.endpoint}, {"summary", r.summary}, {"responses", responses}};
    if (!r.parameters.empty()) {
        op["parameters"] = json::array();
        for (const auto& p : r.parameters) op["parameters"].push_back(parameter(p));
    }
    return op;
}

// A CORS preflight of an API route: 204 when --cors-origin allows the request's Origin, else
// the route's 405.
json preflight_operation(const Route& r) {
    json responses{{"204",
                    {{"description", "The preflight's answer: --cors-origin allows the request's Origin"},
                     {"headers", headers_for(r, "OPTIONS", 204)}}},
                   {"405", error_response(r, 405)}};
    return {{"operationId", std::string(r.endpoint) + "_preflight"},
            {"summary", "CORS preflight (Origin and Access-Control-Request-Method)"},
            {"tags", json::array({"api"})},
            {"responses", responses}};
}

}  // namespace

std::string openapi_json(std::string_view version) {
    json paths = json::object();
    for (const auto& r : routes()) {
        const bool api = r.rule.starts_with("/api/");
        json item{{"get", operation(r)}};
        item["get"]["tags"] = json::array({api ? "api" : "service"});
        if (api) item["options"] = preflight_operation(r);
        paths[std::string(r.rule)] = item;
    }
    json doc{
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "tenki"},
          {"version", version},
          {"summary", "The current weather and the forecast for a place"},
          {"description",
           "tenki serve's JSON API. Answers are cached (X-Cache, Cache-Control), conditional "
           "(ETag, Last-Modified) and compressed by Accept-Encoding (gzip, br)."},
          {"license", {{"name", "MIT"}, {"identifier", "MIT"}}}}},
        {"servers", json::array({{{"url", "/"}}})},
        // No authentication: the API is public; the weather service's key stays on the server.
        {"security", json::array()},
        {"tags", json::array({{{"name", "api"}, {"description", "Weather answers, and this document"}},
                              {{"name", "service"}, {"description", "The page, liveness and metrics"}}})},
        {"paths", paths},
        {"components", {{"schemas", json::parse(k_schemas)}}},
    };
    add_extra_schemas(doc["components"]["schemas"]);
    add_sky_schemas(doc["components"]["schemas"]);
    return doc.dump(2);
}

const Document& openapi_document() {
    static const Document document = [] {
        auto body = openapi_json(version());
        auto etag = strong_etag(body);
        return Document(std::move(body), std::move(etag), true);
    }();
    return document;
}

}  // namespace tenki::server

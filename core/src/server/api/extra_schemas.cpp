#include "server/api/extra_schemas.hpp"

namespace tenki::server {

namespace {

constexpr const char* k_alert_schemas = R"JSON({
  "Alert": {
    "type": "object",
    "description": "A CAP alert in force, as the National Weather Service issued it.",
    "required": ["event", "severity"],
    "properties": {
      "event": {"type": "string", "examples": ["Winter Storm Warning"]},
      "severity": {"enum": ["Extreme", "Severe", "Moderate", "Minor", "Unknown"]},
      "urgency": {"type": "string"},
      "certainty": {"type": "string"},
      "onset": {"type": ["string", "null"], "format": "date-time"},
      "ends": {"type": ["string", "null"], "format": "date-time", "description": "null: no planned end; in force until expires"},
      "expires": {"type": ["string", "null"], "format": "date-time"},
      "sender": {"type": "string", "examples": ["NWS New York NY"]},
      "headline": {"type": "string"},
      "description": {"type": "string"},
      "instruction": {"type": "string"},
      "area": {"type": "string"}
    }
  },
  "AlertList": {
    "type": ["array", "null"],
    "description": "The alerts in force, the most severe first, then the soonest to end; [] when the source says there are none; null when no source covers the place or it failed (alerts_reason says which).",
    "items": {"$ref": "#/components/schemas/Alert"}
  },
  "Air": {
    "type": "object",
    "description": "GET /api/v2/air: the place's current air quality, modelled (CAMS), not measured.",
    "required": ["place", "air"],
    "properties": {
      "place": {"type": "string"},
      "air": {"$ref": "#/components/schemas/AirQuality"},
      "air_reason": {"type": "string"}
    }
  },
  "AirQuality": {
    "type": ["object", "null"],
    "description": "The AQI on the place's scale (US AQI in the US, European AQI elsewhere) with its official category (EPA, EEA), the dominant pollutant, and concentrations in µg/m³; null when there is none (air_reason says why).",
    "properties": {
      "scale": {"enum": ["us", "eu"]},
      "aqi": {"type": ["integer", "null"]},
      "category": {"type": ["string", "null"], "examples": ["Good", "Fair", "Unhealthy for Sensitive Groups"]},
      "dominant_pollutant": {"type": ["string", "null"], "examples": ["PM2.5", "O3"]},
      "pm2_5": {"type": ["number", "null"]},
      "pm10": {"type": ["number", "null"]},
      "ozone": {"type": ["number", "null"]},
      "nitrogen_dioxide": {"type": ["number", "null"]},
      "sulphur_dioxide": {"type": ["number", "null"]},
      "carbon_monoxide": {"type": ["number", "null"]},
      "time": {"type": ["string", "null"], "format": "date-time"},
      "source": {"const": "open-meteo"},
      "note": {"const": "modelled (CAMS), not measured"}
    }
  },
  "Alerts": {
    "type": "object",
    "description": "GET /api/v2/alerts: a place's official alerts in force.",
    "required": ["place", "source", "alerts"],
    "properties": {
      "place": {"type": "string", "description": "the place as tenki resolved it: \"10001,us\", \"40.7128,-74.006\""},
      "source": {"type": ["string", "null"], "description": "\"nws\"; null where no source covers the place"},
      "alerts": {"$ref": "#/components/schemas/AlertList"},
      "alerts_reason": {"type": "string", "examples": ["no alert source for this place"]}
    }
  }
})JSON";

}  // namespace

void add_extra_schemas(nlohmann::json& schemas) {
    const auto extra = nlohmann::json::parse(k_alert_schemas);
    for (const auto& [name, schema] : extra.items()) schemas[name] = schema;
    auto& weather = schemas["WeatherV2"]["properties"];
    weather["alerts"] = {
        {"$ref", "#/components/schemas/AlertList"},
        {"description", "with alerts=1 (and in `tenki weather --json`); also /api/v2/alerts"}};
    weather["alerts_reason"] = {{"type", "string"}};
    weather["air"] = {{"$ref", "#/components/schemas/AirQuality"},
                      {"description", "with air=1 (and in `tenki weather --json --air`); also /api/v2/air"}};
    weather["air_reason"] = {{"type", "string"}};
}

}  // namespace tenki::server

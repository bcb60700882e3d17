#include "server/api/sky_schemas.hpp"

namespace tenki::server {

namespace {

constexpr const char* k_sky_schemas = R"JSON({
  "LocalTime": {
    "type": ["string", "null"],
    "format": "date-time",
    "description": "ISO 8601 in the place's local time with its offset on that date (\"2026-12-12T08:35:00+01:00\"), to the minute; null where there is none that day"
  },
  "Astronomy": {
    "type": "object",
    "description": "The sun and the moon over a place on one local date, computed by tenki offline (ERFA's positions, libnova's rise and set; `tenki moon --json`'s document).",
    "required": ["date", "zone", "utc_offset", "moon", "sun"],
    "properties": {
      "date": {"type": "string", "format": "date", "description": "the place's local date"},
      "zone": {"type": "string", "description": "the place's IANA time zone", "examples": ["Europe/Paris"]},
      "utc_offset": {"type": "string", "pattern": "^[+-][0-9]{2}:[0-9]{2}$", "description": "the zone's offset at the day's middle"},
      "moon": {
        "type": "object",
        "required": ["phase", "illumination", "age_days", "emoji", "rise", "set", "always"],
        "properties": {
          "phase": {"enum": ["new", "waxing crescent", "first quarter", "waxing gibbous", "full", "waning gibbous", "last quarter", "waning crescent"]},
          "illumination": {"type": "integer", "minimum": 0, "maximum": 100, "description": "% of the disk lit, at local noon"},
          "age_days": {"type": "number", "minimum": 0, "description": "days since the last new moon, at local noon"},
          "emoji": {"type": "string", "description": "the phase as seen from the place's hemisphere (mirrored south of the equator)"},
          "rise": {"$ref": "#/components/schemas/LocalTime"},
          "set": {"$ref": "#/components/schemas/LocalTime"},
          "always": {"enum": ["up", "down", null], "description": "with neither rise nor set that day: up (above the horizon all day) or down (below it all day); null otherwise"}
        }
      },
      "sun": {
        "type": "object",
        "required": ["state", "dawn", "sunrise", "noon", "sunset", "dusk", "day_length_s", "day_length_change_s"],
        "properties": {
          "state": {"enum": ["normal", "polar_day", "polar_night"]},
          "dawn": {"$ref": "#/components/schemas/LocalTime", "description": "civil dawn: the sun's centre 6° below the horizon"},
          "sunrise": {"$ref": "#/components/schemas/LocalTime", "description": "the upper limb at -0°50' (standard refraction)"},
          "noon": {"$ref": "#/components/schemas/LocalTime", "description": "solar noon: the transit"},
          "sunset": {"$ref": "#/components/schemas/LocalTime"},
          "dusk": {"$ref": "#/components/schemas/LocalTime", "description": "civil dusk"},
          "day_length_s": {"type": "integer", "minimum": 0, "description": "seconds of the local day with the sun up"},
          "day_length_change_s": {"type": "integer", "description": "the change from the day before, in seconds"}
        }
      }
    }
  }
})JSON";

}  // namespace

void add_sky_schemas(nlohmann::json& schemas) {
    const auto sky_schemas = nlohmann::json::parse(k_sky_schemas);
    for (const auto& [name, schema] : sky_schemas.items()) schemas[name] = schema;
    const auto sky = [](const char* description) {
        return nlohmann::json{{"anyOf", {{{"$ref", "#/components/schemas/Astronomy"}}, {{"type", "null"}}}},
                              {"description", description}};
    };
    schemas["WeatherV2"]["properties"]["astronomy"] =
        sky("the sun and the moon on the place's local date; null without coordinates");
    schemas["ForecastDay"]["properties"]["astronomy"] =
        sky("the sun and the moon on that day's date at the place; null without coordinates");
}

}  // namespace tenki::server

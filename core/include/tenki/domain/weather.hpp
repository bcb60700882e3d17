#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/condition.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"

namespace tenki {

// What one provider keeps of its answer for a rendering only its own code knows (OpenWeatherMap:
// the fields of its answer that pyowm 2.x read, for the v1 document, numbers as sent). Opaque to
// the rest of tenki: `provider` names the owner (as Weather::source does) and `text` is in that
// provider's own encoding; every cache stores both as they are.
struct ProviderPart {
    std::string provider;
    std::string text;

    friend bool operator==(const ProviderPart&, const ProviderPart&) = default;
};

// One observation, always in SI units as the upstream's "standard": Kelvin, m/s, hPa, metres, mm.
// Optional fields the upstream did not give stay nullopt, never zero.
struct Weather {
    Location location;
    // The part of location.postal_code the answer is for, when the upstream knows only a prefix
    // ("SW1A" for SW1A 1AA: see owm_zip_code); empty when the answer is for the whole code.
    std::string area;
    std::string place_name;    // the place's own name: "San Francisco"
    std::string place_region;  // its first-level division, when the answer knows it: "CA"; else ""
    std::optional<double> lat, lon;
    std::optional<std::int64_t> timezone_offset;  // seconds east of UTC
    std::int64_t observed_at = 0;                 // unix seconds
    Condition condition;
    double temp = 0;
    std::optional<double> feels_like, temp_min, temp_max;
    std::optional<int> humidity;                  // %
    std::optional<double> pressure, sea_level;    // hPa
    std::optional<double> wind_speed, wind_gust;  // m/s
    std::optional<int> wind_deg;
    std::optional<int> clouds;                    // %
    std::optional<int> visibility;                // metres
    std::optional<double> rain_1h, snow_1h;       // mm in the last hour
    std::optional<double> rain_3h, snow_3h;       // mm in the last 3 hours (OpenWeatherMap's older answers)
    std::optional<std::int64_t> sunrise, sunset;  // unix seconds, real instants only (see real_instant)
    std::optional<double> uv_index;  // the UV index now (Open-Meteo's current uv_index; OpenWeatherMap: none)
    std::optional<double>
        dew_point;       // K, the provider's own (Open-Meteo's dew_point_2m); see format/fields.hpp
    std::string source;  // the provider that answered: "openweathermap", "open-meteo"
    // Filled by the provider that has a rendering of its own (see ProviderPart); else nullopt.
    std::optional<ProviderPart> provider_part;

    friend bool operator==(const Weather&, const Weather&) = default;
};

// A sunrise or sunset as an instant: OpenWeatherMap sends 0 (or less) on polar days and nights,
// which is no time at all. The one rule for every output: nullopt unless after the epoch.
std::optional<std::int64_t> real_instant(std::optional<std::int64_t> unix_seconds);

// A place's canonical form: {"postal_code", "country"}, and for a place tenki resolved "place":
// {"lat", "lon", "name", "region", "geonames_id"}. from_json throws nlohmann::json::exception as
// Weather's does.
void to_json(nlohmann::json& j, const Location& location);
void from_json(const nlohmann::json& j, Location& location);

// The lossless canonical form, shared by every cache (disk, in-process, Redis). Optional
// fields are written as null; from_json reads a missing key as null too, and throws
// nlohmann::json::exception when a required key (location, observed_at, condition, temp, source)
// is missing or any value has the wrong type.
void to_json(nlohmann::json& j, const Weather& w);
void from_json(const nlohmann::json& j, Weather& w);

// from_json on text, for caches: a corrupt or foreign record is bad_response, never an exception.
Result<Weather> parse_weather_json(std::string_view text);

}  // namespace tenki

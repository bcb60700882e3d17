#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/domain/air_quality.hpp"
#include "tenki/error.hpp"

// Open-Meteo's Air Quality API (open-meteo.com/en/docs/air-quality-api): CAMS' models, keyless.
namespace tenki {

inline constexpr std::string_view k_open_meteo_air_default_url = "https://air-quality-api.open-meteo.com";

// GET {base}/v1/air-quality?latitude=..&longitude=..&current=us_aqi,european_aqi,pm2_5,pm10,ozone,
// nitrogen_dioxide,sulphur_dioxide,carbon_monoxide and the sub-indices us_aqi_<pollutant>,
// european_aqi_<pollutant>; coordinates to 4 decimals.
std::string open_meteo_air_url(std::string_view base_url, double lat, double lon);

// Reads the answer's `current`: values as given (µg/m³, index points), a null or absent one
// nullopt, its time (GMT) in unix seconds. Errors as Open-Meteo's forecast reader's: 429
// rate_limited, other statuses and {"error": true} bad_response with the reason, a body that is
// not the documented JSON (no `current` object) bad_response.
Result<AirQuality> parse_open_meteo_air(long http_status, std::string_view body,
                                        std::optional<int> retry_after = std::nullopt);

struct OpenMeteoAirConfig {
    std::string base_url = std::string(k_open_meteo_air_default_url);
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds total_timeout{std::chrono::seconds(8)};
    bool verbose = false;
};

Result<AirQuality> fetch_open_meteo_air(const OpenMeteoAirConfig& config, double lat, double lon);

}  // namespace tenki

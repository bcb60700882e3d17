#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/air_quality.hpp"

// How the faces show the air quality; its English words are here only (one place to translate).
namespace tenki {

inline constexpr std::string_view k_air_modelled = "modelled (CAMS), not measured";

// "US AQI", "European AQI".
std::string_view aqi_scale_name(AqiScale scale);

// The text report's line: "Air: US AQI 42, Good (mostly PM2.5; modelled (CAMS), not measured)";
// "" when not asked, failed (stderr says so) or the answer has no index on the scale.
std::string air_line(const AirShown& shown);

// The v2 JSON's `air` when asked: {scale, aqi, category, dominant_pollutant, pm2_5, pm10, ozone,
// nitrogen_dioxide, sulphur_dioxide, carbon_monoxide (µg/m³; null when not given), time, source,
// note}; null with `air_reason` when there is none to give.
void add_air(nlohmann::json& doc, const AirShown& shown);

}  // namespace tenki

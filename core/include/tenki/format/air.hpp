#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/air_quality.hpp"
#include "tenki/lang/translate.hpp"

// How the faces show the air quality; its English words are here only (one place to translate).
namespace tenki {

extern const std::string_view k_air_modelled;  // "modelled (CAMS), not measured"

// "US AQI", "European AQI" (English: translate with tr()).
std::string_view aqi_scale_name(AqiScale scale);

// The text report's line: "Air: US AQI 42, Good (mostly PM2.5; modelled (CAMS), not measured)";
// "" when not asked, failed (stderr says so) or the answer has no index on the scale. In
// `language` but for the pollutant's name.
std::string air_line(const AirShown& shown, Language language = Language::en);

// The v2 JSON's `air` when asked: {scale, aqi, category, dominant_pollutant, pm2_5, pm10, ozone,
// nitrogen_dioxide, sulphur_dioxide, carbon_monoxide (µg/m³; null when not given), time, source,
// note}; null with `air_reason` when there is none to give. Only the note is in `language`: the
// category is an API value (English).
void add_air(nlohmann::json& doc, const AirShown& shown, Language language = Language::en);

}  // namespace tenki

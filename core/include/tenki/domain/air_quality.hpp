#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/location.hpp"

namespace tenki {

// The two AQI scales Open-Meteo's Air Quality API gives: the US EPA's and the European
// Environment Agency's (the European AQI).
enum class AqiScale { us, eu };

// "us", "eu" (any case); nullopt otherwise.
std::optional<AqiScale> parse_aqi_scale(std::string_view text);
std::string_view to_string(AqiScale scale);
// The scale of the place: the US AQI for the US and its territories (nws_covers' countries),
// the European AQI elsewhere (coordinates alone: European).
AqiScale default_aqi_scale(const Location& location);

// One band of a scale: its official name and the CSS class word ("aqi-<word>").
struct AqiCategory {
    std::string_view label;  // "Unhealthy for Sensitive Groups", "Fair"
    std::string_view word;   // "unhealthy-for-sensitive-groups", "fair"
    int rank = 0;            // 0 the best band (good)
};

// EPA (airnow.gov, AQI basics): Good 0-50, Moderate 51-100, Unhealthy for Sensitive Groups
// 101-150, Unhealthy 151-200, Very Unhealthy 201-300, Hazardous 301+, of the AQI rounded to a
// whole number first (50.4 is Good, 50.5 Moderate).
AqiCategory epa_category(double us_aqi);
// EEA (European Air Quality Index, as Open-Meteo's european_aqi): Good [0, 20), Fair [20, 40),
// Moderate [40, 60), Poor [60, 80), Very poor [80, 100), Extremely poor 100+: a boundary value
// belongs to the band above (20 is Fair).
AqiCategory eea_category(double european_aqi);

// The current air quality at a place, as Open-Meteo's Air Quality API models it (CAMS): the two
// indices, the pollutants' concentrations (µg/m³) and each index's sub-indices by pollutant.
// nullopt: the answer had no value for it.
struct AirQuality {
    std::optional<double> us_aqi, european_aqi;
    std::optional<double> pm2_5, pm10, ozone, nitrogen_dioxide, sulphur_dioxide, carbon_monoxide;
    // Sub-indices: ("pm2_5", 42), ("ozone", 12), ...; the names are Open-Meteo's variables' tails.
    std::vector<std::pair<std::string, double>> us_sub_indices, eu_sub_indices;
    std::int64_t time = 0;  // unix seconds of the values
};

// The lossless form the CLI's disk cache keeps (ExtraSources): the fields by name (absent values
// null), the sub-indices as [["pm2_5", 42], ...] in the answer's order, time in unix seconds.
// from_json throws nlohmann::json::exception on a wrong shape (core/src/domain/extras_json.cpp).
void to_json(nlohmann::json& j, const AirQuality& air);
void from_json(const nlohmann::json& j, AirQuality& air);

// One AQI as shown: the scale, the value (rounded for the US), its category, the dominant
// pollutant (the highest sub-index: "PM2.5", "O3"; "" when none is given).
struct AqiReading {
    AqiScale scale = AqiScale::us;
    int value = 0;
    AqiCategory category;
    std::string dominant;
};

// The reading on `scale`; nullopt when the answer has no index on it.
std::optional<AqiReading> aqi_reading(const AirQuality& air, AqiScale scale);

// What a face shows of the air: whether it was asked for, the answer (null: failed; the reason
// says why), the scale to show, and whether a bar hides its value while the air is good.
struct AirShown {
    bool asked = false;
    const AirQuality* value = nullptr;
    std::string reason;
    AqiScale scale = AqiScale::us;
    bool hide_when_good = false;
};

}  // namespace tenki

#include "tenki/domain/air_quality.hpp"

#include <array>
#include <cmath>

#include "tenki/lang/translate.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace {

// EPA's bands by their highest value (airnow.gov/aqi/aqi-basics); the last has none.
constexpr std::array<AqiCategory, 6> k_epa = {{
    {N_("Good"), "good", 0},
    {N_("Moderate"), "moderate", 1},
    {N_("Unhealthy for Sensitive Groups"), "unhealthy-for-sensitive-groups", 2},
    {N_("Unhealthy"), "unhealthy", 3},
    {N_("Very Unhealthy"), "very-unhealthy", 4},
    {N_("Hazardous"), "hazardous", 5},
}};
constexpr std::array<double, 5> k_epa_tops = {50, 100, 150, 200, 300};

// EEA's bands, 20 wide (open-meteo.com/en/docs/air-quality-api, European AQI).
constexpr std::array<AqiCategory, 6> k_eea = {{
    {N_("Good"), "good", 0},
    {N_("Fair"), "fair", 1},
    {N_("Moderate"), "moderate", 2},
    {N_("Poor"), "poor", 3},
    {N_("Very poor"), "very-poor", 4},
    {N_("Extremely poor"), "extremely-poor", 5},
}};

// The names pollutants go by, from Open-Meteo's variable tails.
constexpr std::array<std::pair<std::string_view, std::string_view>, 6> k_pollutant_names = {{
    {"pm2_5", "PM2.5"},
    {"pm10", "PM10"},
    {"ozone", "O3"},
    {"nitrogen_dioxide", "NO2"},
    {"sulphur_dioxide", "SO2"},
    {"carbon_monoxide", "CO"},
}};

std::string pollutant_name(std::string_view variable) {
    for (const auto& [tail, name] : k_pollutant_names)
        if (tail == variable) return std::string(name);
    return std::string(variable);
}

}  // namespace

std::optional<AqiScale> parse_aqi_scale(std::string_view text) {
    if (util::iequals(text, "us")) return AqiScale::us;
    if (util::iequals(text, "eu")) return AqiScale::eu;
    return std::nullopt;
}

std::string_view to_string(AqiScale scale) { return scale == AqiScale::us ? "us" : "eu"; }

AqiScale default_aqi_scale(const Location& location) {
    for (const char* country : {"us", "pr", "gu", "vi", "as", "mp"})
        if (util::iequals(location.country, country)) return AqiScale::us;
    return AqiScale::eu;
}

AqiCategory epa_category(double us_aqi) {
    const double whole = std::round(us_aqi);
    for (std::size_t i = 0; i < k_epa_tops.size(); ++i)
        if (whole <= k_epa_tops.at(i)) return k_epa.at(i);
    return k_epa.back();
}

AqiCategory eea_category(double european_aqi) {
    if (!(european_aqi >= 0)) return k_eea.front();
    const auto band = static_cast<std::size_t>(european_aqi / 20.0);
    return k_eea.at(std::min(band, k_eea.size() - 1));
}

std::optional<AqiReading> aqi_reading(const AirQuality& air, AqiScale scale) {
    const auto& index = scale == AqiScale::us ? air.us_aqi : air.european_aqi;
    if (!index) return std::nullopt;
    AqiReading reading;
    reading.scale = scale;
    reading.value = static_cast<int>(std::lround(*index));
    reading.category = scale == AqiScale::us ? epa_category(*index) : eea_category(*index);
    const auto& subs = scale == AqiScale::us ? air.us_sub_indices : air.eu_sub_indices;
    double highest = -1;
    for (const auto& [variable, value] : subs)
        if (value > highest) {
            highest = value;
            reading.dominant = pollutant_name(variable);
        }
    return reading;
}

}  // namespace tenki

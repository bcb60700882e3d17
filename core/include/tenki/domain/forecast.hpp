#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/location.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"

namespace tenki {

// One forecast step: an hour (Open-Meteo) or three (OpenWeatherMap's 5 day / 3 hour forecast).
// SI units like Weather: Kelvin, m/s, mm. What the provider did not give is nullopt, never zero.
struct ForecastStep {
    std::int64_t time = 0;                   // unix seconds: the instant the step is for
    std::optional<double> temp, feels_like;  // K, at `time`
    // Both providers give these for the step_seconds before `time` (Open-Meteo: "of the preceding
    // hour"; OpenWeatherMap: "for last 3 hours").
    std::optional<int> precipitation_probability;  // %, 0-100
    std::optional<double> precipitation;           // mm (rain + snow water equivalent)
    std::optional<double> wind_speed, wind_gust;   // m/s
    std::optional<int> wind_deg;                   // where the wind blows from
    std::optional<Condition> condition;            // in tenki's vocabulary (condition.hpp)
    std::optional<double> uv_index;                // at `time` (Open-Meteo's hourly uv_index); OWM: none

    friend bool operator==(const ForecastStep&, const ForecastStep&) = default;
};

// One local calendar day at the place.
struct ForecastDay {
    std::string date;                                     // the local date, "2024-06-03"
    std::optional<double> temp_min, temp_max;             // K
    std::optional<Condition> condition;                   // the day's most severe
    std::optional<double> precipitation_sum;              // mm
    std::optional<int> precipitation_probability_max;     // %
    std::optional<double> wind_speed_max, wind_gust_max;  // m/s
    std::optional<std::int64_t> sunrise, sunset;          // unix seconds
    std::optional<double> uv_index_max;                   // the day's highest UV index (not the index now)
    // Hours of the day the rows were built from, when tenki built them from steps (OpenWeatherMap:
    // 3 per step, fewer than 24 at the ends of the forecast); nullopt for a provider's own daily row.
    std::optional<int> hours_covered;

    friend bool operator==(const ForecastDay&, const ForecastDay&) = default;
};

// A place's forecast as a provider gave it: hourly for up to 48 hours, daily for up to 16 days.
struct Forecast {
    Location location;
    std::string place_name;    // as Weather's: the place's own name
    std::string place_region;  // as Weather's: its first-level division, or ""
    std::optional<double> lat, lon;
    std::int64_t timezone_offset = 0;  // seconds east of UTC; local dates and clocks use it
    std::string timezone;              // IANA name when the provider gave one ("America/Los_Angeles")
    std::int64_t step_seconds = 3600;  // 3600 Open-Meteo, 10800 OpenWeatherMap
    std::vector<ForecastStep> hourly;  // in time order
    std::vector<ForecastDay> daily;    // in date order
    std::string source;                // "open-meteo", "openweathermap"

    friend bool operator==(const Forecast&, const Forecast&) = default;
};

// The lossless canonical form every cache uses. Optionals are written as null; from_json reads a
// missing key as null too and throws nlohmann::json::exception on a missing required key
// (location, timezone_offset, hourly, daily) or a value of the wrong type.
void to_json(nlohmann::json& j, const ForecastStep& s);
void from_json(const nlohmann::json& j, ForecastStep& s);
void to_json(nlohmann::json& j, const ForecastDay& d);
void from_json(const nlohmann::json& j, ForecastDay& d);
void to_json(nlohmann::json& j, const Forecast& f);
void from_json(const nlohmann::json& j, Forecast& f);

// from_json on text, for caches: a corrupt or foreign record is bad_response, never an exception.
Result<Forecast> parse_forecast_json(std::string_view text);

// "2024-06-03": the local date at a place `offset_seconds` east of UTC.
std::string local_date(std::int64_t unix_seconds, std::int64_t offset_seconds);

// Daily rows from steps of `step_seconds`, by the place's local date of each step's instant:
// min/max of the temperatures, the most severe condition (thunderstorm > snow > rain > drizzle >
// fog > clouds > clear, then the higher id; icon in its day form), the highest wind and gust, and
// hours_covered (step hours per instant). Precipitation is for the interval before an instant, so
// an interval across local midnight is split between its dates by time; the sum is nullopt when
// no step of the date gave one. Sunrise, sunset and UV are left for the caller.
std::vector<ForecastDay> daily_from_steps(const std::vector<ForecastStep>& steps, std::int64_t step_seconds,
                                          std::int64_t offset_seconds);

// The part of a forecast a face shows at `now` (unix seconds): the steps from the one under way
// on, as many as cover `hours` hours, and the days from the place's today on, at most `days`. A
// step covers the `step_seconds` ending at its time (OpenWeatherMap's rain.3h, Open-Meteo's
// preceding-hour sums), so the one under way is the first whose time is after `now`.
Forecast forecast_window(const Forecast& forecast, std::int64_t now, int days, int hours);

inline constexpr int k_max_forecast_days = 16;
inline constexpr int k_max_forecast_hours = 48;

}  // namespace tenki

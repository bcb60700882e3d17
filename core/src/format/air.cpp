#include "tenki/format/air.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "util/time.hpp"

namespace tenki {

namespace {

nlohmann::json number_or_null(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

std::string_view aqi_scale_name(AqiScale scale) { return scale == AqiScale::us ? "US AQI" : "European AQI"; }

std::string air_line(const AirShown& shown) {
    if (!shown.value) return {};
    const auto reading = aqi_reading(*shown.value, shown.scale);
    if (!reading) return {};
    return fmt::format(
        "Air: {} {}, {} ({}{})\n", aqi_scale_name(shown.scale), reading->value, reading->category.label,
        reading->dominant.empty() ? "" : fmt::format("mostly {}; ", reading->dominant), k_air_modelled);
}

void add_air(nlohmann::json& doc, const AirShown& shown) {
    if (!shown.asked) return;
    if (!shown.value) {
        doc["air"] = nullptr;
        doc["air_reason"] = shown.reason;
        return;
    }
    const auto& a = *shown.value;
    const auto reading = aqi_reading(a, shown.scale);
    doc["air"] = {
        {"scale", to_string(shown.scale)},
        {"aqi", reading ? nlohmann::json(reading->value) : nlohmann::json(nullptr)},
        {"category", reading ? nlohmann::json(reading->category.label) : nlohmann::json(nullptr)},
        {"dominant_pollutant",
         reading && !reading->dominant.empty() ? nlohmann::json(reading->dominant) : nlohmann::json(nullptr)},
        {"pm2_5", number_or_null(a.pm2_5)},
        {"pm10", number_or_null(a.pm10)},
        {"ozone", number_or_null(a.ozone)},
        {"nitrogen_dioxide", number_or_null(a.nitrogen_dioxide)},
        {"sulphur_dioxide", number_or_null(a.sulphur_dioxide)},
        {"carbon_monoxide", number_or_null(a.carbon_monoxide)},
        {"time", a.time ? nlohmann::json(util::iso8601_utc(a.time)) : nlohmann::json(nullptr)},
        {"source", "open-meteo"},
        {"note", k_air_modelled}};
}

}  // namespace tenki

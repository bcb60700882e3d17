#include "tenki/format/air.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <fmt/format.h>

#include "tenki/lang/translate.hpp"
#include "util/time.hpp"

namespace tenki {

const std::string_view k_air_modelled = N_("modelled (CAMS), not measured");

namespace {

nlohmann::json number_or_null(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

std::string_view aqi_scale_name(AqiScale scale) {
    return scale == AqiScale::us ? N_("US AQI") : N_("European AQI");
}

std::string air_line(const AirShown& shown, Language language) {
    if (!shown.value) return {};
    const auto reading = aqi_reading(*shown.value, shown.scale);
    if (!reading) return {};
    const auto t = [language](std::string_view english) { return tr(language, english); };
    const auto mostly = reading->dominant.empty()
                            ? std::string()
                            : fmt::format(fmt::runtime(tr(language, "mostly {}; ")), reading->dominant);
    return fmt::format(fmt::runtime(tr(language, "Air: {} {}, {} ({}{})\n")), t(aqi_scale_name(shown.scale)),
                       reading->value, t(reading->category.label), mostly, t(k_air_modelled));
}

void add_air(nlohmann::json& doc, const AirShown& shown, Language language) {
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
        {"note", tr(language, k_air_modelled)}};
}

}  // namespace tenki

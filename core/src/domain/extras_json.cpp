// The extra sources' answers in their lossless canonical form, for the CLI's disk cache.

#include "tenki/domain/air_quality.hpp"
#include "tenki/domain/alerts.hpp"
#include "tenki/util/nlohmann_json.hpp"
#include "util/json.hpp"

namespace tenki {

namespace {

nlohmann::json alert_time_record(const std::optional<AlertTime>& at) {
    return at ? nlohmann::json(at->text) : nlohmann::json(nullptr);
}

// The time as sent, parsed again: the text holds the instant and the sender's offset.
std::optional<AlertTime> read_alert_time(const nlohmann::json& j, const char* key) {
    std::optional<std::string> text;
    util::read_optional(j, key, text);
    if (!text) return std::nullopt;
    auto at = parse_alert_time(*text);
    if (!at) throw nlohmann::json::other_error::create(501, "an alert time that is not ISO 8601", &j);
    return at;
}

// [["pm2_5", 42], ...]: in the answer's order, which breaks a tie for the dominant pollutant.
nlohmann::json sub_indices_record(const std::vector<std::pair<std::string, double>>& subs) {
    auto out = nlohmann::json::array();
    for (const auto& [variable, value] : subs) out.push_back({variable, value});
    return out;
}

std::vector<std::pair<std::string, double>> read_sub_indices(const nlohmann::json& j) {
    std::vector<std::pair<std::string, double>> out;
    for (const auto& pair : j) out.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<double>());
    return out;
}

}  // namespace

void to_json(nlohmann::json& j, const AlertList& list) {
    auto alerts = nlohmann::json::array();
    for (const auto& a : list.alerts)
        alerts.push_back({{"event", a.event},
                          {"severity", to_string(a.severity)},
                          {"urgency", a.urgency},
                          {"certainty", a.certainty},
                          {"onset", alert_time_record(a.onset)},
                          {"ends", alert_time_record(a.ends)},
                          {"expires", alert_time_record(a.expires)},
                          {"sender", a.sender},
                          {"headline", a.headline},
                          {"description", a.description},
                          {"instruction", a.instruction},
                          {"area", a.area}});
    j = {{"alerts", std::move(alerts)}, {"source", list.source}};
}

void from_json(const nlohmann::json& j, AlertList& list) {
    list.alerts.clear();
    for (const auto& a : j.at("alerts")) {
        Alert alert;
        alert.event = a.at("event").get<std::string>();
        alert.severity = parse_alert_severity(a.at("severity").get<std::string>());
        alert.urgency = a.at("urgency").get<std::string>();
        alert.certainty = a.at("certainty").get<std::string>();
        alert.onset = read_alert_time(a, "onset");
        alert.ends = read_alert_time(a, "ends");
        alert.expires = read_alert_time(a, "expires");
        alert.sender = a.at("sender").get<std::string>();
        alert.headline = a.at("headline").get<std::string>();
        alert.description = a.at("description").get<std::string>();
        alert.instruction = a.at("instruction").get<std::string>();
        alert.area = a.at("area").get<std::string>();
        list.alerts.push_back(std::move(alert));
    }
    list.source = j.at("source").get<std::string>();
}

void to_json(nlohmann::json& j, const AirQuality& air) {
    j = {{"us_aqi", util::or_null(air.us_aqi)},
         {"european_aqi", util::or_null(air.european_aqi)},
         {"pm2_5", util::or_null(air.pm2_5)},
         {"pm10", util::or_null(air.pm10)},
         {"ozone", util::or_null(air.ozone)},
         {"nitrogen_dioxide", util::or_null(air.nitrogen_dioxide)},
         {"sulphur_dioxide", util::or_null(air.sulphur_dioxide)},
         {"carbon_monoxide", util::or_null(air.carbon_monoxide)},
         {"us_sub_indices", sub_indices_record(air.us_sub_indices)},
         {"eu_sub_indices", sub_indices_record(air.eu_sub_indices)},
         {"time", air.time}};
}

void from_json(const nlohmann::json& j, AirQuality& air) {
    util::read_optional(j, "us_aqi", air.us_aqi);
    util::read_optional(j, "european_aqi", air.european_aqi);
    util::read_optional(j, "pm2_5", air.pm2_5);
    util::read_optional(j, "pm10", air.pm10);
    util::read_optional(j, "ozone", air.ozone);
    util::read_optional(j, "nitrogen_dioxide", air.nitrogen_dioxide);
    util::read_optional(j, "sulphur_dioxide", air.sulphur_dioxide);
    util::read_optional(j, "carbon_monoxide", air.carbon_monoxide);
    air.us_sub_indices = read_sub_indices(j.at("us_sub_indices"));
    air.eu_sub_indices = read_sub_indices(j.at("eu_sub_indices"));
    air.time = j.at("time").get<std::int64_t>();
}

}  // namespace tenki

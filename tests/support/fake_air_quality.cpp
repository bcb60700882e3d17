#include "support/fake_air_quality.hpp"

#include <ctime>

#include <fmt/format.h>

namespace tenki::test {

namespace {

nlohmann::json default_current() {
    return {{"us_aqi", 42},
            {"european_aqi", 25},
            {"pm2_5", 10.2},
            {"pm10", 15.1},
            {"ozone", 48.0},
            {"nitrogen_dioxide", 12.3},
            {"sulphur_dioxide", 1.2},
            {"carbon_monoxide", 210.0},
            {"us_aqi_pm2_5", 42},
            {"us_aqi_pm10", 14},
            {"us_aqi_ozone", 30},
            {"european_aqi_pm2_5", 25},
            {"european_aqi_pm10", 15},
            {"european_aqi_ozone", 20}};
}

}  // namespace

FakeAirQuality::FakeAirQuality()
    : m_current(default_current()), m_server([this](const RecordedRequest& r) { return respond(r); }) {}

void FakeAirQuality::set_current(const nlohmann::json& values) {
    std::lock_guard lock(m_mutex);
    for (const auto& [name, value] : values.items()) m_current[name] = value;
}

Reply FakeAirQuality::respond(const RecordedRequest& request) const {
    if (request.path != "/v1/air-quality" || !request.query.count("latitude") ||
        !request.query.count("longitude"))
        return Reply::json(400, R"({"error":true,"reason":"Parameter 'latitude' and 'longitude' required"})");
    std::lock_guard lock(m_mutex);
    auto current = m_current;
    const auto now = std::time(nullptr) / 3600 * 3600;
    std::tm tm{};
    gmtime_r(&now, &tm);
    current["time"] =
        fmt::format("{:04}-{:02}-{:02}T{:02}:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour);
    current["interval"] = 3600;
    nlohmann::json doc{{"latitude", std::stod(request.query.at("latitude"))},
                       {"longitude", std::stod(request.query.at("longitude"))},
                       {"generationtime_ms", 0.3},
                       {"utc_offset_seconds", 0},
                       {"timezone", "GMT"},
                       {"current_units", {{"us_aqi", "USAQI"}, {"european_aqi", "EAQI"}, {"pm2_5", "μg/m³"}}},
                       {"current", current}};
    return Reply::json(200, doc.dump());
}

}  // namespace tenki::test

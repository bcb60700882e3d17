#include "support/fake_open_meteo.hpp"

#include <charconv>
#include <cmath>
#include <ctime>
#include <map>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tenki::test {

namespace {

std::optional<double> to_double(const std::map<std::string, std::string>& query, const std::string& key) {
    auto it = query.find(key);
    if (it == query.end()) return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
    if (ec != std::errc() || end != it->second.data() + it->second.size()) return std::nullopt;
    return value;
}

std::string error_body(const std::string& reason) {
    return nlohmann::json{{"error", true}, {"reason", reason}}.dump();
}

// Local wall-clock time, floored to the quarter hour as Open-Meteo's 15-minutely data is.
std::string local_quarter_hour(long offset_seconds) {
    std::time_t now = std::time(nullptr) + offset_seconds;
    now -= now % 900;
    std::tm tm{};
    gmtime_r(&now, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min);
}

}  // namespace

FakeOpenMeteo::FakeOpenMeteo() : m_server([this](const RecordedRequest& r) { return respond(r); }) {}

void FakeOpenMeteo::answer_weather(int weather_code, bool is_day) {
    std::lock_guard lock(m_mutex);
    m_script.raw = false;
    m_script.weather_code = weather_code;
    m_script.is_day = is_day;
}

void FakeOpenMeteo::answer_error(int status, const std::string& reason) {
    answer_raw(status, error_body(reason));
}

void FakeOpenMeteo::answer_raw(int status, std::string body, std::string content_type) {
    std::lock_guard lock(m_mutex);
    m_script.raw = true;
    m_script.reply = Reply::text(status, std::move(body), std::move(content_type));
}

void FakeOpenMeteo::set_delay(std::chrono::milliseconds delay) {
    std::lock_guard lock(m_mutex);
    m_script.delay = delay;
}

double FakeOpenMeteo::celsius_at(double lat, double /*lon*/) {
    return std::round((30.0 - 0.5 * (std::abs(lat) - 20.0)) * 10.0) / 10.0;
}

Reply FakeOpenMeteo::respond(const RecordedRequest& request) {
    Script script;
    {
        std::lock_guard lock(m_mutex);
        script = m_script;
    }
    if (script.raw) return script.reply.with_delay(script.delay);
    if (request.method != "GET" || request.path != "/v1/forecast")
        return Reply::json(404, error_body("Not Found")).with_delay(script.delay);
    auto lat = to_double(request.query, "latitude");
    auto lon = to_double(request.query, "longitude");
    if (!lat || !lon) {
        return Reply::json(400, error_body("Value of type 'Float' required for key 'latitude'."))
            .with_delay(script.delay);
    }
    if (std::abs(*lat) > 90) {
        return Reply::json(400, error_body("Latitude must be in range of -90 to 90°. Given: " +
                                           request.query.at("latitude") + "."))
            .with_delay(script.delay);
    }
    auto unit = request.query.find("wind_speed_unit");
    const bool ms = unit != request.query.end() && unit->second == "ms";
    const long offset = std::lround(*lon / 15.0) * 3600;
    const double temp = celsius_at(*lat, *lon);
    const double wind = ms ? k_wind_ms : std::round(k_wind_ms * 3.6 * 10.0) / 10.0;
    const double gust = ms ? 2 * k_wind_ms : std::round(2 * k_wind_ms * 3.6 * 10.0) / 10.0;
    nlohmann::json doc = {
        {"latitude", std::round(*lat * 50.0) / 50.0},  // the model's grid point, not the place
        {"longitude", std::round(*lon * 50.0) / 50.0},
        {"generationtime_ms", 0.05},
        {"utc_offset_seconds", offset},
        {"timezone", fmt::format("Etc/GMT{:+}", -offset / 3600)},
        {"timezone_abbreviation", fmt::format("GMT{:+}", offset / 3600)},
        {"elevation", 18.0},
        {"current_units",
         {{"time", "iso8601"},
          {"interval", "seconds"},
          {"temperature_2m", "°C"},
          {"relative_humidity_2m", "%"},
          {"apparent_temperature", "°C"},
          {"is_day", ""},
          {"precipitation", "mm"},
          {"rain", "mm"},
          {"snowfall", "cm"},
          {"weather_code", "wmo code"},
          {"cloud_cover", "%"},
          {"pressure_msl", "hPa"},
          {"wind_speed_10m", ms ? "m/s" : "km/h"},
          {"wind_direction_10m", "°"},
          {"wind_gusts_10m", ms ? "m/s" : "km/h"}}},
        {"current",
         {{"time", local_quarter_hour(offset)},
          {"interval", 900},
          {"temperature_2m", temp},
          {"relative_humidity_2m", 71},
          {"apparent_temperature", temp - 1.5},
          {"is_day", script.is_day ? 1 : 0},
          {"precipitation", 0.0},
          {"rain", 0.0},
          {"snowfall", 0.0},
          {"weather_code", script.weather_code},
          {"cloud_cover", 40},
          {"pressure_msl", 1015.2},
          {"wind_speed_10m", wind},
          {"wind_direction_10m", 250},
          {"wind_gusts_10m", gust}}},
    };
    return Reply::json(200, doc.dump()).with_delay(script.delay);
}

}  // namespace tenki::test

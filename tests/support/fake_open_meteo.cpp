#include "support/fake_open_meteo.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <map>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

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

// The geocoding API's places (GeoNames', with a few of the postal codes GeoNames lists for each).
struct FakeGeocodedPlace {
    const char* name;
    const char* admin1;
    const char* country_code;
    double lat;
    double lon;
    std::uint32_t id;
    std::vector<std::string> postcodes;
};

const std::vector<FakeGeocodedPlace>& geocoded_places() {
    static const std::vector<FakeGeocodedPlace> places{
        {"Paris", "Île-de-France", "FR", 48.85341, 2.3488, 2988507, {"75001", "75008", "75016"}},
        {"Berlin", "Land Berlin", "DE", 52.52437, 13.41053, 2950159, {"10115", "10967"}},
        {"London", "England", "GB", 51.50853, -0.12574, 2643743, {"SW1A", "EC1A"}},
        {"Toronto", "Ontario", "CA", 43.70011, -79.4163, 6167865, {"M5H", "M4B"}},
    };
    return places;
}

// /v1/search as Open-Meteo answers it: places in countryCode whose name or a postcode matches
// the name asked, exactly or (3 characters or more) by its first 3 characters, as its fuzzy
// matching may; {"generationtime_ms": ...} without "results" when nothing matches.
std::string geocoding_answer(const std::map<std::string, std::string>& query) {
    const auto name = query.count("name") ? query.at("name") : std::string();
    const auto country = query.count("countryCode") ? query.at("countryCode") : std::string();
    auto results = nlohmann::json::array();
    for (const auto& p : geocoded_places()) {
        if (!country.empty() && country != p.country_code) continue;
        bool matched = name == p.name;
        for (const auto& code : p.postcodes)
            matched = matched || code == name || (name.size() >= 3 && code.compare(0, 3, name, 0, 3) == 0);
        if (!matched) continue;
        results.push_back({{"id", p.id},
                           {"name", p.name},
                           {"latitude", p.lat},
                           {"longitude", p.lon},
                           {"feature_code", "PPLC"},
                           {"country_code", p.country_code},
                           {"admin1", p.admin1},
                           {"postcodes", p.postcodes}});
    }
    nlohmann::json doc{{"generationtime_ms", 0.4}};
    if (!results.empty()) doc["results"] = results;
    return doc.dump();
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

std::string local_time(std::time_t unix_seconds, const char* format) {
    std::tm tm{};
    gmtime_r(&unix_seconds, &tm);
    char text[32];
    std::strftime(text, sizeof text, format, &tm);
    return text;
}

int query_int(const std::map<std::string, std::string>& query, const std::string& key, int fallback) {
    auto value = to_double(query, key);
    return value ? static_cast<int>(*value) : fallback;
}

// hourly= and daily= as Open-Meteo documents them: local times (timezone=auto), the hours from
// the current one, the days from today; precipitation on afternoons (12:00-18:00) only.
nlohmann::json forecast_blocks(const std::map<std::string, std::string>& query, double lat, double lon,
                               long offset, int max_days, bool ms) {
    const int hours = std::clamp(query_int(query, "forecast_hours", 24 * 7), 0, 384);
    const int days = std::min(std::clamp(query_int(query, "forecast_days", 7), 0, 16), max_days);
    const std::time_t local_now = std::time(nullptr) + offset;
    const std::time_t hour0 = local_now - local_now % 3600;
    const double speed = ms ? FakeOpenMeteo::k_wind_ms : std::round(FakeOpenMeteo::k_wind_ms * 36.0) / 10.0;
    nlohmann::json hourly = {{"time", nlohmann::json::array()}};
    for (const char* key :
         {"temperature_2m", "apparent_temperature", "precipitation_probability", "precipitation",
          "weather_code", "wind_speed_10m", "wind_direction_10m", "wind_gusts_10m", "is_day", "uv_index"})
        hourly[key] = nlohmann::json::array();
    const std::time_t last = hour0 - hour0 % 86400 + static_cast<std::time_t>(days) * 86400;
    for (int i = 0; i < hours && hour0 + i * 3600 < last; ++i) {
        const std::time_t t = hour0 + i * 3600;
        const int h = static_cast<int>((t % 86400) / 3600);
        const bool wet = h >= 13 && h <= 18;
        const double temp = FakeOpenMeteo::forecast_celsius_at(lat, lon, h);
        hourly["time"].push_back(local_time(t, "%Y-%m-%dT%H:%M"));
        hourly["temperature_2m"].push_back(temp);
        hourly["apparent_temperature"].push_back(temp - 1.5);
        hourly["precipitation_probability"].push_back(wet ? 60 : 5);
        hourly["precipitation"].push_back(wet ? 0.5 : 0.0);
        hourly["weather_code"].push_back(wet ? 61 : 2);
        hourly["wind_speed_10m"].push_back(speed);
        hourly["wind_direction_10m"].push_back(250);
        hourly["wind_gusts_10m"].push_back(nullptr);  // a value the model left out
        hourly["is_day"].push_back(h >= 6 && h < 20 ? 1 : 0);
        hourly["uv_index"].push_back(h >= 6 && h < 20 ? FakeOpenMeteo::k_uv_index : 0.0);
    }
    nlohmann::json daily = {{"time", nlohmann::json::array()}};
    const double base = FakeOpenMeteo::celsius_at(lat, lon);
    for (int d = 0; d < days; ++d) {
        const std::time_t midnight = hour0 - hour0 % 86400 + static_cast<std::time_t>(d) * 86400;
        daily["time"].push_back(local_time(midnight, "%Y-%m-%d"));
        daily["weather_code"].push_back(61);
        daily["temperature_2m_max"].push_back(base + 4.0);
        daily["temperature_2m_min"].push_back(base - 4.0);
        daily["precipitation_sum"].push_back(3.0);
        daily["precipitation_probability_max"].push_back(60);
        daily["wind_speed_10m_max"].push_back(speed);
        daily["wind_gusts_10m_max"].push_back(nullptr);
        daily["sunrise"].push_back(local_time(midnight + 6 * 3600 + 50 * 60, "%Y-%m-%dT%H:%M"));
        daily["sunset"].push_back(local_time(midnight + 19 * 3600 + 5 * 60, "%Y-%m-%dT%H:%M"));
        daily["uv_index_max"].push_back(5.85);
    }
    const char* wind_unit = ms ? "m/s" : "km/h";
    return {{"hourly_units",
             {{"time", "iso8601"},
              {"temperature_2m", "°C"},
              {"apparent_temperature", "°C"},
              {"precipitation_probability", "%"},
              {"precipitation", "mm"},
              {"weather_code", "wmo code"},
              {"wind_speed_10m", wind_unit},
              {"wind_direction_10m", "°"},
              {"wind_gusts_10m", wind_unit},
              {"is_day", ""},
              {"uv_index", ""}}},
            {"hourly", hourly},
            {"daily_units",
             {{"time", "iso8601"},
              {"weather_code", "wmo code"},
              {"temperature_2m_max", "°C"},
              {"temperature_2m_min", "°C"},
              {"precipitation_sum", "mm"},
              {"precipitation_probability_max", "%"},
              {"wind_speed_10m_max", wind_unit},
              {"wind_gusts_10m_max", wind_unit},
              {"sunrise", "iso8601"},
              {"sunset", "iso8601"},
              {"uv_index_max", ""}}},
            {"daily", daily}};
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

void FakeOpenMeteo::limit_forecast_days(int days) {
    std::lock_guard lock(m_mutex);
    m_script.max_days = days;
}

double FakeOpenMeteo::forecast_celsius_at(double lat, double lon, int local_hour) {
    return std::round((celsius_at(lat, lon) - 4.0 * std::cos((local_hour - 3) * 3.14159265358979 / 12.0)) *
                      10.0) /
           10.0;
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
    if (request.method == "GET" && request.path == "/v1/search")
        return Reply::json(200, geocoding_answer(request.query)).with_delay(script.delay);
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
    };
    if (request.query.count("hourly") != 0 || request.query.count("daily") != 0) {
        doc.update(forecast_blocks(request.query, *lat, *lon, offset, script.max_days, ms));
        return Reply::json(200, doc.dump()).with_delay(script.delay);
    }
    doc.update(nlohmann::json{
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
    });
    // As Open-Meteo does, the newer variables only when `current=` asks for them.
    const auto asked = request.query.count("current") != 0 ? request.query.at("current") : std::string();
    const auto wants = [&](std::string_view name) {
        return ("," + asked + ",").find("," + std::string(name) + ",") != std::string::npos;
    };
    if (wants("uv_index")) {
        doc["current_units"]["uv_index"] = "";
        doc["current"]["uv_index"] = k_uv_index;
    }
    if (wants("dew_point_2m")) {
        doc["current_units"]["dew_point_2m"] = "°C";
        doc["current"]["dew_point_2m"] = temp - k_dew_point_below;
    }
    return Reply::json(200, doc.dump()).with_delay(script.delay);
}

}  // namespace tenki::test

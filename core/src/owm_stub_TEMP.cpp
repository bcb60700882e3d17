// TEMPORARY stand-in for the owm.hpp and weather.hpp JSON functions another engineer is writing
// on branch `weather`, so the transport work links and tests before theirs lands.
// Delete this file at merge: the real implementations replace every function below.
#include <nlohmann/json.hpp>

#include <cctype>
#include <cstdio>
#include <string>

#include "tenki/owm.hpp"
#include "tenki/weather.hpp"

namespace tenki {

namespace {

std::string encode(std::string_view s) {
    std::string out;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') {
            out.push_back(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", u);
            out += buf;
        }
    }
    return out;
}

template <typename T>
void put_opt(nlohmann::json& j, const char* name, const std::optional<T>& v) {
    if (v) j[name] = *v;
}

template <typename T>
void get_opt(const nlohmann::json& j, const char* name, std::optional<T>& v) {
    if (j.contains(name) && !j.at(name).is_null()) v = j.at(name).get<T>();
}

}  // namespace

std::string owm_request_url(std::string_view base_url, const Location& location, std::string_view api_key) {
    return std::string(base_url) + "/data/2.5/weather?zip=" + encode(location.key()) +
           "&appid=" + encode(api_key);
}

Result<Weather> parse_owm_response(long http_status, std::string_view body, const Location& asked) {
    if (http_status == 401) return fail(ErrorKind::unauthorized, "OpenWeatherMap rejected the API key");
    if (http_status == 404) return fail(ErrorKind::not_found, "OpenWeatherMap does not know " + asked.key());
    if (http_status == 429) return fail(ErrorKind::rate_limited, "OpenWeatherMap asks us to slow down");
    if (http_status != 200)
        return fail(ErrorKind::bad_response, "OpenWeatherMap answered HTTP " + std::to_string(http_status));
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return fail(ErrorKind::bad_response, "not JSON");
    try {
        Weather w;
        w.location = asked;
        w.place_name = j.at("name").get<std::string>();
        w.observed_at = j.at("dt").get<std::int64_t>();
        const auto& c = j.at("weather").at(0);
        w.condition = {c.at("id").get<int>(), c.at("main").get<std::string>(),
                       c.at("description").get<std::string>(), c.at("icon").get<std::string>()};
        w.temp = j.at("main").at("temp").get<double>();
        get_opt(j.at("main"), "humidity", w.humidity);
        get_opt(j.at("main"), "sea_level", w.sea_level);
        if (j.contains("wind")) get_opt(j.at("wind"), "gust", w.wind_gust);
        get_opt(j, "visibility", w.visibility);
        return w;
    } catch (const nlohmann::json::exception&) {
        return fail(ErrorKind::bad_response, "not the documented JSON");
    }
}

void to_json(nlohmann::json& j, const Weather& w) {
    j = {{"postal_code", w.location.postal_code},
         {"country", w.location.country},
         {"place_name", w.place_name},
         {"observed_at", w.observed_at},
         {"code", w.condition.code},
         {"main", w.condition.main},
         {"description", w.condition.description},
         {"icon", w.condition.icon},
         {"temp", w.temp},
         {"source", w.source}};
    put_opt(j, "lat", w.lat);
    put_opt(j, "humidity", w.humidity);
    put_opt(j, "wind_gust", w.wind_gust);
}

void from_json(const nlohmann::json& j, Weather& w) {
    w.location.postal_code = j.at("postal_code").get<std::string>();
    w.location.country = j.at("country").get<std::string>();
    w.place_name = j.at("place_name").get<std::string>();
    w.observed_at = j.at("observed_at").get<std::int64_t>();
    w.condition = {j.at("code").get<int>(), j.at("main").get<std::string>(),
                   j.at("description").get<std::string>(), j.at("icon").get<std::string>()};
    w.temp = j.at("temp").get<double>();
    w.source = j.at("source").get<std::string>();
    get_opt(j, "lat", w.lat);
    get_opt(j, "humidity", w.humidity);
    get_opt(j, "wind_gust", w.wind_gust);
}

}  // namespace tenki

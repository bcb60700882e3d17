#include "tenki/domain/weather.hpp"

#include <nlohmann/json.hpp>

#include "util/json.hpp"

namespace tenki {
namespace {

using util::or_null;

// Absent and null both read as nullopt; a value of the wrong type throws, like j.at().get().
template <typename T>
void read_optional(const nlohmann::json& j, const char* key, std::optional<T>& out) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        out.reset();
    } else {
        out = it->get<T>();
    }
}

}  // namespace

std::optional<std::int64_t> real_instant(std::optional<std::int64_t> unix_seconds) {
    if (unix_seconds && *unix_seconds > 0) return unix_seconds;
    return std::nullopt;
}

void to_json(nlohmann::json& j, const Location& location) {
    j = nlohmann::json{{"postal_code", location.postal_code}, {"country", location.country}};
    if (const auto& p = location.place) {
        j["place"] = {{"lat", p->lat},
                      {"lon", p->lon},
                      {"name", p->name},
                      {"region", p->region},
                      {"geonames_id", p->geonames_id}};
    }
}

void from_json(const nlohmann::json& j, Location& location) {
    location.postal_code = j.at("postal_code").get<std::string>();
    location.country = j.at("country").get<std::string>();
    location.place.reset();
    if (const auto p = j.find("place"); p != j.end() && !p->is_null()) {
        location.place = ResolvedPlace{p->at("lat").get<double>(), p->at("lon").get<double>(),
                                       p->at("name").get<std::string>(), p->at("region").get<std::string>(),
                                       p->at("geonames_id").get<std::uint32_t>()};
    }
}

void to_json(nlohmann::json& j, const Weather& w) {
    j = nlohmann::json{
        {"location", w.location},
        {"area", w.area.empty() ? nlohmann::json(nullptr) : nlohmann::json(w.area)},
        {"place_name", w.place_name},
        {"lat", or_null(w.lat)},
        {"lon", or_null(w.lon)},
        {"timezone_offset", or_null(w.timezone_offset)},
        {"observed_at", w.observed_at},
        {"condition", w.condition},
        {"temp", w.temp},
        {"feels_like", or_null(w.feels_like)},
        {"temp_min", or_null(w.temp_min)},
        {"temp_max", or_null(w.temp_max)},
        {"humidity", or_null(w.humidity)},
        {"pressure", or_null(w.pressure)},
        {"sea_level", or_null(w.sea_level)},
        {"wind_speed", or_null(w.wind_speed)},
        {"wind_gust", or_null(w.wind_gust)},
        {"wind_deg", or_null(w.wind_deg)},
        {"clouds", or_null(w.clouds)},
        {"visibility", or_null(w.visibility)},
        {"rain_1h", or_null(w.rain_1h)},
        {"snow_1h", or_null(w.snow_1h)},
        {"rain_3h", or_null(w.rain_3h)},
        {"snow_3h", or_null(w.snow_3h)},
        {"sunrise", or_null(w.sunrise)},
        {"sunset", or_null(w.sunset)},
        {"source", w.source},
        {"provider_part", w.provider_part ? nlohmann::json{{"provider", w.provider_part->provider},
                                                           {"text", w.provider_part->text}}
                                          : nlohmann::json(nullptr)},
    };
}

void from_json(const nlohmann::json& j, Weather& w) {
    w.location = j.at("location").get<Location>();
    const auto area = j.find("area");
    w.area = area == j.end() || area->is_null() ? std::string() : area->get<std::string>();
    w.place_name = j.value("place_name", std::string());
    read_optional(j, "lat", w.lat);
    read_optional(j, "lon", w.lon);
    read_optional(j, "timezone_offset", w.timezone_offset);
    w.observed_at = j.at("observed_at").get<std::int64_t>();
    w.condition = j.at("condition").get<Condition>();
    w.temp = j.at("temp").get<double>();
    read_optional(j, "feels_like", w.feels_like);
    read_optional(j, "temp_min", w.temp_min);
    read_optional(j, "temp_max", w.temp_max);
    read_optional(j, "humidity", w.humidity);
    read_optional(j, "pressure", w.pressure);
    read_optional(j, "sea_level", w.sea_level);
    read_optional(j, "wind_speed", w.wind_speed);
    read_optional(j, "wind_gust", w.wind_gust);
    read_optional(j, "wind_deg", w.wind_deg);
    read_optional(j, "clouds", w.clouds);
    read_optional(j, "visibility", w.visibility);
    read_optional(j, "rain_1h", w.rain_1h);
    read_optional(j, "snow_1h", w.snow_1h);
    read_optional(j, "rain_3h", w.rain_3h);
    read_optional(j, "snow_3h", w.snow_3h);
    read_optional(j, "sunrise", w.sunrise);
    read_optional(j, "sunset", w.sunset);
    w.sunrise = real_instant(w.sunrise);
    w.sunset = real_instant(w.sunset);
    w.source = j.at("source").get<std::string>();
    const auto part = j.find("provider_part");
    if (part == j.end() || part->is_null()) {
        w.provider_part.reset();
    } else {
        w.provider_part =
            ProviderPart{part->at("provider").get<std::string>(), part->at("text").get<std::string>()};
    }
}

Result<Weather> parse_weather_json(std::string_view text) {
    try {
        return nlohmann::json::parse(text).get<Weather>();
    } catch (const nlohmann::json::exception& e) {
        return fail(ErrorKind::bad_response, std::string("not a tenki weather record: ") + e.what());
    }
}

}  // namespace tenki

#include "tenki/domain/weather.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <array>

#include "util/json.hpp"

namespace tenki {
namespace {

using util::or_null;
using util::read_optional;

// The record's optional measurements, each named once: written as null when absent and read
// back the same (the object's keys are sorted, so where they are written does not matter).
template <typename T>
struct OptionalField {
    const char* key;
    std::optional<T> Weather::*member;
};
constexpr std::array k_real_fields{
    OptionalField<double>{"lat", &Weather::lat},
    OptionalField<double>{"lon", &Weather::lon},
    OptionalField<double>{"feels_like", &Weather::feels_like},
    OptionalField<double>{"temp_min", &Weather::temp_min},
    OptionalField<double>{"temp_max", &Weather::temp_max},
    OptionalField<double>{"pressure", &Weather::pressure},
    OptionalField<double>{"sea_level", &Weather::sea_level},
    OptionalField<double>{"wind_speed", &Weather::wind_speed},
    OptionalField<double>{"wind_gust", &Weather::wind_gust},
    OptionalField<double>{"rain_1h", &Weather::rain_1h},
    OptionalField<double>{"snow_1h", &Weather::snow_1h},
    OptionalField<double>{"rain_3h", &Weather::rain_3h},
    OptionalField<double>{"snow_3h", &Weather::snow_3h},
    OptionalField<double>{"uv_index", &Weather::uv_index},
    OptionalField<double>{"dew_point", &Weather::dew_point},
};
constexpr std::array k_whole_fields{
    OptionalField<int>{"humidity", &Weather::humidity},
    OptionalField<int>{"wind_deg", &Weather::wind_deg},
    OptionalField<int>{"clouds", &Weather::clouds},
    OptionalField<int>{"visibility", &Weather::visibility},
};
constexpr std::array k_seconds_fields{
    OptionalField<std::int64_t>{"timezone_offset", &Weather::timezone_offset},
    OptionalField<std::int64_t>{"sunrise", &Weather::sunrise},
    OptionalField<std::int64_t>{"sunset", &Weather::sunset},
};

// Calls `each` with every optional field of the three tables.
template <typename Each>
void for_optional_fields(Each&& each) {
    for (const auto& field : k_real_fields) each(field);
    for (const auto& field : k_whole_fields) each(field);
    for (const auto& field : k_seconds_fields) each(field);
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
        {"place_region", w.place_region},
        {"observed_at", w.observed_at},
        {"condition", w.condition},
        {"temp", w.temp},
        {"source", w.source},
        {"provider_part", w.provider_part ? nlohmann::json{{"provider", w.provider_part->provider},
                                                           {"text", w.provider_part->text}}
                                          : nlohmann::json(nullptr)},
    };
    for_optional_fields([&](const auto& field) { j[field.key] = or_null(w.*field.member); });
}

void from_json(const nlohmann::json& j, Weather& w) {
    w.location = j.at("location").get<Location>();
    const auto area = j.find("area");
    w.area = area == j.end() || area->is_null() ? std::string() : area->get<std::string>();
    w.place_name = j.value("place_name", std::string());
    w.place_region = j.value("place_region", std::string());
    w.observed_at = j.at("observed_at").get<std::int64_t>();
    w.condition = j.at("condition").get<Condition>();
    w.temp = j.at("temp").get<double>();
    for_optional_fields([&](const auto& field) { read_optional(j, field.key, w.*field.member); });
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

#include "providers/owm/v1.hpp"

#include <array>

namespace tenki {
namespace {

using nlohmann::json;

// d[key] when `d` is an object holding `key` (null included, as Python's `key in d`).
const json* member(const json& d, const char* key) {
    if (!d.is_object()) return nullptr;
    const auto it = d.find(key);
    return it == d.end() ? nullptr : &*it;
}

json member_or(const json& d, const char* key, json fallback) {
    const auto* value = member(d, key);
    return value == nullptr ? std::move(fallback) : *value;
}

// The sunrise and sunset rule of Weather.__init__: a negative time is None, 0 stays 0.
json sun_time(const json& d, const char* key) {
    const auto* sys = member(d, "sys");
    const auto* value = sys == nullptr ? nullptr : member(*sys, key);
    if (value == nullptr) return 0;
    if (!value->is_number()) return nullptr;
    return value->get<double>() < 0 ? json(nullptr) : *value;
}

// rain and snow: a bare number becomes {"all": n}, an object is copied, anything else is {}.
json precipitation(const json& d, const char* key) {
    const auto* value = member(d, key);
    if (value == nullptr) return json::object();
    if (value->is_number()) return json{{"all", *value}};
    return value->is_object() ? *value : json::object();
}

json clouds(const json& d) {
    const auto* value = member(d, "clouds");
    if (value == nullptr) return 0;
    if (value->is_number()) return *value;
    if (!value->is_object()) return nullptr;
    return member_or(*value, "all", 0);
}

json wind(const json& d) {
    const auto* value = member(d, "wind");
    if (value != nullptr && !value->is_null()) return value->is_object() ? *value : json::object();
    auto out = json::object();
    if (const auto* speed = member(d, "speed")) out["speed"] = *speed;
    if (const auto* deg = member(d, "deg")) out["deg"] = *deg;
    return out;
}

json from_main(const json& d, const char* key, json fallback) {
    if (const auto* top = member(d, key)) return *top;
    const auto* main = member(d, "main");
    return main == nullptr ? std::move(fallback) : member_or(*main, key, std::move(fallback));
}

json temperature(const json& d) {
    if (const auto* temp = member(d, "temp")) return temp->is_object() ? *temp : json::object();
    const auto* main = member(d, "main");
    if (main == nullptr || member(*main, "temp") == nullptr) return json::object();
    return json{{"temp", main->at("temp")},
                {"temp_kf", member_or(*main, "temp_kf", nullptr)},
                {"temp_max", member_or(*main, "temp_max", nullptr)},
                {"temp_min", member_or(*main, "temp_min", nullptr)}};
}

json visibility(const json& d) {
    const auto* value = member(d, "visibility");
    if (value == nullptr) return nullptr;
    if (value->is_number_integer()) return *value;
    return value->is_object() ? member_or(*value, "distance", nullptr) : json(nullptr);
}

json calc(const json& d, const char* key) {
    const auto* value = member(d, "calc");
    return value == nullptr ? json(nullptr) : member_or(*value, key, nullptr);
}

struct Status {
    json main = "", description = "", code = 0, icon = "";
};

Status status(const json& d) {
    const auto* conditions = member(d, "weather");
    if (conditions == nullptr) return {};
    const json first = conditions->is_array() && !conditions->empty() ? conditions->front() : json::object();
    return {member_or(first, "main", nullptr), member_or(first, "description", nullptr),
            member_or(first, "id", nullptr), member_or(first, "icon", nullptr)};
}

// The keys of a current-weather answer that pyowm 2.x's weather_from_dictionary reads; of the
// `weather` array it reads only the first condition.
constexpr std::array k_pyowm_keys = {"dt",       "sys",      "calc",  "visibility", "clouds",
                                     "rain",     "snow",     "wind",  "main",       "temp",
                                     "humidity", "pressure", "speed", "deg",        "weather"};

}  // namespace

ProviderPart owm_v1_part(const json& answer) {
    auto kept = json::object();
    for (const auto* key : k_pyowm_keys) {
        const auto it = answer.find(key);
        if (it == answer.end()) continue;
        if (std::string_view(key) == "weather" && it->is_array() && it->size() > 1) {
            kept[key] = json::array({it->front()});
        } else {
            kept[key] = *it;
        }
    }
    return ProviderPart{std::string(k_owm_source), kept.dump()};
}

std::optional<json> owm_v1_document(const Weather& w) {
    if (!w.provider_part || w.provider_part->provider != k_owm_source) return std::nullopt;
    auto answer = json::parse(w.provider_part->text, nullptr, /*allow_exceptions=*/false);
    if (!answer.is_object()) return std::nullopt;
    return pyowm_weather_json(answer);
}

json pyowm_weather_json(const json& d) {
    const auto sky = status(d);
    auto pressure = from_main(d, "pressure", nullptr);
    const auto* main = member(d, "main");
    return json{
        {"reference_time", member_or(d, "dt", nullptr)},
        {"sunset_time", sun_time(d, "sunset")},
        {"sunrise_time", sun_time(d, "sunrise")},
        {"clouds", clouds(d)},
        {"rain", precipitation(d, "rain")},
        {"snow", precipitation(d, "snow")},
        {"wind", wind(d)},
        {"humidity", from_main(d, "humidity", 0)},
        {"pressure",
         {{"press", std::move(pressure)},
          {"sea_level", main == nullptr ? json(nullptr) : member_or(*main, "sea_level", nullptr)}}},
        {"temperature", temperature(d)},
        {"status", sky.main},
        {"detailed_status", sky.description},
        {"weather_code", sky.code},
        {"weather_icon_name", sky.icon},
        {"visibility_distance", visibility(d)},
        {"dewpoint", calc(d, "dewpoint")},
        {"humidex", calc(d, "humidex")},
        {"heat_index", calc(d, "heatindex")},
    };
}

}  // namespace tenki

#include "tenki/domain/condition.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace tenki {
namespace {

using K = ConditionKind;
using I = Intensity;

// OpenWeatherMap's documented conditions (openweathermap.org/weather-conditions), then what
// WMO 4677 tells apart and OpenWeatherMap does not (rime fog, freezing drizzle, snow grains,
// hail), each with the nearest OpenWeatherMap id and icon.
constexpr std::array<ConditionInfo, k_condition_count> k_conditions{{
    {K::unknown, "unknown", I::none, "Unknown", "unknown weather", 0, ""},
    {K::thunderstorm_with_light_rain, "thunderstorm_with_light_rain", I::light, "Thunderstorm",
     "thunderstorm with light rain", 200, "11"},
    {K::thunderstorm_with_rain, "thunderstorm_with_rain", I::moderate, "Thunderstorm",
     "thunderstorm with rain", 201, "11"},
    {K::thunderstorm_with_heavy_rain, "thunderstorm_with_heavy_rain", I::heavy, "Thunderstorm",
     "thunderstorm with heavy rain", 202, "11"},
    {K::light_thunderstorm, "light_thunderstorm", I::light, "Thunderstorm", "light thunderstorm", 210, "11"},
    {K::thunderstorm, "thunderstorm", I::moderate, "Thunderstorm", "thunderstorm", 211, "11"},
    {K::heavy_thunderstorm, "heavy_thunderstorm", I::heavy, "Thunderstorm", "heavy thunderstorm", 212, "11"},
    {K::ragged_thunderstorm, "ragged_thunderstorm", I::none, "Thunderstorm", "ragged thunderstorm", 221,
     "11"},
    {K::thunderstorm_with_light_drizzle, "thunderstorm_with_light_drizzle", I::light, "Thunderstorm",
     "thunderstorm with light drizzle", 230, "11"},
    {K::thunderstorm_with_drizzle, "thunderstorm_with_drizzle", I::moderate, "Thunderstorm",
     "thunderstorm with drizzle", 231, "11"},
    {K::thunderstorm_with_heavy_drizzle, "thunderstorm_with_heavy_drizzle", I::heavy, "Thunderstorm",
     "thunderstorm with heavy drizzle", 232, "11"},
    {K::thunderstorm_with_slight_hail, "thunderstorm_with_slight_hail", I::light, "Thunderstorm",
     "thunderstorm with slight hail", 201, "11"},
    {K::thunderstorm_with_heavy_hail, "thunderstorm_with_heavy_hail", I::heavy, "Thunderstorm",
     "thunderstorm with heavy hail", 202, "11"},
    {K::light_drizzle, "light_drizzle", I::light, "Drizzle", "light intensity drizzle", 300, "09"},
    {K::drizzle, "drizzle", I::moderate, "Drizzle", "drizzle", 301, "09"},
    {K::heavy_drizzle, "heavy_drizzle", I::heavy, "Drizzle", "heavy intensity drizzle", 302, "09"},
    {K::light_drizzle_rain, "light_drizzle_rain", I::light, "Drizzle", "light intensity drizzle rain", 310,
     "09"},
    {K::drizzle_rain, "drizzle_rain", I::moderate, "Drizzle", "drizzle rain", 311, "09"},
    {K::heavy_drizzle_rain, "heavy_drizzle_rain", I::heavy, "Drizzle", "heavy intensity drizzle rain", 312,
     "09"},
    {K::shower_rain_and_drizzle, "shower_rain_and_drizzle", I::moderate, "Drizzle", "shower rain and drizzle",
     313, "09"},
    {K::heavy_shower_rain_and_drizzle, "heavy_shower_rain_and_drizzle", I::heavy, "Drizzle",
     "heavy shower rain and drizzle", 314, "09"},
    {K::shower_drizzle, "shower_drizzle", I::none, "Drizzle", "shower drizzle", 321, "09"},
    {K::light_rain, "light_rain", I::light, "Rain", "light rain", 500, "10"},
    {K::moderate_rain, "moderate_rain", I::moderate, "Rain", "moderate rain", 501, "10"},
    {K::heavy_rain, "heavy_rain", I::heavy, "Rain", "heavy intensity rain", 502, "10"},
    {K::very_heavy_rain, "very_heavy_rain", I::very_heavy, "Rain", "very heavy rain", 503, "10"},
    {K::extreme_rain, "extreme_rain", I::extreme, "Rain", "extreme rain", 504, "10"},
    {K::freezing_rain, "freezing_rain", I::none, "Rain", "freezing rain", 511, "13"},
    {K::light_freezing_rain, "light_freezing_rain", I::light, "Rain", "light freezing rain", 511, "13"},
    {K::heavy_freezing_rain, "heavy_freezing_rain", I::heavy, "Rain", "heavy freezing rain", 511, "13"},
    {K::light_freezing_drizzle, "light_freezing_drizzle", I::light, "Rain", "light freezing drizzle", 511,
     "13"},
    {K::dense_freezing_drizzle, "dense_freezing_drizzle", I::heavy, "Rain", "dense freezing drizzle", 511,
     "13"},
    {K::light_shower_rain, "light_shower_rain", I::light, "Rain", "light intensity shower rain", 520, "09"},
    {K::shower_rain, "shower_rain", I::moderate, "Rain", "shower rain", 521, "09"},
    {K::heavy_shower_rain, "heavy_shower_rain", I::heavy, "Rain", "heavy intensity shower rain", 522, "09"},
    {K::ragged_shower_rain, "ragged_shower_rain", I::none, "Rain", "ragged shower rain", 531, "09"},
    {K::light_snow, "light_snow", I::light, "Snow", "light snow", 600, "13"},
    {K::snow, "snow", I::moderate, "Snow", "snow", 601, "13"},
    {K::heavy_snow, "heavy_snow", I::heavy, "Snow", "heavy snow", 602, "13"},
    {K::snow_grains, "snow_grains", I::none, "Snow", "snow grains", 600, "13"},
    {K::sleet, "sleet", I::none, "Snow", "sleet", 611, "13"},
    {K::light_shower_sleet, "light_shower_sleet", I::light, "Snow", "light shower sleet", 612, "13"},
    {K::shower_sleet, "shower_sleet", I::moderate, "Snow", "shower sleet", 613, "13"},
    {K::light_rain_and_snow, "light_rain_and_snow", I::light, "Snow", "light rain and snow", 615, "13"},
    {K::rain_and_snow, "rain_and_snow", I::moderate, "Snow", "rain and snow", 616, "13"},
    {K::light_shower_snow, "light_shower_snow", I::light, "Snow", "light shower snow", 620, "13"},
    {K::shower_snow, "shower_snow", I::moderate, "Snow", "shower snow", 621, "13"},
    {K::heavy_shower_snow, "heavy_shower_snow", I::heavy, "Snow", "heavy shower snow", 622, "13"},
    {K::mist, "mist", I::none, "Mist", "mist", 701, "50"},
    {K::smoke, "smoke", I::none, "Smoke", "smoke", 711, "50"},
    {K::haze, "haze", I::none, "Haze", "haze", 721, "50"},
    {K::dust_whirls, "dust_whirls", I::none, "Dust", "sand/dust whirls", 731, "50"},
    {K::fog, "fog", I::none, "Fog", "fog", 741, "50"},
    {K::rime_fog, "rime_fog", I::none, "Fog", "depositing rime fog", 741, "50"},
    {K::sand, "sand", I::none, "Sand", "sand", 751, "50"},
    {K::dust, "dust", I::none, "Dust", "dust", 761, "50"},
    {K::volcanic_ash, "volcanic_ash", I::none, "Ash", "volcanic ash", 762, "50"},
    {K::squalls, "squalls", I::none, "Squall", "squalls", 771, "50"},
    {K::tornado, "tornado", I::none, "Tornado", "tornado", 781, "50"},
    {K::clear_sky, "clear_sky", I::none, "Clear", "clear sky", 800, "01"},
    {K::few_clouds, "few_clouds", I::none, "Clouds", "few clouds", 801, "02"},
    {K::scattered_clouds, "scattered_clouds", I::none, "Clouds", "scattered clouds", 802, "03"},
    {K::broken_clouds, "broken_clouds", I::none, "Clouds", "broken clouds", 803, "04"},
    {K::overcast_clouds, "overcast_clouds", I::none, "Clouds", "overcast clouds", 804, "04"},
}};

constexpr bool in_kind_order() {
    for (std::size_t i = 0; i < k_conditions.size(); ++i) {
        if (static_cast<std::size_t>(k_conditions[i].kind) != i) return false;
    }
    return true;
}
static_assert(in_kind_order(), "k_conditions has one row per ConditionKind, in the enum's order");

}  // namespace

const std::array<ConditionInfo, k_condition_count>& conditions() { return k_conditions; }

const ConditionInfo& condition_info(ConditionKind kind) {
    return k_conditions[static_cast<std::size_t>(kind)];
}

std::optional<ConditionKind> condition_named(std::string_view name) {
    const auto it = std::find_if(k_conditions.begin(), k_conditions.end(),
                                 [&](const ConditionInfo& c) { return c.name == name; });
    if (it == k_conditions.end()) return std::nullopt;
    return it->kind;
}

std::optional<int> owm_condition_id(const Condition& condition) {
    const int id = condition_info(condition.kind).owm_id;
    if (id == 0) return std::nullopt;
    return id;
}

void to_json(nlohmann::json& j, const Condition& c) {
    j = nlohmann::json{{"kind", condition_info(c.kind).name},
                       {"main", c.main},
                       {"description", c.description},
                       {"icon", c.icon}};
}

void from_json(const nlohmann::json& j, Condition& c) {
    const auto name = j.at("kind").get<std::string>();
    const auto kind = condition_named(name);
    if (!kind) {
        throw nlohmann::json::other_error::create(501, "unknown condition kind \"" + name + "\"", &j);
    }
    c.kind = *kind;
    c.main = j.at("main").get<std::string>();
    c.description = j.at("description").get<std::string>();
    c.icon = j.at("icon").get<std::string>();
}

}  // namespace tenki

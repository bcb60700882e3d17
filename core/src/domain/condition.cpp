#include "tenki/domain/condition.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <algorithm>

#include "tenki/lang/translate.hpp"

namespace tenki {
namespace {

using K = ConditionKind;
using I = Intensity;

// OpenWeatherMap's documented conditions (openweathermap.org/weather-conditions), then what
// WMO 4677 tells apart and OpenWeatherMap does not (rime fog, freezing drizzle, snow grains,
// hail), each with the nearest OpenWeatherMap id and icon. The descriptions are marked for
// scripts/update-po.py: po/<lang>.po translates them (format::condition_words).
constexpr std::array<ConditionInfo, k_condition_count> k_conditions{{
    {K::unknown, "unknown", I::none, "Unknown", N_("unknown weather"), 0, ""},
    {K::thunderstorm_with_light_rain, "thunderstorm_with_light_rain", I::light, "Thunderstorm",
     N_("thunderstorm with light rain"), 200, "11"},
    {K::thunderstorm_with_rain, "thunderstorm_with_rain", I::moderate, "Thunderstorm",
     N_("thunderstorm with rain"), 201, "11"},
    {K::thunderstorm_with_heavy_rain, "thunderstorm_with_heavy_rain", I::heavy, "Thunderstorm",
     N_("thunderstorm with heavy rain"), 202, "11"},
    {K::light_thunderstorm, "light_thunderstorm", I::light, "Thunderstorm", N_("light thunderstorm"), 210,
     "11"},
    {K::thunderstorm, "thunderstorm", I::moderate, "Thunderstorm", N_("thunderstorm"), 211, "11"},
    {K::heavy_thunderstorm, "heavy_thunderstorm", I::heavy, "Thunderstorm", N_("heavy thunderstorm"), 212,
     "11"},
    {K::ragged_thunderstorm, "ragged_thunderstorm", I::none, "Thunderstorm", N_("ragged thunderstorm"), 221,
     "11"},
    {K::thunderstorm_with_light_drizzle, "thunderstorm_with_light_drizzle", I::light, "Thunderstorm",
     N_("thunderstorm with light drizzle"), 230, "11"},
    {K::thunderstorm_with_drizzle, "thunderstorm_with_drizzle", I::moderate, "Thunderstorm",
     N_("thunderstorm with drizzle"), 231, "11"},
    {K::thunderstorm_with_heavy_drizzle, "thunderstorm_with_heavy_drizzle", I::heavy, "Thunderstorm",
     N_("thunderstorm with heavy drizzle"), 232, "11"},
    {K::thunderstorm_with_slight_hail, "thunderstorm_with_slight_hail", I::light, "Thunderstorm",
     N_("thunderstorm with slight hail"), 201, "11"},
    {K::thunderstorm_with_heavy_hail, "thunderstorm_with_heavy_hail", I::heavy, "Thunderstorm",
     N_("thunderstorm with heavy hail"), 202, "11"},
    {K::light_drizzle, "light_drizzle", I::light, "Drizzle", N_("light intensity drizzle"), 300, "09"},
    {K::drizzle, "drizzle", I::moderate, "Drizzle", N_("drizzle"), 301, "09"},
    {K::heavy_drizzle, "heavy_drizzle", I::heavy, "Drizzle", N_("heavy intensity drizzle"), 302, "09"},
    {K::light_drizzle_rain, "light_drizzle_rain", I::light, "Drizzle", N_("light intensity drizzle rain"),
     310, "09"},
    {K::drizzle_rain, "drizzle_rain", I::moderate, "Drizzle", N_("drizzle rain"), 311, "09"},
    {K::heavy_drizzle_rain, "heavy_drizzle_rain", I::heavy, "Drizzle", N_("heavy intensity drizzle rain"),
     312, "09"},
    {K::shower_rain_and_drizzle, "shower_rain_and_drizzle", I::moderate, "Drizzle",
     N_("shower rain and drizzle"), 313, "09"},
    {K::heavy_shower_rain_and_drizzle, "heavy_shower_rain_and_drizzle", I::heavy, "Drizzle",
     N_("heavy shower rain and drizzle"), 314, "09"},
    {K::shower_drizzle, "shower_drizzle", I::none, "Drizzle", N_("shower drizzle"), 321, "09"},
    {K::light_rain, "light_rain", I::light, "Rain", N_("light rain"), 500, "10"},
    {K::moderate_rain, "moderate_rain", I::moderate, "Rain", N_("moderate rain"), 501, "10"},
    {K::heavy_rain, "heavy_rain", I::heavy, "Rain", N_("heavy intensity rain"), 502, "10"},
    {K::very_heavy_rain, "very_heavy_rain", I::very_heavy, "Rain", N_("very heavy rain"), 503, "10"},
    {K::extreme_rain, "extreme_rain", I::extreme, "Rain", N_("extreme rain"), 504, "10"},
    {K::freezing_rain, "freezing_rain", I::none, "Rain", N_("freezing rain"), 511, "13"},
    {K::light_freezing_rain, "light_freezing_rain", I::light, "Rain", N_("light freezing rain"), 511, "13"},
    {K::heavy_freezing_rain, "heavy_freezing_rain", I::heavy, "Rain", N_("heavy freezing rain"), 511, "13"},
    {K::light_freezing_drizzle, "light_freezing_drizzle", I::light, "Rain", N_("light freezing drizzle"), 511,
     "13"},
    {K::dense_freezing_drizzle, "dense_freezing_drizzle", I::heavy, "Rain", N_("dense freezing drizzle"), 511,
     "13"},
    {K::light_shower_rain, "light_shower_rain", I::light, "Rain", N_("light intensity shower rain"), 520,
     "09"},
    {K::shower_rain, "shower_rain", I::moderate, "Rain", N_("shower rain"), 521, "09"},
    {K::heavy_shower_rain, "heavy_shower_rain", I::heavy, "Rain", N_("heavy intensity shower rain"), 522,
     "09"},
    {K::ragged_shower_rain, "ragged_shower_rain", I::none, "Rain", N_("ragged shower rain"), 531, "09"},
    {K::light_snow, "light_snow", I::light, "Snow", N_("light snow"), 600, "13"},
    {K::snow, "snow", I::moderate, "Snow", N_("snow"), 601, "13"},
    {K::heavy_snow, "heavy_snow", I::heavy, "Snow", N_("heavy snow"), 602, "13"},
    {K::snow_grains, "snow_grains", I::none, "Snow", N_("snow grains"), 600, "13"},
    {K::sleet, "sleet", I::none, "Snow", N_("sleet"), 611, "13"},
    {K::light_shower_sleet, "light_shower_sleet", I::light, "Snow", N_("light shower sleet"), 612, "13"},
    {K::shower_sleet, "shower_sleet", I::moderate, "Snow", N_("shower sleet"), 613, "13"},
    {K::light_rain_and_snow, "light_rain_and_snow", I::light, "Snow", N_("light rain and snow"), 615, "13"},
    {K::rain_and_snow, "rain_and_snow", I::moderate, "Snow", N_("rain and snow"), 616, "13"},
    {K::light_shower_snow, "light_shower_snow", I::light, "Snow", N_("light shower snow"), 620, "13"},
    {K::shower_snow, "shower_snow", I::moderate, "Snow", N_("shower snow"), 621, "13"},
    {K::heavy_shower_snow, "heavy_shower_snow", I::heavy, "Snow", N_("heavy shower snow"), 622, "13"},
    {K::mist, "mist", I::none, "Mist", N_("mist"), 701, "50"},
    {K::smoke, "smoke", I::none, "Smoke", N_("smoke"), 711, "50"},
    {K::haze, "haze", I::none, "Haze", N_("haze"), 721, "50"},
    {K::dust_whirls, "dust_whirls", I::none, "Dust", N_("sand/dust whirls"), 731, "50"},
    {K::fog, "fog", I::none, "Fog", N_("fog"), 741, "50"},
    {K::rime_fog, "rime_fog", I::none, "Fog", N_("depositing rime fog"), 741, "50"},
    {K::sand, "sand", I::none, "Sand", N_("sand"), 751, "50"},
    {K::dust, "dust", I::none, "Dust", N_("dust"), 761, "50"},
    {K::volcanic_ash, "volcanic_ash", I::none, "Ash", N_("volcanic ash"), 762, "50"},
    {K::squalls, "squalls", I::none, "Squall", N_("squalls"), 771, "50"},
    {K::tornado, "tornado", I::none, "Tornado", N_("tornado"), 781, "50"},
    {K::clear_sky, "clear_sky", I::none, "Clear", N_("clear sky"), 800, "01"},
    {K::few_clouds, "few_clouds", I::none, "Clouds", N_("few clouds"), 801, "02"},
    {K::scattered_clouds, "scattered_clouds", I::none, "Clouds", N_("scattered clouds"), 802, "03"},
    {K::broken_clouds, "broken_clouds", I::none, "Clouds", N_("broken clouds"), 803, "04"},
    {K::overcast_clouds, "overcast_clouds", I::none, "Clouds", N_("overcast clouds"), 804, "04"},
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

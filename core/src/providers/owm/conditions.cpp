#include <algorithm>
#include <array>

#include "providers/owm/owm.hpp"

namespace tenki {
namespace {

using K = ConditionKind;

struct OwmCondition {
    int id;
    ConditionKind kind;
};

// Every condition id OpenWeatherMap documents (openweathermap.org/weather-conditions).
constexpr std::array<OwmCondition, 55> k_owm_conditions{{
    {200, K::thunderstorm_with_light_rain},
    {201, K::thunderstorm_with_rain},
    {202, K::thunderstorm_with_heavy_rain},
    {210, K::light_thunderstorm},
    {211, K::thunderstorm},
    {212, K::heavy_thunderstorm},
    {221, K::ragged_thunderstorm},
    {230, K::thunderstorm_with_light_drizzle},
    {231, K::thunderstorm_with_drizzle},
    {232, K::thunderstorm_with_heavy_drizzle},
    {300, K::light_drizzle},
    {301, K::drizzle},
    {302, K::heavy_drizzle},
    {310, K::light_drizzle_rain},
    {311, K::drizzle_rain},
    {312, K::heavy_drizzle_rain},
    {313, K::shower_rain_and_drizzle},
    {314, K::heavy_shower_rain_and_drizzle},
    {321, K::shower_drizzle},
    {500, K::light_rain},
    {501, K::moderate_rain},
    {502, K::heavy_rain},
    {503, K::very_heavy_rain},
    {504, K::extreme_rain},
    {511, K::freezing_rain},
    {520, K::light_shower_rain},
    {521, K::shower_rain},
    {522, K::heavy_shower_rain},
    {531, K::ragged_shower_rain},
    {600, K::light_snow},
    {601, K::snow},
    {602, K::heavy_snow},
    {611, K::sleet},
    {612, K::light_shower_sleet},
    {613, K::shower_sleet},
    {615, K::light_rain_and_snow},
    {616, K::rain_and_snow},
    {620, K::light_shower_snow},
    {621, K::shower_snow},
    {622, K::heavy_shower_snow},
    {701, K::mist},
    {711, K::smoke},
    {721, K::haze},
    {731, K::dust_whirls},
    {741, K::fog},
    {751, K::sand},
    {761, K::dust},
    {762, K::volcanic_ash},
    {771, K::squalls},
    {781, K::tornado},
    {800, K::clear_sky},
    {801, K::few_clouds},
    {802, K::scattered_clouds},
    {803, K::broken_clouds},
    {804, K::overcast_clouds},
}};

}  // namespace

ConditionKind owm_condition_kind(int id) {
    const auto it = std::find_if(k_owm_conditions.begin(), k_owm_conditions.end(),
                                 [&](const OwmCondition& c) { return c.id == id; });
    return it == k_owm_conditions.end() ? ConditionKind::unknown : it->kind;
}

}  // namespace tenki

#include <algorithm>
#include <array>
#include <string_view>

#include <fmt/core.h>

#include "providers/open_meteo/open_meteo.hpp"

namespace tenki {
namespace {

using K = ConditionKind;

struct WmoEntry {
    int wmo;
    ConditionKind kind;
    std::string_view description;  // as Open-Meteo's documentation words it
};

// Every code Open-Meteo documents for weather_code.
constexpr std::array<WmoEntry, 28> k_wmo_table{{
    {0, K::clear_sky, "clear sky"},
    {1, K::few_clouds, "mainly clear"},
    {2, K::scattered_clouds, "partly cloudy"},
    {3, K::overcast_clouds, "overcast"},
    {45, K::fog, "fog"},
    {48, K::rime_fog, "depositing rime fog"},
    {51, K::light_drizzle, "light drizzle"},
    {53, K::drizzle, "moderate drizzle"},
    {55, K::heavy_drizzle, "dense drizzle"},
    {56, K::light_freezing_drizzle, "light freezing drizzle"},
    {57, K::dense_freezing_drizzle, "dense freezing drizzle"},
    {61, K::light_rain, "light rain"},
    {63, K::moderate_rain, "moderate rain"},
    {65, K::heavy_rain, "heavy rain"},
    {66, K::light_freezing_rain, "light freezing rain"},
    {67, K::heavy_freezing_rain, "heavy freezing rain"},
    {71, K::light_snow, "light snow"},
    {73, K::snow, "moderate snow"},
    {75, K::heavy_snow, "heavy snow"},
    {77, K::snow_grains, "snow grains"},
    {80, K::light_shower_rain, "light rain showers"},
    {81, K::shower_rain, "moderate rain showers"},
    {82, K::heavy_shower_rain, "violent rain showers"},
    {85, K::light_shower_snow, "light snow showers"},
    {86, K::heavy_shower_snow, "heavy snow showers"},
    {95, K::thunderstorm, "thunderstorm"},
    {96, K::thunderstorm_with_slight_hail, "thunderstorm with slight hail"},
    {99, K::thunderstorm_with_heavy_hail, "thunderstorm with heavy hail"},
}};

}  // namespace

Condition wmo_condition(std::optional<int> wmo_code, bool is_day) {
    const auto& unknown = condition_info(ConditionKind::unknown);
    if (!wmo_code) {
        return Condition{ConditionKind::unknown, std::string(unknown.main), std::string(unknown.description),
                         ""};
    }
    auto it = std::find_if(k_wmo_table.begin(), k_wmo_table.end(),
                           [&](const WmoEntry& e) { return e.wmo == *wmo_code; });
    if (it == k_wmo_table.end()) {
        return Condition{ConditionKind::unknown, std::string(unknown.main),
                         fmt::format("{} (WMO code {})", unknown.description, *wmo_code), ""};
    }
    const auto& entry = condition_info(it->kind);
    return Condition{it->kind, std::string(entry.main), std::string(it->description),
                     fmt::format("{}{}", entry.icon, is_day ? 'd' : 'n')};
}

}  // namespace tenki

#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace tenki {

// tenki's own words for the weather: what every provider maps its codes into (OpenWeatherMap's
// condition ids in providers/owm/conditions.cpp, Open-Meteo's WMO codes in
// providers/open_meteo/wmo.cpp) and what tables of words or symbols key by. Where a source tells
// intensities apart, each intensity is its own entry (light_rain, moderate_rain, heavy_rain).
// In the order of k_conditions' rows.
enum class ConditionKind : std::uint8_t {
    unknown,  // the source's code was unknown or absent: no condition is made up
    thunderstorm_with_light_rain,
    thunderstorm_with_rain,
    thunderstorm_with_heavy_rain,
    light_thunderstorm,
    thunderstorm,
    heavy_thunderstorm,
    ragged_thunderstorm,
    thunderstorm_with_light_drizzle,
    thunderstorm_with_drizzle,
    thunderstorm_with_heavy_drizzle,
    thunderstorm_with_slight_hail,
    thunderstorm_with_heavy_hail,
    light_drizzle,
    drizzle,
    heavy_drizzle,
    light_drizzle_rain,
    drizzle_rain,
    heavy_drizzle_rain,
    shower_rain_and_drizzle,
    heavy_shower_rain_and_drizzle,
    shower_drizzle,
    light_rain,
    moderate_rain,
    heavy_rain,
    very_heavy_rain,
    extreme_rain,
    freezing_rain,
    light_freezing_rain,
    heavy_freezing_rain,
    light_freezing_drizzle,
    dense_freezing_drizzle,
    light_shower_rain,
    shower_rain,
    heavy_shower_rain,
    ragged_shower_rain,
    light_snow,
    snow,
    heavy_snow,
    snow_grains,
    sleet,
    light_shower_sleet,
    shower_sleet,
    light_rain_and_snow,
    rain_and_snow,
    light_shower_snow,
    shower_snow,
    heavy_shower_snow,
    mist,
    smoke,
    haze,
    dust_whirls,
    fog,
    rime_fog,
    sand,
    dust,
    volcanic_ash,
    squalls,
    tornado,
    clear_sky,
    few_clouds,
    scattered_clouds,
    broken_clouds,
    overcast_clouds,
};

enum class Intensity : std::uint8_t { none, light, moderate, heavy, very_heavy, extreme };

// One entry of the vocabulary. `owm_id`, `main` and `icon` are what the public documents show
// for it (v2's condition.code, v1's weather_code): the nearest OpenWeatherMap condition, so a
// few entries share an id (rime_fog and fog are both 741). The unknown entry's owm_id is 0 (none).
struct ConditionInfo {
    ConditionKind kind;
    std::string_view name;         // "light_rain": stable, the cached records' spelling
    Intensity intensity;           // none where the sources make no such difference
    std::string_view main;         // "Rain": OpenWeatherMap's group word
    std::string_view description;  // "light rain", English
    int owm_id;                    // 500
    std::string_view icon;         // "10": OpenWeatherMap's icon without its d/n suffix
};

inline constexpr std::size_t k_condition_count = static_cast<std::size_t>(ConditionKind::overcast_clouds) + 1;

// The table, one row per ConditionKind in its order (a static_assert holds it there).
const std::array<ConditionInfo, k_condition_count>& conditions();
const ConditionInfo& condition_info(ConditionKind kind);
// The kind named `name` (ConditionInfo::name); nullopt for a name tenki does not know.
std::optional<ConditionKind> condition_named(std::string_view name);

// One observed condition: the vocabulary's kind and the words the source gave for it, shown as
// they are (OpenWeatherMap's own main, description and icon; Open-Meteo's documented words for
// its WMO code, with the vocabulary's icon and a d or n suffix for day or night).
struct Condition {
    ConditionKind kind = ConditionKind::unknown;
    std::string main;         // "Clear"
    std::string description;  // "clear sky"
    std::string icon;         // "01d"

    friend bool operator==(const Condition&, const Condition&) = default;
};

// The OpenWeatherMap-style condition id the documents show (800 clear, 5xx rain, ...): the
// kind's owm_id; nullopt for unknown.
std::optional<int> owm_condition_id(const Condition& condition);

// The cached records' form: {"kind": "light_rain", "main", "description", "icon"}. from_json
// throws nlohmann::json::exception for a missing key, a wrong type or a kind tenki does not know.
void to_json(nlohmann::json& j, const Condition& c);
void from_json(const nlohmann::json& j, Condition& c);

}  // namespace tenki

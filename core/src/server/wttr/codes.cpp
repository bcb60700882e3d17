#include "server/wttr/codes.hpp"

#include <array>

namespace tenki::wttr {
namespace {

using Wk = ConditionKind;

// wttr.in's groups: the symbol of its %c (internal/renderer/oneline/constants.go's WeatherSymbol,
// enescakir/emoji's fully-qualified forms) and of its %x (WeatherSymbolPlain).
struct WwoGroup {
    std::string_view name, emoji, plain;
};
constexpr WwoGroup k_wwo_unknown{"Unknown", "\u2728", "?"};
constexpr WwoGroup k_wwo_sunny{"Sunny", "\u2600\ufe0f", "o"};
constexpr WwoGroup k_wwo_partly_cloudy{"PartlyCloudy", "\U0001f324\ufe0f", "m"};
constexpr WwoGroup k_wwo_cloudy{"Cloudy", "\u2601\ufe0f", "mm"};
constexpr WwoGroup k_wwo_very_cloudy{"VeryCloudy", "\u2601\ufe0f", "mmm"};
constexpr WwoGroup k_wwo_fog{"Fog", "\U0001f32b\ufe0f", "="};
constexpr WwoGroup k_wwo_light_showers{"LightShowers", "\U0001f326\ufe0f", "."};
constexpr WwoGroup k_wwo_light_rain{"LightRain", "\U0001f326\ufe0f", "/"};
constexpr WwoGroup k_wwo_heavy_showers{"HeavyShowers", "\U0001f327\ufe0f", "//"};
constexpr WwoGroup k_wwo_heavy_rain{"HeavyRain", "\U0001f327\ufe0f", "///"};
constexpr WwoGroup k_wwo_light_sleet{"LightSleet", "\U0001f327\ufe0f", "x"};
constexpr WwoGroup k_wwo_light_sleet_showers{"LightSleetShowers", "\U0001f327\ufe0f", "x/"};
constexpr WwoGroup k_wwo_light_snow{"LightSnow", "\U0001f328\ufe0f", "*"};
constexpr WwoGroup k_wwo_light_snow_showers{"LightSnowShowers", "\U0001f328\ufe0f", "*/"};
constexpr WwoGroup k_wwo_heavy_snow{"HeavySnow", "\U0001f328\ufe0f", "**"};
constexpr WwoGroup k_wwo_heavy_snow_showers{"HeavySnowShowers", "\U0001f328\ufe0f", "*/*"};
constexpr WwoGroup k_wwo_thundery_showers{"ThunderyShowers", "\u26c8\ufe0f", "!/"};
constexpr WwoGroup k_wwo_thundery_heavy_rain{"ThunderyHeavyRain", "\U0001f329\ufe0f", "/!/"};

struct WwoRow {
    ConditionKind kind;
    std::string_view code;
    const WwoGroup* group;
    std::string_view words;
};

// tenki's kind, the nearest WorldWeatherOnline code (its own words beside it). WorldWeatherOnline
// has no smoke, haze, dust, sand or ash (143 Mist is the nearest: sight reduced), no squall (122
// Overcast) and no tornado (200 Thundery outbreaks).
constexpr std::array<WwoRow, k_condition_count> k_wwo_rows{{
    {Wk::unknown, "", &k_wwo_unknown, ""},
    {Wk::thunderstorm_with_light_rain, "386", &k_wwo_thundery_showers, "Patchy light rain with thunder"},
    {Wk::thunderstorm_with_rain, "389", &k_wwo_thundery_heavy_rain, "Moderate or heavy rain with thunder"},
    {Wk::thunderstorm_with_heavy_rain, "389", &k_wwo_thundery_heavy_rain,
     "Moderate or heavy rain with thunder"},
    {Wk::light_thunderstorm, "200", &k_wwo_thundery_showers, "Thundery outbreaks possible"},
    {Wk::thunderstorm, "200", &k_wwo_thundery_showers, "Thundery outbreaks possible"},
    {Wk::heavy_thunderstorm, "389", &k_wwo_thundery_heavy_rain, "Moderate or heavy rain with thunder"},
    {Wk::ragged_thunderstorm, "200", &k_wwo_thundery_showers, "Thundery outbreaks possible"},
    {Wk::thunderstorm_with_light_drizzle, "386", &k_wwo_thundery_showers, "Patchy light rain with thunder"},
    {Wk::thunderstorm_with_drizzle, "386", &k_wwo_thundery_showers, "Patchy light rain with thunder"},
    {Wk::thunderstorm_with_heavy_drizzle, "389", &k_wwo_thundery_heavy_rain,
     "Moderate or heavy rain with thunder"},
    {Wk::thunderstorm_with_slight_hail, "386", &k_wwo_thundery_showers, "Patchy light rain with thunder"},
    {Wk::thunderstorm_with_heavy_hail, "389", &k_wwo_thundery_heavy_rain,
     "Moderate or heavy rain with thunder"},
    {Wk::light_drizzle, "263", &k_wwo_light_showers, "Patchy light drizzle"},
    {Wk::drizzle, "266", &k_wwo_light_rain, "Light drizzle"},
    {Wk::heavy_drizzle, "296", &k_wwo_light_rain, "Light rain"},
    {Wk::light_drizzle_rain, "293", &k_wwo_light_rain, "Patchy light rain"},
    {Wk::drizzle_rain, "296", &k_wwo_light_rain, "Light rain"},
    {Wk::heavy_drizzle_rain, "302", &k_wwo_heavy_rain, "Moderate rain"},
    {Wk::shower_rain_and_drizzle, "353", &k_wwo_light_showers, "Light rain shower"},
    {Wk::heavy_shower_rain_and_drizzle, "356", &k_wwo_heavy_showers, "Moderate or heavy rain shower"},
    {Wk::shower_drizzle, "353", &k_wwo_light_showers, "Light rain shower"},
    {Wk::light_rain, "296", &k_wwo_light_rain, "Light rain"},
    {Wk::moderate_rain, "302", &k_wwo_heavy_rain, "Moderate rain"},
    {Wk::heavy_rain, "308", &k_wwo_heavy_rain, "Heavy rain"},
    {Wk::very_heavy_rain, "308", &k_wwo_heavy_rain, "Heavy rain"},
    {Wk::extreme_rain, "308", &k_wwo_heavy_rain, "Heavy rain"},
    {Wk::freezing_rain, "314", &k_wwo_light_sleet, "Moderate or Heavy freezing rain"},
    {Wk::light_freezing_rain, "311", &k_wwo_light_sleet, "Light freezing rain"},
    {Wk::heavy_freezing_rain, "314", &k_wwo_light_sleet, "Moderate or Heavy freezing rain"},
    {Wk::light_freezing_drizzle, "281", &k_wwo_light_sleet, "Freezing drizzle"},
    {Wk::dense_freezing_drizzle, "284", &k_wwo_light_sleet, "Heavy freezing drizzle"},
    {Wk::light_shower_rain, "353", &k_wwo_light_showers, "Light rain shower"},
    {Wk::shower_rain, "356", &k_wwo_heavy_showers, "Moderate or heavy rain shower"},
    {Wk::heavy_shower_rain, "359", &k_wwo_heavy_rain, "Torrential rain shower"},
    {Wk::ragged_shower_rain, "356", &k_wwo_heavy_showers, "Moderate or heavy rain shower"},
    {Wk::light_snow, "326", &k_wwo_light_snow_showers, "Light snow"},
    {Wk::snow, "332", &k_wwo_heavy_snow, "Moderate snow"},
    {Wk::heavy_snow, "338", &k_wwo_heavy_snow, "Heavy snow"},
    {Wk::snow_grains, "323", &k_wwo_light_snow_showers, "Patchy light snow"},
    {Wk::sleet, "320", &k_wwo_light_snow, "Moderate or heavy sleet"},
    {Wk::light_shower_sleet, "362", &k_wwo_light_sleet_showers, "Light sleet showers"},
    {Wk::shower_sleet, "365", &k_wwo_light_sleet_showers, "Moderate or heavy sleet showers"},
    {Wk::light_rain_and_snow, "317", &k_wwo_light_sleet, "Light sleet"},
    {Wk::rain_and_snow, "320", &k_wwo_light_snow, "Moderate or heavy sleet"},
    {Wk::light_shower_snow, "368", &k_wwo_light_snow_showers, "Light snow showers"},
    {Wk::shower_snow, "371", &k_wwo_heavy_snow_showers, "Moderate or heavy snow showers"},
    {Wk::heavy_shower_snow, "371", &k_wwo_heavy_snow_showers, "Moderate or heavy snow showers"},
    {Wk::mist, "143", &k_wwo_fog, "Mist"},
    {Wk::smoke, "143", &k_wwo_fog, "Mist"},
    {Wk::haze, "143", &k_wwo_fog, "Mist"},
    {Wk::dust_whirls, "143", &k_wwo_fog, "Mist"},
    {Wk::fog, "248", &k_wwo_fog, "Fog"},
    {Wk::rime_fog, "260", &k_wwo_fog, "Freezing fog"},
    {Wk::sand, "143", &k_wwo_fog, "Mist"},
    {Wk::dust, "143", &k_wwo_fog, "Mist"},
    {Wk::volcanic_ash, "143", &k_wwo_fog, "Mist"},
    {Wk::squalls, "122", &k_wwo_very_cloudy, "Overcast"},
    {Wk::tornado, "200", &k_wwo_thundery_showers, "Thundery outbreaks possible"},
    {Wk::clear_sky, "113", &k_wwo_sunny, "Sunny"},
    {Wk::few_clouds, "116", &k_wwo_partly_cloudy, "Partly cloudy"},
    {Wk::scattered_clouds, "116", &k_wwo_partly_cloudy, "Partly cloudy"},
    {Wk::broken_clouds, "119", &k_wwo_cloudy, "Cloudy"},
    {Wk::overcast_clouds, "122", &k_wwo_very_cloudy, "Overcast"},
}};

constexpr bool wwo_rows_in_order() {
    for (std::size_t i = 0; i < k_wwo_rows.size(); ++i)
        if (static_cast<std::size_t>(k_wwo_rows.at(i).kind) != i) return false;
    return true;
}
static_assert(wwo_rows_in_order(), "one row per ConditionKind, in its order");

std::array<WwoCondition, k_condition_count> make_wwo_conditions() {
    std::array<WwoCondition, k_condition_count> out{};
    for (std::size_t i = 0; i < k_wwo_rows.size(); ++i) {
        const auto& r = k_wwo_rows.at(i);
        out.at(i) = WwoCondition{r.code, r.group->name, r.group->emoji, r.group->plain, r.words};
    }
    return out;
}

}  // namespace

const WwoCondition& wwo_condition(ConditionKind kind) {
    static const auto conditions = make_wwo_conditions();
    return conditions.at(static_cast<std::size_t>(kind));
}

}  // namespace tenki::wttr

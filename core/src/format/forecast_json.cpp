
#include "format/presentation.hpp"
#include "format/sky_fields.hpp"
#include "tenki/astronomy/sky_place.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"
#include "tenki/util/nlohmann_json.hpp"
#include "util/json.hpp"
#include "util/time.hpp"

namespace tenki {
namespace {

using nlohmann::json;
using util::or_null;

// Rounded first, then a -0 dropped: -0.004 °C is 0, not "-0".
json shown(const std::optional<double>& value) {
    if (!value) return nullptr;
    const double r = format::rounded(*value, 2);
    return r == 0.0 ? 0.0 : r;
}

json condition_json(const std::optional<Condition>& c, Language language) {
    if (!c) return nullptr;
    return json{{"code", util::or_null(owm_condition_id(*c))},
                {"main", c->main},
                {"description", format::described(*c, language)},
                {"icon", c->icon}};
}

json step_json(const ForecastStep& s, Units units, Language language) {
    return json{{"time", util::iso8601_utc(s.time)},
                {"temperature", shown(format::temperature(s.temp, units))},
                {"feels_like", shown(format::temperature(s.feels_like, units))},
                {"precipitation_probability", or_null(s.precipitation_probability)},
                {"precipitation", shown(s.precipitation)},
                {"wind",
                 {{"speed", shown(format::speed(s.wind_speed, units))},
                  {"deg", or_null(s.wind_deg)},
                  {"direction", format::direction_json(s.wind_deg, language)},
                  {"gust", shown(format::speed(s.wind_gust, units))}}},
                {"condition", condition_json(s.condition, language)},
                {"uv_index", shown(s.uv_index)}};
}

// The day's sun and moon (tenki/astronomy/sky.hpp), `tenki moon --json`'s document; null without
// a place.
json day_sky_json(const std::optional<SkyPlace>& place, const std::string& date) {
    const auto sky = format::sky_on_date(place, date);
    return sky ? json(*sky) : json(nullptr);
}

json day_json(const ForecastDay& d, Units units, Language language, const std::optional<SkyPlace>& place) {
    return json{{"date", d.date},
                {"temperature",
                 {{"min", shown(format::temperature(d.temp_min, units))},
                  {"max", shown(format::temperature(d.temp_max, units))}}},
                {"condition", condition_json(d.condition, language)},
                {"precipitation_sum", shown(d.precipitation_sum)},
                {"precipitation_probability_max", or_null(d.precipitation_probability_max)},
                {"wind",
                 {{"speed_max", shown(format::speed(d.wind_speed_max, units))},
                  {"gust_max", shown(format::speed(d.wind_gust_max, units))}}},
                {"sunrise", util::iso_or_null(d.sunrise)},
                {"sunset", util::iso_or_null(d.sunset)},
                {"uv_index_max", shown(d.uv_index_max)},
                {"hours_covered", or_null(d.hours_covered)},
                {"astronomy", day_sky_json(place, d.date)}};
}

}  // namespace

// Precipitation is mm in every unit system, as in the current-weather document.
json to_forecast_json(const Forecast& f, Units units, std::optional<std::int64_t> stale_age_s,
                      Language language) {
    const auto echo = format::place_fields(f.location, f.place_name, f.place_region, f.lat, f.lon);
    const auto place = weather_sky_place(f.location, f.lat, f.lon);
    json daily = json::array();
    for (const auto& d : f.daily) daily.push_back(day_json(d, units, language, place));
    json hourly = json::array();
    for (const auto& s : f.hourly) hourly.push_back(step_json(s, units, language));
    json doc{
        {"location",
         format::location_json(f.location, echo,
                               {{"timezone_offset", f.timezone_offset},
                                {"timezone", f.timezone.empty() ? json(nullptr) : json(f.timezone)}})},
        {"units", to_string(units)},
        {"temperature_unit", temperature_unit(units)},
        {"speed_unit", speed_unit(units)},
        {"precipitation_unit", "mm"},
        {"step_seconds", f.step_seconds},
        {"daily", std::move(daily)},
        {"hourly", std::move(hourly)},
        {"source", f.source},
    };
    stale_fields(doc, stale_age_s);
    return doc;
}

}  // namespace tenki

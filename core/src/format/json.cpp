#include <algorithm>

#include "format/presentation.hpp"
#include "format/sky_fields.hpp"
#include "providers/owm/v1.hpp"
#include "tenki/format/fields.hpp"
#include "tenki/format/format.hpp"
#include "tenki/util/nlohmann_json.hpp"
#include "util/ascii.hpp"
#include "util/json.hpp"
#include "util/time.hpp"

namespace tenki {
namespace {

using nlohmann::json;

using util::or_null;

// Converted values are rounded to 2 places (the upstream's own precision), so 300 K reads
// 26.85 °C rather than 26.850000000000023.
json converted(const std::optional<double>& value) {
    return value ? json(format::rounded(*value, 2)) : json(nullptr);
}

// pyowm copies these upstream objects as they are: {} when absent, {"1h": mm, "3h": mm} otherwise.
json v1_precipitation(const std::optional<double>& one_hour, const std::optional<double>& three_hours) {
    auto out = json::object();
    if (one_hour) out["1h"] = *one_hour;
    if (three_hours) out["3h"] = *three_hours;
    return out;
}

// The v1 document of an answer that carries no OpenWeatherMap part (another provider's):
// pyowm's shape and defaults, from the canonical fields. pyowm's 0 for an absent time, clouds
// and humidity; null for absent pressure, temperatures and visibility; the wind keeps only the
// keys it had.
json v1_from_fields(const Weather& w) {
    auto wind = json::object();
    if (w.wind_speed) wind["speed"] = *w.wind_speed;
    if (w.wind_deg) wind["deg"] = *w.wind_deg;
    if (w.wind_gust) wind["gust"] = *w.wind_gust;
    return json{
        {"reference_time", w.observed_at},
        {"sunset_time", w.sunset.value_or(0)},
        {"sunrise_time", w.sunrise.value_or(0)},
        {"clouds", w.clouds.value_or(0)},
        {"rain", v1_precipitation(w.rain_1h, w.rain_3h)},
        {"snow", v1_precipitation(w.snow_1h, w.snow_3h)},
        {"wind", wind},
        {"humidity", w.humidity.value_or(0)},
        {"pressure", {{"press", or_null(w.pressure)}, {"sea_level", or_null(w.sea_level)}}},
        {"temperature",
         {{"temp", w.temp},
          {"temp_kf", nullptr},
          {"temp_max", or_null(w.temp_max)},
          {"temp_min", or_null(w.temp_min)}}},
        {"status", w.condition.main},
        {"detailed_status", w.condition.description},
        {"weather_code", or_null(owm_condition_id(w.condition))},
        {"weather_icon_name", w.condition.icon},
        {"visibility_distance", or_null(w.visibility)},
        {"dewpoint", nullptr},
        {"humidex", nullptr},
        {"heat_index", nullptr},
    };
}

}  // namespace

// The v2 documents' location: the postal code and country (ISO 3166-1 alpha-2, upper case; null
// for coordinates), the place's own name and first-level region (place_fields), coordinates and
// its GeoNames id for a city, then `extra`.
json format::location_json(const Location& location, const format::PlaceEcho& echo, json extra) {
    auto text_or_null = [](const std::string& text) { return text.empty() ? json(nullptr) : json(text); };
    const auto& place = location.place;
    json out{{"postal_code", text_or_null(location.postal_code)},
             {"country", text_or_null(util::upper(location.country))},
             {"name", text_or_null(echo.name)},
             {"region", text_or_null(echo.region)},
             {"lat", or_null(echo.lat)},
             {"lon", or_null(echo.lon)},
             {"geonames_id", place && place->geonames_id != 0 ? json(place->geonames_id) : json(nullptr)}};
    out.update(extra);
    return out;
}

void stale_fields(json& doc, std::optional<std::int64_t> stale_age_s) {
    doc["stale"] = stale_age_s.has_value();
    if (stale_age_s) doc["age_s"] = std::max<std::int64_t>(0, *stale_age_s);
}

namespace {

// The UV index's WHO band ("moderate"), null without an index.
json v2_uv_label(const std::optional<double>& index) {
    const auto band = index ? uv_band(*index) : std::nullopt;
    return band ? json(*band) : json(nullptr);
}

// {"value", "unit", "source": "provider" | "computed"} (fields.hpp's dew_point), null without one.
json v2_dew_point(const Weather& w, Units units) {
    const auto dew = dew_point(w);
    if (!dew) return nullptr;
    return json{{"value", converted(format::temperature(dew->kelvin, units))},
                {"unit", temperature_unit(units)},
                {"source", to_string(dew->source)}};
}

}  // namespace

json format::direction_json(const std::optional<int>& degrees, Language language) {
    return degrees ? json(format::compass_point(*degrees, language)) : json(nullptr);
}

// Pressure is hPa, visibility metres and rain/snow mm in every unit system, as upstream.
json to_v2_json(const Weather& w, Units units, std::optional<std::int64_t> stale_age_s, Language language,
                const SkyCache* skies) {
    const std::optional<double> temp = w.temp;
    json doc{
        {"location",
         format::location_json(w.location,
                               format::place_fields(w.location, w.place_name, w.place_region, w.lat, w.lon),
                               {{"area", w.area.empty() ? json(nullptr) : json(w.area)},
                                {"timezone_offset", or_null(w.timezone_offset)}})},
        {"observed_at", util::iso8601_utc(w.observed_at)},
        {"units", to_string(units)},
        {"condition",
         {{"code", or_null(owm_condition_id(w.condition))},
          {"main", w.condition.main},
          {"description", format::described(w.condition, language)},
          {"icon", w.condition.icon}}},
        {"temperature",
         {{"current", converted(format::temperature(temp, units))},
          {"feels_like", converted(format::temperature(w.feels_like, units))},
          {"min", converted(format::temperature(w.temp_min, units))},
          {"max", converted(format::temperature(w.temp_max, units))},
          {"unit", temperature_unit(units)}}},
        {"humidity", or_null(w.humidity)},
        {"pressure", or_null(w.pressure)},
        {"wind",
         {{"speed", converted(format::speed(w.wind_speed, units))},
          {"deg", or_null(w.wind_deg)},
          {"direction", format::direction_json(w.wind_deg, language)},
          {"gust", converted(format::speed(w.wind_gust, units))},
          {"unit", speed_unit(units)}}},
        {"clouds", or_null(w.clouds)},
        {"visibility", or_null(w.visibility)},
        {"rain_1h", or_null(w.rain_1h)},
        {"snow_1h", or_null(w.snow_1h)},
        {"rain_3h", or_null(w.rain_3h)},
        {"snow_3h", or_null(w.snow_3h)},
        {"sunrise", util::iso_or_null(w.sunrise)},
        {"sunset", util::iso_or_null(w.sunset)},
        {"uv_index", or_null(w.uv_index)},
        {"uv_label", v2_uv_label(w.uv_index)},
        {"dew_point", v2_dew_point(w, units)},
        {"source", w.source},
    };
    // The sun and the moon on the place's local date (tenki/astronomy/sky.hpp) at the place tenki
    // resolved, else the provider's point; null without coordinates.
    const auto sky = format::weather_sky(w, true, skies);
    doc["astronomy"] = sky ? json(*sky) : json(nullptr);
    stale_fields(doc, stale_age_s);
    return doc;
}

// OpenWeatherMap's answer as pyowm 2.x read it; another provider's answer in the same shape.
json to_v1_json(const Weather& w) {
    if (auto document = owm_v1_document(w)) return *std::move(document);
    return v1_from_fields(w);
}

}  // namespace tenki

#include "server/wttr/j1.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <chrono>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "server/wttr/codes.hpp"
#include "server/wttr/place.hpp"
#include "tenki/astronomy/sky.hpp"
#include "tenki/astronomy/sky_place.hpp"
#include "tenki/domain/units.hpp"
#include "tenki/lang/cldr.hpp"

namespace tenki::wttr {
namespace {

using nlohmann::json;

std::string j1_whole(std::optional<double> value) {
    return value && std::isfinite(*value) ? std::to_string(std::lround(*value)) : "";
}
std::string j1_celsius(std::optional<double> k) {
    return k ? j1_whole(convert_temperature(*k, Units::metric)) : "";
}
std::string j1_fahrenheit(std::optional<double> k) {
    return k ? j1_whole(convert_temperature(*k, Units::imperial)) : "";
}
std::string j1_kmph(std::optional<double> ms) { return ms ? j1_whole(*ms * 3.6) : ""; }
std::string j1_mph(std::optional<double> ms) {
    return ms ? j1_whole(convert_speed(*ms, Units::imperial)) : "";
}
std::string j1_int(std::optional<int> v) { return v ? std::to_string(*v) : ""; }
json j1_values(std::string text) { return json::array({{{"value", std::move(text)}}}); }

// "02:05 PM": WorldWeatherOnline's clock, at `offset_s` east of UTC.
std::string j1_ampm(std::int64_t unix_s, std::int64_t offset_s) {
    const auto day_s = ((unix_s + offset_s) % 86400 + 86400) % 86400;
    const auto hour = day_s / 3600;
    return fmt::format("{:02}:{:02} {}", hour % 12 == 0 ? 12 : hour % 12, day_s / 60 % 60,
                       hour < 12 ? "AM" : "PM");
}

// The condition's code, words and lang_xx: wttr.in's four keys for one.
void j1_condition_keys(json& j, const std::optional<Condition>& c, Language language) {
    const auto kind = c ? c->kind : ConditionKind::unknown;
    j["weatherCode"] = std::string(wwo_condition(kind).code);
    j["weatherDesc"] = j1_values(c ? format::capitalised(format::condition_words(*c, Language::en)) : "");
    j["weatherIconUrl"] = j1_values("");
    if (language != Language::en)
        j[fmt::format("lang_{}", language_info(language).tag)] =
            j1_values(c ? format::capitalised(format::condition_words(*c, language), language) : "");
}

void j1_wind_keys(json& j, std::optional<double> speed, std::optional<int> deg) {
    j["winddir16Point"] = deg ? std::string(format::compass_point(*deg)) : "";
    j["winddirDegree"] = j1_int(deg);
    j["windspeedKmph"] = j1_kmph(speed);
    j["windspeedMiles"] = j1_mph(speed);
}

json j1_current(const J1Input& in) {
    const auto& w = *in.weather;
    const auto offset = w.timezone_offset.value_or(in.forecast->timezone_offset);
    std::optional<double> precip;
    if (w.rain_1h || w.snow_1h) precip = w.rain_1h.value_or(0) + w.snow_1h.value_or(0);
    json j{{"FeelsLikeC", j1_celsius(w.feels_like)},
           {"FeelsLikeF", j1_fahrenheit(w.feels_like)},
           {"cloudcover", j1_int(w.clouds)},
           {"humidity", j1_int(w.humidity)},
           {"localObsDateTime", local_date(w.observed_at, offset) + " " + j1_ampm(w.observed_at, offset)},
           {"observation_time", j1_ampm(w.observed_at, 0)},
           {"precipInches", precip ? fmt::format("{:.1f}", *precip / 25.4) : ""},
           {"precipMM", precip ? fmt::format("{:.1f}", *precip) : ""},
           {"pressure", j1_whole(w.pressure)},
           {"pressureInches", w.pressure ? j1_whole(*w.pressure * 0.02953) : ""},
           {"temp_C", j1_celsius(w.temp)},
           {"temp_F", j1_fahrenheit(w.temp)},
           {"uvIndex", j1_whole(w.uv_index)},
           {"visibility", w.visibility ? std::to_string(*w.visibility / 1000) : ""},
           {"visibilityMiles", w.visibility ? j1_whole(*w.visibility / 1609.344) : ""}};
    j1_condition_keys(j, w.condition, in.language);
    j1_wind_keys(j, w.wind_speed, w.wind_deg);
    if (in.stale_age_s)
        j["tenki_note"] = fmt::format("stale: the upstream failed; this answer is {} s old", *in.stale_age_s);
    return j;
}

json j1_nearest_area(const J1Input& in) {
    const auto where = answer_place(*in.weather);
    // wttr.in names the country ("France"); a code CLDR does not name stays a code, upper case.
    std::string country = in.weather->location.country;
    for (auto& c : country) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (const auto name = territory_name(country)) country = *name;
    return json{{"areaName", j1_values(where.name)},
                {"country", j1_values(country)},
                {"latitude", where.lat ? fmt::format("{:.3f}", *where.lat) : ""},
                {"longitude", where.lon ? fmt::format("{:.3f}", *where.lon) : ""},
                {"population", ""},
                {"region", j1_values(where.region)},
                {"weatherUrl", j1_values("")}};
}

// WorldWeatherOnline's phase names: "Waxing Crescent".
std::string j1_phase_title(MoonPhase phase) {
    std::string name(moon_phase_name(phase));
    bool start = true;
    for (auto& c : name) {
        if (start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        start = c == ' ';
    }
    return name;
}

std::string j1_sky_clock(const std::optional<LocalInstant>& t, std::string_view none) {
    return t ? j1_ampm(t->utc.time_since_epoch().count(), t->offset_s) : std::string(none);
}

json j1_astronomy(const Weather& w, const std::string& date) {
    json j{{"moon_illumination", ""}, {"moon_phase", ""}, {"moonrise", ""},
           {"moonset", ""},           {"sunrise", ""},    {"sunset", ""}};
    const auto place = weather_sky_place(w.location, w.lat, w.lon);
    auto day = parse_iso_date(date);
    if (!place || !day) return json::array({j});
    auto sky = sky_on(*place, *day, true);
    if (!sky) return json::array({j});
    j = {{"moon_illumination", j1_whole(sky->moon.illumination_pct)},
         {"moon_phase", j1_phase_title(sky->moon.phase)},
         {"moonrise", j1_sky_clock(sky->moon.rise, "No moonrise")},
         {"moonset", j1_sky_clock(sky->moon.set, "No moonset")},
         {"sunrise", j1_sky_clock(sky->sun.sunrise, "No sunrise")},
         {"sunset", j1_sky_clock(sky->sun.sunset, "No sunset")}};
    return json::array({j});
}

// The forecast step nearest `instant`: null without steps.
const ForecastStep* j1_nearest_step(const Forecast& f, std::int64_t instant) {
    const ForecastStep* best = nullptr;
    for (const auto& s : f.hourly)
        if (!best || std::llabs(s.time - instant) < std::llabs(best->time - instant)) best = &s;
    return best;
}

json j1_hourly_step(const ForecastStep& s, int mark, Language language) {
    json j{{"time", std::to_string(mark * 100)},
           {"tempC", j1_celsius(s.temp)},
           {"tempF", j1_fahrenheit(s.temp)},
           {"FeelsLikeC", j1_celsius(s.feels_like)},
           {"FeelsLikeF", j1_fahrenheit(s.feels_like)},
           {"WindGustKmph", j1_kmph(s.wind_gust)},
           {"WindGustMiles", j1_mph(s.wind_gust)},
           {"chanceofrain", j1_int(s.precipitation_probability)},
           {"precipMM", s.precipitation ? fmt::format("{:.1f}", *s.precipitation) : ""},
           {"precipInches", s.precipitation ? fmt::format("{:.1f}", *s.precipitation / 25.4) : ""},
           {"uvIndex", j1_whole(s.uv_index)}};
    for (const char* unknown :
         {"DewPointC",      "DewPointF",    "HeatIndexC",       "HeatIndexF",       "WindChillC",
          "WindChillF",     "chanceoffog",  "chanceoffrost",    "chanceofhightemp", "chanceofovercast",
          "chanceofremdry", "chanceofsnow", "chanceofsunshine", "chanceofthunder",  "chanceofwindy",
          "cloudcover",     "diffRad",      "humidity",         "pressure",         "pressureInches",
          "shortRad",       "visibility",   "visibilityMiles"})
        j[unknown] = "";
    j1_condition_keys(j, s.condition, language);
    j1_wind_keys(j, s.wind_speed, s.wind_deg);
    return j;
}

json j1_day(const J1Input& in, const ForecastDay& d) {
    std::string avg_c, avg_f;
    if (d.temp_min && d.temp_max) {
        const double avg = (*d.temp_min + *d.temp_max) / 2;
        avg_c = j1_whole(convert_temperature(avg, Units::metric));
        avg_f = j1_whole(convert_temperature(avg, Units::imperial));
    }
    json j{{"astronomy", j1_astronomy(*in.weather, d.date)},
           {"avgtempC", avg_c},
           {"avgtempF", avg_f},
           {"date", d.date},
           {"maxtempC", j1_celsius(d.temp_max)},
           {"maxtempF", j1_fahrenheit(d.temp_max)},
           {"mintempC", j1_celsius(d.temp_min)},
           {"mintempF", j1_fahrenheit(d.temp_min)},
           {"sunHour", ""},
           {"totalSnow_cm", ""},
           {"uvIndex", j1_whole(d.uv_index_max)}};
    if (!in.hourly) return j;
    j["hourly"] = json::array();
    auto day = parse_iso_date(d.date);
    if (!day) return j;
    const auto midnight =
        std::chrono::sys_days(*day).time_since_epoch().count() * 86400 - in.forecast->timezone_offset;
    for (int mark = 0; mark < 24; mark += 3)
        if (const auto* s = j1_nearest_step(*in.forecast, midnight + mark * 3600))
            j["hourly"].push_back(j1_hourly_step(*s, mark, in.language));
    return j;
}

}  // namespace

json j1_document(const J1Input& in) {
    const auto window = forecast_window(*in.forecast, in.now, 3, 0);
    json days = json::array();
    for (const auto& d : window.daily) days.push_back(j1_day(in, d));
    return json{{"current_condition", json::array({j1_current(in)})},
                {"nearest_area", json::array({j1_nearest_area(in)})},
                {"request", json::array({{{"query", std::string(in.query)}, {"type", "City"}}})},
                {"weather", std::move(days)}};
}

}  // namespace tenki::wttr

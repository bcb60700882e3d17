#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <variant>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "format/sky_fields.hpp"
#include "format/template_value.hpp"
#include "tenki/astronomy/sky_text.hpp"
#include "tenki/format/fields.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"
#include "tenki/lang/translate.hpp"
#include "tenki/util/edit_distance.hpp"
#include "util/ascii.hpp"
#include "util/time.hpp"

namespace tenki {
namespace {

using template_detail::render_value;
using template_detail::Value;

struct Input {
    const Weather& w;
    Units units;
    const TemplateForecast& ahead;
    Language language = Language::en;
    // The sky fields' sun and moon, computed on the first one's use (the positions and the zone are not
    // free).
    mutable std::optional<std::optional<Sky>> sky = std::nullopt;
};

Value text(std::string s) {
    if (s.empty()) return {};
    return {std::move(s)};
}

template <typename T>
Value maybe(const std::optional<T>& v, std::string_view spec = "") {
    if (!v) return {};
    if constexpr (std::is_floating_point_v<T>) {
        return {static_cast<double>(*v), spec};
    } else {
        return {static_cast<std::int64_t>(*v), spec};
    }
}

Value one_decimal(const std::optional<double>& v) { return maybe(v, ".1f"); }
Value coordinate(const std::optional<double>& v) { return v ? Value{*v, "", true} : Value{}; }

Value local_clock(const std::optional<std::int64_t>& at, const Input& in) {
    if (!at) return {};
    return text(util::local_clock(*at, in.w.timezone_offset.value_or(0)));
}

format::PlaceEcho echo(const Input& in) {
    // The JSON's own (place_fields): {name} and {region} apart, as "name" and "region" are there.
    return format::place_fields(in.w.location, in.w.place_name, in.w.place_region, in.w.lat, in.w.lon);
}

// The sky at the place on its local date (sky_fields.hpp), once a render; null without coordinates.
const Sky* sky_of(const Input& in) {
    if (!in.sky) in.sky = format::weather_sky(in.w, true, in.ahead.skies);
    return *in.sky ? &**in.sky : nullptr;
}

template <typename F>
Value from_sky(const Input& in, F get) {
    const Sky* sky = sky_of(in);
    return sky ? get(*sky) : Value{};
}

Value sky_clock(const std::optional<LocalInstant>& t) { return t ? text(local_hhmm(*t)) : Value{}; }

struct Field {
    std::string_view name;
    Value (*get)(const Input&);
    bool forecast = false;  // read from the forecast, fetched only for a template that names it
    // A name people reach for that no spelling distance leads from: the wind's unit is the speed's,
    // so {wind_unit} is no typo of {speed_unit}. The "did you mean" offers this field for it.
    std::string_view also_called = {};
};

// The forecast's row for the place's date `days_ahead` days after `now`, or null.
const ForecastDay* day_row(const Input& in, int days_ahead) {
    if (in.ahead.forecast == nullptr) return nullptr;
    const auto& f = *in.ahead.forecast;
    const auto date = local_date(in.ahead.now + std::int64_t{days_ahead} * 86400, f.timezone_offset);
    for (const auto& day : f.daily)
        if (day.date == date) return &day;
    return nullptr;
}

Value day_temperature(const Input& in, int days_ahead, std::optional<double> ForecastDay::*which) {
    const auto* day = day_row(in, days_ahead);
    return day ? one_decimal(format::temperature(day->*which, in.units)) : Value{};
}

constexpr int k_outlook_hours = 24;

std::optional<AqiReading> air_reading_of(const Input& in) {
    if (in.ahead.air == nullptr || in.ahead.air->value == nullptr) return std::nullopt;
    return aqi_reading(*in.ahead.air->value, in.ahead.air->scale);
}

Value air_value(const Input& in, std::optional<double> AirQuality::*which) {
    if (in.ahead.air == nullptr || in.ahead.air->value == nullptr) return {};
    return one_decimal(in.ahead.air->value->*which);
}

// Temperatures and speeds are in the chosen units (today's and tomorrow's low and high from the
// forecast's days, by the place's local date; rain_next and temp_spark over its next 24 hours); pressure hPa,
// visibility metres, rain and snow mm (rain_1h in the last hour, rain_3h in the last 3 hours); sunrise and
// sunset are the place's wall clock ("05:48"), observed_at ISO 8601 UTC; country is upper-case ("US"). name,
// region, lat and lon echo the place tenki resolved (a city, coordinates) over the provider's (place_echo).
// dew_point is in the temperature's unit; uv is the index now, whole by default ({uv:.1f} for tenths).
constexpr std::array k_fields = {
    Field{"name", [](const Input& in) { return text(echo(in).name); }},
    Field{"region", [](const Input& in) { return text(echo(in).region); }},
    Field{"postal_code", [](const Input& in) { return text(in.w.location.postal_code); }},
    Field{"area", [](const Input& in) { return text(in.w.area); }},
    Field{"country", [](const Input& in) { return text(util::upper(in.w.location.country)); }},
    Field{"lat", [](const Input& in) { return coordinate(echo(in).lat); }},
    Field{"lon", [](const Input& in) { return coordinate(echo(in).lon); }},
    Field{"temp",
          [](const Input& in) { return one_decimal(format::temperature(std::optional(in.w.temp), in.units)); },
          false, "temperature"},
    Field{"feels_like",
          [](const Input& in) { return one_decimal(format::temperature(in.w.feels_like, in.units)); }},
    Field{"temp_min",
          [](const Input& in) { return one_decimal(format::temperature(in.w.temp_min, in.units)); }},
    Field{"temp_max",
          [](const Input& in) { return one_decimal(format::temperature(in.w.temp_max, in.units)); }},
    Field{"temp_unit", [](const Input& in) { return text(std::string(temperature_unit(in.units))); }},
    Field{"description",
          [](const Input& in) {
              if (in.language == Language::en) return text(util::without_controls(in.w.condition.description));
              return text(format::condition_words(in.w.condition, in.language));
          }},
    Field{"main", [](const Input& in) { return text(format::condition_group(in.w.condition, in.language)); }},
    Field{"code", [](const Input& in) { return maybe(owm_condition_id(in.w.condition)); }},
    Field{"icon", [](const Input& in) { return text(util::without_controls(in.w.condition.icon)); }},
    Field{"symbol", [](const Input& in) { return text(std::string(weather_symbol(in.w, in.ahead.icons))); }},
    Field{"humidity", [](const Input& in) { return maybe(in.w.humidity); }},
    Field{"pressure", [](const Input& in) { return maybe(in.w.pressure); }},
    Field{"sea_level", [](const Input& in) { return maybe(in.w.sea_level); }},
    Field{"wind_speed",
          [](const Input& in) { return one_decimal(format::speed(in.w.wind_speed, in.units)); }},
    Field{"wind_deg", [](const Input& in) { return maybe(in.w.wind_deg); }},
    Field{"wind_dir",
          [](const Input& in) {
              return in.w.wind_deg ? text(std::string(format::compass_point(*in.w.wind_deg, in.language)))
                                   : Value{};
          },
          false, "wind_direction"},
    Field{"wind_gust", [](const Input& in) { return one_decimal(format::speed(in.w.wind_gust, in.units)); }},
    Field{"speed_unit",
          [](const Input& in) { return text(format::unit_symbol(format::speed_cldr_unit(in.units), in.language)); },
          false,
          "wind_unit"},
    Field{"clouds", [](const Input& in) { return maybe(in.w.clouds); }},
    Field{"visibility", [](const Input& in) { return maybe(in.w.visibility); }},
    Field{"rain_1h", [](const Input& in) { return maybe(in.w.rain_1h); }},
    Field{"snow_1h", [](const Input& in) { return maybe(in.w.snow_1h); }},
    Field{"rain_3h", [](const Input& in) { return maybe(in.w.rain_3h); }},
    Field{"snow_3h", [](const Input& in) { return maybe(in.w.snow_3h); }},
    Field{"sunrise", [](const Input& in) { return local_clock(in.w.sunrise, in); }},
    Field{"sunset", [](const Input& in) { return local_clock(in.w.sunset, in); }},
    Field{"utc_offset",
          [](const Input& in) {
              return in.w.timezone_offset ? text(util::utc_offset_label(*in.w.timezone_offset)) : Value{};
          }},
    // The sky: the moon and the sun on the place's local date (tenki/astronomy/sky.hpp), its
    // local times ("05:48"); "-" where there is none (no moonrise that day, a polar night's sunrise).
    Field{"moon", [](const Input& in) { return from_sky(in, [](const Sky& s) { return text(std::string(s.moon.emoji)); }); }},
    Field{"moon_phase",
          [](const Input& in) {
              return from_sky(in, [&in](const Sky& s) { return text(std::string(tr(in.language, moon_phase_name(s.moon.phase)))); });
          }},
    Field{"moon_illumination",
          [](const Input& in) {
              return from_sky(in, [](const Sky& s) { return Value{std::int64_t{std::lround(s.moon.illumination_pct)}}; });
          }},
    Field{"moonrise", [](const Input& in) { return from_sky(in, [](const Sky& s) { return sky_clock(s.moon.rise); }); }},
    Field{"moonset", [](const Input& in) { return from_sky(in, [](const Sky& s) { return sky_clock(s.moon.set); }); }},
    Field{"dawn", [](const Input& in) { return from_sky(in, [](const Sky& s) { return sky_clock(s.sun.dawn); }); }},
    Field{"dusk", [](const Input& in) { return from_sky(in, [](const Sky& s) { return sky_clock(s.sun.dusk); }); }},
    Field{"noon", [](const Input& in) { return from_sky(in, [](const Sky& s) { return sky_clock(s.sun.noon); }); }},
    Field{"day_length",
          [](const Input& in) {
              return from_sky(in, [&in](const Sky& s) { return text(format_day_length(s.sun.day_length_s, in.language)); });
          }},
    Field{"day_length_change",
          [](const Input& in) {
              return from_sky(in, [&in](const Sky& s) {
                  return text(format_day_length_change(s.sun.day_length_change_s, in.language));
              });
          }},
    Field{"observed_at", [](const Input& in) { return text(util::iso8601_utc(in.w.observed_at)); }},
    Field{"units", [](const Input& in) { return text(std::string(to_string(in.units))); }},
    // The small fields (issue 26): the UV index now and its WHO band, the dew point (the
    // provider's, else computed), the wind's arrow both ways (format/fields.hpp).
    Field{"uv", [](const Input& in) { return maybe(in.w.uv_index, ".0f"); }, false, "uv_index"},
    Field{"uv_label",
          [](const Input& in) {
              const auto band = in.w.uv_index ? uv_band(*in.w.uv_index) : std::nullopt;
              return band ? text(std::string(tr(in.language, *band))) : Value{};
          }},
    Field{"dew_point",
          [](const Input& in) {
              const auto dew = dew_point(in.w);
              return one_decimal(format::temperature(dew ? std::optional(dew->kelvin) : std::nullopt, in.units));
          },
          false, "dewpoint"},
    Field{"wind_arrow",
          [](const Input& in) { return in.w.wind_deg ? text(std::string(wind_arrow(*in.w.wind_deg))) : Value{}; }},
    Field{"wind_arrow_from",
          [](const Input& in) {
              return in.w.wind_deg ? text(std::string(wind_arrow_from(*in.w.wind_deg))) : Value{};
          }},
    Field{"today_min", [](const Input& in) { return day_temperature(in, 0, &ForecastDay::temp_min); }, true},
    Field{"today_max", [](const Input& in) { return day_temperature(in, 0, &ForecastDay::temp_max); }, true},
    Field{"tomorrow_min", [](const Input& in) { return day_temperature(in, 1, &ForecastDay::temp_min); },
          true},
    Field{"tomorrow_max", [](const Input& in) { return day_temperature(in, 1, &ForecastDay::temp_max); },
          true},
    Field{"rain_next",
          [](const Input& in) {
              if (in.ahead.forecast == nullptr) return Value{};
              return text(
                  precipitation_outlook(*in.ahead.forecast, in.ahead.now, k_outlook_hours, in.language));
          },
          true},
    Field{"temp_spark",
          [](const Input& in) {
              if (in.ahead.forecast == nullptr) return Value{};
              const auto window = forecast_window(*in.ahead.forecast, in.ahead.now, 1, k_outlook_hours);
              return text(temperature_sparkline(window, in.ahead.unicode));
          },
          true},
    // Alerts (NWS): the most severe event in force ("" when the source says none; "-" when it
    // failed or no source covers the place) and how many are in force.
    Field{"alert",
          [](const Input& in) {
              if (in.ahead.alerts == nullptr) return Value{};
              const auto& alerts = in.ahead.alerts->alerts;
              return alerts.empty() ? Value{std::string()} : text(util::without_controls(alerts.front().event));
          }},
    Field{"alert_count",
          [](const Input& in) {
              if (in.ahead.alerts == nullptr) return Value{};
              return Value{static_cast<std::int64_t>(in.ahead.alerts->alerts.size())};
          }},
    // Air quality (Open-Meteo, CAMS): the AQI on the shown scale (rounded), its category, PM2.5
    // and PM10 in µg/m³; "-" when not asked, failed or not given. With hide_when_good (a bar's
    // setting) the AQI and its label are "" while the air is good.
    Field{"aqi",
          [](const Input& in) {
              const auto reading = air_reading_of(in);
              if (!reading) return Value{};
              if (in.ahead.air->hide_when_good && reading->category.rank == 0) return Value{std::string()};
              return Value{static_cast<std::int64_t>(reading->value)};
          }},
    Field{"aqi_label",
          [](const Input& in) {
              const auto reading = air_reading_of(in);
              if (!reading) return Value{};
              if (in.ahead.air->hide_when_good && reading->category.rank == 0) return Value{std::string()};
              return text(std::string(tr(in.language, reading->category.label)));
          }},
    Field{"pm2_5", [](const Input& in) { return air_value(in, &AirQuality::pm2_5); }},
    Field{"pm10", [](const Input& in) { return air_value(in, &AirQuality::pm10); }},
};

constexpr std::array<std::string_view, 2> k_alert_fields = {"alert", "alert_count"};
constexpr std::array<std::string_view, 4> k_air_fields = {"aqi", "aqi_label", "pm2_5", "pm10"};
// The fields read from the sky (from_sky): a template names one, the face gets the sky ready early.
constexpr std::array<std::string_view, 10> k_sky_fields = {
    "moon", "moon_phase", "moon_illumination", "moonrise",         "moonset", "dawn",
    "dusk", "noon",       "day_length",        "day_length_change"};

const Field* find_field(std::string_view name) {
    const auto it =
        std::find_if(k_fields.begin(), k_fields.end(), [&](const Field& f) { return f.name == name; });
    return it == k_fields.end() ? nullptr : &*it;
}

tl::unexpected<Error> malformed_template(std::string_view tmpl, std::string_view why) {
    return fail(ErrorKind::invalid_input, fmt::format("the template \"{}\" is malformed: {}; write fields as "
                                                      "{{name}} and a literal brace as {{{{ or }}}}",
                                                      util::printable(tmpl), why));
}

// The field a name was meant for: the one also called so, else the nearest by spelling
// (nearest_words, as the command names' "did you mean"); empty when none is near.
std::vector<std::string> meant_fields(std::string_view name) {
    for (const auto& f : k_fields)
        if (!f.also_called.empty() && f.also_called == name) return {std::string(f.name)};
    return nearest_words(name, template_fields());
}

tl::unexpected<Error> unknown_field(std::string_view name) {
    std::string meant;
    for (const auto& m : meant_fields(name)) meant += fmt::format("{}\"{}\"", meant.empty() ? "" : " or ", m);
    return fail(ErrorKind::invalid_input,
                fmt::format("unknown field \"{}\" in the template{}; known fields: {}", util::printable(name),
                            meant.empty() ? "" : " (did you mean " + meant + "?)",
                            fmt::join(template_fields(), ", ")));
}

// One replacement field, the text after "{" up to its "}": "name" or "name:spec".
Result<std::string> render_field(std::string_view tmpl, std::string_view inside, const Input& in) {
    const auto colon = inside.find(':');
    const auto name = inside.substr(0, colon);
    const auto spec = colon == std::string_view::npos ? std::string_view() : inside.substr(colon + 1);
    if (name.empty()) return malformed_template(tmpl, "a field has no name");
    const auto* field = find_field(name);
    if (field == nullptr) return unknown_field(name);
    return render_value(field->get(in), name, spec, in.language);
}

}  // namespace

const std::vector<std::string>& template_fields() {
    static const std::vector<std::string> k_names = [] {
        std::vector<std::string> names;
        for (const auto& f : k_fields) names.emplace_back(f.name);
        return names;
    }();
    return k_names;
}

// Whether the template names a field `wanted` says yes to.
template <typename Wanted>
bool template_names_field(std::string_view tmpl, Wanted wanted) {
    for (std::size_t open = tmpl.find('{'); open != std::string_view::npos; open = tmpl.find('{', open + 1)) {
        if (open + 1 < tmpl.size() && tmpl[open + 1] == '{') {  // a literal brace
            ++open;
            continue;
        }
        const auto name = tmpl.substr(open + 1, tmpl.find_first_of(":{}", open + 1) - open - 1);
        const auto* field = find_field(name);
        if (field != nullptr && wanted(*field)) return true;
    }
    return false;
}

bool template_wants_forecast(std::string_view tmpl) {
    return template_names_field(tmpl, [](const Field& f) { return f.forecast; });
}

// Whether the template names one of `names`.
template <std::size_t N>
bool template_names_one_of(std::string_view tmpl, const std::array<std::string_view, N>& names) {
    return template_names_field(tmpl, [&names](const Field& f) {
        return std::find(names.begin(), names.end(), f.name) != names.end();
    });
}

bool template_wants_air(std::string_view tmpl) { return template_names_one_of(tmpl, k_air_fields); }
bool template_wants_alerts(std::string_view tmpl) { return template_names_one_of(tmpl, k_alert_fields); }
bool template_wants_sky(std::string_view tmpl) { return template_names_one_of(tmpl, k_sky_fields); }

// The fmt syntax with named fields only: "{name}", "{temp:.0f}", "{{" and "}}" for braces.
Result<std::string> render_template(std::string_view tmpl, const Weather& weather, Units units,
                                    const TemplateForecast& forecast, Language language) {
    const Input in{weather, units, forecast, language};
    std::string out;
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
        const char c = tmpl[i];
        const bool doubled = i + 1 < tmpl.size() && tmpl[i + 1] == c;
        if ((c == '{' || c == '}') && doubled) {
            out += c;
            ++i;
        } else if (c == '}') {
            return malformed_template(tmpl, "a \"}\" closes nothing");
        } else if (c == '{') {
            const auto close = tmpl.find_first_of("{}", i + 1);
            if (close == std::string_view::npos || tmpl[close] != '}') {
                return malformed_template(tmpl, "a \"{\" is not closed");
            }
            auto value = render_field(tmpl, tmpl.substr(i + 1, close - i - 1), in);
            if (!value) return value;
            out += *value;
            i = close;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace tenki

#include "server/wttr/line.hpp"

#include <array>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "server/wttr/codes.hpp"
#include "server/wttr/place.hpp"
#include "tenki/astronomy/sky.hpp"
#include "tenki/astronomy/sky_place.hpp"
#include "tenki/format/fields.hpp"

namespace tenki::wttr {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_wttr_presets{{
    {"1", "%c %t\\n"},
    {"2", "%c \U0001f321\ufe0f%t \U0001f32c\ufe0f%w\\n"},
    {"3", "%l: %c %t\\n"},
    {"4", "%l: %c \U0001f321\ufe0f%t \U0001f32c\ufe0f%w\\n"},
}};

constexpr std::array k_line_codes{
    LineCode{'c', "weather condition symbol (wttr.in's emoji)"},
    LineCode{'C', "weather condition in words, in the language asked"},
    LineCode{'x', "weather condition, plain-text symbol (o, m, mm, /, *)"},
    LineCode{'i', "WorldWeatherOnline's weather code of the condition (113)"},
    LineCode{'t', "temperature now (+8°C, -3°F)"},
    LineCode{'f', "temperature, feels like"},
    LineCode{'H', "today's high (from the forecast)"},
    LineCode{'L', "today's low (from the forecast)"},
    LineCode{'e', "dew point"},
    LineCode{'w', "wind: direction arrow and speed (km/h, mph with ?u, m/s with ?M)"},
    LineCode{'h', "humidity (%)"},
    LineCode{'p', "precipitation in the last hour (mm, in with ?u)"},
    LineCode{'o', "chance of rain of the forecast's step under way (%)"},
    LineCode{'P', "pressure (hPa)"},
    LineCode{'u', "UV index"},
    LineCode{'l', "the place, as asked"},
    LineCode{'m', "moon phase symbol"},
    LineCode{'M', "moon day (days since the new moon)"},
    LineCode{'D', "dawn (civil twilight begins), the place's time"},
    LineCode{'S', "sunrise"},
    LineCode{'z', "zenith (solar noon)"},
    LineCode{'s', "sunset"},
    LineCode{'d', "dusk (civil twilight ends)"},
    LineCode{'T', "the time now at the place, with its offset"},
    LineCode{'Z', "the place's time zone"},
};

// What the sky codes read, computed once a line and only when it names one.
struct LineContext {
    const LineInput& in;
    std::optional<Sky> sky;
    std::string zone;
    bool sky_done = false;
};

bool line_uscs(const LineInput& in) { return in.units == LineUnits::uscs; }

// "+8°C", "-3°F": whole line_degrees, a sign always (wttr.in's "+0°C" too).
std::string line_degrees(std::optional<double> kelvin, const LineInput& in) {
    if (!kelvin || !std::isfinite(*kelvin)) return "";
    const auto units = line_uscs(in) ? Units::imperial : Units::metric;
    const long value = std::lround(convert_temperature(*kelvin, units));
    return fmt::format("{}{}{}", value < 0 ? "" : "+", value, line_uscs(in) ? "°F" : "°C");
}

std::string line_wind(const Weather& w, const LineInput& in) {
    if (!w.wind_speed) return "";
    const std::string arrow = w.wind_deg ? std::string(wind_arrow(*w.wind_deg)) : "";
    if (in.units == LineUnits::metric_ms) return fmt::format("{}{}m/s", arrow, std::lround(*w.wind_speed));
    if (line_uscs(in))
        return fmt::format("{}{}mph", arrow, std::lround(convert_speed(*w.wind_speed, Units::imperial)));
    return fmt::format("{}{}km/h", arrow, std::lround(*w.wind_speed * 3.6));
}

std::string line_precipitation(const Weather& w, const LineInput& in) {
    if (!w.rain_1h && !w.snow_1h) return "";
    const double mm = w.rain_1h.value_or(0) + w.snow_1h.value_or(0);
    return line_uscs(in) ? fmt::format("{:.2f} in", mm / 25.4) : fmt::format("{:.1f}mm", mm);
}

// The forecast's step under way at `now` (the first after it), or null.
const ForecastStep* line_step_now(const LineInput& in) {
    if (!in.forecast) return nullptr;
    for (const auto& s : in.forecast->hourly)
        if (s.time > in.now) return &s;
    return nullptr;
}

const ForecastDay* line_today(const LineInput& in) {
    if (!in.forecast) return nullptr;
    const auto date = local_date(in.now, in.forecast->timezone_offset);
    for (const auto& d : in.forecast->daily)
        if (d.date == date) return &d;
    return nullptr;
}

std::string line_uv_index(const LineInput& in) {
    auto uv = in.weather->uv_index;
    if (!uv) {
        if (const auto* s = line_step_now(in)) uv = s->uv_index;
    }
    return uv ? std::to_string(std::lround(*uv)) : "";
}

std::string line_chance_of_rain(const LineInput& in) {
    const auto* s = line_step_now(in);
    // wttr.in writes no 0 %.
    return s && s->precipitation_probability.value_or(0) > 0
               ? fmt::format("{}%", *s->precipitation_probability)
               : "";
}

// wttr.in's unicode profile: each symbol two cells, padded to three.
std::string line_condition_symbol(const LineInput& in) {
    return std::string(wwo_condition(in.weather->condition.kind).emoji) + " ";
}

std::string line_dew_point(const LineInput& in) {
    const auto dew = dew_point(*in.weather);
    return dew ? line_degrees(dew->kelvin, in) : "";
}

// "HH:MM:SS+hhmm" at the place now, by the answer's offset from UTC.
std::string line_local_time(const LineInput& in) {
    if (!in.weather->timezone_offset) return "";
    const auto offset = *in.weather->timezone_offset;
    const auto local = in.now + offset;
    const auto day_s = ((local % 86400) + 86400) % 86400;
    const auto off = offset < 0 ? -offset : offset;
    return fmt::format("{:02}:{:02}:{:02}{}{:02}{:02}", day_s / 3600, day_s / 60 % 60, day_s % 60,
                       offset < 0 ? '-' : '+', off / 3600, off / 60 % 60);
}

void line_load_sky(LineContext& ctx, bool moon_age) {
    if (ctx.sky_done && (!moon_age || !ctx.sky || ctx.sky->moon.age_days > 0)) return;
    ctx.sky_done = true;
    const auto place = weather_sky_place(ctx.in.weather->location, ctx.in.weather->lat, ctx.in.weather->lon);
    if (!place) return;
    ctx.zone = place->zone;
    auto date = tenki::local_date(place->zone, std::chrono::sys_seconds{std::chrono::seconds{ctx.in.now}});
    if (!date) return;
    auto sky = sky_on(*place, *date, moon_age);
    if (sky) ctx.sky = std::move(*sky);
}

std::string line_clock(const std::optional<LocalInstant>& t) {
    if (!t) return "";
    const auto local = t->utc.time_since_epoch().count() + t->offset_s;
    const auto day_s = ((local % 86400) + 86400) % 86400;
    return fmt::format("{:02}:{:02}:{:02}", day_s / 3600, day_s / 60 % 60, day_s % 60);
}

// The sky's codes: %D %S %z %s %d %m %M %Z.
std::string line_sky_code(char code, LineContext& ctx) {
    line_load_sky(ctx, code == 'M');
    if (code == 'Z') return ctx.zone;
    if (!ctx.sky) return "";
    const auto& sun = ctx.sky->sun;
    switch (code) {
        case 'D': return line_clock(sun.dawn);
        case 'S': return line_clock(sun.sunrise);
        case 'z': return line_clock(sun.noon);
        case 's': return line_clock(sun.sunset);
        case 'd': return line_clock(sun.dusk);
        case 'm': return std::string(ctx.sky->moon.emoji);
        default: return std::to_string(static_cast<int>(ctx.sky->moon.age_days));
    }
}

// One code's text, or nullopt for a code wttr.in does not have.
std::optional<std::string> line_code_text(char code, LineContext& ctx) {
    const auto& in = ctx.in;
    const auto& w = *in.weather;
    switch (code) {
        case 'c': return line_condition_symbol(in);
        case 'C': return format::capitalised(format::condition_words(w.condition, in.language), in.language);
        case 'x': return std::string(wwo_condition(w.condition.kind).plain);
        case 'i': return std::string(wwo_condition(w.condition.kind).code);
        case 't': return line_degrees(w.temp, in);
        case 'f': return line_degrees(w.feels_like, in);
        case 'H': return line_degrees(line_today(in) ? line_today(in)->temp_max : std::nullopt, in);
        case 'L': return line_degrees(line_today(in) ? line_today(in)->temp_min : std::nullopt, in);
        case 'e': return line_dew_point(in);
        case 'w': return line_wind(w, in);
        case 'h': return w.humidity ? fmt::format("{}%", *w.humidity) : "";
        case 'p': return line_precipitation(w, in);
        case 'o': return line_chance_of_rain(in);
        case 'P': return w.pressure ? fmt::format("{}hPa", std::lround(*w.pressure)) : "";
        case 'u': return line_uv_index(in);
        case 'l': return std::string(in.label);
        case 'T': return line_local_time(in);
        case 'D':
        case 'S':
        case 'z':
        case 's':
        case 'd':
        case 'm':
        case 'M':
        case 'Z': return line_sky_code(code, ctx);
        default: return std::nullopt;
    }
}

}  // namespace

std::optional<std::string_view> preset_format(std::string_view name) {
    for (const auto& [preset, format] : k_wttr_presets)
        if (preset == name) return format;
    return std::nullopt;
}

std::span<const LineCode> line_codes() { return k_line_codes; }

bool line_wants_forecast(std::string_view format) {
    for (std::size_t i = 0; i + 1 < format.size(); ++i)
        if (format[i] == '%' && (format[i + 1] == 'H' || format[i + 1] == 'L' || format[i + 1] == 'o'))
            return true;
    return false;
}

std::string render_line(std::string_view format, const LineInput& input) {
    LineContext ctx{input, std::nullopt, {}, false};
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            out.push_back(format[i]);
            continue;
        }
        if (auto text = line_code_text(format[i + 1], ctx)) {
            out += *text;
        } else {
            out.append(format.substr(i, 2));
        }
        ++i;
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    std::string lines;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '\\' && i + 1 < out.size() && out[i + 1] == 'n') {
            lines.push_back('\n');
            ++i;
        } else {
            lines.push_back(out[i]);
        }
    }
    return lines;
}

}  // namespace tenki::wttr

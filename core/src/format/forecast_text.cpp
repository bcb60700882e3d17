#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/lang/translate.hpp"
#include "util/ascii.hpp"
#include "util/time.hpp"

namespace tenki {
namespace {

constexpr int k_bar_width = 20;

std::string paint(const ForecastStyle& style, std::string_view text, std::string_view code) {
    if (!style.color) return std::string(text);
    return fmt::format("{}{}{}", code, text, format::k_reset);
}

// format::temperature_text, the text reports' one rule; "-" for a value the provider did not give.
std::string degrees(const std::optional<double>& kelvin, Units units) {
    return kelvin ? format::temperature_text(*kelvin, units) : "-";
}

std::string percent(const std::optional<int>& value) { return value ? fmt::format("{}%", *value) : "-"; }

std::string millimetres(const std::optional<double>& value, Language language) {
    if (!value) return "-";
    return format::with_unit(format::fixed(*value, 1, language), CldrUnit::millimetre, language);
}

std::string wind(const std::optional<double>& speed, Units units, Language language) {
    if (!speed) return "-";
    return format::with_unit(fmt::format("{:.0f}", std::round(convert_speed(*speed, units))),
                             format::speed_cldr_unit(units), language);
}

std::string condition_text(const std::optional<Condition>& c, const ForecastStyle& style) {
    if (!c) return "-";
    auto text = format::capitalised(format::condition_words(*c, style.language), style.language);
    const auto symbol = format::condition_symbol(*c);
    if (style.unicode && !symbol.empty()) text = fmt::format("{} {}", symbol, text);
    return text;
}

// The day's range on the scale of all days: "    ━━━━━━━━        " (ASCII "    ========        ").
std::string range_bar(const ForecastDay& day, double low, double high, const ForecastStyle& style) {
    if (!day.temp_min || !day.temp_max || !(high > low)) return std::string(k_bar_width, ' ');
    auto column = [&](double kelvin) {
        return static_cast<int>(std::lround((kelvin - low) / (high - low) * (k_bar_width - 1)));
    };
    const int from = column(*day.temp_min), to = std::max(column(*day.temp_max), column(*day.temp_min));
    std::string bar;
    const std::string_view fill = style.unicode ? "━" : "=";
    const std::string_view empty = style.unicode ? "·" : " ";
    std::string out;
    for (int i = 0; i < from; ++i) out += paint(style, empty, format::k_dim);
    for (int i = from; i <= to; ++i) bar += fill;
    out += paint(style, bar, format::temperature_colour(*day.temp_max));
    for (int i = to + 1; i < k_bar_width; ++i) out += paint(style, empty, format::k_dim);
    return out;
}

std::string heading(const Forecast& f, std::string_view what, const ForecastStyle& style) {
    const auto place =
        format::place_heading(f.location, format::place_label(f.place_name, f.place_region), "");
    return fmt::format(fmt::runtime(tr(style.language, "{} ({}, {} time, {})\n")),
                       paint(style, place, format::k_bold), what, util::utc_offset_label(f.timezone_offset),
                       f.source);
}

// A step's row label: the span it covers, the step_seconds ending at its time, as both providers
// give a step's precipitation (OpenWeatherMap's rain.3h, "for the last 3 hours") and as
// precipitation_outlook reads it: "01-14 12:00–15:00" (in ASCII "12:00-15:00").
std::string step_span(std::int64_t time, std::int64_t step_seconds, std::int64_t offset,
                      const ForecastStyle& style) {
    return fmt::format("{}{}{}", util::local_date_time(time - step_seconds, offset).substr(5),
                       style.unicode ? "–" : "-", util::local_clock(time, offset));
}

}  // namespace

std::string render_forecast_days(const Forecast& f, Units units, const ForecastStyle& style) {
    const auto days = static_cast<std::int64_t>(f.daily.size());
    std::string out =
        heading(f, fmt::format(fmt::runtime(trn(style.language, "{} day", "{} days", days)), days), style);
    double low = 1e9, high = -1e9;
    for (const auto& d : f.daily) {
        if (d.temp_min) low = std::min(low, *d.temp_min);
        if (d.temp_max) high = std::max(high, *d.temp_max);
    }
    const auto rain_label = tr(style.language, "rain"), wind_label = tr(style.language, "wind");
    for (const auto& d : f.daily) {
        const bool partial = d.hours_covered && *d.hours_covered < 24;
        out += fmt::format(
            "  {}  {:>5} {}{:<5}  {} {:>4} {:>7}  {} {:>7}  {}{}\n",
            format::day_label(d.date, style.language), degrees(d.temp_min, units),
            style.range_bar ? range_bar(d, low, high, style) + " " : std::string(style.unicode ? "– " : "- "),
            degrees(d.temp_max, units), rain_label, percent(d.precipitation_probability_max),
            millimetres(d.precipitation_sum, style.language), wind_label,
            wind(d.wind_speed_max, units, style.language), condition_text(d.condition, style),
            partial ? fmt::format(fmt::runtime(tr(style.language, " ({} h of data)")), *d.hours_covered)
                    : "");
    }
    return out;
}

std::string render_forecast_hours(const Forecast& f, Units units, const ForecastStyle& style) {
    const auto step_hours = f.step_seconds / 3600;
    const auto steps = static_cast<std::int64_t>(f.hourly.size());
    std::string out =
        heading(f,
                fmt::format(fmt::runtime(trn(style.language, "{} step of {} h", "{} steps of {} h", steps)),
                            steps, step_hours),
                style);
    for (const auto& s : f.hourly) {
        const auto temp = degrees(s.temp, units);
        const auto padded = fmt::format("{:>5}", temp);
        out += fmt::format("  {}  {}  {} {:>5}  {} {:>4} {:>7}  {} {:>7}  {}\n",
                           step_span(s.time, f.step_seconds, f.timezone_offset, style),
                           s.temp ? paint(style, padded, format::temperature_colour(*s.temp)) : padded,
                           tr(style.language, "feels"), degrees(s.feels_like, units),
                           tr(style.language, "rain"), percent(s.precipitation_probability),
                           millimetres(s.precipitation, style.language), tr(style.language, "wind"),
                           wind(s.wind_speed, units, style.language), condition_text(s.condition, style));
    }
    return out;
}

std::string temperature_sparkline(const Forecast& f, bool unicode) {
    static constexpr std::array<std::string_view, 8> k_blocks = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    static constexpr std::string_view k_shades = "_.-=*#";
    double low = 1e9, high = -1e9;
    for (const auto& s : f.hourly) {
        if (s.temp) low = std::min(low, *s.temp), high = std::max(high, *s.temp);
    }
    std::string out;
    for (const auto& s : f.hourly) {
        if (!s.temp) {
            out += ' ';
            continue;
        }
        const double where = high > low ? (*s.temp - low) / (high - low) : 0.5;
        if (unicode) {
            out += k_blocks[static_cast<std::size_t>(std::lround(where * (k_blocks.size() - 1)))];
        } else {
            out += k_shades[static_cast<std::size_t>(
                std::lround(where * static_cast<double>(k_shades.size() - 1)))];
        }
    }
    return out;
}

namespace {

constexpr double k_wet_mm = 0.1;
constexpr int k_wet_probability = 50;

// Whether the provider said anything of the step's precipitation: an amount or a chance.
bool precipitation_known(const ForecastStep& s) { return s.precipitation || s.precipitation_probability; }

bool wet(const ForecastStep& s) {
    if (s.precipitation) return *s.precipitation >= k_wet_mm;
    return s.precipitation_probability && *s.precipitation_probability >= k_wet_probability;
}

bool snowy(const ForecastStep& s) {
    return s.condition && owm_condition_id(*s.condition).value_or(0) / 100 == 6;
}

// "15:00", "tomorrow 03:00" or "Wed 03:00": an instant as seen from `now` at the place.
std::string when(std::int64_t at, std::int64_t now, std::int64_t offset, Language language) {
    const auto clock = util::local_clock(at, offset);
    const auto date = local_date(at, offset);
    if (date == local_date(now, offset)) return clock;
    if (date == local_date(now + 86400, offset))
        return fmt::format(fmt::runtime(tr(language, "tomorrow {}")), clock);
    const auto label = format::day_label(date, language);
    return fmt::format("{} {}", label.substr(0, label.rfind(' ')), clock);
}

// The outlook's phrases, rain's and snow's, each translated whole ("Regen bis {}").
std::string outlook_phrase(Language language, bool snow, std::string_view rain_text,
                           std::string_view snow_text, const std::string& value) {
    return fmt::format(fmt::runtime(tr(language, snow ? snow_text : rain_text)), value);
}

}  // namespace

std::string precipitation_outlook(const Forecast& f, std::int64_t now, int hours, Language language) {
    const std::int64_t step = std::max<std::int64_t>(f.step_seconds, 1);
    const std::int64_t until = now + std::int64_t{std::max(hours, 0)} * 3600;
    // The steps whose interval ends after now, within the hours, up to the first the provider said
    // nothing of: past it the outlook is unknown, never "no rain".
    std::vector<const ForecastStep*> ahead;
    for (const auto& s : f.hourly) {
        if (s.time <= now || s.time - step >= until) continue;
        if (!precipitation_known(s)) break;
        ahead.push_back(&s);
    }
    if (ahead.empty()) return "";
    const auto offset = f.timezone_offset;
    const auto covered_hours = (std::min(until, ahead.back()->time) - now) / 3600;
    if (wet(*ahead.front())) {
        const bool snow = snowy(*ahead.front());
        for (const auto* s : ahead)
            if (!wet(*s))
                return outlook_phrase(language, snow, N_("rain until {}"), N_("snow until {}"),
                                      when(s->time - step, now, offset, language));
        return outlook_phrase(language, snow, N_("rain for the next {} h"), N_("snow for the next {} h"),
                              std::to_string(covered_hours));
    }
    for (const auto* s : ahead)
        if (wet(*s))
            return outlook_phrase(language, snowy(*s), N_("rain from {}"), N_("snow from {}"),
                                  when(s->time - step, now, offset, language));
    return fmt::format(fmt::runtime(tr(language, "no rain for {} h")), covered_hours);
}

}  // namespace tenki

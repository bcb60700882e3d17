#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "format/sky_fields.hpp"
#include "tenki/astronomy/sky_text.hpp"
#include "tenki/format/format.hpp"
#include "util/ascii.hpp"
#include "util/time.hpp"

namespace tenki {
namespace {

class Report {
public:
    explicit Report(const TextStyle& style) : m_style(style) {}

    std::string paint(std::string_view text, std::string_view code) const {
        if (!m_style.color) return std::string(text);
        return fmt::format("{}{}{}", code, text, format::k_reset);
    }

    void line(std::string_view text) {
        m_out += text;
        m_out += '\n';
    }

    void row(std::string_view label, std::string_view value) {
        line(fmt::format("  {} {}", paint(fmt::format("{:<12}", label), format::k_dim), value));
    }

    std::string take() { return std::move(m_out); }

private:
    TextStyle m_style;
    std::string m_out;
};

// "London, GB SW1A 1AA (the SW1A area)": the area when the answer is for a part of the code.
std::string place_line(const Weather& w) {
    return format::place_heading(w.location, format::place_label(w.place_name, w.place_region), w.area);
}

std::string temperature_value(const Report& report, double kelvin, Units units) {
    return report.paint(format::temperature_text(kelvin, units), format::temperature_colour(kelvin));
}

std::string wind_value(const Weather& w, Units units) {
    const auto unit = speed_unit(units);
    std::string text =
        w.wind_speed ? fmt::format("{} {}", format::fixed(convert_speed(*w.wind_speed, units), 1), unit) : "";
    if (w.wind_deg) {
        text += fmt::format("{}from {} ({}°)", text.empty() ? "" : " ", format::compass_point(*w.wind_deg),
                            *w.wind_deg);
    }
    if (w.wind_gust) {
        text += fmt::format("{}gusts {} {}", text.empty() ? "" : ", ",
                            format::fixed(convert_speed(*w.wind_gust, units), 1), unit);
    }
    return text;
}

void add_temperatures(Report& report, const Weather& w, Units units) {
    auto now = temperature_value(report, w.temp, units);
    if (w.feels_like) now += ", feels like " + temperature_value(report, *w.feels_like, units);
    report.row("Temperature", now);
    if (w.temp_min && w.temp_max) {
        report.row("Low / high", fmt::format("{} / {}", temperature_value(report, *w.temp_min, units),
                                             temperature_value(report, *w.temp_max, units)));
    } else if (w.temp_min) {
        report.row("Low", temperature_value(report, *w.temp_min, units));
    } else if (w.temp_max) {
        report.row("High", temperature_value(report, *w.temp_max, units));
    }
}

// Each amount as what the upstream measured it over: the last hour, the last 3 hours, or both.
void add_precipitation(Report& report, std::string_view label, const std::optional<double>& one_hour,
                       const std::optional<double>& three_hours) {
    std::vector<std::string> parts;
    if (one_hour) parts.push_back(fmt::format("{} mm in the last hour", *one_hour));
    if (three_hours) parts.push_back(fmt::format("{} mm in the last 3 hours", *three_hours));
    if (!parts.empty()) report.row(label, fmt::format("{}", fmt::join(parts, ", ")));
}

void add_air(Report& report, const Weather& w, Units units) {
    if (w.humidity) report.row("Humidity", fmt::format("{}%", *w.humidity));
    if (w.pressure) report.row("Pressure", fmt::format("{} hPa", *w.pressure));
    if (const auto wind = wind_value(w, units); !wind.empty()) report.row("Wind", wind);
    if (w.clouds) report.row("Clouds", fmt::format("{}%", *w.clouds));
    if (w.visibility) report.row("Visibility", format::visibility_text(*w.visibility, units));
    add_precipitation(report, "Rain", w.rain_1h, w.rain_3h);
    add_precipitation(report, "Snow", w.snow_1h, w.snow_3h);
}

// Times are the place's own wall clock when the upstream gave its offset, UTC otherwise.
void add_times(Report& report, const Weather& w) {
    const auto offset = w.timezone_offset.value_or(0);
    const auto zone = w.timezone_offset ? util::utc_offset_label(offset) : std::string("UTC");
    const auto suffix = w.timezone_offset ? std::string() : std::string(" UTC");
    if (w.sunrise) report.row("Sunrise", util::local_clock(*w.sunrise, offset) + suffix);
    if (w.sunset) report.row("Sunset", util::local_clock(*w.sunset, offset) + suffix);
    const auto observed = util::local_date_time(w.observed_at, offset);
    report.row("Observed", w.timezone_offset ? fmt::format("{} local time ({})", observed, zone)
                                             : fmt::format("{} UTC", observed));
}

// The sky on the place's local date, one row: the moon and the sun's day (sky_fields.hpp).
void add_sky(Report& report, const Weather& w, bool symbols) {
    const auto place =
        format::place_echo(w.location, format::place_label(w.place_name, w.place_region), w.lat, w.lon);
    if (const auto sky = format::weather_sky(w, place.lat, place.lon, false))
        report.row("Sky", sky_summary(*sky, symbols));
}

}  // namespace

std::string age_text(std::int64_t age_s) {
    constexpr std::int64_t k_minute = 60;
    const auto age = std::max<std::int64_t>(0, age_s);
    if (age < k_minute) return fmt::format("{} s", age);
    const auto minutes = (age + k_minute / 2) / k_minute;  // to the nearest: 177 s is 3 min
    if (minutes < 60) return fmt::format("{} min", minutes);
    if (minutes % 60 == 0) return fmt::format("{} h", minutes / 60);
    return fmt::format("{} h {} min", minutes / 60, minutes % 60);
}

std::string stale_note(std::int64_t age_s) { return "stale: " + age_text(age_s) + " old"; }

std::string with_stale_note(std::string text, std::int64_t age_s) {
    const auto end = std::min(text.find('\n'), text.size());
    text.insert(end, " (" + stale_note(age_s) + ")");
    return text;
}

std::string render_text(const Weather& weather, Units units, const TextStyle& style) {
    Report report(style);
    report.line(report.paint(place_line(weather), format::k_bold));
    const auto& words =
        weather.condition.description.empty() ? weather.condition.main : weather.condition.description;
    auto condition = format::capitalised(util::without_controls(words));
    if (const auto symbol = format::condition_symbol(weather.condition); style.symbols && !symbol.empty()) {
        condition = fmt::format("{} {}", symbol, condition);
    }
    if (!condition.empty()) report.line(condition);
    add_temperatures(report, weather, units);
    add_air(report, weather, units);
    add_times(report, weather);
    add_sky(report, weather, style.symbols);
    return report.take();
}

}  // namespace tenki

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "format/sky_fields.hpp"
#include "tenki/astronomy/sky_text.hpp"
#include "tenki/format/format.hpp"
#include "tenki/lang/translate.hpp"
#include "util/ascii.hpp"
#include "util/time.hpp"

namespace tenki {
namespace {

// Every label of the report, for the width of their column.
constexpr std::array k_report_labels = {N_("Temperature"), N_("Low / high"), N_("Low"),  N_("High"),
                                        N_("Humidity"),    N_("Pressure"),   N_("Wind"), N_("Clouds"),
                                        N_("Visibility"),  N_("Rain"),       N_("Snow"), N_("Sunrise"),
                                        N_("Sunset"),      N_("Observed"),   N_("Sky")};

// The columns text takes on a terminal: a code point each, two for the wide CJK ones.
std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = 0;
        const auto length = std::max<std::size_t>(util::utf8_sequence(text, i, c), 1);
        width +=
            (c >= 0x1100 && (c <= 0x115F || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
                             (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFF60)))
                ? 2
                : 1;
        i += length;
    }
    return width;
}

// 12 columns, as the English report has always had, or the longest label and a space.
std::size_t label_width(Language language) {
    std::size_t width = 12;
    if (language == Language::en) return width;
    for (const auto label : k_report_labels) width = std::max(width, display_width(tr(language, label)) + 1);
    return width;
}

class Report {
public:
    explicit Report(const TextStyle& style) : m_style(style), m_width(label_width(style.language)) {}

    std::string paint(std::string_view text, std::string_view code) const {
        if (!m_style.color) return std::string(text);
        return fmt::format("{}{}{}", code, text, format::k_reset);
    }

    void line(std::string_view text) {
        m_out += text;
        m_out += '\n';
    }

    // A label in the report's language, padded to the labels' column: 12 wide in English, wider
    // where a language's longest label needs it ("Sonnenuntergang"); fmt pads by display width.
    void row(std::string_view label, std::string_view value) {
        const auto words = tr(m_style.language, label);
        line(fmt::format("  {} {}", paint(fmt::format("{:<{}}", words, m_width), format::k_dim), value));
    }

    std::string_view tr_(std::string_view english) const { return tr(m_style.language, english); }
    Language language() const { return m_style.language; }

    std::string take() { return std::move(m_out); }

private:
    TextStyle m_style;
    std::size_t m_width;
    std::string m_out;
};

// "London, GB SW1A 1AA (the SW1A area)": the area when the answer is for a part of the code.
std::string place_line(const Weather& w, Language language) {
    return format::place_heading(w.location, format::place_label(w.place_name, w.place_region), w.area,
                                 language);
}

std::string temperature_value(const Report& report, double kelvin, Units units) {
    return report.paint(format::temperature_text(kelvin, units), format::temperature_colour(kelvin));
}

std::string wind_value(const Report& report, const Weather& w, Units units) {
    const auto unit = format::unit_symbol(format::speed_cldr_unit(units), report.language());
    std::string text =
        w.wind_speed
            ? fmt::format("{} {}", format::fixed(convert_speed(*w.wind_speed, units), 1, report.language()),
                          unit)
            : "";
    if (w.wind_deg) {
        text += fmt::format("{}", text.empty() ? "" : " ");
        text += fmt::format(fmt::runtime(report.tr_("from {} ({}°)")),
                            format::compass_point(*w.wind_deg, report.language()), *w.wind_deg);
    }
    if (w.wind_gust) {
        text += fmt::format("{}", text.empty() ? "" : ", ");
        text += fmt::format(fmt::runtime(report.tr_("gusts {} {}")),
                            format::fixed(convert_speed(*w.wind_gust, units), 1, report.language()), unit);
    }
    return text;
}

void add_temperatures(Report& report, const Weather& w, Units units) {
    auto now = temperature_value(report, w.temp, units);
    if (w.feels_like)
        now += std::string(report.tr_(", feels like ")) + temperature_value(report, *w.feels_like, units);
    report.row(N_("Temperature"), now);
    if (w.temp_min && w.temp_max) {
        report.row(N_("Low / high"), fmt::format("{} / {}", temperature_value(report, *w.temp_min, units),
                                                 temperature_value(report, *w.temp_max, units)));
    } else if (w.temp_min) {
        report.row(N_("Low"), temperature_value(report, *w.temp_min, units));
    } else if (w.temp_max) {
        report.row(N_("High"), temperature_value(report, *w.temp_max, units));
    }
}

// Each amount as what the upstream measured it over: the last hour, the last 3 hours, or both.
void add_precipitation(Report& report, std::string_view label, const std::optional<double>& one_hour,
                       const std::optional<double>& three_hours) {
    std::vector<std::string> parts;
    const auto amount = [&](double mm) {
        return format::with_decimal_separator(fmt::format("{}", mm), report.language());
    };
    if (one_hour)
        parts.push_back(fmt::format(fmt::runtime(report.tr_("{} mm in the last hour")), amount(*one_hour)));
    if (three_hours)
        parts.push_back(
            fmt::format(fmt::runtime(report.tr_("{} mm in the last 3 hours")), amount(*three_hours)));
    if (!parts.empty()) report.row(label, fmt::format("{}", fmt::join(parts, ", ")));
}

void add_air(Report& report, const Weather& w, Units units) {
    if (w.humidity) report.row(N_("Humidity"), fmt::format("{}%", *w.humidity));
    if (w.pressure)
        report.row(N_("Pressure"), format::with_unit(fmt::format("{}", *w.pressure), CldrUnit::hectopascal,
                                                     report.language()));
    if (const auto wind = wind_value(report, w, units); !wind.empty()) report.row(N_("Wind"), wind);
    if (w.clouds) report.row(N_("Clouds"), fmt::format("{}%", *w.clouds));
    if (w.visibility)
        report.row(N_("Visibility"), format::visibility_text(*w.visibility, units, report.language()));
    add_precipitation(report, N_("Rain"), w.rain_1h, w.rain_3h);
    add_precipitation(report, N_("Snow"), w.snow_1h, w.snow_3h);
}

// Times are the place's own wall clock when the upstream gave its offset, UTC otherwise.
void add_times(Report& report, const Weather& w) {
    const auto offset = w.timezone_offset.value_or(0);
    const auto zone = w.timezone_offset ? util::utc_offset_label(offset) : std::string("UTC");
    const auto clock = [&](std::int64_t at) {
        const auto local = util::local_clock(at, offset);
        return w.timezone_offset ? local : fmt::format(fmt::runtime(report.tr_("{} UTC")), local);
    };
    if (w.sunrise) report.row(N_("Sunrise"), clock(*w.sunrise));
    if (w.sunset) report.row(N_("Sunset"), clock(*w.sunset));
    const auto observed = util::local_date_time(w.observed_at, offset);
    report.row(N_("Observed"),
               w.timezone_offset ? fmt::format(fmt::runtime(report.tr_("{} local time ({})")), observed, zone)
                                 : fmt::format(fmt::runtime(report.tr_("{} UTC")), observed));
}

// The sky on the place's local date, one row: the moon and the sun's day (sky_fields.hpp).
void add_sky(Report& report, const Weather& w, bool symbols, const SkyCache* skies) {
    if (const auto sky = format::weather_sky(w, false, skies))
        report.row(N_("Sky"), sky_summary(*sky, symbols, report.language()));
}

}  // namespace

std::string age_text(std::int64_t age_s, Language language) {
    constexpr std::int64_t k_minute = 60;
    const auto amount = [language](std::int64_t n, CldrUnit unit) {
        return format::with_unit(fmt::format("{}", n), unit, language);
    };
    const auto age = std::max<std::int64_t>(0, age_s);
    if (age < k_minute) return amount(age, CldrUnit::second);
    const auto minutes = (age + k_minute / 2) / k_minute;  // to the nearest: 177 s is 3 min
    if (minutes < 60) return amount(minutes, CldrUnit::minute);
    if (minutes % 60 == 0) return amount(minutes / 60, CldrUnit::hour);
    return amount(minutes / 60, CldrUnit::hour) + " " + amount(minutes % 60, CldrUnit::minute);
}

std::string stale_note(std::int64_t age_s, Language language) {
    return fmt::format(fmt::runtime(tr(language, "stale: {} old")), age_text(age_s, language));
}

std::string with_stale_note(std::string text, std::int64_t age_s, Language language) {
    const auto end = std::min(text.find('\n'), text.size());
    text.insert(end, " (" + stale_note(age_s, language) + ")");
    return text;
}

std::string render_text(const Weather& weather, Units units, const TextStyle& style) {
    Report report(style);
    report.line(report.paint(place_line(weather, style.language), format::k_bold));
    auto condition =
        format::capitalised(format::condition_words(weather.condition, style.language), style.language);
    if (const auto symbol = style.symbols ? weather_symbol(weather, style.icons) : std::string_view();
        !symbol.empty()) {
        condition = fmt::format("{} {}", symbol, condition);
    }
    if (!condition.empty()) report.line(condition);
    add_temperatures(report, weather, units);
    add_air(report, weather, units);
    add_times(report, weather);
    add_sky(report, weather, style.symbols && style.icons != IconSet::ascii, style.skies);
    return report.take();
}

}  // namespace tenki

#include <array>
#include <cctype>
#include <cmath>
#include <ctime>
#include <string>
#include <vector>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "format/presentation.hpp"
#include "format/sky_fields.hpp"
#include "tenki/astronomy/sky_text.hpp"
#include "tenki/format/bar.hpp"
#include "tenki/format/fields.hpp"
#include "tenki/format/format.hpp"
#include "tenki/lang/translate.hpp"
#include "tenki/util/nlohmann_json.hpp"
#include "util/ascii.hpp"

namespace tenki {
namespace {

using nlohmann::json;

constexpr std::string_view k_warning_sign = "⚠";
constexpr int k_tooltip_days = 3;

// A bar shows one line: a template's own line breaks become spaces.
std::string one_line(std::string text) {
    for (char& c : text)
        if (c == '\n' || c == '\r') c = ' ';
    return text;
}

// Waybar sets its text and tooltip as Pango markup: a place named "A & B" must not break it.
std::string markup_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string json_line(const json& doc) {
    return doc.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

// The temperature in the language's numbers ("16,7°C" in German): the language has no default, so
// that no line of a bar is left in English numbers.
std::string degrees(double kelvin, Units units, int decimals, Language language) {
    const auto unit = temperature_unit(units);
    const auto value = format::fixed(convert_temperature(kelvin, units), decimals, language);
    return unit.starts_with("°") ? value + std::string(unit) : value + " " + std::string(unit);
}

std::string wind_text(const Weather& w, Units units, Language language) {
    if (!w.wind_speed) return "";
    std::string text = fmt::format(fmt::runtime(tr(language, "Wind {} {}")),
                                   format::fixed(convert_speed(*w.wind_speed, units), 1, language),
                                   format::unit_symbol(format::speed_cldr_unit(units), language));
    if (w.wind_deg)
        text +=
            fmt::format(fmt::runtime(tr(language, " from {}")), format::compass_point(*w.wind_deg, language));
    return text;
}

std::string day_line(const ForecastDay& day, Units units, Language language) {
    auto range = [&](const std::optional<double>& kelvin) {
        return kelvin ? degrees(*kelvin, units, 0, language) : "-";
    };
    std::string line = fmt::format("{}  {} / {}", format::day_label(day.date, language), range(day.temp_min),
                                   range(day.temp_max));
    if (day.condition)
        line += "  " + format::capitalised(format::condition_words(*day.condition, language), language);
    if (day.precipitation_probability_max)
        line += fmt::format(fmt::runtime(tr(language, "  rain {}%")), *day.precipitation_probability_max);
    return line;
}

// The UV index now with its WHO band ("UV index 3 (moderate)"), and the dew point as {dew_point}
// gives it (the provider's, else computed from temperature and humidity): each line absent when
// there is none (OpenWeatherMap gives no UV index). The index whole, rounded as uv_band rounds it.
void add_uv_and_dew_point(std::vector<std::string>& lines, const Weather& w, Units units, Language language) {
    if (const auto band = w.uv_index ? uv_band(*w.uv_index) : std::nullopt)
        lines.push_back(fmt::format(fmt::runtime(tr(language, "UV index {} ({})")), std::lround(*w.uv_index),
                                    tr(language, *band)));
    if (const auto dew = dew_point(w))
        lines.push_back(fmt::format(fmt::runtime(tr(language, "Dew point {}")),
                                    degrees(dew->kelvin, units, 1, language)));
}

// Place, condition, temperature and feels like, wind, humidity, UV index and dew point; the sky;
// the age and why when stale; the next days when there is a forecast.
std::string tooltip(const BarAnswer& a) {
    const Weather& w = *a.weather;
    std::vector<std::string> lines;
    if (a.alerts)
        for (const auto& alert : a.alerts->alerts)
            lines.push_back(alert.headline.empty() ? alert.event : alert.headline);
    lines.push_back(format::place_heading(w.location, format::place_label(w.place_name, w.place_region),
                                          w.area, a.language));
    const auto lang = a.language;
    if (auto condition = format::capitalised(format::condition_words(w.condition, lang), lang);
        !condition.empty())
        lines.push_back(condition);
    std::string temperature =
        fmt::format(fmt::runtime(tr(lang, "Temperature {}")), degrees(w.temp, a.units, 1, lang));
    if (w.feels_like)
        temperature += std::string(tr(lang, ", feels like ")) + degrees(*w.feels_like, a.units, 1, lang);
    lines.push_back(temperature);
    if (auto wind = wind_text(w, a.units, lang); !wind.empty()) lines.push_back(wind);
    if (w.humidity) lines.push_back(fmt::format(fmt::runtime(tr(lang, "Humidity {}%")), *w.humidity));
    add_uv_and_dew_point(lines, w, a.units, lang);
    if (const auto sky = format::weather_sky(w, false, a.skies))
        lines.push_back(sky_summary(*sky, true, lang));
    if (a.stale_age_s) {
        auto note = format::capitalised(stale_note(*a.stale_age_s, lang), lang);
        if (a.stale_reason) note += ": " + a.stale_reason->message;
        lines.push_back(note);
    }
    if (a.forecast) {
        const auto ahead = forecast_window(*a.forecast, a.now, k_tooltip_days, 0);
        if (!ahead.daily.empty()) lines.emplace_back();
        for (const auto& day : ahead.daily) lines.push_back(day_line(day, a.units, lang));
    }
    return fmt::format("{}", fmt::join(lines, "\n"));
}

// The text with the age, for the bars that have no class to show it by.
std::string marked_text(const BarAnswer& a) {
    const auto text = one_line(a.text);
    if (!a.stale_age_s) return text;
    return text + " (" + stale_note(*a.stale_age_s, a.language) + ")";
}

std::string waybar(const BarAnswer& a) {
    const Weather& w = *a.weather;
    json classes = json::array({condition_class(w.condition)});
    if (const auto felt = temperature_class(w.temp, a.thresholds); !felt.empty()) classes.push_back(felt);
    if (a.stale_age_s) classes.push_back("stale");
    if (a.alerts && !a.alerts->alerts.empty()) {
        classes.push_back("alert");
        classes.push_back("alert-" + std::string(severity_class(a.alerts->alerts.front().severity)));
    }
    if (a.air && a.air->value)
        if (const auto reading = aqi_reading(*a.air->value, a.air->scale))
            classes.push_back("aqi-" + std::string(reading->category.word));
    json doc{{"text", markup_escaped(one_line(a.text))},
             {"alt", condition_class(w.condition)},
             {"tooltip", markup_escaped(tooltip(a))},
             {"class", std::move(classes)}};
    if (w.clouds) doc["percentage"] = *w.clouds;
    return json_line(doc);
}

std::string i3blocks(const BarAnswer& a) {
    std::string out = marked_text(a) + "\n" + degrees(a.weather->temp, a.units, 0, a.language) + "\n";
    const auto felt = temperature_class(a.weather->temp, a.thresholds);
    if (a.alerts && !a.alerts->alerts.empty())
        out += std::string(k_bar_alert_colour) + "\n";
    else if (a.stale_age_s)
        out += std::string(k_bar_stale_colour) + "\n";
    else if (!felt.empty())
        out += std::string(felt == "hot" ? k_bar_hot_colour : k_bar_cold_colour) + "\n";
    return out;
}

}  // namespace

std::string_view temperature_class(double kelvin, const BarThresholds& thresholds) {
    const double celsius = convert_temperature(kelvin, Units::metric);
    if (celsius >= thresholds.hot_celsius) return "hot";
    if (celsius <= thresholds.cold_celsius) return "cold";
    return "";
}

std::string condition_class(const Condition& condition) {
    std::string word;
    for (char c : util::without_controls(condition.main)) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 && u < 0x80)
            word += static_cast<char>(std::tolower(u));
        else if (!word.empty() && word.back() != '-')
            word += '-';
    }
    while (!word.empty() && word.back() == '-') word.pop_back();
    return word.empty() ? "unknown" : word;
}

std::string render_bar(BarOutput output, const BarAnswer& answer) {
    switch (output) {
        case BarOutput::waybar: return waybar(answer);
        case BarOutput::i3blocks: return i3blocks(answer);
        case BarOutput::plain: return marked_text(answer) + "\n";
    }
    return marked_text(answer) + "\n";
}

std::string render_bar_error(BarOutput output, std::string_view place, const Error& error) {
    const auto word = info(error.kind).bar_text;
    // Every provider held back by its breaker: the bar says when it asks again.
    const std::string text = error.next_try
                                 ? fmt::format("{} {}, next try {:%H:%M}", k_warning_sign, word,
                                               fmt::localtime(static_cast<std::time_t>(*error.next_try)))
                                 : fmt::format("{} {}", k_warning_sign, word);
    switch (output) {
        case BarOutput::waybar:
            return json_line(
                {{"text", text},
                 {"alt", "error"},
                 {"tooltip", markup_escaped(fmt::format("tenki: {}{}{}", place, place.empty() ? "" : ": ",
                                                        one_line(error.message)))},
                 {"class", json::array({"error", std::string(to_string(error.kind))})}});
        case BarOutput::i3blocks:
            return fmt::format("{}\n{}\n{}\n", text, k_warning_sign, k_bar_error_colour);
        case BarOutput::plain: return text + "\n";
    }
    return text + "\n";
}

}  // namespace tenki

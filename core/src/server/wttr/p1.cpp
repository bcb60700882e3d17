#include "server/wttr/p1.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <array>
#include <cstdio>
#include <string_view>

#include <fmt/format.h>

namespace tenki::wttr {
namespace {

using nlohmann::json;

enum class P1Part { current, day, astronomy };
enum class P1Kind { number, word, clock };

struct P1Metric {
    P1Part part;
    std::string_view key;  // the j1 key
    std::string_view name;
    std::string_view help;
    P1Kind kind = P1Kind::number;
};

constexpr std::array k_p1_metrics{
    P1Metric{P1Part::current, "FeelsLikeC", "temperature_feels_like_celsius",
             "Feels like temperature in Celsius"},
    P1Metric{P1Part::current, "FeelsLikeF", "temperature_feels_like_fahrenheit",
             "Feels like temperature in Fahrenheit"},
    P1Metric{P1Part::current, "temp_C", "temperature_celsius",
             "Temperature in Celsius (a day's: its average)"},
    P1Metric{P1Part::day, "avgtempC", "temperature_celsius", ""},
    P1Metric{P1Part::current, "temp_F", "temperature_fahrenheit",
             "Temperature in Fahrenheit (a day's: its average)"},
    P1Metric{P1Part::day, "avgtempF", "temperature_fahrenheit", ""},
    P1Metric{P1Part::day, "maxtempC", "temperature_celsius_maximum", "Maximum temperature in Celsius"},
    P1Metric{P1Part::day, "mintempC", "temperature_celsius_minimum", "Minimum temperature in Celsius"},
    P1Metric{P1Part::day, "maxtempF", "temperature_fahrenheit_maximum", "Maximum temperature in Fahrenheit"},
    P1Metric{P1Part::day, "mintempF", "temperature_fahrenheit_minimum", "Minimum temperature in Fahrenheit"},
    P1Metric{P1Part::current, "humidity", "humidity_percentage", "Humidity percentage"},
    P1Metric{P1Part::current, "precipMM", "precipitation_mm", "Precipitation in millimeters"},
    P1Metric{P1Part::current, "pressure", "pressure_hpa", "Atmospheric pressure in hPa"},
    P1Metric{P1Part::current, "visibility", "visibility", "Visibility in kilometers"},
    P1Metric{P1Part::current, "windspeedKmph", "windspeed_kmph", "Wind speed in kilometers per hour"},
    P1Metric{P1Part::current, "windspeedMiles", "windspeed_mph", "Wind speed in miles per hour"},
    P1Metric{P1Part::current, "winddirDegree", "winddir_degree", "Wind direction in degrees"},
    P1Metric{P1Part::current, "winddir16Point", "winddir_16_point", "Wind direction (16-point compass)",
             P1Kind::word},
    P1Metric{P1Part::current, "weatherDesc", "weather_desc", "Weather condition description", P1Kind::word},
    P1Metric{P1Part::current, "weatherCode", "weather_code", "Weather condition code"},
    P1Metric{P1Part::current, "uvIndex", "uv_index", "UV Index (a day's: its highest)"},
    P1Metric{P1Part::day, "uvIndex", "uv_index", ""},
    P1Metric{P1Part::current, "cloudcover", "cloudcover_percentage", "Cloud cover percentage"},
    P1Metric{P1Part::astronomy, "moon_illumination", "astronomy_moon_illumination",
             "Moon illumination percentage"},
    P1Metric{P1Part::astronomy, "moon_phase", "astronomy_moon_phase", "Moon phase description", P1Kind::word},
    P1Metric{P1Part::astronomy, "sunrise", "sunrise_minutes", "Minutes since midnight for sunrise",
             P1Kind::clock},
    P1Metric{P1Part::astronomy, "sunset", "sunset_minutes", "Minutes since midnight for sunset",
             P1Kind::clock},
    P1Metric{P1Part::astronomy, "moonrise", "moonrise_minutes", "Minutes since midnight for moonrise",
             P1Kind::clock},
    P1Metric{P1Part::astronomy, "moonset", "moonset_minutes", "Minutes since midnight for moonset",
             P1Kind::clock},
};

// A label value as the exposition format escapes it: \\, \" and \n.
std::string p1_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\\' || c == '"' || c == '\n') out.push_back('\\');
        out.push_back(c == '\n' ? 'n' : c);
    }
    return out;
}

// "07:41 PM": 1181; "" for anything else ("No moonrise").
std::string p1_minutes(const std::string& clock) {
    int hour = 0, minute = 0;
    char half[3] = {};
    if (clock.size() != 8 || std::sscanf(clock.c_str(), "%2d:%2d %2s", &hour, &minute, half) != 3) return "";
    const bool pm = std::string_view(half) == "PM";
    return std::to_string((hour % 12 + (pm ? 12 : 0)) * 60 + minute);
}

std::string p1_text_of(const json& v) {
    if (v.is_array() && !v.empty()) return v[0].value("value", "");
    return v.is_string() ? v.get<std::string>() : "";
}

void p1_series(std::string& out, const P1Metric& m, const std::string& location, std::string_view forecast,
               const json& block) {
    if (!block.is_object() || !block.contains(m.key)) return;
    auto value = p1_text_of(block[std::string(m.key)]);
    if (m.kind == P1Kind::clock) value = p1_minutes(value);
    if (value.empty()) return;
    std::string description;
    if (m.kind == P1Kind::word) {
        description = fmt::format(",description=\"{}\"", p1_escaped(value));
        value.assign(1, '1');
    }
    out += fmt::format("{}{{forecast=\"{}\",location=\"{}\"{}}} {}\n", m.name, forecast, p1_escaped(location),
                       description, value);
}

void p1_family(std::string& out, std::string_view name, const std::vector<P1Place>& places) {
    for (const auto& [location, doc] : places) {
        for (const auto& m : k_p1_metrics) {
            if (m.name != name) continue;
            if (m.part == P1Part::current)
                p1_series(out, m, location, "current", (*doc)["current_condition"][0]);
            if (m.part == P1Part::current) continue;
            const auto& days = (*doc)["weather"];
            for (std::size_t i = 0; i < days.size(); ++i) {
                const auto forecast = fmt::format("{}d", i);
                p1_series(out, m, location, forecast,
                          m.part == P1Part::day ? days[i] : days[i]["astronomy"][0]);
            }
        }
    }
}

}  // namespace

std::string p1_exposition(const std::vector<P1Place>& places) {
    std::string out;
    for (const auto& m : k_p1_metrics) {
        if (m.help.empty()) continue;  // a p1_family's second source: its p1_series come with the first's
        out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", m.name, m.help, m.name);
        p1_family(out, m.name, places);
    }
    return out;
}

}  // namespace tenki::wttr

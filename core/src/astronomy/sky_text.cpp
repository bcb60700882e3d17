#include "tenki/astronomy/sky_text.hpp"

#include <fmt/format.h>
#include <cmath>
#include <cstdlib>

namespace tenki {
namespace {

// The English words of the sky's text, in one place for translation.
struct SkyWords {
    std::string_view lit = "lit";
    std::string_view days_old = "days old";
    std::string_view rises = "rises";
    std::string_view sets = "sets";
    std::string_view no_rise = "no moonrise";
    std::string_view no_set = "no moonset";
    std::string_view moonrise = "moonrise";
    std::string_view moonset = "moonset";
    std::string_view dawn = "dawn";
    std::string_view sunrise = "sunrise";
    std::string_view noon = "noon";
    std::string_view sunset = "sunset";
    std::string_view dusk = "dusk";
    std::string_view day = "day";
    std::string_view polar_day = "polar day (no sunset)";
    std::string_view polar_night = "polar night (no sunrise)";
    std::string_view moon = "Moon";
    std::string_view sun = "Sun";
};
constexpr SkyWords k_sky_words;

std::string utc_offset_text(int offset_s) {
    const int off = std::abs(offset_s);
    return fmt::format("UTC{}{:02}:{:02}", offset_s < 0 ? '-' : '+', off / 3600, off % 3600 / 60);
}

void add_time(std::string& out, std::string_view word, const std::optional<LocalInstant>& t) {
    if (!t) return;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", word, local_hhmm(*t));
}

}  // namespace

std::string format_day_length(long seconds) {
    const long minutes = std::lround(static_cast<double>(seconds) / 60.0);
    return fmt::format("{}h {:02}m", minutes / 60, minutes % 60);
}

std::string format_day_length_change(long seconds) {
    const char sign = seconds < 0 ? '-' : '+';
    const long s = std::labs(seconds);
    if (s == 0) return "0s";
    if (s < 60) return fmt::format("{}{}s", sign, s);
    return fmt::format("{}{}m {:02}s", sign, s / 60, s % 60);
}

std::string format_local_time(const std::optional<LocalInstant>& t) { return t ? local_hhmm(*t) : "-"; }

std::string moon_line(const Sky& sky) {
    const auto& m = sky.moon;
    const auto& w = k_sky_words;
    return fmt::format("{} {}, {}% {}, {:.1f} {}, {}, {}", m.emoji, moon_phase_name(m.phase),
                       std::lround(m.illumination_pct), w.lit, m.age_days, w.days_old,
                       m.rise ? fmt::format("{} {}", w.rises, local_hhmm(*m.rise)) : std::string(w.no_rise),
                       m.set ? fmt::format("{} {}", w.sets, local_hhmm(*m.set)) : std::string(w.no_set));
}

std::string sun_line(const Sky& sky) {
    const auto& s = sky.sun;
    const auto& w = k_sky_words;
    std::string out;
    if (s.state == SunState::polar_day) out = w.polar_day;
    if (s.state == SunState::polar_night) out = w.polar_night;
    add_time(out, w.dawn, s.dawn);
    add_time(out, w.sunrise, s.sunrise);
    add_time(out, w.noon, s.noon);
    add_time(out, w.sunset, s.sunset);
    add_time(out, w.dusk, s.dusk);
    out += fmt::format(", {} {} ({})", w.day, format_day_length(s.day_length_s),
                       format_day_length_change(s.day_length_change_s));
    return out;
}

std::string sky_summary(const Sky& sky, bool emoji) {
    const auto& m = sky.moon;
    const auto& w = k_sky_words;
    std::string moon = fmt::format("{}{} {}%", emoji ? std::string(m.emoji) + " " : "",
                                   moon_phase_name(m.phase), std::lround(m.illumination_pct));
    add_time(moon, w.moonrise, m.rise);
    add_time(moon, w.moonset, m.set);
    std::string sun;
    if (sky.sun.state == SunState::polar_day) sun = w.polar_day;
    if (sky.sun.state == SunState::polar_night) sun = w.polar_night;
    add_time(sun, w.dawn, sky.sun.dawn);
    add_time(sun, w.dusk, sky.sun.dusk);
    return fmt::format("{}; {}, {} {} ({})", moon, sun, w.day, format_day_length(sky.sun.day_length_s),
                       format_day_length_change(sky.sun.day_length_change_s));
}

std::string sky_text(const Sky& sky, std::string_view label) {
    return fmt::format("{}: {} ({} {})\n  {}  {}\n  {}   {}\n", label, iso_date(sky.date), sky.zone,
                       utc_offset_text(sky.utc_offset_s), k_sky_words.moon, moon_line(sky), k_sky_words.sun,
                       sun_line(sky));
}

}  // namespace tenki

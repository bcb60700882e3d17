#include "tenki/astronomy/sky_text.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "format/presentation.hpp"
#include "tenki/lang/translate.hpp"

namespace tenki {
namespace {

// The English words of the sky's text, in one place for translation.
struct SkyWords {
    std::string_view lit = N_("lit");
    std::string_view days_old = N_("days old");
    std::string_view rises = N_("rises");
    std::string_view sets = N_("sets");
    std::string_view no_rise = N_("no moonrise");
    std::string_view no_set = N_("no moonset");
    std::string_view up_all_day = N_("up all day (no moonrise or moonset)");
    std::string_view down_all_day = N_("below the horizon all day (no moonrise or moonset)");
    std::string_view moonrise = N_("moonrise");
    std::string_view moonset = N_("moonset");
    std::string_view dawn = N_("dawn");
    std::string_view sunrise = N_("sunrise");
    std::string_view noon = N_("noon");
    std::string_view sunset = N_("sunset");
    std::string_view dusk = N_("dusk");
    std::string_view day = N_("day");
    std::string_view polar_day = N_("polar day (no sunset)");
    std::string_view polar_night = N_("polar night (no sunrise)");
    std::string_view moon = N_("Moon");
    std::string_view sun = N_("Sun");
};
constexpr SkyWords k_sky_words;

std::string utc_offset_text(int offset_s) { return "UTC" + utc_offset_iso(offset_s); }

// The columns a label takes: a code point each, two for CJK's (U+3000 to U+9FFF, led by 0xE3 to
// 0xE9), as fmt pads them.
std::size_t columns(std::string_view text) {
    std::size_t n = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0U) != 0x80U) n += byte >= 0xE3U && byte <= 0xE9U ? 2 : 1;
    }
    return n;
}

void add_time(std::string& out, Language language, std::string_view word,
              const std::optional<LocalInstant>& t) {
    if (!t) return;
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", tr(language, word), local_hhmm(*t));
}

}  // namespace

std::string format_day_length(long seconds, Language language) {
    const long minutes = std::lround(static_cast<double>(seconds) / 60.0);
    if (language == Language::en) return fmt::format("{}h {:02}m", minutes / 60, minutes % 60);
    return format::with_unit(fmt::format("{}", minutes / 60), CldrUnit::hour, language) + " " +
           format::with_unit(fmt::format("{:02}", minutes % 60), CldrUnit::minute, language);
}

std::string format_day_length_change(long seconds, Language language) {
    const char sign = seconds < 0 ? '-' : '+';
    const long s = std::labs(seconds);
    if (language != Language::en) {
        const auto second = [language](std::string n) {
            return format::with_unit(n, CldrUnit::second, language);
        };
        if (s == 0) return second("0");
        if (s < 60) return second(fmt::format("{}{}", sign, s));
        return format::with_unit(fmt::format("{}{}", sign, s / 60), CldrUnit::minute, language) + " " +
               second(fmt::format("{:02}", s % 60));
    }
    if (s == 0) return "0s";
    if (s < 60) return fmt::format("{}{}s", sign, s);
    return fmt::format("{}{}m {:02}s", sign, s / 60, s % 60);
}

std::string format_local_time(const std::optional<LocalInstant>& t) { return t ? local_hhmm(*t) : "-"; }

std::string moon_line(const Sky& sky, Language language) {
    const auto& m = sky.moon;
    const auto& w = k_sky_words;
    const auto t = [language](std::string_view english) { return tr(language, english); };
    if (m.all_day != MoonAllDay::none)  // said as the sun's polar day or night is
        return fmt::format("{} {}, {}% {}, {} {}, {}", m.emoji, t(moon_phase_name(m.phase)),
                           std::lround(m.illumination_pct), t(w.lit), format::fixed(m.age_days, 1, language),
                           t(w.days_old), t(m.all_day == MoonAllDay::up ? w.up_all_day : w.down_all_day));
    return fmt::format(
        "{} {}, {}% {}, {} {}, {}, {}", m.emoji, t(moon_phase_name(m.phase)), std::lround(m.illumination_pct),
        t(w.lit), format::fixed(m.age_days, 1, language), t(w.days_old),
        m.rise ? fmt::format("{} {}", t(w.rises), local_hhmm(*m.rise)) : std::string(t(w.no_rise)),
        m.set ? fmt::format("{} {}", t(w.sets), local_hhmm(*m.set)) : std::string(t(w.no_set)));
}

std::string sun_line(const Sky& sky, Language language) {
    const auto& s = sky.sun;
    const auto& w = k_sky_words;
    std::string out;
    if (s.state == SunState::polar_day) out = tr(language, w.polar_day);
    if (s.state == SunState::polar_night) out = tr(language, w.polar_night);
    add_time(out, language, w.dawn, s.dawn);
    add_time(out, language, w.sunrise, s.sunrise);
    add_time(out, language, w.noon, s.noon);
    add_time(out, language, w.sunset, s.sunset);
    add_time(out, language, w.dusk, s.dusk);
    out += fmt::format(", {} {} ({})", tr(language, w.day), format_day_length(s.day_length_s, language),
                       format_day_length_change(s.day_length_change_s, language));
    return out;
}

std::string sky_summary(const Sky& sky, bool emoji, Language language) {
    const auto& m = sky.moon;
    const auto& w = k_sky_words;
    std::string moon = fmt::format("{}{} {}%", emoji ? std::string(m.emoji) + " " : "",
                                   tr(language, moon_phase_name(m.phase)), std::lround(m.illumination_pct));
    add_time(moon, language, w.moonrise, m.rise);
    add_time(moon, language, w.moonset, m.set);
    std::string sun;
    if (sky.sun.state == SunState::polar_day) sun = tr(language, w.polar_day);
    if (sky.sun.state == SunState::polar_night) sun = tr(language, w.polar_night);
    add_time(sun, language, w.dawn, sky.sun.dawn);
    add_time(sun, language, w.dusk, sky.sun.dusk);
    return fmt::format("{}; {}, {} {} ({})", moon, sun, tr(language, w.day),
                       format_day_length(sky.sun.day_length_s, language),
                       format_day_length_change(sky.sun.day_length_change_s, language));
}

std::string sky_text(const Sky& sky, std::string_view label, Language language) {
    // The two labels in one column, one space wider than the longer ("Moon  ", "Sun   " in English).
    const auto moon = tr(language, k_sky_words.moon), sun = tr(language, k_sky_words.sun);
    const auto width = std::max(columns(moon), columns(sun)) + 1;
    return fmt::format("{}: {} ({} {})\n  {:<{}} {}\n  {:<{}} {}\n", label, iso_date(sky.date), sky.zone,
                       utc_offset_text(sky.utc_offset_s), moon, width, moon_line(sky, language), sun, width,
                       sun_line(sky, language));
}

}  // namespace tenki

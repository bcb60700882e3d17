#include "tenki/astronomy/sky.hpp"

#include <fmt/format.h>
#include <array>
#include <charconv>
#include <cmath>

#include "astronomy/bodies.hpp"
#include "tenki/lang/translate.hpp"
#include "tenki/util/printable.hpp"

namespace tenki {
namespace {

struct PhaseRow {
    MoonPhase phase;
    std::string_view name;   // English (the JSON's `phase`); the one place phase names are written
    std::string_view north;  // the emoji as drawn (the northern hemisphere's view)
    std::string_view south;  // mirrored: the lit side on the other hand
};
constexpr std::array k_moon_phases{
    PhaseRow{MoonPhase::new_moon, N_("new"), "🌑", "🌑"},
    PhaseRow{MoonPhase::waxing_crescent, N_("waxing crescent"), "🌒", "🌘"},
    PhaseRow{MoonPhase::first_quarter, N_("first quarter"), "🌓", "🌗"},
    PhaseRow{MoonPhase::waxing_gibbous, N_("waxing gibbous"), "🌔", "🌖"},
    PhaseRow{MoonPhase::full_moon, N_("full"), "🌕", "🌕"},
    PhaseRow{MoonPhase::waning_gibbous, N_("waning gibbous"), "🌖", "🌔"},
    PhaseRow{MoonPhase::last_quarter, N_("last quarter"), "🌗", "🌓"},
    PhaseRow{MoonPhase::waning_crescent, N_("waning crescent"), "🌘", "🌒"},
};

const PhaseRow& phase_row(MoonPhase phase) { return k_moon_phases[static_cast<std::size_t>(phase)]; }

// ERFA's series (eraPlan94 warns outside 1000 to 3000 AD) and the tz database's rules are good
// well beyond this.
constexpr int k_first_year = 1900, k_last_year = 2100;
constexpr std::array<std::string_view, 12> k_iso_date_month_names = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

double jd_of(std::chrono::sys_seconds t) {
    return astronomy::jd_from_unix(static_cast<double>(t.time_since_epoch().count()));
}

}  // namespace

std::string_view moon_phase_name(MoonPhase phase) { return phase_row(phase).name; }

std::string_view moon_emoji(MoonPhase phase, double lat) {
    return lat < 0 ? phase_row(phase).south : phase_row(phase).north;
}

std::string iso8601(const LocalInstant& t) {
    const auto local = t.utc + std::chrono::seconds(t.offset_s);
    const auto day = std::chrono::floor<std::chrono::days>(local);
    const std::chrono::hh_mm_ss hms{local - day};
    return fmt::format("{}T{:02}:{:02}:{:02}{}", iso_date(std::chrono::year_month_day{day}),
                       hms.hours().count(), hms.minutes().count(), hms.seconds().count(),
                       utc_offset_iso(t.offset_s));
}

std::string utc_offset_iso(int offset_s) {
    const int off = std::abs(offset_s);
    auto text = fmt::format("{}{:02}:{:02}", offset_s < 0 ? '-' : '+', off / 3600, off % 3600 / 60);
    if (off % 60 != 0) text += fmt::format(":{:02}", off % 60);
    return text;
}

std::string local_hhmm(const LocalInstant& t) {
    const auto local = t.utc + std::chrono::seconds(t.offset_s);
    const std::chrono::hh_mm_ss hms{local - std::chrono::floor<std::chrono::days>(local)};
    return fmt::format("{:02}:{:02}", hms.hours().count(), hms.minutes().count());
}

std::string iso_date(std::chrono::year_month_day date) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                       static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

Result<std::chrono::year_month_day> parse_iso_date(std::string_view text) {
    const auto bad = [&] {
        return fail(ErrorKind::invalid_input,
                    fmt::format("--date must be a date written YYYY-MM-DD ({} to {}), not \"{}\"",
                                k_first_year, k_last_year, util::printable(text)));
    };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
    int y = 0;
    unsigned m = 0, d = 0;
    const auto num = [&](std::size_t at, std::size_t n, auto& out) {
        const auto r = std::from_chars(text.data() + at, text.data() + at + n, out);
        return r.ec == std::errc{} && r.ptr == text.data() + at + n;
    };
    if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return bad();
    if (y < k_first_year || y > k_last_year)  // well written: the range alone is wrong
        return fail(ErrorKind::invalid_input,
                    fmt::format("--date {} is out of range: the sky is computed for {} to {}", text,
                                k_first_year, k_last_year));
    // Written so, but no such day: say why ("February 2026 has 28 days").
    const std::chrono::year_month month{std::chrono::year{y}, std::chrono::month{m}};
    if (!month.ok())
        return fail(ErrorKind::invalid_input, fmt::format("{} is not a date (a year has 12 months)", text));
    const std::chrono::year_month_day date{month / std::chrono::day{d}};
    if (!date.ok()) {
        const auto days =
            static_cast<unsigned>(std::chrono::year_month_day_last{month / std::chrono::last}.day());
        return fail(ErrorKind::invalid_input, fmt::format("{} is not a date ({} {} has {} days)", text,
                                                          k_iso_date_month_names[m - 1], y, days));
    }
    return date;
}

Result<std::chrono::year_month_day> local_date(std::string_view zone, std::chrono::sys_seconds now) {
    const auto found = astronomy::find_zone(zone);
    if (!found) return tl::unexpected(found.error());
    return astronomy::local_date_at(*found, now);
}

namespace astronomy {
LocalInstant local_instant(Zone zone, double jd) {
    using std::chrono::seconds;
    const double unix_s = unix_from_jd(jd);
    const auto minute = [](double minutes) {
        return std::chrono::sys_seconds{seconds{static_cast<long long>(minutes) * 60}};
    };
    const auto rounded = minute(std::round(unix_s / 60.0));
    const std::chrono::sys_seconds exact{seconds{static_cast<long long>(std::floor(unix_s))}};
    // Rounded up past midnight, the time would read as the next day's 00:00: its day's 23:59 instead.
    // Rounded down, it stays in its day: no zone lookup.
    const auto utc = rounded <= exact || local_date_at(zone, rounded) == local_date_at(zone, exact)
                         ? rounded
                         : minute(std::floor(unix_s / 60.0));
    return LocalInstant{utc, utc_offset_s(zone, utc)};
}
}  // namespace astronomy

namespace {

Result<void> check_place(const SkyPlace& place) {
    if (!(place.lat >= -90 && place.lat <= 90) || !(place.lon >= -180 && place.lon <= 180))
        return fail(ErrorKind::invalid_input,
                    "coordinates out of range (latitude -90 to 90, longitude -180 to 180)");
    return {};
}

Result<void> check_date(std::chrono::year_month_day date) {
    if (!date.ok() || static_cast<int>(date.year()) < k_first_year ||
        static_cast<int>(date.year()) > k_last_year)
        return fail(ErrorKind::invalid_input,
                    fmt::format("the sky is computed for {} to {} only", k_first_year, k_last_year));
    return {};
}

// The sky of the local date in the zone loaded (under nova_lock()).
Sky sky_in_zone(const SkyPlace& place, astronomy::Zone zone, std::chrono::year_month_day date,
                bool moon_times) {
    const std::chrono::sys_days day{date};
    const auto start = [&](std::chrono::sys_days d) {
        return jd_of(astronomy::local_day_start(zone, std::chrono::year_month_day{d}));
    };
    const astronomy::LocalDay today{start(day), start(day + std::chrono::days{1})};
    const astronomy::LocalDay before{start(day - std::chrono::days{1}), today.from_jd};
    const astronomy::Observer where{place.lat, place.lon};
    Sky sky{date, place.zone, 0, {}, {}};
    const auto middle = (today.from_jd + today.to_jd) / 2;
    sky.utc_offset_s = astronomy::local_instant(zone, middle).offset_s;
    sky.sun = astronomy::sun_day(where, zone, before, today);
    sky.moon = astronomy::moon_day(where, zone, today, moon_times);
    return sky;
}

}  // namespace

Result<Sky> sky_on(const SkyPlace& place, std::chrono::year_month_day date, bool moon_times) {
    if (auto ok = check_place(place); !ok) return tl::unexpected(ok.error());
    if (auto ok = check_date(date); !ok) return tl::unexpected(ok.error());
    const auto zone = astronomy::find_zone(place.zone);
    if (!zone) return tl::unexpected(zone.error());
    const auto lock = astronomy::nova_lock();
    return sky_in_zone(place, *zone, date, moon_times);
}

Result<Sky> sky_at(const SkyPlace& place, std::chrono::sys_seconds at, bool moon_times) {
    if (auto ok = check_place(place); !ok) return tl::unexpected(ok.error());
    const auto zone = astronomy::find_zone(place.zone);
    if (!zone) return tl::unexpected(zone.error());
    const auto date = astronomy::local_date_at(*zone, at);
    if (auto ok = check_date(date); !ok) return tl::unexpected(ok.error());
    const auto lock = astronomy::nova_lock();
    return sky_in_zone(place, *zone, date, moon_times);
}

}  // namespace tenki

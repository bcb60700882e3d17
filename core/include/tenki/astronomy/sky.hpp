#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "tenki/error.hpp"

// The sun and the moon for a place and a local date, offline: positions from ERFA (eraMoon98 for
// the moon, eraPlan94 for the sun), libnova's rise/set search, local time from the system's tz database
// through CCTZ (one zone file read). Rise and set as almanacs give them: the upper limb at -0°50' for the sun
// (34' of standard refraction and 16' of semidiameter), the moon's upper limb seen from the place
// (topocentric) at -34'. Checked against PyEphem (tests/data/astronomy/).
namespace tenki {

// A place for the sky: coordinates in degrees (WGS84, north and east positive) and its IANA time
// zone ("Europe/Paris"), as the city table or time_zone_at gives it.
struct SkyPlace {
    double lat = 0;
    double lon = 0;
    std::string zone;
};

// An instant (to the nearest minute, as almanacs round, but never past the end of its local day: a
// time in its last half minute is 23:59) and the place's offset from UTC at that instant, in
// seconds east (Paris: 7200 in July, 3600 in December).
struct LocalInstant {
    std::chrono::sys_seconds utc{};
    int offset_s = 0;
    friend bool operator==(const LocalInstant&, const LocalInstant&) = default;
};

// "2026-07-01T05:47:00+02:00": ISO 8601 in the place's local time with its offset, to the second
// when the offset has seconds (Paris's local mean time until 1911, "+00:09:21"), so that the instant
// read back is exact.
std::string iso8601(const LocalInstant& t);
// An offset east of UTC as ISO 8601 writes it: "+02:00", "-04:30", "+00:09:21" (seconds only when
// it has some).
std::string utc_offset_iso(int offset_s);
// "05:47": the local time of day.
std::string local_hhmm(const LocalInstant& t);

// Whether the sun crosses the horizon on that local day (normal): above it all day is a polar day,
// below it all day a polar night (then sunrise, sunset and noon are absent).
enum class SunState { normal, polar_day, polar_night };

struct SunDay {
    SunState state = SunState::normal;
    std::optional<LocalInstant> dawn;     // civil dawn: the sun's centre at -6°, morning
    std::optional<LocalInstant> sunrise;  // upper limb at -0°50'
    std::optional<LocalInstant> noon;     // solar noon: the transit
    std::optional<LocalInstant> sunset;
    std::optional<LocalInstant> dusk;  // civil dusk; absent where the sun stays above -6° (white nights)
    // Seconds of that local day with the sun's upper limb up (sunset - sunrise on most days; the
    // whole local day for a polar day, 0 for a polar night), and the change from the day before.
    long day_length_s = 0;
    long day_length_change_s = 0;
};

// The eight phases: new, first quarter, full and last quarter name the local day holding that
// instant (the moon's ecliptic longitude 0°, 90°, 180°, 270° east of the sun's); the days between
// are crescent or gibbous, waxing or waning.
enum class MoonPhase {
    new_moon,
    waxing_crescent,
    first_quarter,
    waxing_gibbous,
    full_moon,
    waning_gibbous,
    last_quarter,
    waning_crescent
};

// The English name ("waxing crescent"), the one place phase names are written (for translation).
std::string_view moon_phase_name(MoonPhase phase);
// The emoji as seen from the hemisphere of `lat`: south of the equator the lit side is on the
// other hand, so crescents and gibbous shapes and the quarters are mirrored (waxing crescent: 🌒
// north, 🌘 south).
std::string_view moon_emoji(MoonPhase phase, double lat);

// Whether the moon stays above the horizon all that local day (up), below it all day (down), or
// crosses it (none: a rise, a set or both; also when rise and set were not asked for). Near and
// beyond the polar circles the moon, like the sun, can do either for days.
enum class MoonAllDay { none, up, down };

struct MoonDay {
    MoonPhase phase = MoonPhase::new_moon;
    double illumination_pct = 0;       // the lit fraction of the disk at local noon, 0-100
    double age_days = 0;               // days since the last new moon, at local noon (0: not asked)
    std::string_view emoji;            // moon_emoji for the place
    std::optional<LocalInstant> rise;  // absent on a day without one (about one day a month)
    std::optional<LocalInstant> set;
    MoonAllDay all_day = MoonAllDay::none;  // up or down when neither rise nor set is that day
};

struct Sky {
    std::chrono::year_month_day date;  // the local date asked for
    std::string zone;                  // IANA time zone of the place
    int utc_offset_s = 0;              // the zone's offset from UTC at the local day's middle
    SunDay sun;
    MoonDay moon;
};

// The sky over `place` on local date `date`. invalid_input for coordinates out of range, a time
// zone the system's tz database does not know, or a date outside 1900-2100 (where the theories
// and the tz database are good). moon_times false leaves moonrise and moonset out (absent) and the
// moon's age (0): most of the moon's work, for the one-line summaries that show none of them.
Result<Sky> sky_on(const SkyPlace& place, std::chrono::year_month_day date, bool moon_times = true);
// sky_on for the place's local date at instant `at` ("today" there), the same errors (a date
// outside 1900-2100 is the local date's): local_date then sky_on, the zone found once.
Result<Sky> sky_at(const SkyPlace& place, std::chrono::sys_seconds at, bool moon_times = true);

// The local date in `zone` at instant `now`: what "today" is for a place. invalid_input for an
// unknown zone.
Result<std::chrono::year_month_day> local_date(std::string_view zone, std::chrono::sys_seconds now);

// "2026-12-12" as a date; invalid_input ("--date must be YYYY-MM-DD, a real date: ...") else.
Result<std::chrono::year_month_day> parse_iso_date(std::string_view text);
std::string iso_date(std::chrono::year_month_day date);

// The JSON of the issue: {"date", "zone", "utc_offset": "+01:00", "moon": {phase, illumination, age_days,
// emoji, rise, set, always: "up" | "down" | null}, "sun": {dawn, sunrise, noon, sunset, dusk, day_length_s,
// day_length_change_s, state}}; times ISO 8601 with the place's offset, null where there is none;
// illumination in whole %.
void to_json(nlohmann::json& j, const Sky& sky);

}  // namespace tenki

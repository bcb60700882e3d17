#pragma once

#include <string>
#include <string_view>

#include "tenki/astronomy/sky.hpp"
#include "tenki/lang/language.hpp"

// The sky in words, for people: `tenki moon`, the weather's text line and its template fields.
// Every English word of it is in one table (sky_text.cpp), marked for translation: each function
// says it in `language` (English by default), the JSON (sky_json.cpp) stays English.
namespace tenki {

// "8h 19m": a day length in hours and minutes (seconds rounded to the minute); in another language
// with CLDR's short units: "8 Std. 19 Min." in German.
std::string format_day_length(long seconds, Language language = Language::en);
// "+2m 31s", "-58s", "0s": a change of day length ("+2 Min. 31 Sek." in German).
std::string format_day_length_change(long seconds, Language language = Language::en);
// "11:21", or "-" when there is none that day.
std::string format_local_time(const std::optional<LocalInstant>& t);

// The moon in one line: "🌒 waxing crescent, 10% lit, 3.4 days old, rises 11:21, sets 19:52".
std::string moon_line(const Sky& sky, Language language = Language::en);
// The sun in one line: "dawn 07:58, sunrise 08:35, noon 12:44, sunset 16:54, dusk 17:31, day
// 8h 19m (-58s)"; a polar day or night says so: "polar night (no sunrise), noon 11:51, ...".
std::string sun_line(const Sky& sky, Language language = Language::en);

// The weather's one line of sky: "🌒 waxing crescent 10%; dawn 07:58, dusk 17:31, day 8h 19m
// (-56s)", with moonrise and moonset after the phase where the sky has them; without the emoji
// when `emoji` is false (ASCII output).
std::string sky_summary(const Sky& sky, bool emoji, Language language = Language::en);

// `tenki moon`'s text for one place: a heading (label, date, zone and offset), the moon's line
// and the sun's line, each ending in a newline.
std::string sky_text(const Sky& sky, std::string_view label, Language language = Language::en);

}  // namespace tenki

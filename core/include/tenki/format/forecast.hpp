#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/units.hpp"
#include "tenki/lang/language.hpp"

namespace tenki {

struct ForecastStyle {
    bool color = false;                // ANSI colour: only on a terminal, never with NO_COLOR
    bool unicode = false;              // block bars and weather symbols; ASCII under NO_COLOR or TERM=dumb
    Language language = Language::en;  // the labels', weekdays' and conditions' (tenki/lang/translate.hpp)
    bool range_bar = true;             // false: "52°F – 57°F", no bar (wttr.in's narrow ?n)
};

// `tenki forecast`: a heading, then one line per day of `window` (see forecast_window): weekday
// and date, low, a bar placing the day's low-to-high range on the scale of all the days shown,
// high, condition, precipitation chance and sum, highest wind. Absent values read "-".
std::string render_forecast_days(const Forecast& window, Units units, const ForecastStyle& style);

// `tenki forecast --hourly`: one line per step of `window`: the span the step covers, the
// step_seconds ending at its time ("01-14 12:00–15:00": OpenWeatherMap's rain.3h is "for the last
// 3 hours", Open-Meteo's amounts for the preceding hour), as precipitation_outlook reads it; the
// precipitation chance and amount for that span; temperature, feels like, wind and condition at
// its end.
std::string render_forecast_hours(const Forecast& window, Units units, const ForecastStyle& style);

// A sparkline of the steps' temperatures, one character per step, scaled from the lowest to the
// highest: "▁▂▄▆█▆▄" in Unicode, " .-=#" shades in ASCII; "" without steps.
std::string temperature_sparkline(const Forecast& window, bool unicode);

// A status bar's phrase for the precipitation of the next `hours` hours after `now` (unix
// seconds), from the forecast's steps, in the place's wall-clock time: "rain from 15:00", "snow
// from tomorrow 03:00", "rain until 18:00" (falling now), "rain for the next 24 h", "no rain for
// 24 h" (or for the hours the steps cover, when fewer); "" when no step lies ahead. Steps from
// the first that has neither an amount nor a chance are unknown and not read ("" when that is
// the step under way: the provider said nothing, so the outlook is unknown). A step is wet
// with an amount of at least 0.1 mm, or, when it gives no amount, a probability of 50 % or more;
// it is "snow" when its condition is in OpenWeatherMap's 6xx group, else "rain". Each step covers
// the step_seconds before its time.
// In another language the phrase is the catalogue's ("Regen bis 15:00").
std::string precipitation_outlook(const Forecast& forecast, std::int64_t now, int hours = 24,
                                  Language language = Language::en);

// The document of `tenki forecast --json` and GET /api/v2/forecast: the place, units, and the
// window's `daily` and `hourly` rows in those units (times ISO 8601 UTC, dates local), values
// rounded to 2 places with no negative zero, absent values null. "stale" and "age_s" as the
// weather's (stale_fields): given a stale age (seconds since the forecast was fetched). In another
// language than English each condition's description is translated (format::condition_words).
// Each day carries `astronomy`: the sun and the moon of its date at the place's coordinates, in
// their boundary time zone, as `tenki moon --json` gives them (tenki/astronomy/sky.hpp's to_json;
// times ISO 8601 with the offset on that date); null without coordinates. Computed here only, so
// the text and templates never pay for it (the positions' work, about 1 M instructions a day).
nlohmann::json to_forecast_json(const Forecast& window, Units units,
                                std::optional<std::int64_t> stale_age_s = std::nullopt,
                                Language language = Language::en);

}  // namespace tenki

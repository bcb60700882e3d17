#include <fmt/format.h>
#include <cmath>
#include <cstdlib>

#include "tenki/astronomy/sky.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki {
namespace {

nlohmann::json time_or_null(const std::optional<LocalInstant>& t) {
    return t ? nlohmann::json(iso8601(*t)) : nlohmann::json(nullptr);
}

std::string_view sun_state_name(SunState state) {
    switch (state) {
        case SunState::polar_day: return "polar_day";
        case SunState::polar_night: return "polar_night";
        case SunState::normal: break;
    }
    return "normal";
}

nlohmann::json all_day_or_null(MoonAllDay all_day) {
    switch (all_day) {
        case MoonAllDay::up: return "up";
        case MoonAllDay::down: return "down";
        case MoonAllDay::none: break;
    }
    return nullptr;
}

}  // namespace

void to_json(nlohmann::json& j, const Sky& sky) {
    j = nlohmann::json{
        {"date", iso_date(sky.date)},
        {"zone", sky.zone},
        {"utc_offset", utc_offset_iso(sky.utc_offset_s)},
        {"moon",
         {{"phase", moon_phase_name(sky.moon.phase)},
          {"illumination", std::lround(sky.moon.illumination_pct)},
          {"age_days", std::round(sky.moon.age_days * 10) / 10},
          {"emoji", sky.moon.emoji},
          {"rise", time_or_null(sky.moon.rise)},
          {"set", time_or_null(sky.moon.set)},
          {"always", all_day_or_null(sky.moon.all_day)}}},
        {"sun",
         {{"state", sun_state_name(sky.sun.state)},
          {"dawn", time_or_null(sky.sun.dawn)},
          {"sunrise", time_or_null(sky.sun.sunrise)},
          {"noon", time_or_null(sky.sun.noon)},
          {"sunset", time_or_null(sky.sun.sunset)},
          {"dusk", time_or_null(sky.sun.dusk)},
          {"day_length_s", sky.sun.day_length_s},
          {"day_length_change_s", sky.sun.day_length_change_s}}},
    };
}

}  // namespace tenki

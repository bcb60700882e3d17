#include <algorithm>
#include <cmath>
#include <optional>

#include "astronomy/bodies.hpp"

namespace tenki::astronomy {
namespace {

// The upper limb touches the horizon: 34' of standard refraction plus 16' of semidiameter.
constexpr double k_sunrise_altitude = -50.0 / 60.0;
constexpr double k_civil_altitude = -6.0;

std::optional<double> first_crossing(const Crossings& found, Crossing::Kind kind, LocalDay day) {
    std::optional<double> first;
    for (const auto& c : found.events) {
        if (c.kind == kind && c.jd >= day.from_jd && c.jd < day.to_jd && (!first || c.jd < *first))
            first = c.jd;
    }
    return first;
}

// Seconds of `day` with the sun up, walking its rises and sets from its state at the start;
// `up` is that state, left as it is at the end of the day.
double seconds_up(const Crossings& found, LocalDay day, bool& up) {
    std::vector<Crossing> inside;
    for (const auto& c : found.events) {
        if (c.kind != Crossing::Kind::transit && c.jd >= day.from_jd && c.jd < day.to_jd) inside.push_back(c);
    }
    std::sort(inside.begin(), inside.end(), [](const Crossing& a, const Crossing& b) { return a.jd < b.jd; });
    double total = 0, since = day.from_jd;
    for (const auto& c : inside) {
        if (up) total += c.jd - since;
        up = c.kind == Crossing::Kind::rise;
        since = c.jd;
    }
    if (up) total += day.to_jd - since;
    return total * 86400.0;
}

std::optional<LocalInstant> instant_of(Zone zone, std::optional<double> jd) {
    if (!jd) return std::nullopt;
    return local_instant(zone, *jd);
}

}  // namespace

SunDay sun_day(Observer where, Zone zone, LocalDay before, LocalDay day) {
    fix_positions(Body::sun, before.from_jd, day.to_jd);
    const auto limb = crossings(Body::sun, where, before.from_jd, day.to_jd, k_sunrise_altitude);
    const auto civil = crossings(Body::sun, where, day.from_jd, day.to_jd, k_civil_altitude);
    SunDay sun;
    bool up = sun_altitude(where, before.from_jd) > k_sunrise_altitude;
    const double length_before = seconds_up(limb, before, up);
    const bool up_at_start = up;
    const double length = seconds_up(limb, day, up);
    sun.day_length_s = std::lround(length);
    sun.day_length_change_s = std::lround(length) - std::lround(length_before);
    sun.sunrise = instant_of(zone, first_crossing(limb, Crossing::Kind::rise, day));
    sun.sunset = instant_of(zone, first_crossing(limb, Crossing::Kind::set, day));
    sun.dawn = instant_of(zone, first_crossing(civil, Crossing::Kind::rise, day));
    sun.dusk = instant_of(zone, first_crossing(civil, Crossing::Kind::set, day));
    auto noon = first_crossing(limb, Crossing::Kind::transit, day);
    if (!noon) noon = first_crossing(civil, Crossing::Kind::transit, day);
    if (!noon) {
        const double mid = (day.from_jd + day.to_jd) / 2;
        const auto any = crossings(Body::sun, where, day.from_jd, day.to_jd, sun_mid_altitude(where, mid));
        noon = first_crossing(any, Crossing::Kind::transit, day);
    }
    sun.noon = instant_of(zone, noon);
    if (!sun.sunrise && !sun.sunset) sun.state = up_at_start ? SunState::polar_day : SunState::polar_night;
    return sun;
}

}  // namespace tenki::astronomy

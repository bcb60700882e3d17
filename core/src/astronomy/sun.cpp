#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

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

// Seconds of `day` with the sun up: between each two of its rises and sets (and the day's ends),
// up when the sun stands above the horizon halfway. The altitude decides, not the order of the
// kinds: a sun that grazes the horizon (Longyearbyen, 2026-02-15) may give a set refined a few
// seconds before its rise, which a walk of rises and sets would take for a sun up until midnight.
double seconds_up(const Crossings& found, LocalDay day, Observer where) {
    std::vector<double> edges{day.from_jd};
    for (const auto& c : found.events) {
        if (c.kind != Crossing::Kind::transit && c.jd > day.from_jd && c.jd < day.to_jd)
            edges.push_back(c.jd);
    }
    edges.push_back(day.to_jd);
    std::sort(edges.begin(), edges.end());
    double total = 0;
    for (std::size_t i = 0; i + 1 < edges.size(); ++i) {
        const double from = edges[i], to = edges[i + 1];
        if (to > from && sun_altitude(where, (from + to) / 2) > k_sunrise_altitude) total += to - from;
    }
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
    const double length_before = seconds_up(limb, before, where);
    const double length = seconds_up(limb, day, where);
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
    if (!sun.sunrise && !sun.sunset)
        sun.state = sun_altitude(where, day.from_jd) > k_sunrise_altitude ? SunState::polar_day
                                                                          : SunState::polar_night;
    return sun;
}

}  // namespace tenki::astronomy

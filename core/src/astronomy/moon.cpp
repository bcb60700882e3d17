#include <array>
#include <cmath>
#include <optional>

#include "astronomy/bodies.hpp"

namespace tenki::astronomy {
namespace {

// The moon's mean motion away from the sun, degrees a day (a synodic month is 29.53 days): the
// step of the new-moon search, which then converges on the positions themselves.
constexpr double k_synodic_rate = 360.0 / 29.530589;
// Standard refraction at the horizon; the moon's upper limb at -34', seen from the place.
constexpr double k_refraction = 34.0 / 60.0;

// Elongation e as -180 to 180: how far past (positive) or before the last new moon.
double signed_elongation(double e) { return e > 180 ? e - 360 : e; }

// Lunation k's mean new moon (Meeus 49.1's first two terms, as a Julian day): where the search
// for the true one starts (up to 0.6 days from it), not an answer.
constexpr double k_lunation_0_jd = 2451550.09766;
double mean_new_moon(long long k) {
    return k_lunation_0_jd + 360.0 / k_synodic_rate * static_cast<double>(k);
}

// The true new moon of lunation k (the elongation falls to 0) from its mean instant: a step at the
// mean rate, another, and a secant through the two (within minutes; the age is shown to a tenth
// of a day).
double search_new_moon(long long k) {
    const double t1 = mean_new_moon(k);
    const double e1 = signed_elongation(moon_aspect(t1).elongation);
    const double t2 = t1 - e1 / k_synodic_rate;
    if (std::abs(e1) < 0.05) return t2;
    const double e2 = signed_elongation(moon_aspect(t2).elongation);
    if (std::abs(e2 - e1) < 1e-9) return t2;
    return t2 - e2 * (t2 - t1) / (e2 - e1);
}

// A function of k alone, so the days of one lunation share it: the last two found are kept (the
// forecast's days ask for the same ones; every caller holds nova_lock()).
struct FoundNewMoon {
    long long k = 0;
    double jd = 0;  // 0: none
};
std::array<FoundNewMoon, 2> g_new_moons;

double new_moon(long long k) {
    for (const auto& found : g_new_moons) {
        if (found.jd != 0 && found.k == k) return found.jd;
    }
    g_new_moons[1] = g_new_moons[0];
    g_new_moons[0] = FoundNewMoon{k, search_new_moon(k)};
    return g_new_moons[0].jd;
}

// The instant of the new moon before jd. The true new moon falls up to 0.6 days either side of
// the mean one: the next lunation's may have come already, jd's own may be still to come.
double previous_new_moon(double jd) {
    const auto k = static_cast<long long>(std::floor((jd - k_lunation_0_jd) * k_synodic_rate / 360.0));
    if (mean_new_moon(k + 1) - jd < 0.75 && new_moon(k + 1) <= jd) return new_moon(k + 1);
    const double t = new_moon(k);
    return t <= jd ? t : new_moon(k - 1);
}

// The elongation at noon + dt (days) from noon's: estimated at the mean rate when the moon's
// true rate (about 10.8 to 14.5 degrees a day) cannot bring it across a quarter (a multiple of 90°),
// which is all the phase asks of it; else computed.
double elongation_after(double noon, double e_noon, double dt) {
    const double estimate = e_noon + k_synodic_rate * dt;
    const double spread = 4.0 * std::abs(dt) + 0.1;
    const double to_quarter = std::abs(estimate - 90.0 * std::round(estimate / 90.0));
    if (to_quarter > spread) return std::fmod(estimate + 360.0, 360.0);
    return moon_aspect(noon + dt).elongation;
}

// The principal phase whose instant the day holds (elongation 0, 90, 180 or 270 reached in
// [from, to)), else the phase between them that the day is in.
MoonPhase phase_of(double e_from, double e_to) {
    if (e_to < e_from) e_to += 360;
    constexpr MoonPhase principal[] = {MoonPhase::new_moon, MoonPhase::first_quarter, MoonPhase::full_moon,
                                       MoonPhase::last_quarter, MoonPhase::new_moon};
    for (int k = 0; k <= 4; ++k) {
        const double at = 90.0 * k;
        if (e_from <= at && at < e_to) return principal[k];
    }
    constexpr MoonPhase between[] = {MoonPhase::waxing_crescent, MoonPhase::waxing_gibbous,
                                     MoonPhase::waning_gibbous, MoonPhase::waning_crescent};
    return between[static_cast<int>(e_from / 90.0) % 4];
}

std::optional<LocalInstant> first_of(Zone zone, const Crossings& found, Crossing::Kind kind, LocalDay day) {
    std::optional<double> first;
    for (const auto& c : found.events) {
        if (c.kind == kind && c.jd >= day.from_jd && c.jd < day.to_jd && (!first || c.jd < *first))
            first = c.jd;
    }
    if (!first) return std::nullopt;
    return local_instant(zone, *first);
}

}  // namespace

void forget_new_moons() { g_new_moons = {}; }

MoonDay moon_day(Observer where, Zone zone, LocalDay day, bool rise_set) {
    if (rise_set) {
        fix_positions(Body::moon, day.from_jd, day.to_jd);  // for the phase too
    } else {
        forget_positions(Body::moon);  // one position at noon is all the phase needs
    }
    MoonDay moon;
    const double noon = (day.from_jd + day.to_jd) / 2;
    const auto at_noon = moon_aspect(noon);
    const double e_from = elongation_after(noon, at_noon.elongation, day.from_jd - noon);
    const double e_to = elongation_after(noon, at_noon.elongation, day.to_jd - noon);
    moon.phase = phase_of(e_from, e_to);
    moon.illumination_pct = 100.0 * at_noon.lit;
    moon.emoji = moon_emoji(moon.phase, where.lat);
    if (!rise_set) return moon;
    moon.age_days = noon - previous_new_moon(noon);
    const double horizon = -k_refraction - moon_semidiameter(noon);
    const auto found = crossings(Body::moon, where, day.from_jd, day.to_jd, horizon);
    moon.rise = first_of(zone, found, Crossing::Kind::rise, day);
    moon.set = first_of(zone, found, Crossing::Kind::set, day);
    // Neither crossing in the day: the moon is on one side of the horizon all of it.
    if (!moon.rise && !moon.set)
        moon.all_day = moon_altitude(where, noon) > horizon ? MoonAllDay::up : MoonAllDay::down;
    return moon;
}

}  // namespace tenki::astronomy

#pragma once

#include <mutex>
#include <vector>

// tenki's few calls into libnova and ERFA (static archives; core/CMakeLists.txt). libnova keeps no state
// tenki relies on, but is not documented thread-safe: every caller holds nova_lock() first.
namespace tenki::astronomy {

// Julian days (UT) and Unix seconds.
inline constexpr double k_unix_epoch_jd = 2440587.5;
inline double jd_from_unix(double seconds) { return seconds / 86400.0 + k_unix_epoch_jd; }
inline double unix_from_jd(double jd) { return (jd - k_unix_epoch_jd) * 86400.0; }

std::unique_lock<std::mutex> nova_lock();

enum class Body { sun, moon };

struct Observer {
    double lat = 0;  // degrees north
    double lon = 0;  // degrees east
};

// Fixes the body's positions for the searches and the phase that follow (crossings, sun_altitude,
// sun_mid_altitude, moon_aspect, moon_semidiameter): libnova's at the 0h UT nearest the middle of
// [from_jd, to_jd) and either side (three), every other instant interpolated between them (nova.cpp
// says how closely). Positions already fixed around the same 0h UT are kept. A search
// with none fixed fixes its own.
void fix_positions(Body body, double from_jd, double to_jd);
// Drops them: moon_aspect then computes the moon's position at each instant asked.
void forget_positions(Body body);

// One rise, transit or set; what libnova's rise/set/transit search (Meeus, ch. 15) finds for
// each UT day, gathered over several days.
struct Crossing {
    enum class Kind { rise, transit, set };
    Kind kind;
    double jd;
};

// Every rise, transit and set of the body's centre through altitude `horizon` (degrees; for the
// moon seen from the observer, parallax included) in the UT days that overlap [from_jd, to_jd),
// with libnova's state for each day: `always_up` / `always_down` days are counted.
struct Crossings {
    std::vector<Crossing> events;
    int days_always_up = 0;
    int days_always_down = 0;
};
Crossings crossings(Body body, Observer where, double from_jd, double to_jd, double horizon);

// The sun's altitude (degrees, centre, no refraction) at jd for the observer.
double sun_altitude(Observer where, double jd);
// Halfway between the sun's highest and lowest altitude that day (degrees): a horizon it crosses
// even in a polar day or night, for its transit.
double sun_mid_altitude(Observer where, double jd);
// The moon's altitude (degrees, centre, seen from the observer, no refraction) at jd.
double moon_altitude(Observer where, double jd);
// The moon against the sun at one instant (geocentric): the sun from its fixed positions (a month
// away too, for the moon's age), the moon from its own within them, else from ERFA then.
struct MoonAspect {
    double elongation = 0;  // the moon's ecliptic longitude minus the sun's, 0 to 360 degrees
    double lit = 0;         // the moon's illuminated fraction, 0 to 1 (Meeus 48.2, 48.3)
};
MoonAspect moon_aspect(double jd);
// The moon's apparent semidiameter, degrees.
double moon_semidiameter(double jd);

}  // namespace tenki::astronomy

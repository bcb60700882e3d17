#pragma once

#include <chrono>

#include "astronomy/nova.hpp"
#include "astronomy/zone.hpp"
#include "tenki/astronomy/sky.hpp"

// The sun's and the moon's day, computed under nova_lock() (sky.cpp takes it).
namespace tenki::astronomy {

// A local day: from its first instant to the next day's (23, 24 or 25 hours), as Julian days.
struct LocalDay {
    double from_jd = 0;
    double to_jd = 0;
};

// The instant (rounded to the minute, as almanacs do) with the zone's offset then.
LocalInstant local_instant(Zone zone, double jd);

// `day` and the local day before it (for the change in day length).
SunDay sun_day(Observer where, Zone zone, LocalDay before, LocalDay day);
// rise_set false: rise and set left absent and the age 0 (their searches are most of the moon's
// cost).
MoonDay moon_day(Observer where, Zone zone, LocalDay day, bool rise_set);
// Drops the new moons moon_day keeps for the days that follow (the forecast's): the next age is
// searched afresh.
void forget_new_moons();

}  // namespace tenki::astronomy

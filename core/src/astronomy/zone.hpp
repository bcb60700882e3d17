#pragma once

#include <chrono>
#include <string_view>

#include "tenki/error.hpp"

// The place's clock, from the system's tz database through CCTZ (libcctz-dev), in a module
// loaded on the first zone asked for (core/src/astronomy/tz_module/tz_api.hpp).
namespace tenki::astronomy {

// A zone of the tz database, checked once; what the functions below take.
struct Zone {
    const void* tz = nullptr;  // the module's cctz::time_zone, kept out of the header
};

// invalid_input for a name the tz database does not know.
Result<Zone> find_zone(std::string_view name);
// Seconds east of UTC at instant t.
int utc_offset_s(Zone zone, std::chrono::sys_seconds t);
// The instant the local date begins (its first existing minute on a day whose midnight a DST
// change skips).
std::chrono::sys_seconds local_day_start(Zone zone, std::chrono::year_month_day date);
std::chrono::year_month_day local_date_at(Zone zone, std::chrono::sys_seconds t);

}  // namespace tenki::astronomy

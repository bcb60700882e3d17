#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

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

// find_zone on a thread of its own, started by the constructor, so that its first, slow call (the
// module's dlopen and CCTZ's read of the zone file: 2.8 M instructions for Europe/Paris, 1 ms)
// runs while the caller computes what needs no clock. A zone already found is ready at once, with
// no thread; so is one when no thread can be started (found there and then). Thread-safe as
// find_zone is; the destructor waits for the thread.
class ZoneLoad {
public:
    explicit ZoneLoad(std::string_view name);
    ~ZoneLoad();
    ZoneLoad(const ZoneLoad&) = delete;
    ZoneLoad& operator=(const ZoneLoad&) = delete;
    // find_zone's answer (its errors), waiting for the thread if it has not finished.
    Result<Zone> get();

private:
    std::string m_name;
    std::optional<Result<Zone>> m_found;
    std::thread m_thread;
};

}  // namespace tenki::astronomy

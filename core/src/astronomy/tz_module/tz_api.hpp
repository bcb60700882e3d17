#pragma once

#include <cstddef>

// The table tenki's time-zone module (tenki_tz.so, built from tz_module.cpp) hands the core
// (core/src/astronomy/zone.cpp), which loads it with dlopen on the first zone asked for: the
// time-zone library (CCTZ's libcctz.so.2, of which Debian ships no static archive) is loaded
// only by the commands that need a place's clock, not at every start-up (`tenki --version`). Plain C types
// only; no exception crosses it. Times are Unix seconds (UTC), days are counted from 1970-01-01.
extern "C" {

struct TenkiTzApi {
    int version;  // k_tz_api_version of the module's build
    // The zone named `name` (`size` bytes, "Europe/Paris"), read from that one file of the system's
    // tz database, or nullptr where there is no such zone. Kept for the life of the process.
    const void* (*find)(const char* name, std::size_t size);
    // Seconds east of UTC at Unix time t.
    int (*offset_s)(const void* zone, long long t);
    // The Unix time local day `local_days` begins (its first existing minute on a day whose
    // midnight a DST change skips).
    long long (*day_start)(const void* zone, long long local_days);
    // The local day at Unix time t.
    long long (*local_day)(const void* zone, long long t);
};

// The one symbol tenki looks up in the module.
const TenkiTzApi* tenki_tz_api();
}

// Raised whenever the table's shape changes, so a stale module is refused rather than misread.
inline constexpr int k_tz_api_version = 1;

// tenki_tz.so: the time zones of the system's tz database through Howard Hinnant's date (Debian
// builds it in its OS-tzdb mode: /usr/share/zoneinfo), loaded by tenki with dlopen (tz_api.hpp
// says why).
#include <date/tz.h>

#include <chrono>
#include <exception>
#include <string_view>

#include "astronomy/tz_module/tz_api.hpp"

namespace {

const date::time_zone* zone_of(const void* zone) { return static_cast<const date::time_zone*>(zone); }

date::sys_seconds instant(long long t) { return date::sys_seconds{std::chrono::seconds{t}}; }

// date's database lists every zone file the first time (about 1.8 M instructions, callgrind: the
// most of a zone's cost). A zone built alone (time_zone's public, undocumented constructor) does
// not avoid it: date 3.0.1 reads the database's leap seconds whenever it loads a zone file.
const void* find_zone(const char* name, std::size_t size) {
    try {
        const date::time_zone* zone = date::locate_zone(std::string_view(name, size));  // date keeps it
        (void)zone->get_info(date::sys_seconds{});  // its file read now: a damaged one is no zone
        return zone;
    } catch (const std::exception&) {
        return nullptr;
    }
}

int offset_s(const void* zone, long long t) {
    return static_cast<int>(zone_of(zone)->get_info(instant(t)).offset.count());
}

long long day_start(const void* zone, long long local_days) {
    const date::local_seconds midnight{date::days{local_days}};
    return zone_of(zone)->to_sys(midnight, date::choose::earliest).time_since_epoch().count();
}

long long local_day(const void* zone, long long t) {
    const auto local = zone_of(zone)->to_local(instant(t));
    return date::floor<date::days>(local).time_since_epoch().count();
}

constexpr TenkiTzApi k_api{k_tz_api_version, find_zone, offset_s, day_start, local_day};

}  // namespace

extern "C" __attribute__((visibility("default"))) const TenkiTzApi* tenki_tz_api() { return &k_api; }

// tenki_tz.so: the time zones of the system's tz database through Debian's CCTZ (libcctz-dev),
// which reads the one TZif file of the zone asked for (/usr/share/zoneinfo/Europe/Paris), loaded
// by tenki with dlopen (tz_api.hpp says why). Not date: its OS-tzdb mode lists the whole zone
// directory (about 660 stat calls) before it loads any zone. CCTZ's load is most of a cold
// `tenki moon`'s zone: it works out the civil time either side of each transition, and for a zone
// with daylight saving it first adds 400 years of them past the file's last from the zone's rule
// (Europe/Paris: 184 in the file, about 1,000 in all, 2.1 M of the load's 2.5 M instructions;
// the dlopen is 0.3 M; bench/moon.sh prints both).
#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "astronomy/tz_module/tz_api.hpp"

namespace {

const cctz::time_zone& zone_of(const void* zone) { return *static_cast<const cctz::time_zone*>(zone); }

cctz::time_point<cctz::seconds> instant(long long t) {
    return std::chrono::time_point_cast<cctz::seconds>(std::chrono::system_clock::from_time_t(0)) +
           cctz::seconds{t};
}

// A tz database name as the database spells them ("America/Argentina/Buenos_Aires", "Etc/GMT+5"):
// parts of letters, digits, '_', '-' and '+' joined by single slashes. CCTZ would read any path
// it is given (absolute, "..", "file:", a directory's table): those are no zones here.
bool is_zone_name(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.back() == '/') return false;
    char previous = '/';
    for (const char c : name) {
        const bool part = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '_' || c == '-' || c == '+';
        if (!part && !(c == '/' && previous != '/')) return false;
        previous = c;
    }
    return true;
}

// The zones found so far, by name: each read once and kept for the life of the process (a map's
// elements stay where they are, so the pointers handed out stay valid).
std::mutex g_zones_mutex;
std::map<std::string, cctz::time_zone, std::less<>> g_zones;

const void* find_zone(const char* name, std::size_t size) {
    const std::string_view wanted(name, size);
    if (!is_zone_name(wanted)) return nullptr;
    try {
        const std::lock_guard lock(g_zones_mutex);
        if (const auto it = g_zones.find(wanted); it != g_zones.end()) return &it->second;
        cctz::time_zone zone;
        // False for a missing or damaged file (CCTZ then hands back UTC, which is not kept).
        if (!cctz::load_time_zone(std::string(wanted), &zone)) return nullptr;
        return &g_zones.emplace(std::string(wanted), zone).first->second;
    } catch (const std::exception&) {
        return nullptr;
    }
}

int offset_s(const void* zone, long long t) { return zone_of(zone).lookup(instant(t)).offset; }

// cctz::convert of a civil time takes a skipped one to the instant of the change, and a repeated
// one to its earlier instant: the day's first existing second either way.
long long day_start(const void* zone, long long local_days) {
    const cctz::civil_second midnight = cctz::civil_day(1970, 1, 1) + local_days;
    const auto t = cctz::convert(midnight, zone_of(zone));
    return std::chrono::duration_cast<cctz::seconds>(t.time_since_epoch()).count();
}

long long local_day(const void* zone, long long t) {
    const cctz::civil_day day(zone_of(zone).lookup(instant(t)).cs);
    return day - cctz::civil_day(1970, 1, 1);
}

constexpr TenkiTzApi k_api{k_tz_api_version, find_zone, offset_s, day_start, local_day};

}  // namespace

extern "C" __attribute__((visibility("default"))) const TenkiTzApi* tenki_tz_api() { return &k_api; }

#include "astronomy/zone.hpp"

#include <date/tz.h>
#include <fmt/format.h>
#include <exception>
#include <string>

namespace tenki::astronomy {
namespace {

const date::time_zone* tz_of(Zone zone) { return static_cast<const date::time_zone*>(zone.tz); }

date::sys_days to_date_days(std::chrono::year_month_day ymd) {
    return date::sys_days{date::days{std::chrono::sys_days{ymd}.time_since_epoch().count()}};
}

}  // namespace

Result<Zone> find_zone(std::string_view name) {
    try {
        return Zone{date::locate_zone(name)};
    } catch (const std::exception&) {
        return fail(ErrorKind::invalid_input,
                    fmt::format("time zone '{}' is not in the system's tz database (/usr/share/zoneinfo): "
                                "install tzdata",
                                name));
    }
}

int utc_offset_s(Zone zone, std::chrono::sys_seconds t) {
    return static_cast<int>(tz_of(zone)->get_info(t).offset.count());
}

std::chrono::sys_seconds local_day_start(Zone zone, std::chrono::year_month_day date) {
    const date::local_seconds midnight{to_date_days(date).time_since_epoch()};
    return tz_of(zone)->to_sys(midnight, date::choose::earliest);
}

std::chrono::year_month_day local_date_at(Zone zone, std::chrono::sys_seconds t) {
    const auto local = tz_of(zone)->to_local(t);
    const auto days = date::floor<date::days>(local).time_since_epoch().count();
    return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days}}};
}

}  // namespace tenki::astronomy

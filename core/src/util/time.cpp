#include "util/time.hpp"

#include <chrono>
#include <cstdlib>

#include <fmt/core.h>

namespace tenki::util {
namespace {

struct CivilTime {
    int year;
    unsigned month, day;
    long hours, minutes, seconds;
};

CivilTime civil(std::int64_t unix_seconds) {
    using namespace std::chrono;
    const sys_seconds at{seconds(unix_seconds)};
    const auto day = floor<days>(at);
    const year_month_day ymd{day};
    const hh_mm_ss<seconds> clock{at - day};
    return {static_cast<int>(ymd.year()),
            static_cast<unsigned>(ymd.month()),
            static_cast<unsigned>(ymd.day()),
            static_cast<long>(clock.hours().count()),
            static_cast<long>(clock.minutes().count()),
            static_cast<long>(clock.seconds().count())};
}

}  // namespace

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string iso8601_utc(std::int64_t unix_seconds) {
    const auto t = civil(unix_seconds);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.year, t.month, t.day, t.hours, t.minutes,
                       t.seconds);
}

std::string local_clock(std::int64_t unix_seconds, std::int64_t offset_seconds) {
    const auto t = civil(unix_seconds + offset_seconds);
    return fmt::format("{:02}:{:02}", t.hours, t.minutes);
}

std::string local_date_time(std::int64_t unix_seconds, std::int64_t offset_seconds) {
    const auto t = civil(unix_seconds + offset_seconds);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", t.year, t.month, t.day, t.hours, t.minutes);
}

std::string utc_offset_label(std::int64_t offset_seconds) {
    if (offset_seconds == 0) return "UTC";
    const auto magnitude = offset_seconds < 0 ? -offset_seconds : offset_seconds;
    return fmt::format("UTC{}{:02}:{:02}", offset_seconds < 0 ? '-' : '+', magnitude / 3600,
                       (magnitude % 3600) / 60);
}

}  // namespace tenki::util

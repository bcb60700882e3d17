#pragma once

#include <cstdint>
#include <string>

namespace tenki::util {

// The system clock's now, in unix seconds.
std::int64_t unix_now();

// "2023-06-01T19:40:12Z".
std::string iso8601_utc(std::int64_t unix_seconds);

// The wall-clock time at a place `offset_seconds` east of UTC: "05:48".
std::string local_clock(std::int64_t unix_seconds, std::int64_t offset_seconds);

// The date and wall-clock time at a place: "2023-06-01 12:40".
std::string local_date_time(std::int64_t unix_seconds, std::int64_t offset_seconds);

// "UTC", "UTC+09:00", "UTC-07:00", "UTC+05:30".
std::string utc_offset_label(std::int64_t offset_seconds);

}  // namespace tenki::util

#include <catch2/catch.hpp>

#include "util/time.hpp"

using namespace tenki::util;

TEST_CASE("ISO 8601 in UTC", "[util]") {
    CHECK(iso8601_utc(0) == "1970-01-01T00:00:00Z");
    CHECK(iso8601_utc(1685648412) == "2023-06-01T19:40:12Z");
    CHECK(iso8601_utc(951782400) == "2000-02-29T00:00:00Z");
    CHECK(iso8601_utc(-1) == "1969-12-31T23:59:59Z");
}

TEST_CASE("local wall-clock time from an offset", "[util]") {
    CHECK(local_clock(1685623692, -25200) == "05:48");
    CHECK(local_clock(1685676461, -25200) == "20:27");
    CHECK(local_clock(1686109380, 3600) == "04:43");
    CHECK(local_clock(1685648412, 19800) == "01:10");
    CHECK(local_date_time(1685648412, -25200) == "2023-06-01 12:40");
    CHECK(local_date_time(1685648412, 32400) == "2023-06-02 04:40");
}

TEST_CASE("offset labels", "[util]") {
    CHECK(utc_offset_label(0) == "UTC");
    CHECK(utc_offset_label(-25200) == "UTC-07:00");
    CHECK(utc_offset_label(19800) == "UTC+05:30");
    CHECK(utc_offset_label(-12600) == "UTC-03:30");
}

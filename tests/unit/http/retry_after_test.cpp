// Retry-After read as seconds from now, in both of its forms, and cut to the one-hour cap: one
// 429 with `Retry-After: 99999999` held OpenWeatherMap off for 3.2 years.
#include <catch2/catch.hpp>

#include <cstdint>

#include "tenki/http/retry_after.hpp"

using tenki::cap_upstream_wait;
using tenki::k_max_upstream_wait_s;
using tenki::parse_retry_after;

namespace {

// Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example date.
constexpr std::int64_t k_rfc_example = 784111777;

}  // namespace

TEST_CASE("Retry-After in seconds is read and capped at an hour", "[http]") {
    CHECK(k_max_upstream_wait_s == 3600);
    CHECK(parse_retry_after("120", 0) == 120);
    CHECK(parse_retry_after(" 0 ", 0) == 0);
    CHECK(parse_retry_after("3600", 0) == 3600);
    CHECK(parse_retry_after("3601", 0) == 3600);
    CHECK(parse_retry_after("99999999", 0) == 3600);
    CHECK(parse_retry_after("99999999999999999999999999", 0) == 3600);
}

TEST_CASE("Retry-After as an HTTP date is the seconds until it, capped; a past date is 0", "[http]") {
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", k_rfc_example - 90) == 90);
    CHECK(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", k_rfc_example - 90) == 90);  // RFC 850
    CHECK(parse_retry_after("Sun Nov  6 08:49:37 1994", k_rfc_example - 90) == 90);        // asctime
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", k_rfc_example - 10'000'000) == 3600);
    CHECK(parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", k_rfc_example) == 3600);
    CHECK(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", k_rfc_example + 60) == 0);
}

TEST_CASE("a Retry-After that is no wait is ignored", "[http]") {
    CHECK_FALSE(parse_retry_after("", 0));
    CHECK_FALSE(parse_retry_after("-5", 0));
    CHECK_FALSE(parse_retry_after("+5", 0));
    CHECK_FALSE(parse_retry_after("12s", 0));
    CHECK_FALSE(parse_retry_after("soon", 0));
    CHECK_FALSE(parse_retry_after("1.5", 0));
}

TEST_CASE("cap_upstream_wait keeps a wait within 0 s .. an hour", "[http]") {
    CHECK(cap_upstream_wait(-1) == 0);
    CHECK(cap_upstream_wait(59) == 59);
    CHECK(cap_upstream_wait(99'999'999) == 3600);
}

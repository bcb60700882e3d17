// The circuit breaker's state machine on an injected clock: closed, open, half-open, the back-off
// doubling to its cap, Retry-After, and the record kept between runs.
#include <catch2/catch.hpp>

#include <cstdint>

#include "tenki/providers/failover.hpp"

using tenki::BreakerPolicy;
using tenki::BreakerState;
using tenki::CircuitBreaker;
using tenki::Error;
using tenki::ErrorKind;

namespace {

struct BreakerClock {
    std::int64_t now_ms = 1'700'000'000'000;
    CircuitBreaker::Clock clock() {
        return [this] { return now_ms; };
    }
};

BreakerPolicy breaker_policy(int failures_to_open) {
    return BreakerPolicy{failures_to_open, std::chrono::seconds(30), std::chrono::seconds(100)};
}

}  // namespace

TEST_CASE("circuit breaker opens after the configured consecutive failures", "[failover]") {
    BreakerClock time;
    CircuitBreaker breaker(breaker_policy(3), time.clock());
    CHECK(breaker.state() == BreakerState::closed);
    CHECK_FALSE(breaker.failed(Error{ErrorKind::timeout, "t"}));
    CHECK_FALSE(breaker.failed(Error{ErrorKind::timeout, "t"}));
    CHECK(breaker.state() == BreakerState::closed);
    CHECK(breaker.allow());
    CHECK(breaker.failed(Error{ErrorKind::bad_response, "500"}));
    CHECK(breaker.state() == BreakerState::open);
    CHECK_FALSE(breaker.allow());
    CHECK(breaker.record().last_failure == ErrorKind::bad_response);
    CHECK(breaker.backoff() == std::chrono::seconds(30));
}

TEST_CASE("circuit breaker: a success in between starts the count again", "[failover]") {
    BreakerClock time;
    CircuitBreaker breaker(breaker_policy(2), time.clock());
    CHECK_FALSE(breaker.failed(Error{ErrorKind::timeout, "t"}));
    breaker.succeeded();
    CHECK_FALSE(breaker.failed(Error{ErrorKind::timeout, "t"}));
    CHECK(breaker.state() == BreakerState::closed);
}

TEST_CASE("circuit breaker is half-open after the back-off and lets one probe through", "[failover]") {
    BreakerClock time;
    CircuitBreaker breaker(breaker_policy(1), time.clock());
    REQUIRE(breaker.failed(Error{ErrorKind::unreachable, "down"}));
    time.now_ms += 29'999;
    CHECK(breaker.state() == BreakerState::open);
    time.now_ms += 1;
    CHECK(breaker.state() == BreakerState::half_open);
    CHECK(breaker.allow());
    CHECK_FALSE(breaker.allow());  // the probe is in flight
    breaker.succeeded();
    CHECK(breaker.state() == BreakerState::closed);
    CHECK(breaker.allow());
    CHECK(breaker.record() == tenki::BreakerRecord{});
}

TEST_CASE("circuit breaker doubles the back-off at each failed probe, up to the cap", "[failover]") {
    BreakerClock time;
    CircuitBreaker breaker(breaker_policy(1), time.clock());
    REQUIRE(breaker.failed(Error{ErrorKind::timeout, "t"}));
    for (std::int64_t expected : {60, 100, 100}) {
        time.now_ms += breaker.backoff().count();
        REQUIRE(breaker.state() == BreakerState::half_open);
        REQUIRE(breaker.allow());
        CHECK(breaker.failed(Error{ErrorKind::timeout, "t"}));
        CHECK(breaker.backoff() == std::chrono::seconds(expected));
        CHECK(breaker.state() == BreakerState::open);
    }
}

TEST_CASE("circuit breaker waits at least a 429's Retry-After", "[failover]") {
    BreakerClock time;
    CircuitBreaker breaker(breaker_policy(1), time.clock());
    REQUIRE(breaker.failed(Error{ErrorKind::rate_limited, "429", 90}));
    CHECK(breaker.backoff() == std::chrono::seconds(90));
    time.now_ms += 60'000;
    CHECK(breaker.state() == BreakerState::open);
}

TEST_CASE("circuit breaker waits an hour at most, whatever Retry-After asked", "[failover]") {
    BreakerClock time;
    CircuitBreaker breaker(breaker_policy(1), time.clock());
    REQUIRE(breaker.failed(Error{ErrorKind::rate_limited, "429", 99'999'999}));
    CHECK(breaker.backoff() == std::chrono::seconds(3600));
    CHECK(breaker.record().open_until_ms == time.now_ms + 3'600'000);
    time.now_ms += 3'600'000;
    CHECK(breaker.state() == BreakerState::half_open);
}

TEST_CASE("circuit breaker clamps a restored record to now plus an hour (a file from a wrong clock)",
          "[failover]") {
    BreakerClock time;
    CircuitBreaker breaker(breaker_policy(1), time.clock());
    tenki::BreakerRecord record;
    record.failures = 1;
    record.open_until_ms = time.now_ms + 100'000'000'000;  // 3.2 years ahead
    record.backoff_ms = 99'999'999'000;
    record.last_failure = ErrorKind::rate_limited;
    breaker.restore(record);
    CHECK(breaker.state() == BreakerState::open);
    CHECK(breaker.record().open_until_ms == time.now_ms + 3'600'000);
    CHECK(breaker.record().backoff_ms == 3'600'000);
    time.now_ms += 3'600'000;
    CHECK(breaker.state() == BreakerState::half_open);

    record.open_until_ms = time.now_ms + 20'000;  // within the cap: kept as it is
    record.backoff_ms = -5;
    record.failures = -3;
    breaker.restore(record);
    CHECK(breaker.record().open_until_ms == time.now_ms + 20'000);
    CHECK(breaker.record().backoff_ms == 0);
    CHECK(breaker.record().failures == 0);
}

TEST_CASE("circuit breaker: a failure while open (asked as a last resort) does not extend it", "[failover]") {
    BreakerClock time;
    CircuitBreaker breaker(breaker_policy(1), time.clock());
    REQUIRE(breaker.failed(Error{ErrorKind::timeout, "t"}));
    const auto until = breaker.record().open_until_ms;
    time.now_ms += 1000;
    CHECK_FALSE(breaker.failed(Error{ErrorKind::timeout, "t"}));
    CHECK(breaker.record().open_until_ms == until);
}

TEST_CASE("circuit breaker with a back-off of 0 is half-open at once", "[failover]") {
    BreakerClock time;
    CircuitBreaker breaker(BreakerPolicy{1, std::chrono::seconds(0), std::chrono::seconds(0)}, time.clock());
    REQUIRE(breaker.failed(Error{ErrorKind::timeout, "t"}));
    CHECK(breaker.state() == BreakerState::half_open);
}

TEST_CASE("circuit breaker's record restores its state in another process", "[failover]") {
    BreakerClock time;
    CircuitBreaker first(breaker_policy(1), time.clock());
    REQUIRE(first.failed(Error{ErrorKind::unauthorized, "401"}));
    CircuitBreaker second(breaker_policy(1), time.clock());
    second.restore(first.record());
    CHECK(second.state() == BreakerState::open);
    CHECK(second.record().last_failure == ErrorKind::unauthorized);
}

#pragma once

#include <chrono>
#include <string>

namespace tenki::cache {

// Whether Redis is usable, as a small state machine: up until a failure, then down (lookups skip
// it) until a reconnection succeeds. Each change is reported once, so it is logged once.
// Not thread-safe: the owner guards it.
class RedisHealth {
public:
    using Clock = std::chrono::steady_clock;
    enum class Change { none, went_down, came_back };

    explicit RedisHealth(std::chrono::milliseconds retry_interval) : m_retry(retry_interval) {}

    bool up() const { return m_up; }
    const std::string& last_error() const { return m_last_error; }

    Change failed(std::string error, Clock::time_point now);
    Change succeeded();
    // Down, and the retry interval since the last failure has passed.
    bool reconnect_due(Clock::time_point now) const { return !m_up && now >= m_next_attempt; }

private:
    std::chrono::milliseconds m_retry;
    bool m_up = true;
    std::string m_last_error;
    Clock::time_point m_next_attempt{};
};

}  // namespace tenki::cache

#include "cache/redis_health.hpp"

#include <utility>

namespace tenki::cache {

RedisHealth::Change RedisHealth::failed(std::string error, Clock::time_point now) {
    m_last_error = std::move(error);
    m_next_attempt = now + m_retry;
    if (!m_up) return Change::none;
    m_up = false;
    return Change::went_down;
}

RedisHealth::Change RedisHealth::succeeded() {
    if (m_up) return Change::none;
    m_up = true;
    return Change::came_back;
}

}  // namespace tenki::cache

#include "cache/redis_health.hpp"

#include <utility>

#include <fmt/core.h>

#include "tenki/cache/redis_cache.hpp"

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

void RedisOutageNotices::went_down(const RedisUrl& url, const std::string& error,
                                   std::chrono::milliseconds retry_interval) {
    std::lock_guard lock(m_mutex);
    if (m_down++ == 0 && m_log)
        m_log(
            fmt::format("Redis at {} failed ({}): answering from the in-process cache and the upstream, "
                        "reconnecting every {} ms",
                        url.display(), error, retry_interval.count()));
}

void RedisOutageNotices::came_back(const RedisUrl& url) {
    std::lock_guard lock(m_mutex);
    if (m_down > 0 && --m_down == 0 && m_log)
        m_log(fmt::format("Redis at {} is back: sharing the cache again", url.display()));
}

}  // namespace tenki::cache

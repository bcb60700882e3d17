#pragma once

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>

#include "tenki/budget/upstream_budget.hpp"

namespace tenki {

// The times of the calls made in the last window: at most limit.calls of them are kept.
class WindowLog {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    // nullopt when one more call fits in the window ending now; else how long until the oldest
    // call leaves it, rounded up to whole seconds (at least 1).
    std::optional<std::chrono::seconds> wait(const RateLimit& limit, TimePoint now) {
        if (limit.calls == 0) return std::nullopt;
        while (!m_calls.empty() && m_calls.front() + limit.window <= now) m_calls.pop_front();
        if (m_calls.size() < limit.calls) return std::nullopt;
        const auto left = m_calls.front() + limit.window - now;
        return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(left));
    }

    // nullopt when fewer than `calls` of the window ending now are logged (`limit` must be the
    // limit the calls were added under); else how long until enough leave it that one more is
    // under `calls`, rounded up to whole seconds (at least 1). wait(limit) is wait_below(limit.calls).
    std::optional<std::chrono::seconds> wait_below(const RateLimit& limit, unsigned calls, TimePoint now) {
        while (!m_calls.empty() && m_calls.front() + limit.window <= now) m_calls.pop_front();
        if (m_calls.size() < calls) return std::nullopt;
        const auto left = m_calls[m_calls.size() - std::max(calls, 1U)] + limit.window - now;
        return std::max(std::chrono::seconds(1), std::chrono::ceil<std::chrono::seconds>(left));
    }

    void add(const RateLimit& limit, TimePoint now) {
        if (limit.calls == 0) return;
        m_calls.push_back(now);
        while (m_calls.size() > limit.calls) m_calls.pop_front();
    }

    bool idle(const RateLimit& limit, TimePoint now) const {
        return m_calls.empty() || m_calls.back() + limit.window <= now;
    }
    TimePoint newest() const { return m_calls.empty() ? TimePoint{} : m_calls.back(); }

private:
    std::deque<TimePoint> m_calls;
};

}  // namespace tenki

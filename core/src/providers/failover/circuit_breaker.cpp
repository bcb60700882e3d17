#include <algorithm>
#include <utility>

#include "tenki/http/retry_after.hpp"
#include "tenki/providers/failover.hpp"

namespace tenki {

std::string_view to_string(BreakerState state) {
    switch (state) {
        case BreakerState::closed: return "closed";
        case BreakerState::open: return "open";
        case BreakerState::half_open: return "half_open";
    }
    return "closed";
}

CircuitBreaker::CircuitBreaker(BreakerPolicy policy, Clock clock)
    : m_policy(policy), m_clock(std::move(clock)) {}

BreakerState CircuitBreaker::state() const {
    if (m_record.open_until_ms == 0) return BreakerState::closed;
    return m_clock() < m_record.open_until_ms ? BreakerState::open : BreakerState::half_open;
}

bool CircuitBreaker::allow() {
    switch (state()) {
        case BreakerState::closed: return true;
        case BreakerState::open: return false;
        case BreakerState::half_open:
            if (m_probing) return false;
            m_probing = true;
            return true;
    }
    return true;
}

void CircuitBreaker::restore(const BreakerRecord& record) {
    m_record = record;
    const std::int64_t wait_cap_ms = std::int64_t{k_max_upstream_wait_s} * 1000;
    const std::int64_t backoff_cap_ms =
        std::max<std::int64_t>(wait_cap_ms, std::chrono::milliseconds(m_policy.max_backoff).count());
    m_record.failures = std::max(0, m_record.failures);
    m_record.backoff_ms = std::clamp<std::int64_t>(m_record.backoff_ms, 0, backoff_cap_ms);
    // A file written under a wrong clock (or by hand) never holds a provider off past the cap.
    if (m_record.open_until_ms != 0)
        m_record.open_until_ms = std::clamp<std::int64_t>(m_record.open_until_ms, 1, m_clock() + wait_cap_ms);
}

void CircuitBreaker::succeeded() {
    m_record = BreakerRecord{};
    m_probing = false;
}

bool CircuitBreaker::failed(const Error& error) {
    const bool probe_failed = state() == BreakerState::half_open;
    m_probing = false;
    ++m_record.failures;
    m_record.last_failure = error.kind;
    m_record.last_message = error.message;
    if (!probe_failed && (m_record.open_until_ms != 0 || m_record.failures < m_policy.failures_to_open))
        return false;
    const std::int64_t base_ms = std::chrono::milliseconds(m_policy.backoff).count();
    const std::int64_t cap_ms = std::chrono::milliseconds(m_policy.max_backoff).count();
    std::int64_t backoff_ms = probe_failed
                                  ? std::min(cap_ms, std::max<std::int64_t>(base_ms, 2 * m_record.backoff_ms))
                                  : std::min(cap_ms, base_ms);
    // The upstream said how long to wait (429's Retry-After): not less than that, up to the cap.
    if (error.retry_after)
        backoff_ms =
            std::max<std::int64_t>(backoff_ms, std::int64_t{cap_upstream_wait(*error.retry_after)} * 1000);
    m_record.backoff_ms = backoff_ms;
    // An open_until of 0 means closed: a back-off of 0 (tests) opens until the next millisecond's
    // check at the latest, which is half-open at once.
    m_record.open_until_ms = std::max<std::int64_t>(1, m_clock() + backoff_ms);
    return true;
}

}  // namespace tenki

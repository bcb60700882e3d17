#pragma once

#include <chrono>
#include <optional>

// One bound for several upstream calls: a failover's providers share one upstream timeout, so a
// poll never waits longer than that in total, however many providers it asks.
namespace tenki::http {

using Deadline = std::chrono::steady_clock::time_point;

// While it lives, every http_get this thread makes ends by `until`: its connect and total
// timeouts are cut to what is left (a call with nothing left is a timeout, not sent). Provider
// calls run to their end on the thread that asks, so a thread's scope is the ask's. Scopes nest:
// the earlier deadline holds.
class DeadlineScope {
public:
    explicit DeadlineScope(Deadline until);
    ~DeadlineScope();
    DeadlineScope(const DeadlineScope&) = delete;
    DeadlineScope& operator=(const DeadlineScope&) = delete;

private:
    std::optional<Deadline> m_outer;
};

// The deadline of the innermost scope on this thread; nullopt: none.
std::optional<Deadline> current_deadline();

}  // namespace tenki::http

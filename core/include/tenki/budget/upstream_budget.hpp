#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/budget/rate_limit.hpp"
#include "tenki/cache/redis_cache.hpp"
#include "tenki/error.hpp"

namespace tenki {

// A provider's published limit for one API key (or, without a key, per source address), from its
// row of the provider table (ProviderInfo::published_limit, which gives the sources); `provider`
// is a row's name, alias or source in any case. An unknown provider: 60/min.
RateLimit published_rate_limit(std::string_view provider);

// How often a provider asks to be called for one place at most, the shortest a cache TTL should
// be: its row's min_refresh; an unknown provider asks nothing (0 s).
std::chrono::seconds published_min_refresh(std::string_view provider);

// The per-client default: a sixth of the global budget (at least one call), so that no single
// client can spend more than a fraction of what every user shares.
RateLimit default_client_limit(const RateLimit& global);

// The calls of each global window kept for clients' first calls in it: a third of the global
// budget, rounded up, when both budgets are on and the global one allows 2 calls or more (else 0).
// A client that already made a call in its window, or a call no client asked for (refresh ahead),
// may spend only the rest (global.calls - reserve), so a handful of clients (six at a sixth each)
// can never take the whole budget: a new client's first call still finds room.
unsigned budget_reserve(const RateLimit& global, const RateLimit& per_client);

// Whom a client's budget counts: an IPv4 address as it is; an IPv6 address by its /64 network
// ("2001:db8:1:2::/64"), as one host (a home, a VPS) is given a /64 and may use any address in it
// (RFC 6177; privacy addresses rotate within it); anything else as it is. `client` is canonical
// (tenki::server::client_address): "2001:db8:1:2::7", not "2001:DB8:1:2:0::7".
std::string budget_client(std::string_view client);

enum class BudgetRefusal {
    client,  // this client made its share of upstream calls: 429
    global,  // every instance together made the provider's share: a stale answer, else 503
};
std::string_view to_string(BudgetRefusal refusal);  // "client", "global"

struct BudgetDecision {
    std::optional<BudgetRefusal> refused;  // nullopt: the call may go ahead; it was counted
    std::chrono::seconds retry_after{0};   // when refused: until a call is allowed again, >= 1 s

    explicit operator bool() const { return !refused; }
};

struct BudgetOptions {
    RateLimit global;                  // per provider, all instances together
    RateLimit per_client;              // per client address, all instances together
    std::size_t max_clients = 100000;  // clients remembered in process; the idlest are forgotten
    std::function<std::chrono::steady_clock::time_point()> now;  // the clock; steady_clock if empty
};

// Decides whether one request may call the upstream. It is asked only for calls about to be made
// (a cache hit never asks), exactly once per call, and a call it allows is counted in both the
// provider's and the client's budget; a refused one is counted in neither. Thread-safe.
class UpstreamBudget {
public:
    virtual ~UpstreamBudget() = default;
    // provider: Provider::name(); client: the client's canonical address, without a port
    // (counted as budget_client says); empty for calls no client asked for (refresh ahead),
    // which only the provider's budget counts. The reserve (budget_reserve) refuses a client's
    // second and later calls in its window, and calls without a client, as `client` (429: that
    // client had its turn; not `global`, which holds every place back) once the provider's window
    // holds global.calls - reserve calls.
    virtual BudgetDecision decide(std::string_view provider, std::string_view client) = 0;
    // The provider refused a call (its 429): every call to it is refused as `global` until its
    // Retry-After has passed (60 s when it did not say; 1 s to 1 h), for every client and instance.
    virtual void provider_refused(std::string_view provider, std::optional<int> retry_after_seconds) = 0;
};

// The error a refused request answers with, saying whose budget is spent and when to try again,
// with retry_after set: too_many_requests (429) for a client's, rate_limited (503) for the
// provider's. decision must be a refusal.
Error refusal_error(const BudgetDecision& decision);

// How long a provider's 429 holds every call: its Retry-After clamped to 1 s ..
// k_max_upstream_wait_s (1 h, tenki/http/retry_after.hpp), else 60 s.
std::chrono::seconds provider_hold(std::optional<int> retry_after_seconds);

// Counted in this process only.
std::unique_ptr<UpstreamBudget> make_local_budget(BudgetOptions options);

// Counted in Redis (sorted sets under `redis.key_prefix` + "budget-", expiring after one window,
// with Redis's own clock), so every instance shares one budget. While Redis fails it counts in
// process, logs that once through redis.log, and tries Redis again every redis.retry_interval.
std::unique_ptr<UpstreamBudget> make_redis_budget(BudgetOptions options, cache::RedisCacheOptions redis);

}  // namespace tenki

// The upstream budget shared by every instance: one Lua script checks the client's window, then
// the provider's, and counts the call in both only when both allow it, atomically, on Redis's clock.
#include <atomic>
#include <mutex>
#include <random>
#include <vector>

#include <fmt/core.h>

#include "cache/redis_connection.hpp"
#include "tenki/budget/upstream_budget.hpp"

namespace tenki {

namespace {

// KEYS: client's set, provider's set, provider's hold. ARGV: client calls, client window ms,
// provider calls, provider window ms, a unique member, the reserve (budget_reserve). Returns 0
// (counted), +ms (client must wait: its own budget, or the reserve kept for clients' first calls),
// -ms (provider).
constexpr const char* k_decide_script = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function wait(key, limit, window)
  if limit <= 0 then return 0 end
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) < limit then return 0 end
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(oldest[2]) + window - now)
end
local c = wait(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
if c > 0 then return c end
local held = redis.call('PTTL', KEYS[3])
if held > 0 then return -held end
local g = wait(KEYS[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
if g > 0 then return -g end
local reserve = tonumber(ARGV[6])
local first = tonumber(ARGV[1]) > 0 and redis.call('ZCARD', KEYS[1]) == 0
if reserve > 0 and not first then
  local room = tonumber(ARGV[3]) - reserve
  local n = redis.call('ZCARD', KEYS[2])
  if n >= room then
    local at = redis.call('ZRANGE', KEYS[2], n - room, n - room, 'WITHSCORES')
    return math.max(1, tonumber(at[2]) + tonumber(ARGV[4]) - now)
  end
end
for i = 1, 2 do
  if tonumber(ARGV[2 * i - 1]) > 0 then
    redis.call('ZADD', KEYS[i], now, ARGV[5])
    redis.call('PEXPIRE', KEYS[i], ARGV[2 * i])
  end
end
return 0
)lua";

using SteadyClock = std::chrono::steady_clock;

// What makes this instance's members unique in the shared sets.
std::string random_base() {
    std::random_device random;
    return fmt::format("{:08x}{:08x}-", random(), random());
}

std::chrono::seconds whole_seconds(long long ms) {
    return std::max(std::chrono::seconds(1),
                    std::chrono::ceil<std::chrono::seconds>(std::chrono::milliseconds(ms)));
}

class RedisBudget : public UpstreamBudget {
public:
    RedisBudget(BudgetOptions options, cache::RedisCacheOptions redis)
        : m_options(options),
          m_redis(std::move(redis)),
          m_local(make_local_budget(std::move(options))),
          m_member_base(random_base()) {}

    BudgetDecision decide(std::string_view provider, std::string_view client) override {
        if (!due()) return m_local->decide(provider, client);
        const auto provider_key = fmt::format("{}budget-{}", m_redis.key_prefix, provider);
        const auto hold_key = provider_key + "-hold";
        auto connection = acquire();
        if (!connection) return fall_back(connection.error(), provider, client);
        const auto client_key = fmt::format("{}budget-client-{}", m_redis.key_prefix, budget_client(client));
        const auto member = m_member_base + std::to_string(m_members.fetch_add(1));
        // No client (the server's own refresh ahead): the provider's budget alone.
        const auto client_calls = std::to_string(client.empty() ? 0U : m_options.per_client.calls);
        const auto client_ms = std::to_string(m_options.per_client.window.count() * 1000);
        const auto global_calls = std::to_string(m_options.global.calls);
        const auto global_ms = std::to_string(m_options.global.window.count() * 1000);
        auto reply =
            connection->command({"EVAL", k_decide_script, "3", client_key, provider_key, hold_key,
                                 client_calls, client_ms, global_calls, global_ms, member,
                                 std::to_string(budget_reserve(m_options.global, m_options.per_client))});
        if (!reply || reply->type != cache::RedisReply::Type::integer)
            return fall_back(reply ? Error{ErrorKind::bad_response, "the budget script answered no number"}
                                   : reply.error(),
                             provider, client);
        release(std::move(*connection));
        recovered();
        if (reply->integer > 0) return {BudgetRefusal::client, whole_seconds(reply->integer)};
        if (reply->integer < 0) return {BudgetRefusal::global, whole_seconds(-reply->integer)};
        return {};
    }

    // Held in Redis for every instance, and here too, so that this instance holds even if Redis fails.
    void provider_refused(std::string_view provider, std::optional<int> retry_after_seconds) override {
        m_local->provider_refused(provider, retry_after_seconds);
        if (!due()) return;
        auto connection = acquire();
        if (!connection) return;
        const auto key = fmt::format("{}budget-{}-hold", m_redis.key_prefix, provider);
        const auto ms = std::to_string(std::chrono::milliseconds(provider_hold(retry_after_seconds)).count());
        // Never shortens a longer hold that another instance set.
        auto held = connection->pipeline({{"SET", key, "1", "PX", ms, "NX"}, {"PEXPIRE", key, ms, "GT"}});
        if (held) release(std::move(*connection));
    }

private:
    bool due() {
        std::lock_guard lock(m_mutex);
        return !m_down || SteadyClock::now() >= m_retry_at;
    }

    Result<cache::RedisConnection> acquire() {
        {
            std::lock_guard lock(m_mutex);
            if (!m_idle.empty()) {
                auto connection = std::move(m_idle.back());
                m_idle.pop_back();
                return connection;
            }
        }
        return cache::RedisConnection::open(m_redis.url, m_redis.connect_timeout, m_redis.command_timeout);
    }

    void release(cache::RedisConnection connection) {
        std::lock_guard lock(m_mutex);
        m_idle.push_back(std::move(connection));
    }

    BudgetDecision fall_back(const Error& error, std::string_view provider, std::string_view client) {
        bool went_down = false;
        {
            std::lock_guard lock(m_mutex);
            went_down = !m_down;
            m_down = true;
            m_retry_at = SteadyClock::now() + m_redis.retry_interval;
            m_idle.clear();
        }
        if (went_down && m_redis.log)
            m_redis.log(
                fmt::format("the upstream budget in Redis at {} failed ({}): counting in this "
                            "process until it is back",
                            m_redis.url.display(), error.message));
        return m_local->decide(provider, client);
    }

    void recovered() {
        bool came_back = false;
        {
            std::lock_guard lock(m_mutex);
            came_back = m_down;
            m_down = false;
        }
        if (came_back && m_redis.log)
            m_redis.log(fmt::format("the upstream budget in Redis at {} is back", m_redis.url.display()));
    }

    BudgetOptions m_options;
    cache::RedisCacheOptions m_redis;
    std::unique_ptr<UpstreamBudget> m_local;
    std::string m_member_base;
    std::atomic<std::uint64_t> m_members{0};
    std::mutex m_mutex;
    std::vector<cache::RedisConnection> m_idle;
    bool m_down = false;
    SteadyClock::time_point m_retry_at;
};

}  // namespace

std::unique_ptr<UpstreamBudget> make_redis_budget(BudgetOptions options, cache::RedisCacheOptions redis) {
    return std::make_unique<RedisBudget>(std::move(options), std::move(redis));
}

}  // namespace tenki

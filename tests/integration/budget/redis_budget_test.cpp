#include <catch2/catch.hpp>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "support/redis_server.hpp"
#include "tenki/budget/upstream_budget.hpp"

using namespace tenki;
using namespace std::chrono_literals;

namespace {

cache::RedisCacheOptions redis_options(const test::RedisServer& redis, std::vector<std::string>& log,
                                       std::mutex& mutex) {
    cache::RedisCacheOptions options;
    options.url = *cache::parse_redis_url(redis.url());
    options.key_prefix = "test-";
    options.retry_interval = 1ms;
    options.connect_timeout = 2s;  // a busy machine's slow redis-server is not a dead one
    options.command_timeout = 2s;
    options.log = [&](const std::string& line) {
        std::lock_guard lock(mutex);
        log.push_back(line);
    };
    return options;
}

// Two instances of the service, each with its own budget, sharing one Redis and one log.
struct TwoInstances {
    explicit TwoInstances(const BudgetOptions& options)
        : first(make_redis_budget(options, redis_options(redis, log, mutex))),
          second(make_redis_budget(options, redis_options(redis, log, mutex))) {}

    // Declared before the budgets, which log through them and stop before them.
    test::RedisServer redis;
    std::mutex mutex;
    std::vector<std::string> log;
    std::unique_ptr<UpstreamBudget> first;
    std::unique_ptr<UpstreamBudget> second;
};

}  // namespace

TEST_CASE("two instances share one upstream budget through Redis", "[integration][budget]") {
    TwoInstances instances(BudgetOptions{{5, 60s}, {3, 60s}, 100000, {}});
    auto& first = instances.first;
    auto& second = instances.second;

    // The client's share is counted across both instances.
    CHECK(first->decide("owm", "198.51.100.1"));
    CHECK(second->decide("owm", "198.51.100.1"));
    CHECK(first->decide("owm", "198.51.100.1"));
    auto client = second->decide("owm", "198.51.100.1");
    CHECK(client.refused == BudgetRefusal::client);
    CHECK(client.retry_after > 0s);
    CHECK(client.retry_after <= 60s);

    // So is the provider's: 3 calls made, 2 left for everyone.
    CHECK(second->decide("owm", "198.51.100.2"));
    CHECK(first->decide("owm", "198.51.100.3"));
    auto global = second->decide("owm", "198.51.100.4");
    CHECK(global.refused == BudgetRefusal::global);
    CHECK(first->decide("owm", "198.51.100.5").refused == BudgetRefusal::global);
    // Another provider's budget is its own.
    CHECK(first->decide("open-meteo", "198.51.100.5"));
    CHECK(instances.log.empty());
}

TEST_CASE("through Redis, a call no client asked for spends the provider's budget only",
          "[integration][budget]") {
    TwoInstances instances(BudgetOptions{{3, 60s}, {1, 60s}, 100000, {}});
    CHECK(instances.first->decide("owm", ""));
    CHECK(instances.second->decide("owm", ""));
    CHECK(instances.first->decide("owm", "198.51.100.1"));
    CHECK(instances.second->decide("owm", "").refused == BudgetRefusal::global);
    CHECK(instances.log.empty());
}

TEST_CASE("with Redis down the budget counts in process, says so once, and shares again when it is back",
          "[integration][budget]") {
    test::RedisServer redis;
    std::mutex mutex;
    std::vector<std::string> log;
    BudgetOptions options{{2, 60s}, {0, 60s}, 100000, {}};
    auto budget = make_redis_budget(options, redis_options(redis, log, mutex));
    CHECK(budget->decide("owm", "a"));
    redis.kill();
    // Still bounded while Redis is away: this process's own count applies.
    CHECK(budget->decide("owm", "a"));
    CHECK(budget->decide("owm", "a"));
    CHECK(budget->decide("owm", "a").refused == BudgetRefusal::global);
    CHECK(budget->decide("owm", "a").refused == BudgetRefusal::global);
    {
        std::lock_guard lock(mutex);
        REQUIRE(log.size() == 1);
        CHECK(log[0].find("counting in this process") != std::string::npos);
    }
    redis.start();  // empty: the budget in Redis starts again
    CHECK(budget->decide("owm", "a"));
    std::lock_guard lock(mutex);
    REQUIRE(log.size() == 2);
    CHECK(log[1].find("is back") != std::string::npos);
}

TEST_CASE("the reserve for clients' first calls and the IPv6 /64 hold across instances through Redis",
          "[integration][budget]") {
    TwoInstances instances(BudgetOptions{{12, 60s}, {2, 60s}, 100000, {}});
    int allowed = 0;
    for (int client = 1; client <= 6; ++client)
        for (int call = 0; call < 2; ++call) {
            auto& instance = call == 0 ? instances.first : instances.second;
            const auto decision = instance->decide("owm", "198.51.100." + std::to_string(client));
            allowed += static_cast<bool>(decision);
            if (!decision) CHECK(decision.refused == BudgetRefusal::client);
        }
    CHECK(allowed == 10);  // four clients twice, two only their first call: 2 of the reserve's 4 left
    CHECK(instances.second->decide("owm", "203.0.113.1"));
    CHECK(instances.first->decide("owm", "203.0.113.2"));
    CHECK(instances.second->decide("owm", "203.0.113.3").refused == BudgetRefusal::global);

    TwoInstances v6(BudgetOptions{{60, 60s}, {2, 60s}, 100000, {}});
    CHECK(v6.first->decide("owm", "2001:db8:1:2::1"));
    CHECK(v6.second->decide("owm", "2001:db8:1:2:ffff::2"));
    CHECK(v6.first->decide("owm", "2001:db8:1:2::3").refused == BudgetRefusal::client);
    CHECK(v6.second->decide("owm", "2001:db8:1:3::1"));
    CHECK(instances.log.empty());  // Redis answered throughout: nothing counted in process alone
}

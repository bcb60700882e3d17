#include <catch2/catch.hpp>

#include <mutex>
#include <thread>
#include <vector>

#include "cache/redis_connection.hpp"
#include "support/fake_provider.hpp"
#include "support/process.hpp"
#include "support/redis_server.hpp"
#include "tenki/cache/redis_cache.hpp"

using namespace tenki;
using namespace tenki::cache;
using namespace std::chrono_literals;

namespace {

// One instance's cache over a shared redis-server, with its log kept for the test.
struct CacheInstance {
    CacheInstance(const test::RedisServer& redis, test::FakeProvider& provider) {
        RedisCacheOptions options;
        options.url = *parse_redis_url(redis.url());
        options.key_prefix = "test-";
        options.retry_interval = 50ms;
        options.local.ttl = 300s;
        options.log = [this](const std::string& line) {
            std::lock_guard lock(mutex);
            logged.push_back(line);
        };
        cache = make_redis_cache(
            options, [&provider](const Location& l) { return provider.current(l); }, threads.executor());
    }

    // Starts a lookup; the answer lands in `answers`.
    void ask(const Location& location) {
        cache->get(location, [this](const Lookup& l) {
            std::lock_guard lock(mutex);
            answers.push_back(l);
        });
    }

    std::size_t log_lines() {
        std::lock_guard lock(mutex);
        return logged.size();
    }

    test::ThreadExecutor threads;  // declared first: joined after the cache is gone
    std::unique_ptr<WeatherCache> cache;
    std::mutex mutex;
    std::vector<Lookup> answers;
    std::vector<std::string> logged;
};

// Waits, without sleeping in fixed steps, until every lookup asked so far is answered.
bool all_answered(CacheInstance& instance, std::size_t n, std::chrono::milliseconds timeout = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        {
            std::lock_guard lock(instance.mutex);
            if (instance.answers.size() >= n) return true;
        }
        std::this_thread::yield();
    }
    return false;
}

bool comes_back(WeatherCache& cache, std::chrono::milliseconds timeout = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (cache.stats().shared->up) return true;
        std::this_thread::sleep_for(10ms);
    }
    return false;
}

const Location k_shared_place{"94107", "us"};

}  // namespace

TEST_CASE("two instances sharing Redis make one upstream call for a cold key",
          "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    CacheInstance a(redis, provider), b(redis, provider);
    provider.hold();
    for (int i = 0; i < 10; ++i) {
        a.ask(k_shared_place);
        b.ask(k_shared_place);
    }
    REQUIRE(provider.wait_for_calls(1));
    // The other instance is waiting on the lock, not calling.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (a.cache->stats().shared->lock_waits + b.cache->stats().shared->lock_waits == 0 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    provider.release();
    REQUIRE(all_answered(a, 10));
    REQUIRE(all_answered(b, 10));
    CHECK(provider.calls() == 1);
    for (auto* instance : {&a, &b})
        for (const auto& answer : instance->answers) CHECK(answer.entry->value);
    // The instance that did not call the upstream read the other's answer from Redis.
    auto sa = a.cache->stats().shared, sb = b.cache->stats().shared;
    CHECK(sa->hits + sb->hits == 1);
    CHECK(sa->lock_waits + sb->lock_waits == 1);
    CHECK(sa->up);
    CHECK(a.log_lines() == 0);

    // The key is the original's, with an expiry of TTL + stale window.
    auto connection = RedisConnection::open(*parse_redis_url(redis.url()), 1s, 1s);
    REQUIRE(connection);
    auto ttl = connection->command({"PTTL", "test-weather-94107,us"});
    REQUIRE(ttl);
    CHECK(ttl->integer > 3600'000);
    CHECK(ttl->integer <= 3900'000);
    CHECK(connection->command({"EXISTS", "test-lock-weather-94107,us"})->integer == 0);

    // A third instance started later answers from Redis, without the upstream.
    CacheInstance c(redis, provider);
    c.ask(k_shared_place);
    REQUIRE(all_answered(c, 1));
    CHECK(c.answers[0].status == CacheStatus::hit);
    CHECK(c.answers[0].max_age > 290s);
    CHECK(provider.calls() == 1);
}

TEST_CASE("a place not found is shared too, for the negative TTL", "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    provider.fail_with({ErrorKind::not_found, "city not found"});
    CacheInstance a(redis, provider), b(redis, provider);
    a.ask(Location{"00000", "us"});
    REQUIRE(all_answered(a, 1));
    b.ask(Location{"00000", "us"});
    REQUIRE(all_answered(b, 1));
    CHECK(b.answers[0].status == CacheStatus::hit);
    REQUIRE(b.answers[0].entry->error);
    CHECK(b.answers[0].entry->error->kind == ErrorKind::not_found);
    CHECK(provider.calls() == 1);
    auto connection = RedisConnection::open(*parse_redis_url(redis.url()), 1s, 1s);
    REQUIRE(connection);
    CHECK(connection->command({"PTTL", "test-weather-00000,us"})->integer <= 60'000);
}

TEST_CASE("Redis killed mid-run loses no lookup; restarted, it is shared again",
          "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    CacheInstance a(redis, provider), b(redis, provider);
    a.ask(k_shared_place);
    REQUIRE(all_answered(a, 1));

    redis.kill();
    std::size_t asked = 0;
    for (const char* code : {"10001", "10002", "10003", "10004"}) {
        a.ask(Location{code, "us"});
        b.ask(Location{code, "us"});
        ++asked;
    }
    REQUIRE(all_answered(a, 1 + asked));
    REQUIRE(all_answered(b, asked));
    for (auto* instance : {&a, &b})
        for (const auto& answer : instance->answers) CHECK(answer.entry->value);
    CHECK_FALSE(a.cache->stats().shared->up);
    CHECK(a.cache->stats().shared->fallbacks >= 1);
    CHECK(a.log_lines() == 1);  // once, not per lookup
    CHECK(b.log_lines() == 1);

    redis.start();
    REQUIRE(comes_back(*a.cache));
    REQUIRE(comes_back(*b.cache));
    CHECK(a.log_lines() == 2);
    CHECK(a.logged.back().find("is back") != std::string::npos);
    const int before = provider.calls();
    provider.hold();
    for (int i = 0; i < 5; ++i) {
        a.ask(Location{"20001", "us"});
        b.ask(Location{"20001", "us"});
    }
    REQUIRE(provider.wait_for_calls(before + 1));
    provider.release();
    REQUIRE(all_answered(a, 1 + asked + 5));
    REQUIRE(all_answered(b, asked + 5));
    CHECK(provider.calls() == before + 1);
}

TEST_CASE("with Redis unreachable every lookup is answered from the upstream, logged once",
          "[integration][cache][redis]") {
    test::FakeProvider provider;
    std::mutex mutex;
    std::vector<std::string> logged;
    RedisCacheOptions options;
    options.url.port = static_cast<std::uint16_t>(test::free_port());  // nothing listens there
    options.key_prefix = "test-";
    options.retry_interval = 50ms;
    options.log = [&](const std::string& line) {
        std::lock_guard lock(mutex);
        logged.push_back(line);
    };
    auto cache = make_redis_cache(
        options, [&](const Location& l) { return provider.current(l); },
        [](std::function<void()> w) { w(); });

    for (const char* code : {"94107", "10001", "60601"}) {
        std::optional<Lookup> answer;
        cache->get(Location{code, "us"}, [&](const Lookup& l) { answer = l; });
        REQUIRE(answer);
        CHECK(answer->status == CacheStatus::miss);
        CHECK(answer->entry->value);
    }
    CHECK(cache->find(Location{"94107", "us"}));  // the in-process layer keeps answers
    CHECK(provider.calls() == 3);
    auto stats = cache->stats();
    REQUIRE(stats.shared);
    CHECK_FALSE(stats.shared->up);
    CHECK(stats.shared->fallbacks == 3);
    CHECK(stats.shared->last_error.find("cannot connect") != std::string::npos);
    std::lock_guard lock(mutex);
    REQUIRE(logged.size() == 1);
    CHECK(logged[0].find("answering from the in-process cache") != std::string::npos);
}

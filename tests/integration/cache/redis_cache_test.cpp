#include <catch2/catch.hpp>

#include <functional>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cache/redis_connection.hpp"
#include "cache/redis_record.hpp"
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
    CacheInstance(const test::RedisServer& redis, test::FakeProvider& provider,
                  const std::function<void(RedisCacheOptions&)>& tweak = {}) {
        RedisCacheOptions options;
        options.url = *parse_redis_url(redis.url());
        options.key_prefix = "test-";
        options.retry_interval = 50ms;
        // Seconds, not the default quarter second: a redis-server the busy machine keeps waiting
        // is not one that is down (the tests of a dead Redis refuse or reset at once).
        options.connect_timeout = 2s;
        options.command_timeout = 2s;
        options.local.ttl = 300s;
        options.log = [this](const std::string& line) {
            std::lock_guard lock(mutex);
            logged.push_back(line);
        };
        if (tweak) tweak(options);
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
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
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

// a's call for the shared place hangs in the provider, then b asks for the same place: b finds the
// place locked in Redis by a call that has not answered yet.
void ask_while_first_call_hangs(CacheInstance& a, CacheInstance& b, test::FakeProvider& provider) {
    provider.hold();
    a.ask(k_shared_place);
    REQUIRE(provider.wait_for_calls(1));
    b.ask(k_shared_place);
}

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
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
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

    // The key is the original's with the record format, with an expiry of TTL + stale window.
    auto connection = RedisConnection::open(*parse_redis_url(redis.url()), 1s, 1s);
    REQUIRE(connection);
    auto ttl = connection->command({"PTTL", "test-weather-v2-94107,us"});
    REQUIRE(ttl);
    CHECK(ttl->integer > 3600'000);
    CHECK(ttl->integer <= 3900'000);
    CHECK(connection->command({"EXISTS", "test-lock-weather-v2-94107,us"})->integer == 0);

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
    CHECK(connection->command({"PTTL", "test-weather-v2-00000,us"})->integer <= 60'000);
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

namespace {

// Short bounds, so that a wait on a hung call ends within the test; long enough that the second
// instance asks while the first one's lock (2.5 s) still stands, however busy the machine.
void short_redis_waits(RedisCacheOptions& options) {
    options.upstream_timeout = 1500ms;
    options.lock_margin = 500ms;
}

bool waits_on_redis_lock(CacheInstance& instance) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (instance.cache->stats().shared->lock_waits == 0) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

RedisConnection redis_for_test(const test::RedisServer& redis) {
    auto connection = RedisConnection::open(*parse_redis_url(redis.url()), 1s, 1s);
    REQUIRE(connection);
    return std::move(*connection);
}

// Sets `key` for `px` milliseconds, as an earlier call (of this or another instance) left it.
void left_in_redis(const test::RedisServer& redis, std::string_view key, std::string_view value,
                   std::string_view px) {
    REQUIRE(redis_for_test(redis).command({"SET", key, value, "PX", px}));
}

}  // namespace

TEST_CASE("a record for another place, an oversized value, a value of another type: absent, Redis still up",
          "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    CacheInstance a(redis, provider);
    auto connection = redis_for_test(redis);
    const Location sf{"94107", "us"}, ny{"10001", "us"}, la{"90001", "us"};
    // A record of New York's weather stored under San Francisco's key.
    const auto wrong_place = encode_record(ny.key(), test::sample_weather(ny), 3600s);
    REQUIRE(connection.command({"SET", redis_key("test-", sf), wrong_place, "PX", "4000000"}));
    const std::string huge(1024 * 1024, 'x');
    REQUIRE(connection.command({"SET", redis_key("test-", ny), huge}));
    REQUIRE(connection.command({"LPUSH", redis_key("test-", la), "not a string"}));
    for (const auto& place : {sf, ny, la}) a.ask(place);
    REQUIRE(all_answered(a, 3));
    CHECK(provider.calls() == 3);  // each was absent: asked upstream
    std::set<std::string> answered;
    for (const auto& answer : a.answers) {
        REQUIRE(answer.entry->value);
        CHECK(answer.status == CacheStatus::miss);
        answered.insert(answer.entry->value->location.postal_code);
    }
    CHECK(answered == std::set<std::string>{"94107", "10001", "90001"});
    auto stats = a.cache->stats().shared;
    CHECK(stats->up);
    CHECK(stats->errors == 0);
    CHECK(stats->fallbacks == 0);
    CHECK(a.log_lines() == 0);
    // ... and each is replaced by a record of the right place.
    for (const auto& place : {sf, ny, la}) {
        auto stored = connection.command({"GET", redis_key("test-", place)});
        REQUIRE(stored);
        CHECK(decode_record(stored->text, 4000'000, place.key()));
    }
}

TEST_CASE("an older instance's records, in its keys or in ours, are not used: a rolling deploy",
          "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    CacheInstance a(redis, provider);
    auto connection = redis_for_test(redis);
    const Location sf{"94107", "us"}, ny{"10001", "us"};
    // What an instance of the record format before writes: its key has no tag, its record no version.
    auto older = nlohmann::json::parse(encode_record(sf.key(), test::sample_weather(sf), 3600s));
    older.erase("version");
    REQUIRE(connection.command({"SET", "test-weather-94107,us", older.dump(), "PX", "4000000"}));
    // A record of another version under this version's key (written by hand, or a later format).
    auto later = nlohmann::json::parse(encode_record(ny.key(), test::sample_weather(ny), 3600s));
    later["version"] = k_record_version + 1;
    REQUIRE(connection.command({"SET", redis_key("test-", ny), later.dump(), "PX", "4000000"}));
    for (const auto& place : {sf, ny}) a.ask(place);
    REQUIRE(all_answered(a, 2));
    CHECK(provider.calls() == 2);  // neither record was used: each place was asked upstream
    for (const auto& answer : a.answers) CHECK(answer.status == CacheStatus::miss);
    // The older instance's record is left as it was, for the older instances still running.
    auto kept = connection.command({"GET", "test-weather-94107,us"});
    REQUIRE(kept);
    CHECK(kept->text == older.dump());
    auto ours = connection.command({"GET", redis_key("test-", sf)});
    REQUIRE(ours);
    CHECK(decode_record(ours->text, 4000'000, sf.key()));
    CHECK(a.cache->stats().shared->errors == 0);
}

TEST_CASE("a lock key found without expiry is given one", "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    CacheInstance a(redis, provider, short_redis_waits);
    auto connection = redis_for_test(redis);
    const auto lock = redis_lock_key("test-", k_shared_place);
    REQUIRE(connection.command({"SET", lock, "left-by-a-crash"}));
    a.ask(k_shared_place);
    REQUIRE(all_answered(a, 1));
    const auto pttl = connection.command({"PTTL", lock});
    REQUIRE(pttl);
    CHECK(pttl->integer != -1);  // an expiry (or already expired: -2)
    RedisCacheOptions options;
    short_redis_waits(options);
    CHECK(pttl->integer <= options.lock_ttl().count());
    // ... and it does expire.
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (connection.command({"EXISTS", lock})->integer == 1 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    CHECK(connection.command({"EXISTS", lock})->integer == 0);
    // Nobody held it: the lookup waited its bound, then answered a timeout without calling.
    REQUIRE(a.answers.front().entry->error);
    CHECK(a.answers.front().entry->error->kind == ErrorKind::timeout);
    CHECK(provider.calls() == 0);
}

TEST_CASE("an instance waiting on another's hung call waits its bound, then answers without calling",
          "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    CacheInstance a(redis, provider, short_redis_waits), b(redis, provider, short_redis_waits);
    ask_while_first_call_hangs(a, b, provider);
    REQUIRE(all_answered(b, 1));  // while a's call still hangs
    const auto& waited = b.answers.front();
    REQUIRE(waited.entry->error);
    CHECK(waited.entry->error->kind == ErrorKind::timeout);
    CHECK(b.cache->stats().shared->lock_waits == 1);
    CHECK(provider.calls() == 1);
    provider.release();
    REQUIRE(all_answered(a, 1));
    CHECK(a.answers.front().entry->value);
    CHECK(provider.calls() == 1);
}

TEST_CASE("past its bound a waiting instance answers the stale record it read",
          "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    CacheInstance a(redis, provider, short_redis_waits), b(redis, provider, short_redis_waits);
    // Past its TTL (what remains of the key is inside the stale window): a stale answer only.
    left_in_redis(redis, redis_key("test-", k_shared_place),
                  encode_record(k_shared_place.key(), test::sample_weather(k_shared_place), 3600s),
                  "1800000");
    ask_while_first_call_hangs(a, b, provider);
    REQUIRE(all_answered(b, 1));
    CHECK(b.answers.front().status == CacheStatus::stale);
    CHECK(b.answers.front().entry->value);
    provider.release();
    REQUIRE(all_answered(a, 1));
    CHECK(provider.calls() == 1);
}

TEST_CASE("instances waiting on a call that fails answer its failure, without a second call",
          "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    CacheInstance a(redis, provider), b(redis, provider);
    provider.fail_with(Error{ErrorKind::unreachable, "connection refused"});
    ask_while_first_call_hangs(a, b, provider);
    REQUIRE(waits_on_redis_lock(b));
    provider.release();
    REQUIRE(all_answered(a, 1));
    REQUIRE(all_answered(b, 1));
    CHECK(provider.calls() == 1);
    REQUIRE(b.answers.front().entry->error);
    CHECK(b.answers.front().entry->error->kind == ErrorKind::unreachable);
    CHECK(b.answers.front().entry->error->message == "connection refused");
    // The failure is not cached: the next lookup calls again.
    b.ask(k_shared_place);
    REQUIRE(all_answered(b, 2));
    CHECK(provider.calls() == 2);
}

TEST_CASE("a failure left by an older call is not taken for a new one", "[integration][cache][redis]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    CacheInstance a(redis, provider);
    left_in_redis(
        redis, redis_failure_key("test-", k_shared_place),
        encode_failure(k_shared_place.key(), SharedFailure{"gone-1", Error{ErrorKind::timeout, "old"}}),
        "60000");
    a.ask(k_shared_place);
    REQUIRE(all_answered(a, 1));
    CHECK(a.answers.front().entry->value);
    CHECK(provider.calls() == 1);
}

TEST_CASE("forecasts are checked too: another place's record or an oversized value is absent",
          "[integration][cache][redis][forecast]") {
    test::RedisServer redis;
    test::FakeProvider provider;
    test::ThreadExecutor threads;
    RedisCacheOptions options;
    options.url = *parse_redis_url(redis.url());
    options.key_prefix = "test-";
    options.local.ttl = 1800s;
    auto cache = make_redis_cache_of<Forecast>(
        options, [&provider](const Location& l, const Asking&) { return provider.forecast(l); },
        threads.executor());
    auto connection = redis_for_test(redis);
    const Location sf{"94107", "us"}, ny{"10001", "us"};
    const auto wrong_place = encode_record<Forecast>(ny.key(), test::sample_forecast(ny), 3600s);
    REQUIRE(connection.command({"SET", redis_key("test-", "forecast", sf), wrong_place, "PX", "4000000"}));
    REQUIRE(connection.command({"SET", redis_key("test-", "forecast", ny), std::string(100 * 1024, '{')}));
    std::mutex mutex;
    std::vector<BasicLookup<Forecast>> answers;
    for (const auto& place : {sf, ny})
        cache->get(place, [&](const BasicLookup<Forecast>& l) {
            std::lock_guard lock(mutex);
            answers.push_back(l);
        });
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    for (;;) {
        {
            std::lock_guard lock(mutex);
            if (answers.size() == 2 || std::chrono::steady_clock::now() >= deadline) break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::lock_guard lock(mutex);
    REQUIRE(answers.size() == 2);
    CHECK(provider.calls() == 2);
    std::set<std::string> answered;
    for (const auto& answer : answers) {
        REQUIRE(answer.entry->value);
        CHECK(answer.status == CacheStatus::miss);
        answered.insert(answer.entry->value->location.postal_code);
    }
    CHECK(answered == std::set<std::string>{"94107", "10001"});
    CHECK(cache->stats().shared->errors == 0);
}

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cache/redis_health.hpp"
#include "cache/redis_record.hpp"
#include "support/fake_provider.hpp"
#include "tenki/cache/redis_cache.hpp"

using namespace tenki;
using namespace tenki::cache;
using namespace std::chrono_literals;

TEST_CASE("Redis URLs parse as REDIS_URL spells them", "[cache][redis]") {
    auto plain = parse_redis_url("redis://127.0.0.1:6379/0");
    REQUIRE(plain);
    CHECK(plain->host == "127.0.0.1");
    CHECK(plain->port == 6379);
    CHECK(plain->db == 0);
    CHECK(plain->password.empty());

    auto defaults = parse_redis_url("redis://cache.internal");
    REQUIRE(defaults);
    CHECK(defaults->host == "cache.internal");
    CHECK(defaults->port == 6379);
    CHECK(defaults->db == 0);

    auto full = parse_redis_url("redis://tenki:s3cret@10.0.0.5:6380/3");
    REQUIRE(full);
    CHECK(full->user == "tenki");
    CHECK(full->password == "s3cret");
    CHECK(full->port == 6380);
    CHECK(full->db == 3);
    CHECK(full->display() == "redis://tenki:***@10.0.0.5:6380/3");

    auto password_only = parse_redis_url("redis://:s3cret@localhost/");
    REQUIRE(password_only);
    CHECK(password_only->user.empty());
    CHECK(password_only->password == "s3cret");
    CHECK(password_only->db == 0);

    auto v6 = parse_redis_url("redis://[::1]:7000/1");
    REQUIRE(v6);
    CHECK(v6->host == "::1");
    CHECK(v6->port == 7000);
    CHECK(v6->display() == "redis://[::1]:7000/1");

    for (const char* bad : {"http://127.0.0.1:6379", "redis://", "redis://host:0", "redis://host:99999",
                            "redis://host:port", "redis://host/db", "redis://[::1", "127.0.0.1:6379"}) {
        INFO(bad);
        auto parsed = parse_redis_url(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::invalid_input);
        CHECK(parsed.error().message.find("redis://127.0.0.1:6379/0") != std::string::npos);
    }
}

TEST_CASE("a malformed Redis URL never prints its password", "[cache][redis]") {
    for (const char* bad : {"redis://tenki:s3cret@host:port", "redis://:s3cret@[::1", "http://:s3cret@host",
                            "redis://u:s3cret@@host:0", "s3cret@host:6379", "redis://tenki:s3cret@/0"}) {
        INFO(bad);
        auto parsed = parse_redis_url(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().message.find("s3cret") == std::string::npos);
        CHECK(parsed.error().message.find("***@") != std::string::npos);
    }
}

TEST_CASE("Redis keys are the original's with the record format, under the environment's prefix",
          "[cache][redis]") {
    CHECK(redis_key("test-", Location{"94107", "us"}) == "test-weather-v2-94107,us");
    CHECK(redis_key("", Location{"SW1A 1AA", "gb"}) == "weather-v2-SW1A 1AA,gb");
    CHECK(redis_lock_key("test-", Location{"94107", "us"}) == "test-lock-weather-v2-94107,us");
    CHECK(redis_failure_key("test-", Location{"94107", "us"}) == "test-failed-weather-v2-94107,us");
    CHECK(redis_failure_key("", "forecast", Location{"94107", "us"}) == "failed-forecast-v2-94107,us");
    CHECK(k_record_tag == "v" + std::to_string(k_record_version));
}

TEST_CASE("a record of another format version is not used", "[cache][redis]") {
    const auto weather = test::sample_weather(Location{"94107", "us"});
    const auto record = nlohmann::json::parse(encode_record("94107,us", weather, 3600s));
    CHECK(record.at("version") == k_record_version);
    CHECK(decode_record(record.dump(), 4000'000, "94107,us"));
    for (const auto& version : {nlohmann::json(nullptr), nlohmann::json(1),
                                nlohmann::json(k_record_version + 1), nlohmann::json("2")}) {
        INFO(version.dump());
        auto other = record;
        if (version.is_null())
            other.erase("version");  // an unversioned record: what tenki wrote before versions
        else
            other["version"] = version;
        CHECK_FALSE(decode_record(other.dump(), 4000'000, "94107,us"));
    }
    // The record of the version before (condition.code, owm_document), as an older instance writes it.
    auto older = record;
    older.erase("version");
    older["weather"]["condition"] = {
        {"code", 800}, {"main", "Clear"}, {"description", "clear sky"}, {"icon", "01d"}};
    older["weather"].erase("provider_part");
    older["weather"]["owm_document"] = nullptr;
    CHECK_FALSE(decode_record(older.dump(), 4000'000, "94107,us"));
}

TEST_CASE("a stored record keeps the weather and what remains of its TTL", "[cache][redis]") {
    const auto weather = test::sample_weather(Location{"94107", "us"});
    auto text = encode_record("94107,us", weather, 3600s);
    auto fresh = decode_record(text, 3600'000 + 250'000, "94107,us");  // PTTL: stale window + 250 s
    REQUIRE(fresh);
    REQUIRE(fresh->result);
    CHECK(*fresh->result == weather);
    CHECK(fresh->fresh_for == 250s);

    auto expired = decode_record(text, 1000'000, "94107,us");  // inside the stale window only
    REQUIRE(expired);
    CHECK(expired->fresh_for <= 0ms);

    auto missing = decode_record(encode_record("00001,us", fail(ErrorKind::not_found, "city not found"), 0s),
                                 60'000, "00001,us");
    REQUIRE(missing);
    REQUIRE_FALSE(missing->result);
    CHECK(missing->result.error().kind == ErrorKind::not_found);
    CHECK(missing->fresh_for == 60s);

    CHECK_FALSE(decode_record(text, -2, "94107,us"));
    CHECK_FALSE(decode_record("not json", 1000, "94107,us"));
    CHECK_FALSE(decode_record(R"({"something":"else"})", 1000, "94107,us"));
    CHECK_FALSE(decode_record(R"(["94107,us"])", 1000, "94107,us"));
}

TEST_CASE("a record read from Redis is used only for the place it was written for", "[cache][redis]") {
    const auto weather = test::sample_weather(Location{"94107", "us"});
    auto text = encode_record("94107,us", weather, 3600s);
    CHECK(decode_record(text, 4000'000, "94107,us"));
    CHECK_FALSE(decode_record(text, 4000'000, "10001,us"));
    // A record without its place (an older tenki's, or someone else's) is not trusted either.
    auto unplaced = nlohmann::json::parse(text);
    unplaced.erase("place");
    CHECK_FALSE(decode_record(unplaced.dump(), 4000'000, "94107,us"));
    unplaced["place"] = 94107;
    CHECK_FALSE(decode_record(unplaced.dump(), 4000'000, "94107,us"));
}

TEST_CASE("a forecast record is checked for its place, and is no weather record",
          "[cache][redis][forecast]") {
    const Location sf{"94107", "us"};
    const auto forecast = test::sample_forecast(sf);
    auto text = encode_record<Forecast>(sf.key(), forecast, 3600s);
    auto read = decode_record<Forecast>(text, 4000'000, sf.key());
    REQUIRE(read);
    REQUIRE(read->result);
    CHECK(*read->result == forecast);
    CHECK_FALSE(decode_record<Forecast>(text, 4000'000, "10001,us"));
    CHECK_FALSE(decode_record<Weather>(text, 4000'000, sf.key()));
}

TEST_CASE("a failed call's error is kept for its waiters, for its place and call only", "[cache][redis]") {
    auto text =
        encode_failure("94107,us", SharedFailure{"a1-7", Error{ErrorKind::timeout, "no answer in 8 s"}});
    auto failure = decode_failure(text, "94107,us");
    REQUIRE(failure);
    CHECK(failure->call == "a1-7");
    CHECK(failure->error.kind == ErrorKind::timeout);
    CHECK(failure->error.message == "no answer in 8 s");
    CHECK_FALSE(failure->error.retry_after);
    CHECK_FALSE(decode_failure(text, "10001,us"));
    CHECK_FALSE(decode_failure(R"({"place":"94107,us","call":"x","kind":"invalid_input","message":"x"})",
                               "94107,us"));
    CHECK_FALSE(decode_failure("not json", "94107,us"));
    auto limited = decode_failure(
        encode_failure("94107,us", SharedFailure{"b2-1", Error{ErrorKind::rate_limited, "slow", 30}}),
        "94107,us");
    REQUIRE(limited);
    CHECK(limited->error.retry_after == 30);
}

TEST_CASE("waiters share the upstream's failures, never the question's", "[cache][redis]") {
    for (auto kind : {ErrorKind::unauthorized, ErrorKind::rate_limited, ErrorKind::unreachable,
                      ErrorKind::timeout, ErrorKind::bad_response, ErrorKind::internal}) {
        INFO(to_string(kind));
        CHECK(shares_failure(kind));
        CHECK(decode_failure(encode_failure("94107,us", SharedFailure{"c", Error{kind, "m"}}), "94107,us"));
    }
    for (auto kind : {ErrorKind::invalid_input, ErrorKind::not_found, ErrorKind::io}) {
        INFO(to_string(kind));
        CHECK_FALSE(shares_failure(kind));
        CHECK_FALSE(
            decode_failure(encode_failure("94107,us", SharedFailure{"c", Error{kind, "m"}}), "94107,us"));
    }
}

TEST_CASE("a waiter waits one upstream call and a margin, and the lock outlives its wait", "[cache][redis]") {
    RedisCacheOptions options;
    options.upstream_timeout = 2s;
    options.lock_margin = 500ms;
    CHECK(options.longest_wait() == 2500ms);
    CHECK(options.lock_ttl() > options.longest_wait());
}

TEST_CASE("caches sharing one Redis say its outage once: down with the first, back with the last",
          "[cache][redis]") {
    std::vector<std::string> said;
    RedisOutageNotices notices([&](const std::string& line) { said.push_back(line); });
    RedisUrl url;
    url.password = "hidden";
    notices.went_down(url, "Connection refused", 1000ms);  // the weather's cache
    notices.went_down(url, "Connection refused", 1000ms);  // the forecast's
    REQUIRE(said.size() == 1);
    CHECK(said[0] ==
          "Redis at " + url.display() +
              " failed (Connection refused): answering from the in-process cache and the upstream, "
              "reconnecting every 1000 ms");
    CHECK(said[0].find("hidden") == std::string::npos);
    notices.came_back(url);
    CHECK(said.size() == 1);  // the other cache has not reconnected yet
    notices.came_back(url);
    REQUIRE(said.size() == 2);
    CHECK(said[1] == "Redis at " + url.display() + " is back: sharing the cache again");
    notices.came_back(url);  // no outage to end
    CHECK(said.size() == 2);
}

TEST_CASE("Redis health goes down once, stays down until a reconnection, comes back once", "[cache][redis]") {
    using HClock = RedisHealth::Clock;
    RedisHealth health(1000ms);
    const auto t0 = HClock::time_point{} + 100s;
    CHECK(health.up());
    CHECK_FALSE(health.reconnect_due(t0));
    CHECK(health.succeeded() == RedisHealth::Change::none);

    CHECK(health.failed("connection refused", t0) == RedisHealth::Change::went_down);
    CHECK_FALSE(health.up());
    CHECK(health.last_error() == "connection refused");
    // Every further failure is the same outage: nothing more to log.
    CHECK(health.failed("timed out", t0 + 10ms) == RedisHealth::Change::none);
    CHECK(health.last_error() == "timed out");
    CHECK_FALSE(health.reconnect_due(t0 + 500ms));
    CHECK(health.reconnect_due(t0 + 1010ms));
    CHECK(health.failed("connection refused", t0 + 1010ms) == RedisHealth::Change::none);
    CHECK_FALSE(health.reconnect_due(t0 + 1500ms));

    CHECK(health.succeeded() == RedisHealth::Change::came_back);
    CHECK(health.up());
    CHECK(health.succeeded() == RedisHealth::Change::none);
    CHECK(health.failed("reset", t0 + 5s) == RedisHealth::Change::went_down);
}

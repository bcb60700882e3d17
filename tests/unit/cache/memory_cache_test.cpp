#include <catch2/catch.hpp>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "cache/memory_cache.hpp"
#include "support/fake_provider.hpp"
#include "tenki/cache/weather_cache.hpp"

using namespace tenki;
using namespace tenki::cache;
using namespace std::chrono_literals;

namespace {

// A clock the test moves by hand.
struct TestClock {
    std::atomic<Clock::rep> offset{0};
    Clock::time_point base = Clock::now();
    Clock::time_point now() const { return base + Clock::duration(offset.load()); }
    void advance(std::chrono::seconds s) { offset += std::chrono::duration_cast<Clock::duration>(s).count(); }
};

auto inline_executor() {
    return [](std::function<void()> work) { work(); };
}

MemoryCacheOptions options_with(TestClock& clock, std::size_t max_entries = 100) {
    MemoryCacheOptions o;
    o.ttl = 300s;
    o.stale_window = 3600s;
    o.negative_ttl = 60s;
    o.max_entries = max_entries;
    o.now = [&clock] { return clock.now(); };
    return o;
}

Lookup get_now(WeatherCache& cache, const Location& location) {
    std::optional<Lookup> out;
    cache.get(location, [&](const Lookup& l) { out = l; });
    REQUIRE(out);  // the inline executor answers before get() returns
    return *out;
}

const Location k_place{"19021", "us"};

}  // namespace

TEST_CASE("a fetched entry is fresh for its TTL, then fetched again", "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    auto cache = make_memory_cache(
        options_with(clock), [&](const Location& l) { return provider.current(l); }, inline_executor());
    CHECK_FALSE(cache->find(k_place));
    auto first = get_now(*cache, k_place);
    CHECK(first.status == CacheStatus::miss);
    CHECK(first.max_age == 300s);
    REQUIRE(first.entry->value);
    CHECK(first.entry->expires_at - first.entry->fetched_at == 300s);  // data and times, no documents

    clock.advance(299s);
    auto hit = cache->find(k_place);
    REQUIRE(hit);
    CHECK(hit->status == CacheStatus::hit);
    CHECK(hit->max_age == 1s);
    CHECK(hit->entry == first.entry);
    CHECK(provider.calls() == 1);

    clock.advance(1s);
    CHECK_FALSE(cache->find(k_place));
    CHECK(get_now(*cache, k_place).status == CacheStatus::miss);
    CHECK(provider.calls() == 2);
}

TEST_CASE("concurrent misses for one key make exactly one upstream call", "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    std::unique_ptr<WeatherCache> cache;
    test::ThreadExecutor pool;  // joined before the cache goes
    cache = make_memory_cache(
        options_with(clock), [&](const Location& l) { return provider.current(l); }, pool.executor());
    provider.hold();
    constexpr int k_clients = 32;
    std::mutex mutex;
    std::condition_variable answered;
    int answers = 0;
    int misses = 0;
    std::vector<std::thread> clients;
    for (int i = 0; i < k_clients; ++i) {
        clients.emplace_back([&] {
            cache->get(k_place, [&](const Lookup& l) {
                std::lock_guard lock(mutex);
                ++answers;
                if (l.status == CacheStatus::miss && l.entry->value) ++misses;
                answered.notify_all();
            });
        });
    }
    for (auto& c : clients) c.join();  // every get() has registered by now, none answered
    REQUIRE(provider.wait_for_calls(1));
    CHECK(cache->stats().waiting == k_clients);
    {
        std::lock_guard lock(mutex);
        CHECK(answers == 0);
    }
    provider.release();
    std::unique_lock lock(mutex);
    REQUIRE(answered.wait_for(lock, 5s, [&] { return answers == k_clients; }));
    CHECK(misses == k_clients);
    CHECK(provider.calls() == 1);
    CHECK(cache->stats().waiting == 0);
}

TEST_CASE("an expired entry answers, marked stale, while the upstream fails", "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    auto cache = make_memory_cache(
        options_with(clock), [&](const Location& l) { return provider.current(l); }, inline_executor());
    auto fresh = get_now(*cache, k_place);
    clock.advance(400s);
    provider.fail_with({ErrorKind::timeout, "the upstream timed out"});
    auto stale = get_now(*cache, k_place);
    CHECK(stale.status == CacheStatus::stale);
    CHECK(stale.entry == fresh.entry);
    CHECK(stale.max_age == 0s);

    SECTION("past the stale window the error is the answer") {
        clock.advance(3600s);
        auto late = get_now(*cache, k_place);
        CHECK(late.status == CacheStatus::miss);
        REQUIRE(late.entry->error);
        CHECK(late.entry->error->kind == ErrorKind::timeout);
    }
    SECTION("once the upstream is back, the answer is fresh again") {
        provider.succeed();
        auto back = get_now(*cache, k_place);
        CHECK(back.status == CacheStatus::miss);
        CHECK(back.entry->value);
        CHECK(cache->find(k_place));
    }
}

TEST_CASE("upstream failures without an older entry are not cached", "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    auto cache = make_memory_cache(
        options_with(clock), [&](const Location& l) { return provider.current(l); }, inline_executor());
    provider.fail_with({ErrorKind::bad_response, "garbage"});
    auto a = get_now(*cache, k_place);
    REQUIRE(a.entry->error);
    CHECK(a.entry->error->kind == ErrorKind::bad_response);
    get_now(*cache, k_place);
    CHECK(provider.calls() == 2);
    CHECK(cache->stats().entries == 0);
}

TEST_CASE("not found is cached briefly so a typo cannot drain the quota", "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    auto cache = make_memory_cache(
        options_with(clock), [&](const Location& l) { return provider.current(l); }, inline_executor());
    provider.fail_with({ErrorKind::not_found, "city not found"});
    auto first = get_now(*cache, k_place);
    REQUIRE(first.entry->error);
    CHECK(first.entry->error->kind == ErrorKind::not_found);
    CHECK(first.max_age == 60s);
    auto again = cache->find(k_place);
    REQUIRE(again);
    CHECK(again->entry->error->kind == ErrorKind::not_found);
    CHECK(provider.calls() == 1);
    clock.advance(60s);
    CHECK_FALSE(cache->find(k_place));
}

TEST_CASE("the cache stays within its size bound", "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    auto cache = make_memory_cache(
        options_with(clock, 4), [&](const Location& l) { return provider.current(l); }, inline_executor());
    for (int i = 0; i < 20; ++i) {
        clock.advance(1s);
        get_now(*cache, Location{std::to_string(10000 + i), "us"});
        CHECK(cache->stats().entries <= 4);
    }
    CHECK(cache->stats().entries == 4);
    CHECK(cache->find(Location{"10019", "us"}));  // the newest stays
    CHECK_FALSE(cache->find(Location{"10000", "us"}));
}

TEST_CASE("cache statuses have their header names", "[cache]") {
    CHECK(to_string(CacheStatus::hit) == "HIT");
    CHECK(to_string(CacheStatus::miss) == "MISS");
    CHECK(to_string(CacheStatus::stale) == "STALE");
}

TEST_CASE("over a shared source, a shared hit keeps the source's remaining TTL", "[cache]") {
    TestClock clock;
    int calls = 0;
    auto source = [&](const Location& l, const Asking&) {
        ++calls;
        return Sourced{test::sample_weather(l), CacheStatus::hit, std::chrono::seconds(42)};
    };
    auto cache = make_memory_cache_over(options_with(clock), source, inline_executor(), {});
    auto first = get_now(*cache, k_place);
    CHECK(first.status == CacheStatus::hit);
    CHECK(first.max_age == 42s);
    CHECK_FALSE(cache->stats().shared);
    clock.advance(41s);
    CHECK(cache->find(k_place));
    clock.advance(1s);
    CHECK_FALSE(cache->find(k_place));
    CHECK(calls == 1);
}

TEST_CASE("over a shared source, a stale answer is passed on and not kept", "[cache]") {
    TestClock clock;
    auto source = [](const Location& l, const Asking&) {
        return Sourced{test::sample_weather(l), CacheStatus::stale, {}};
    };
    auto cache = make_memory_cache_over(options_with(clock), source, inline_executor(), {});
    auto answer = get_now(*cache, k_place);
    CHECK(answer.status == CacheStatus::stale);
    CHECK(answer.max_age == 0s);
    REQUIRE(answer.entry->value);
    CHECK_FALSE(cache->find(k_place));
}

TEST_CASE("a 429 backs off every key for its Retry-After without calling the upstream", "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    auto cache = make_memory_cache(
        options_with(clock), [&](const Location& l) { return provider.current(l); }, inline_executor());
    const Location other{"10001", "us"};
    get_now(*cache, other);  // a cached answer, to stand in while backing off
    clock.advance(301s);     // ... once expired
    REQUIRE(provider.calls() == 1);

    provider.fail_with(Error{ErrorKind::rate_limited, "slow down", 30});
    auto limited = get_now(*cache, k_place);
    REQUIRE(limited.entry->error);
    CHECK(limited.entry->error->kind == ErrorKind::rate_limited);
    CHECK(provider.calls() == 2);

    provider.succeed();
    clock.advance(10s);
    auto again = get_now(*cache, k_place);  // no stale entry: the back-off answers, with what is left
    REQUIRE(again.entry->error);
    CHECK(again.entry->error->kind == ErrorKind::rate_limited);
    CHECK(again.entry->error->retry_after == 20);
    auto stale = get_now(*cache, other);  // another key: its stale answer, still no call
    CHECK(stale.status == CacheStatus::stale);
    CHECK(stale.entry->value);
    CHECK(provider.calls() == 2);

    clock.advance(21s);  // the limit is over: the upstream is asked again
    auto fresh = get_now(*cache, k_place);
    CHECK(fresh.entry->value);
    CHECK(provider.calls() == 3);
}

TEST_CASE("a 429 without Retry-After backs off for a minute; a huge one for an hour at most", "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    auto cache = make_memory_cache(
        options_with(clock), [&](const Location& l) { return provider.current(l); }, inline_executor());
    provider.fail_with(Error{ErrorKind::rate_limited, "slow down"});
    get_now(*cache, k_place);
    provider.succeed();
    CHECK(get_now(*cache, k_place).entry->error->retry_after == 60);
    clock.advance(60s);
    provider.fail_with(Error{ErrorKind::rate_limited, "slow down", 1'000'000});
    get_now(*cache, k_place);
    CHECK(get_now(*cache, k_place).entry->error->retry_after == 3600);
    CHECK(provider.calls() == 2);
}

TEST_CASE("a hot entry is refreshed once in the background before it expires", "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    auto options = options_with(clock);
    options.refresh_ahead = 0.1;  // the last 30 s of 300
    auto cache = make_memory_cache(
        options, [&](const Location& l) { return provider.current(l); }, inline_executor());
    auto first = get_now(*cache, k_place);
    clock.advance(269s);
    CHECK(get_now(*cache, k_place).entry == first.entry);  // not yet in its last part
    CHECK(provider.calls() == 1);

    clock.advance(1s);  // 30 s left: hot
    auto hot = cache->find(k_place);
    REQUIRE(hot);
    CHECK(hot->entry == first.entry);  // answered at once from the old entry...
    CHECK(provider.calls() == 2);      // ...while it is refreshed
    auto renewed = cache->find(k_place);
    REQUIRE(renewed);
    CHECK(renewed->entry != first.entry);
    CHECK(renewed->max_age == 300s);
    CHECK(cache->stats().refreshed_ahead == 1);

    // A refresh that fails keeps the entry, and is not tried again for it.
    clock.advance(275s);
    provider.fail_with({ErrorKind::unreachable, "connection refused"});
    CHECK(get_now(*cache, k_place).status == CacheStatus::hit);
    CHECK(provider.calls() == 3);
    clock.advance(5s);
    CHECK(get_now(*cache, k_place).status == CacheStatus::hit);
    CHECK(provider.calls() == 3);
    CHECK(cache->stats().refreshed_ahead == 2);
}

TEST_CASE("a lookup queued behind busy upstream threads past max_queue_wait answers without calling",
          "[cache]") {
    TestClock clock;
    test::FakeProvider provider;
    std::vector<std::function<void()>> queued;  // the upstream pool, every thread busy
    auto options = options_with(clock);
    options.max_queue_wait = 2000ms;
    auto cache = make_memory_cache(
        options, [&](const Location& l) { return provider.current(l); },
        [&](std::function<void()> work) { queued.push_back(std::move(work)); });
    std::optional<Lookup> answer;
    const auto ask = [&] {
        answer.reset();
        cache->get(k_place, [&](const Lookup& l) { answer = l; });
        REQUIRE(queued.size() == 1);
    };
    const auto run_after = [&](std::chrono::seconds wait) {
        clock.advance(wait);
        auto work = std::move(queued.front());
        queued.clear();
        work();
        REQUIRE(answer);
    };

    ask();
    run_after(1s);  // within the bound: the call is made
    CHECK(provider.calls() == 1);
    CHECK(answer->entry->value);

    clock.advance(400s);  // expired, inside the stale window
    ask();
    run_after(3s);
    CHECK(provider.calls() == 1);
    CHECK(answer->status == CacheStatus::stale);
    CHECK(answer->entry->value);

    clock.advance(3600s);  // past the stale window: a timeout, not cached
    ask();
    run_after(3s);
    CHECK(provider.calls() == 1);
    REQUIRE(answer->entry->error);
    CHECK(answer->entry->error->kind == ErrorKind::timeout);
    ask();
    run_after(0s);
    CHECK(provider.calls() == 2);
    CHECK(answer->entry->value);
}

namespace {

// A forecast of `steps` hourly steps for the place: its size grows with them.
Forecast forecast_of(const Location& where, int steps) {
    Forecast f;
    f.location = where;
    f.place_name = "a place with a name longer than the small-string buffer";
    for (int i = 0; i < steps; ++i) {
        ForecastStep s;
        s.time = 1717430400 + i * 3600;
        s.temp = 285.0;
        s.condition = Condition{ConditionKind::light_rain, "Rain", "light rain", "10d"};
        f.hourly.push_back(s);
    }
    return f;
}

std::shared_ptr<const CacheEntry<Forecast>> get_forecast(Cache<Forecast>& cache, const Location& where) {
    std::shared_ptr<const CacheEntry<Forecast>> out;
    cache.get(where, [&](const BasicLookup<Forecast>& l) { out = l.entry; });
    REQUIRE(out);
    return out;
}

}  // namespace

TEST_CASE("an entry's bytes count its data: strings past the small buffer, every step", "[cache]") {
    const Location where{"94107", "us"};
    const auto small = forecast_of(where, 1);
    const auto large = forecast_of(where, 48);
    CHECK(cached_bytes(large) - cached_bytes(small) >= 47 * sizeof(ForecastStep));
    CHECK(cached_bytes(small) > sizeof(Forecast) + small.place_name.size());
    auto entry = make_entry<Forecast>(large, Clock::now(), 300s);
    CHECK(entry_bytes(where.key(), *entry) > cached_bytes(*entry->value));  // the entry's own copy
}

TEST_CASE("the cache is bounded by bytes: the entries closest to expiry make room", "[cache]") {
    TestClock clock;
    auto options = options_with(clock);
    const Location a{"10001", "us"}, b{"10002", "us"}, c{"10003", "us"}, d{"10004", "us"};
    const auto one = entry_bytes(a.key(), *make_entry<Forecast>(forecast_of(a, 48), clock.now(), 300s));
    options.max_bytes = one * 3 + one / 2;  // three entries fit, not four
    int calls = 0;
    auto cache = make_memory_cache_of<Forecast>(
        options,
        [&](const Location& where, const Asking&) -> Result<Forecast> {
            ++calls;
            return forecast_of(where, 48);
        },
        inline_executor());
    for (const auto& where : {a, b, c}) {
        get_forecast(*cache, where);
        clock.advance(1s);
    }
    CHECK(cache->stats().entries == 3);
    CHECK(cache->stats().bytes == 3 * one);
    get_forecast(*cache, d);  // a, the closest to expiry, makes room
    CHECK(cache->stats().entries == 3);
    CHECK(cache->stats().bytes <= options.max_bytes);
    CHECK_FALSE(cache->find(a));
    CHECK(cache->find(b));
    CHECK(cache->find(d));
    CHECK(calls == 4);

    // A place with twice the steps costs more: two make room for it.
    auto twice = make_memory_cache_of<Forecast>(
        options,
        [&](const Location& where, const Asking&) -> Result<Forecast> {
            return forecast_of(where, where.postal_code == "10004" ? 96 : 48);
        },
        inline_executor());
    for (const auto& where : {a, b, c, d}) {
        get_forecast(*twice, where);
        clock.advance(1s);
    }
    CHECK(twice->stats().entries == 2);  // c and the larger d
    CHECK(twice->find(d));
    CHECK_FALSE(twice->find(b));
}

TEST_CASE("without a byte bound, only the entries are counted", "[cache]") {
    TestClock clock;
    auto cache = make_memory_cache_of<Forecast>(
        options_with(clock, 2),
        [&](const Location& where, const Asking&) -> Result<Forecast> { return forecast_of(where, 480); },
        inline_executor());
    for (const auto& zip : {"10001", "10002", "10003"}) get_forecast(*cache, Location{zip, "us"});
    CHECK(cache->stats().entries == 2);
    CHECK(cache->stats().bytes > 2 * 480 * sizeof(ForecastStep));
}

#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "providers/provider_setup.hpp"
#include "support/fake_provider.hpp"
#include "support/temp_dir.hpp"
#include "tenki/cache/disk_cache.hpp"
#include "tenki/providers/table.hpp"
#include "tenki/service/service.hpp"

using namespace tenki;
using namespace std::chrono_literals;

namespace {

const Settings k_settings{Environment::test, "19021", "us", "test-"};

std::int64_t util_now_for_stale_test() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::unique_ptr<WeatherService> service_over(test::FakeProvider& provider, ServiceOptions options = {},
                                             std::string name = {}) {
    options.settings = k_settings;
    return std::make_unique<WeatherService>(
        std::move(options), std::make_unique<test::BorrowedProvider>(provider, std::move(name)));
}

}  // namespace

TEST_CASE("resolve: the default place, its country and its usual units", "[service]") {
    auto q = resolve({}, k_settings);
    REQUIRE(q);
    CHECK(q->location == Location{"19021", "us"});
    CHECK(q->units == Units::imperial);

    auto london = resolve({"SW1A 1AA", "gb", std::nullopt}, k_settings);
    REQUIRE(london);
    CHECK(london->location.country == "gb");
    CHECK(london->units == Units::metric);

    auto asked = resolve({"94107,us", std::nullopt, "metric"}, k_settings);
    REQUIRE(asked);
    CHECK(asked->location == Location{"94107", "us"});
    CHECK(asked->units == Units::metric);

    // "auto" is the default, as on the command line; any case, as the other names.
    for (const char* automatic : {"auto", "AUTO", " Auto "}) {
        INFO(automatic);
        auto chosen = resolve({"SW1A 1AA", "gb", automatic}, k_settings);
        REQUIRE(chosen);
        CHECK(chosen->units == Units::metric);
        CHECK(resolve({"94107", std::nullopt, automatic}, k_settings)->units == Units::imperial);
    }
    CHECK(resolve({"94107", std::nullopt, "METRIC"}, k_settings)->units == Units::metric);
}

TEST_CASE("resolve: text that cannot be a postal code, or unknown units, is invalid input", "[service]") {
    for (const char* code : {"", "94;07", "941077777777777"}) {
        INFO(code);
        auto q = resolve({code, std::nullopt, std::nullopt}, k_settings);
        REQUIRE_FALSE(q);
        CHECK(q.error().kind == ErrorKind::invalid_input);
    }
    auto units = resolve({"94107", std::nullopt, "furlongs"}, k_settings);
    REQUIRE_FALSE(units);
    CHECK(units.error().kind == ErrorKind::invalid_input);
}

TEST_CASE("an unknown US ZIP code is not_found before any request, and no upstream error", "[service]") {
    test::FakeProvider provider;
    ServiceOptions options;
    options.settings = k_settings;
    int failures_told = 0;
    options.upstream_failed = [&](AnswerKind, const Location&, const Error&) { ++failures_told; };
    WeatherService service(std::move(options),
                           with_us_zip_table(std::make_unique<test::BorrowedProvider>(provider)));
    auto unknown = service.current(Location{"94190", "us"});
    REQUIRE(unknown.error());
    CHECK(unknown.error()->kind == ErrorKind::not_found);
    CHECK(unknown.error()->message.find("did you mean") != std::string::npos);
    CHECK_FALSE(unknown.value());
    // Kept as any not_found is, so that a typo asked again is answered from the cache.
    CHECK(service.current(Location{"94190", "us"}).freshness() == AnswerStatus::cached);
    CHECK(provider.calls() == 0);
    auto stats = service.stats();
    CHECK(stats.upstream.calls == 0);
    CHECK(stats.upstream.errors.at(static_cast<std::size_t>(ErrorKind::not_found)) == 0);
    CHECK(failures_told == 0);

    // The upstream's own not_found, after a request, is one of its errors as before.
    provider.fail_with({ErrorKind::not_found, "city not found"});
    CHECK(service.current(Location{"10001", "us"}).error()->kind == ErrorKind::not_found);
    stats = service.stats();
    CHECK(stats.upstream.calls == 1);
    CHECK(stats.upstream.errors.at(static_cast<std::size_t>(ErrorKind::not_found)) == 1);
}

TEST_CASE("answer_places: each place resolved and answered on its own, in order", "[service]") {
    test::FakeProvider provider;
    ServiceOptions options;
    options.settings = k_settings;
    WeatherService service(std::move(options),
                           with_us_zip_table(std::make_unique<test::BorrowedProvider>(provider)));
    const auto places =
        answer_places<Weather>(service, {"94107", "94;07", "00000", "10001"}, {std::nullopt, "metric"});
    REQUIRE(places.size() == 4);
    CHECK(places[0].asked == "94107");
    REQUIRE(places[0].query);
    REQUIRE(places[0].answer);
    REQUIRE(places[0].answer->value());
    CHECK(places[0].answer->freshness() == AnswerStatus::fresh);
    CHECK(places[0].query->units == Units::metric);
    REQUIRE_FALSE(places[1].query);  // cannot be a postal code: invalid input, nothing asked
    CHECK(places[1].query.error().kind == ErrorKind::invalid_input);
    CHECK_FALSE(places[1].answer);
    REQUIRE(places[2].query);  // a well-formed code no place has: not found, as an unknown city
    REQUIRE(places[2].answer);
    REQUIRE(places[2].answer->error());
    CHECK(places[2].answer->error()->kind == ErrorKind::not_found);
    REQUIRE(places[3].answer);
    CHECK(places[3].answer->value()->location == Location{"10001", "us"});
    CHECK(provider.calls() == 2);

    const auto again = answer_places<Weather>(service, {"94107"}, {});
    REQUIRE(again.size() == 1);
    CHECK(again[0].answer->freshness() == AnswerStatus::cached);
    CHECK(again[0].query->units == Units::imperial);  // the place's usual
}

TEST_CASE("the service caches answers, refreshes on request and counts upstream calls", "[service]") {
    test::FakeProvider provider;
    auto service = service_over(provider);
    const Location place{"94107", "us"};
    CHECK_FALSE(service->cached_current(place));
    auto first = service->current(place);
    CHECK(first.status == cache::CacheStatus::miss);
    REQUIRE(first.entry->value);
    CHECK(*first.entry->value == test::sample_weather(place));
    CHECK(service->current(place).status == cache::CacheStatus::hit);
    CHECK(service->cached_current(place));
    CHECK(provider.calls() == 1);

    auto again = service->current(place, {true, {}});
    CHECK(again.status == cache::CacheStatus::miss);
    CHECK(provider.calls() == 2);

    provider.fail_with({ErrorKind::timeout, "too slow"});
    CHECK(service->current(Location{"10001", "us"}).entry->error->kind == ErrorKind::timeout);
    auto stats = service->stats();
    CHECK(stats.upstream.calls == 3);
    CHECK(stats.upstream.errors.at(static_cast<std::size_t>(ErrorKind::timeout)) == 1);
    CHECK(stats.current.entries == 1);
}

TEST_CASE("the service asks the upstream budget before each call", "[service]") {
    test::FakeProvider provider;
    ServiceOptions options;
    int asked = 0;
    options.admit = [&](AnswerKind kind, const Location&, const Asking& asking) -> std::optional<Error> {
        ++asked;
        CHECK(kind == AnswerKind::current);
        CHECK(asking.client == "192.0.2.7");
        return Error{ErrorKind::rate_limited, "the daily budget is spent", 3600};
    };
    auto service = service_over(provider, options);
    auto refused = service->current(Location{"94107", "us"}, {false, "192.0.2.7"});
    REQUIRE(refused.entry->error);
    CHECK(refused.entry->error->kind == ErrorKind::rate_limited);
    CHECK(asked == 1);
    CHECK(provider.calls() == 0);
}

TEST_CASE("the disk cache answers a later run from the same provider", "[service]") {
    test::TempDir dir;
    test::FakeProvider provider;
    ServiceOptions options;
    options.disk = DiskCacheOptions{dir.path(), 600s};
    const Location place{"94107", "us"};
    {
        auto run = service_over(provider, options, "openweathermap");  // sample_weather's source
        CHECK(run->current(place).status == cache::CacheStatus::miss);
    }
    {
        auto run = service_over(provider, options, "openweathermap");
        auto answer = run->current(place);
        CHECK(answer.status == cache::CacheStatus::hit);
        REQUIRE(answer.entry->value);
        CHECK(*answer.entry->value == test::sample_weather(place));
        CHECK(provider.calls() == 1);
        CHECK(run->current(place, {true, {}}).status == cache::CacheStatus::miss);  // --refresh
        CHECK(provider.calls() == 2);
    }
    auto other = service_over(provider, options, "open-meteo");  // another provider's answer is not its own
    CHECK(other->current(place).status == cache::CacheStatus::miss);
    CHECK(provider.calls() == 3);
}

TEST_CASE("while the upstream fails, the disk's last answer within the stale window stands in", "[service]") {
    test::TempDir dir;
    test::FakeProvider provider;
    const Location place{"94107", "us"};
    // An answer fetched 20 minutes ago: past its 10-minute TTL.
    DiskCache(dir.path(), 600s).put(test::sample_weather(place), util_now_for_stale_test() - 1200);
    provider.fail_with({ErrorKind::unreachable, "connection refused"});
    ServiceOptions options;
    options.disk = DiskCacheOptions{dir.path(), 600s, 1800s, 3600s};
    auto answer = service_over(provider, options, "openweathermap")->current(place);
    CHECK(answer.status == cache::CacheStatus::stale);
    REQUIRE(answer.entry->value);
    CHECK(*answer.entry->value == test::sample_weather(place));
    REQUIRE(answer.stale_reason);
    CHECK(answer.stale_reason->kind == ErrorKind::unreachable);
    const auto age =
        std::chrono::duration_cast<std::chrono::seconds>(cache::Clock::now() - answer.entry->fetched_at);
    CHECK(age >= 1200s);
    CHECK(age < 2400s);  // the entry's age, not this run's

    // Past the window, with no window, for another provider or for a failure an old answer cannot
    // fix: the failure.
    options.disk->stale_window = 1200s;
    CHECK(service_over(provider, options, "openweathermap")->current(place).entry->error);
    options.disk->stale_window = 0s;
    CHECK(service_over(provider, options, "openweathermap")->current(place).entry->error);
    options.disk->stale_window = 3600s;
    CHECK(service_over(provider, options, "open-meteo")->current(place).entry->error);
    provider.fail_with({ErrorKind::not_found, "city not found"});
    CHECK(service_over(provider, options, "openweathermap")->current(place).entry->error);
    provider.fail_with({ErrorKind::unauthorized, "invalid API key"});
    CHECK(service_over(provider, options, "openweathermap")->current(place).entry->error);
}

TEST_CASE("with upstream threads, concurrent askers share one call", "[service]") {
    test::FakeProvider provider;
    ServiceOptions options;
    options.upstream_threads = 2;
    auto service = service_over(provider, options);
    provider.hold();
    std::atomic<int> answered{0};
    for (int i = 0; i < 8; ++i)
        service->current(Location{"94107", "us"}, [&](const Answer<Weather>& a) {
            if (a.entry->value) ++answered;
        });
    REQUIRE(provider.wait_for_calls(1));
    provider.release();
    service->wait_idle();
    CHECK(answered == 8);
    CHECK(provider.calls() == 1);
}

namespace {

// Answers a one-step forecast for any place, counting its calls.
class ForecastingProvider final : public test::FakeProvider {
public:
    Result<Forecast> forecast(const Location& location) override {
        ++m_forecasts;
        Forecast f;
        f.location = location;
        f.source = "fake";
        f.daily.push_back(ForecastDay{"2024-01-15"});
        return f;
    }
    int forecasts() const { return m_forecasts; }

private:
    std::atomic<int> m_forecasts{0};
};

}  // namespace

TEST_CASE("service: forecasts are cached per place apart from current weather", "[service][forecast]") {
    ForecastingProvider provider;
    auto service = service_over(provider);
    const Location sf{"94107", "us"};
    auto first = service->ask<Forecast>(sf);
    REQUIRE(first.entry->value);
    CHECK(first.entry->value->location == sf);
    CHECK(first.status == cache::CacheStatus::miss);
    auto second = service->ask<Forecast>(sf);
    CHECK(second.status == cache::CacheStatus::hit);
    CHECK(provider.forecasts() == 1);
    CHECK(provider.calls() == 0);  // no current weather was asked
    CHECK(service->stats().forecast.entries == 1);
    CHECK(service->stats().current.entries == 0);
    REQUIRE(service->cached<Forecast>(sf));
    CHECK_FALSE(service->cached<Weather>(sf));
}

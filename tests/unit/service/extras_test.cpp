// The extra sources' one mechanism, against the fake NWS on loopback: its cache (expired alerts
// dropped from it), single flight, budget, breaker and counters.
#include <catch2/catch.hpp>

#include <future>
#include <vector>

#include "support/extras_fixture.hpp"
#include "tenki/service/extras.hpp"

using namespace tenki;
using tenki::test::ExtrasFixture;
using tenki::test::FakeAirQuality;
using tenki::test::FakeAlert;
using tenki::test::FakeNws;

namespace {

const Location k_new_york{"10001", "us"};

}  // namespace

TEST_CASE("an answer is cached for the row's TTL, an alert dropped from it once it ends", "[extras]") {
    ExtrasFixture f;
    FakeAlert soon;
    soon.event = "Wind Advisory";
    soon.ends = f.now + 60;
    FakeAlert later;
    later.ends = f.now + 3600;
    f.nws.set_alerts({soon, later});
    ExtraSources sources(f.config());
    auto first = sources.alerts(k_new_york);
    REQUIRE(first.value);
    CHECK(first.value->alerts.size() == 2);
    CHECK_FALSE(first.cached);
    f.now += 120;  // the advisory has ended; the cache (5 minutes) still holds the answer
    auto second = sources.alerts(k_new_york);
    REQUIRE(second.value);
    CHECK(second.cached);
    REQUIRE(second.value->alerts.size() == 1);
    CHECK(second.value->alerts.front().event == "Winter Storm Warning");
    CHECK(f.nws.request_count() == 1);
    f.now += extra_source_info(ExtraKind::alerts).ttl.count();
    CHECK_FALSE(sources.alerts(k_new_york).cached);
    CHECK(f.nws.request_count() == 2);
    CHECK(sources.stats().front().cache_hits == 1);
}

TEST_CASE("places asked at once share one request", "[extras]") {
    ExtrasFixture f;
    f.nws.hold();
    ExtraSources sources(f.config());
    std::vector<std::future<AlertsAnswer>> asked;
    for (int i = 0; i < 4; ++i)
        asked.push_back(std::async(std::launch::async, [&] { return sources.alerts(k_new_york); }));
    // The first is held upstream: the others wait for its answer (or, come later, find it cached).
    REQUIRE(f.nws.wait_for_requests(1, std::chrono::seconds(5)));
    f.nws.release();
    for (auto& a : asked) CHECK(a.get().status == ExtraStatus::answered);
    CHECK(f.nws.request_count() == 1);
}

TEST_CASE("the budget refuses past its rate; a failure is logged once until it answers again", "[extras]") {
    ExtrasFixture f;
    auto config = f.config();
    config.nws_limit = RateLimit{1, std::chrono::seconds(60)};
    ExtraSources sources(config);
    CHECK(sources.alerts(k_new_york).status == ExtraStatus::answered);
    auto refused = sources.alerts(Location{"94107", "us"});
    CHECK(refused.status == ExtraStatus::failed);
    CHECK(refused.error->kind == ErrorKind::rate_limited);
    CHECK(f.nws.request_count() == 1);
    CHECK(sources.stats().front().refused == 1);

    ExtraSources failing(f.config());
    f.nws.answer_block_page();
    CHECK(failing.alerts(Location{"94107", "us"}).status == ExtraStatus::failed);
    f.now += 3600;  // past the breaker's back-off
    CHECK(failing.alerts(Location{"94107", "us"}).status == ExtraStatus::failed);
    CHECK(f.logged.size() == 1);
    CHECK(failing.stats().front().failures == 2);
}

TEST_CASE("a place outside every alert source is no request and says so", "[extras]") {
    ExtrasFixture f;
    ExtraSources sources(f.config());
    auto paris = sources.alerts(city_location(48.85, 2.35, "Paris", "", "FR", 2988507));
    CHECK(paris.status == ExtraStatus::not_covered);
    CHECK(paris.reason() == "no alert source for this place");
    CHECK(f.nws.request_count() == 0);
    CHECK(sources.stats().front().not_covered == 1);
}

TEST_CASE("the air is asked by the place's point, else the given one", "[extras][air]") {
    ExtrasFixture f;
    ExtraSources sources(f.config());
    auto paris = sources.air(city_location(48.85, 2.35, "Paris", "", "FR", 2988507));
    REQUIRE(paris.value);
    CHECK(paris.value->european_aqi == 25);
    CHECK(f.air.requests().back().query.at("latitude") == "48.8500");
    const Location london{"SW1A 1AA", "gb"};
    CHECK(sources.air(london).status == ExtraStatus::not_covered);
    CHECK(sources.air(london, Coordinates{51.5, -0.12}).status == ExtraStatus::answered);
    CHECK(f.air.request_count() == 2);
}

TEST_CASE("the fake's air at every category boundary reads as its official category", "[extras][air]") {
    ExtrasFixture f;
    const auto paris = city_location(48.85, 2.35, "Paris", "", "FR", 2988507);
    const auto category_of = [&](const char* index, double value, AqiScale scale) {
        f.air.set_current({{index, value}});
        ExtraSources sources(f.config());  // a fresh cache each time
        const auto answer = sources.air(paris);
        REQUIRE(answer.value);
        const auto reading = aqi_reading(*answer.value, scale);
        REQUIRE(reading);
        return std::string(reading->category.label);
    };
    const std::pair<double, const char*> epa[] = {{0, "Good"},
                                                  {50, "Good"},
                                                  {50.4, "Good"},
                                                  {50.5, "Moderate"},
                                                  {51, "Moderate"},
                                                  {100, "Moderate"},
                                                  {101, "Unhealthy for Sensitive Groups"},
                                                  {150, "Unhealthy for Sensitive Groups"},
                                                  {151, "Unhealthy"},
                                                  {200, "Unhealthy"},
                                                  {201, "Very Unhealthy"},
                                                  {300, "Very Unhealthy"},
                                                  {301, "Hazardous"},
                                                  {500, "Hazardous"}};
    for (const auto& [value, label] : epa) {
        INFO("us_aqi " << value);
        CHECK(category_of("us_aqi", value, AqiScale::us) == label);
    }
    const std::pair<double, const char*> eea[] = {
        {0, "Good"},         {19.9, "Good"},          {20, "Fair"},
        {39.9, "Fair"},      {40, "Moderate"},        {59.9, "Moderate"},
        {60, "Poor"},        {79.9, "Poor"},          {80, "Very poor"},
        {99.9, "Very poor"}, {100, "Extremely poor"}, {140, "Extremely poor"}};
    for (const auto& [value, label] : eea) {
        INFO("european_aqi " << value);
        CHECK(category_of("european_aqi", value, AqiScale::eu) == label);
    }
    CHECK(f.air.request_count() == std::size(epa) + std::size(eea));
}

TEST_CASE("pollen the answer lacks (null, as outside Europe) is ignored; a block page is a failure",
          "[extras][air]") {
    ExtrasFixture f;
    const auto paris = city_location(48.85, 2.35, "Paris", "", "FR", 2988507);
    f.air.set_current({{"alder_pollen", nullptr}, {"birch_pollen", nullptr}, {"grass_pollen", nullptr}});
    ExtraSources sources(f.config());
    const auto answer = sources.air(paris);
    REQUIRE(answer.value);
    CHECK(answer.value->european_aqi == 25);
    CHECK(answer.value->pm2_5 == 10.2);
    f.air.answer_raw(tenki::test::Reply::text(403, "<html><body>Access denied</body></html>", "text/html"));
    ExtraSources blocked(f.config());
    const auto failed = blocked.air(paris);
    CHECK(failed.status == ExtraStatus::failed);
    REQUIRE(failed.error);
    CHECK(failed.reason().find("403") != std::string::npos);
}

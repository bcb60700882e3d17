// The extra sources' answers kept across runs (the CLI's disk cache), and the air's calls counted in
// the budget it shares with Open-Meteo's weather calls.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "service/extras_disk.hpp"
#include "support/extras_fixture.hpp"
#include "support/temp_dir.hpp"
#include "tenki/budget/upstream_budget.hpp"
#include "tenki/service/extras.hpp"

using namespace tenki;
using tenki::test::FakeAirQuality;
using tenki::test::FakeAlert;
using tenki::test::FakeNws;
using tenki::test::TempDir;

namespace {

// The extras fixture (tests/support) over a folder of its own, as the CLI's disk cache.
struct DiskFixture : tenki::test::ExtrasFixture {
    TempDir dir{"tenki-extras-disk"};
    // One run's sources: a new process would build the same, over the same folder.
    ExtraConfig run() { return config(dir / "cache"); }
};

const Location k_manhattan{"10001", "us"};
const Location k_paris = city_location(48.85, 2.35, "Paris", "", "FR", 2988507);

}  // namespace

TEST_CASE("alerts are kept on disk for 5 minutes: the next run asks nothing", "[extras]") {
    DiskFixture f;
    FakeAlert storm;
    storm.ends = f.now + 3600;
    f.nws.set_alerts({storm});
    {
        ExtraSources first(f.run());
        REQUIRE(first.alerts(k_manhattan).value);
    }
    CHECK(std::filesystem::exists(extra_record_path(f.dir / "cache", "alerts", k_manhattan.key())));
    f.now += extra_source_info(ExtraKind::alerts).ttl.count() - 1;
    ExtraSources second(f.run());
    const auto kept = second.alerts(k_manhattan);
    REQUIRE(kept.value);
    CHECK(kept.cached);
    CHECK(kept.value->alerts.at(0).event == "Winter Storm Warning");
    CHECK(kept.value->alerts.at(0).ends->offset_s == -5 * 3600);
    CHECK(f.nws.request_count() == 1);
    f.now += 1;  // the TTL has passed: the next run asks again
    ExtraSources third(f.run());
    CHECK_FALSE(third.alerts(k_manhattan).cached);
    CHECK(f.nws.request_count() == 2);
}

TEST_CASE("an alert that ended is dropped from the kept answer on disk too", "[extras]") {
    DiskFixture f;
    FakeAlert soon;
    soon.event = "Wind Advisory";
    soon.ends = f.now + 60;
    FakeAlert later;
    later.ends = f.now + 3600;
    f.nws.set_alerts({soon, later});
    ExtraSources(f.run()).alerts(k_manhattan);
    const auto file = extra_record_path(f.dir / "cache", "alerts", k_manhattan.key());
    CHECK(nlohmann::json::parse(tenki::test::read_file(file)).at("alerts").at("alerts").size() == 2);
    f.now += 120;
    const auto kept = ExtraSources(f.run()).alerts(k_manhattan);
    REQUIRE(kept.value);
    REQUIRE(kept.value->alerts.size() == 1);
    CHECK(kept.value->alerts.front().event == "Winter Storm Warning");
    const auto record = nlohmann::json::parse(tenki::test::read_file(file));
    CHECK(record.at("alerts").at("alerts").size() == 1);
    CHECK(record.at("fetched_at") == f.now - 120);  // still the first fetch's age
    CHECK(f.nws.request_count() == 1);
}

TEST_CASE("the air is kept on disk for 30 minutes; --refresh reads none of it", "[extras][air]") {
    DiskFixture f;
    const auto fetched = ExtraSources(f.run()).air(k_paris);
    REQUIRE(fetched.value);
    REQUIRE_FALSE(fetched.value->eu_sub_indices.empty());
    f.now += extra_source_info(ExtraKind::air).ttl.count() - 1;
    const auto kept = ExtraSources(f.run()).air(k_paris);
    REQUIRE(kept.value);
    CHECK(kept.cached);
    CHECK(kept.value->european_aqi == 25);
    CHECK(kept.value->us_aqi == fetched.value->us_aqi);
    CHECK(kept.value->pm2_5 == fetched.value->pm2_5);
    CHECK(kept.value->eu_sub_indices == fetched.value->eu_sub_indices);
    CHECK(kept.value->time == fetched.value->time);
    CHECK(f.air.request_count() == 1);
    auto refresh = f.run();
    refresh.refresh = true;
    CHECK_FALSE(ExtraSources(refresh).air(k_paris).cached);
    CHECK(f.air.request_count() == 2);
}

TEST_CASE("a corrupt or foreign record on disk is a miss, never an error", "[extras]") {
    DiskFixture f;
    const auto file = extra_record_path(f.dir / "cache", "alerts", k_manhattan.key());
    std::filesystem::create_directories(file.parent_path());
    std::filesystem::permissions(file.parent_path(), std::filesystem::perms::owner_all);
    for (const char* text :
         {"{not json", R"({"version": 1, "key": "94107,us", "fetched_at": 0, "alerts": {}})",
          R"({"version": 99, "key": "10001,us", "fetched_at": 0})"}) {
        std::ofstream(file) << text;
        const auto answer = ExtraSources(f.run()).alerts(k_manhattan);
        CHECK(answer.status == ExtraStatus::answered);
        CHECK_FALSE(answer.cached);
    }
    CHECK(f.nws.request_count() == 3);
}

TEST_CASE("the air's calls count in the budget shared with Open-Meteo's weather calls", "[extras][air]") {
    DiskFixture f;
    BudgetOptions options;
    options.global = RateLimit{2, std::chrono::seconds(60)};
    std::shared_ptr<UpstreamBudget> budget = make_local_budget(options);
    auto config = f.run();
    config.disk_dir.clear();
    config.shared_budget = budget;
    config.shared_budget_of = "open-meteo";
    ExtraSources sources(config);
    REQUIRE(budget->decide("open-meteo", ""));  // the weather's forecast call
    CHECK(sources.air(k_paris).status == ExtraStatus::answered);
    const auto refused = sources.air(city_location(51.5, -0.12, "London", "", "GB", 2643743));
    CHECK(refused.status == ExtraStatus::failed);
    CHECK(refused.error->kind == ErrorKind::rate_limited);
    CHECK(f.air.request_count() == 1);
    CHECK_FALSE(budget->decide("open-meteo", ""));  // and the weather's next call finds it spent
    // The NWS has a quota of its own: the shared budget does not count it.
    CHECK(sources.alerts(k_manhattan).status == ExtraStatus::answered);
}

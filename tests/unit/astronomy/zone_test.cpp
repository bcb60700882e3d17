#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "astronomy/zone.hpp"

using namespace tenki;
using namespace std::chrono;

namespace {

astronomy::Zone zone_named(const std::string& name) {
    auto zone = astronomy::find_zone(name);
    INFO(name << ": " << (zone ? "" : zone.error().message));
    REQUIRE(zone);
    return *zone;
}

sys_seconds at(year_month_day date, hours h) { return sys_days{date} + h; }

}  // namespace

TEST_CASE("a zone's offsets and local days come from its tz database file", "[astronomy][zone]") {
    const auto paris = zone_named("Europe/Paris");
    CHECK(astronomy::utc_offset_s(paris, at(2026y / July / 1, 12h)) == 7200);
    CHECK(astronomy::utc_offset_s(paris, at(2026y / December / 12, 12h)) == 3600);
    // 2026-12-12 begins in Paris at 23:00 UTC the day before.
    CHECK(astronomy::local_day_start(paris, 2026y / December / 12) == at(2026y / December / 11, 23h));
    CHECK(astronomy::local_date_at(paris, at(2026y / December / 11, 23h)) == 2026y / December / 12);
    CHECK(astronomy::local_date_at(paris, at(2026y / December / 11, 22h)) == 2026y / December / 11);
    // São Paulo's clocks went from 00:00 to 01:00 on 2018-11-04: the day began at 01:00 (-02:00).
    const auto sao_paulo = zone_named("America/Sao_Paulo");
    CHECK(astronomy::local_day_start(sao_paulo, 2018y / November / 4) == at(2018y / November / 4, 3h));
    // The same zone twice is the same zone, read once.
    CHECK(zone_named("Europe/Paris").tz == paris.tz);
    CHECK(zone_named("Asia/Tokyo").tz != paris.tz);
}

TEST_CASE("a name that is no zone of the tz database is invalid_input, whatever file it names",
          "[astronomy][zone]") {
    // Not zones: unknown, outside the tz directory, the directory's tables (not compiled zones),
    // a directory, odd spellings, CCTZ's "file:" prefix (it would read any path).
    for (const char* bad : {"Mars/Olympus_Mons", "../../../etc/passwd", "/etc/localtime", "zone.tab",
                            "iso3166.tab", "Europe", "Europe//Paris", "Europe/Paris/", "Europe/./Paris", "",
                            "Europe/Paris\n", "Europe/Paris ", "file:Europe/Paris", "Asia/../Europe/Paris"}) {
        INFO("'" << bad << "'");
        auto zone = astronomy::find_zone(bad);
        REQUIRE_FALSE(zone);
        CHECK(zone.error().kind == ErrorKind::invalid_input);
        CHECK(zone.error().message.find("tz database") != std::string::npos);
    }
    if (!std::filesystem::exists("/usr/share/zoneinfo/zone.tab"))
        WARN("no zone.tab: its case proved nothing");
}

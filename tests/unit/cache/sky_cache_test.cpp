#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "tenki/astronomy/sky_place.hpp"
#include "tenki/cache/sky_cache.hpp"
#include "tenki/format/format.hpp"
#include "tenki/format/formats.hpp"

using namespace tenki;
using tenki::test::TempDir;
namespace fs = std::filesystem;
using std::chrono::sys_days;
using std::chrono::sys_seconds;

namespace {

void check_same(const Sky& a, const Sky& b) {
    CHECK(nlohmann::json(a) == nlohmann::json(b));
    CHECK(a.date == b.date);
    CHECK(a.sun.state == b.sun.state);
    CHECK(a.sun.dawn == b.sun.dawn);
    CHECK(a.sun.dusk == b.sun.dusk);
    CHECK(a.moon.illumination_pct == b.moon.illumination_pct);  // exactly: the record is not the JSON
    CHECK(a.moon.age_days == b.moon.age_days);
    CHECK(a.moon.emoji == b.moon.emoji);
    CHECK(a.moon.rise == b.moon.rise);
    CHECK(a.moon.set == b.moon.set);
}

nlohmann::json read_json(const fs::path& file) { return nlohmann::json::parse(std::ifstream(file)); }

}  // namespace

TEST_CASE("the sky cache gives back every field of the sky it kept, for places north, south and polar",
          "[cache][astronomy]") {
    TempDir dir("tenki-sky-cache-unit");
    const SkyCache cache(dir / "cache");
    const std::chrono::year_month_day date{std::chrono::year{2026}, std::chrono::December,
                                           std::chrono::day{12}};
    for (const SkyPlace& place :
         {SkyPlace{48.8566, 2.3522, "Europe/Paris"}, SkyPlace{-23.5505, -46.6333, "America/Sao_Paulo"},
          SkyPlace{69.6492, 18.9553, "Europe/Oslo"}}) {
        INFO(place.zone);
        const auto computed = sky_on(place, date);
        REQUIRE(computed);
        const auto first = cache.on(place, date);
        REQUIRE(first);
        check_same(*first, *computed);
        REQUIRE(fs::exists(cache.path_for(place, true)));
        const auto kept = cache.on(place, date);
        REQUIRE(kept);
        check_same(*kept, *computed);
        // Noon UTC that day is inside the local date the record holds.
        const auto at_noon = cache.at(place, sys_seconds{sys_days{date}} + std::chrono::hours{12});
        REQUIRE(at_noon);
        check_same(*at_noon, *computed);
    }
}

TEST_CASE("the sky cache reads the record it kept, and computes again for another date, place or --refresh",
          "[cache][astronomy]") {
    TempDir dir("tenki-sky-cache-unit");
    const SkyPlace paris{48.8566, 2.3522, "Europe/Paris"};
    const std::chrono::year_month_day date{std::chrono::year{2026}, std::chrono::July, std::chrono::day{1}};
    const SkyCache cache(dir / "cache");
    REQUIRE(cache.on(paris, date, false));
    const auto file = cache.path_for(paris, false);
    auto record = read_json(file);
    CHECK(record.at("until").get<std::int64_t>() - record.at("from").get<std::int64_t>() == 86400);
    // Marked, so that a read of the record shows.
    record["sky"]["moon"]["illumination_pct"] = 42.5;
    std::ofstream(file, std::ios::trunc) << record.dump();
    CHECK(cache.on(paris, date, false)->moon.illumination_pct == 42.5);
    CHECK(
        cache.at(paris, sys_seconds{record.at("from").get<std::int64_t>() * std::chrono::seconds{1}}, false)
            ->moon.illumination_pct == 42.5);
    CHECK(!fs::exists(cache.path_for(paris, true)));  // with moon times: a record of its own
    CHECK(cache.on(paris, date, true)->moon.illumination_pct != 42.5);
    const std::chrono::year_month_day next{std::chrono::year{2026}, std::chrono::July, std::chrono::day{2}};
    CHECK(
        cache.at(paris, sys_seconds{record.at("until").get<std::int64_t>() * std::chrono::seconds{1}}, false)
            ->date == next);
    std::ofstream(file, std::ios::trunc) << record.dump();
    CHECK(SkyCache(dir / "cache", true).on(paris, date, false)->moon.illumination_pct != 42.5);
    std::ofstream(file, std::ios::trunc) << "not json";
    const auto recomputed = cache.on(paris, date, false);
    REQUIRE(recomputed);
    check_same(*recomputed, *sky_on(paris, date, false));
}

TEST_CASE("the sky cache passes sky_on's errors on and keeps nothing for them", "[cache][astronomy]") {
    TempDir dir("tenki-sky-cache-unit");
    const SkyCache cache(dir / "cache");
    const SkyPlace nowhere{48.8566, 2.3522, "Mars/Olympus_Mons"};
    const auto sky = cache.at(nowhere, sys_seconds{std::chrono::seconds{1780000000}});
    REQUIRE(!sky);
    CHECK(sky.error().kind == ErrorKind::invalid_input);
    CHECK(!fs::exists(cache.path_for(nowhere, true)));
}

TEST_CASE("a sky got ready is stored only when at() first gives it, and only for an instant of its date",
          "[cache][astronomy]") {
    TempDir dir("tenki-sky-cache-unit");
    const SkyPlace paris{48.8566, 2.3522, "Europe/Paris"};
    const SkyCache cache(dir / "cache");
    const sys_seconds noon{sys_days{std::chrono::year{2026} / std::chrono::July / 1} +
                           std::chrono::hours{10}};
    auto ready = cache.ready(paris, noon, false);
    REQUIRE(ready);
    CHECK_FALSE(ready->stored);
    CHECK(!fs::exists(cache.path_for(paris, false)));  // ready() stores nothing
    CHECK(ready->from <= noon.time_since_epoch().count());
    CHECK(noon.time_since_epoch().count() < ready->until);
    const auto computed = ready->sky;
    ready->sky.moon.illumination_pct = 42.5;  // marked, so that a held sky shows
    cache.hold(std::move(*ready));
    // The next local day is not the held one's: computed, and stored as any.
    const auto next_day = cache.at(paris, noon + std::chrono::hours{24}, false);
    REQUIRE(next_day);
    CHECK(next_day->moon.illumination_pct != 42.5);
    CHECK(read_json(cache.path_for(paris, false)).at("sky").at("date") == "2026-07-02");
    CHECK(cache.at(paris, noon, false)->moon.illumination_pct == 42.5);  // held: no disk read
    CHECK(read_json(cache.path_for(paris, false)).at("sky").at("date") == "2026-07-01");  // stored once shown
    // A kept record is what ready() reads, stored already.
    const SkyCache again(dir / "cache");
    const auto kept = again.ready(paris, noon, false);
    REQUIRE(kept);
    CHECK(kept->stored);
    CHECK(kept->sky.moon.illumination_pct == 42.5);
    CHECK(computed.moon.illumination_pct != 42.5);
}

TEST_CASE("the weather's renderers read the sky cache their options give, and compute without one",
          "[cache][astronomy]") {
    TempDir dir("tenki-sky-cache-unit");
    const SkyCache cache(dir / "cache");
    Weather w;
    w.lat = 48.8566;
    w.lon = 2.3522;
    w.observed_at = 1797076800;  // 2026-12-12 12:00 UTC
    const auto illumination = [](const nlohmann::json& doc) {
        return doc.at("astronomy").at("moon").at("illumination").get<int>();
    };
    const auto computed = illumination(to_v2_json(w, Units::metric, std::nullopt, Language::en, &cache));
    const auto place = sky_place_at(48.8566, 2.3522);
    REQUIRE(place);
    const auto file = cache.path_for(*place, true);
    REQUIRE(fs::exists(file));  // kept by the render given the cache
    auto record = read_json(file);
    const double marked = computed < 50 ? 77.0 : 23.0;  // a value the sky of the day is not
    record["sky"]["moon"]["illumination_pct"] = marked;
    std::ofstream(file, std::ios::trunc) << record.dump();
    CHECK(illumination(to_v2_json(w, Units::metric, std::nullopt, Language::en, &cache)) == marked);
    CHECK(illumination(to_v2_json(w, Units::metric)) == computed);  // none given: computed
    // The same through a format's RenderInput (the CLI's way) and a template's field.
    RenderInput in{.weather = &w, .units = Units::metric, .tmpl = "{moon_illumination}"};
    const auto* v2 = picked_format(Renders::weather, FormatPick::json_flag);
    const auto* line = picked_format(Renders::weather, FormatPick::format_option);
    REQUIRE(v2 != nullptr);
    REQUIRE(line != nullptr);
    CHECK(illumination(v2->document(in)) == computed);
    CHECK(*line->render(in) == std::to_string(computed) + "\n");
    in.skies = &cache;
    CHECK(illumination(v2->document(in)) == marked);
    CHECK(*line->render(in) == std::to_string(static_cast<int>(marked)) + "\n");
}

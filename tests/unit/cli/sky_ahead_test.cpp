#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "commands/sky_ahead.hpp"
#include "support/temp_dir.hpp"
#include "tenki/astronomy/sky_place.hpp"
#include "tenki/domain/location.hpp"

using namespace tenki;
using tenki::cli::shown_skies;
using tenki::cli::SkyAhead;
namespace fs = std::filesystem;

namespace {

std::chrono::sys_seconds ahead_now() {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

// The place's record as another cache keeps it, its illumination set to 42.5, put where `skies`
// reads it: at() gives 42.5 exactly when it reads the disk, not a sky it holds.
void put_marked_record(const SkyCache& skies, const fs::path& elsewhere, const SkyPlace& place) {
    const SkyCache other(elsewhere);
    REQUIRE(other.at(place, ahead_now(), false));
    auto record = nlohmann::json::parse(std::ifstream(other.path_for(place, false)));
    record["sky"]["moon"]["illumination_pct"] = 42.5;
    fs::create_directories(skies.path_for(place, false).parent_path());
    std::ofstream(skies.path_for(place, false), std::ios::trunc) << record.dump();
}

const Location k_ahead_paris = city_location(48.8534, 2.3488, "Paris", "Île-de-France", "fr", 2988507);

}  // namespace

TEST_CASE("a city's sky is got ready while its weather is asked, held, and kept on disk once shown",
          "[cli][cache][astronomy]") {
    tenki::test::TempDir dir("tenki-sky-ahead");
    const SkyCache skies(dir / "cache");
    const auto place = sky_place_at(48.8534, 2.3488);
    REQUIRE(place);
    {
        SkyAhead ahead(&skies, {false});
        ahead.upstream_asked(AnswerKind::current, k_ahead_paris);
        ahead.wait();
    }
    CHECK(!fs::exists(skies.path_for(*place, false)));  // ready, not stored: not shown yet
    put_marked_record(skies, dir / "elsewhere", *place);
    const auto shown = skies.at(*place, ahead_now(), false);
    REQUIRE(shown);
    CHECK(shown->moon.illumination_pct != 42.5);  // the held sky, not the disk's
    CHECK(shown->moon.illumination_pct == sky_on(*place, shown->date, false)->moon.illumination_pct);
    // Shown, so stored: the marked record is replaced by the sky shown.
    const auto kept = nlohmann::json::parse(std::ifstream(skies.path_for(*place, false)));
    CHECK(kept.at("sky").at("moon").at("illumination_pct").get<double>() == shown->moon.illumination_pct);
}

TEST_CASE(
    "no sky is got ready for a forecast's call, a postal code only the provider locates, an output "
    "without a sky, or no cache",
    "[cli][cache][astronomy]") {
    tenki::test::TempDir dir("tenki-sky-ahead");
    const SkyCache skies(dir / "cache");
    const auto place = sky_place_at(48.8534, 2.3488);
    REQUIRE(place);
    auto postal = parse_location("SW1A 1AA", "gb");
    REQUIRE(postal);
    {
        SkyAhead forecast_call(&skies, {false});
        forecast_call.upstream_asked(AnswerKind::forecast, k_ahead_paris);
        forecast_call.wait();
        SkyAhead london(&skies, {false});
        london.upstream_asked(AnswerKind::current, *postal);  // its sky waits for the answer
        london.wait();
        SkyAhead none_shown(&skies, {});
        none_shown.upstream_asked(AnswerKind::current, k_ahead_paris);
        none_shown.wait();
        SkyAhead no_cache(nullptr, {false});
        no_cache.upstream_asked(AnswerKind::current, k_ahead_paris);
        no_cache.wait();
        // Not waited for: the destructor joins the thread, and nothing is held.
        SkyAhead left(&skies, {false});
        left.upstream_asked(AnswerKind::current, k_ahead_paris);
    }
    put_marked_record(skies, dir / "elsewhere", *place);
    CHECK(skies.at(*place, ahead_now(), false)->moon.illumination_pct == 42.5);
}

TEST_CASE("a US ZIP code's sky is got ready while its weather is asked, at its point of the offline table",
          "[cli][cache][astronomy]") {
    tenki::test::TempDir dir("tenki-sky-ahead");
    const SkyCache skies(dir / "cache");
    const auto where = locate_offline("94107");  // `tenki moon 94107`'s place
    REQUIRE(where);
    auto zip = parse_location("94107");
    REQUIRE(zip);
    {
        SkyAhead ahead(&skies, {false});
        ahead.upstream_asked(AnswerKind::current, *zip);
        ahead.wait();
    }
    put_marked_record(skies, dir / "elsewhere", where->place);
    const auto shown = skies.at(where->place, ahead_now(), false);
    REQUIRE(shown);
    CHECK(shown->moon.illumination_pct != 42.5);  // held while the weather was asked, not the disk's
}

TEST_CASE("a city's kept sky of today is held as it is when its weather is asked again",
          "[cli][cache][astronomy]") {
    tenki::test::TempDir dir("tenki-sky-ahead");
    const SkyCache skies(dir / "cache");
    const auto place = sky_place_at(48.8534, 2.3488);
    REQUIRE(place);
    put_marked_record(skies, dir / "elsewhere", *place);
    SkyAhead ahead(&skies, {false});
    ahead.upstream_asked(AnswerKind::current, k_ahead_paris);
    ahead.wait();
    fs::remove(skies.path_for(*place, false));  // held: at() reads no disk
    CHECK(skies.at(*place, ahead_now(), false)->moon.illumination_pct == 42.5);
}

TEST_CASE("the skies an output shows: the report's without moon times, the JSON's and a template's with",
          "[cli][format]") {
    const auto& report = *picked_format(Renders::weather, FormatPick::fallback);
    const auto& v2 = *picked_format(Renders::weather, FormatPick::json_flag);
    const auto& line = *picked_format(Renders::weather, FormatPick::format_option);
    const auto& waybar = **parse_output_format(Renders::weather, "waybar");
    const auto& i3blocks = **parse_output_format(Renders::weather, "i3blocks");
    CHECK(shown_skies(report, "") == std::vector<bool>{false});
    CHECK(shown_skies(v2, "") == std::vector<bool>{true});
    CHECK(shown_skies(line, "{temp}").empty());
    CHECK(shown_skies(line, "{temp} {moon}") == std::vector<bool>{true});
    CHECK(shown_skies(waybar, "{temp}") == std::vector<bool>{false});  // the tooltip's Sky line
    CHECK(shown_skies(waybar, "{dawn}") == std::vector<bool>{true, false});
    CHECK(shown_skies(i3blocks, "{temp}").empty());
    CHECK(shown_skies(i3blocks, "{day_length}") == std::vector<bool>{true});
}

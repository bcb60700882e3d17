// The sky kept in the disk cache: a second run on the same local date answers the same bytes with
// the time-zone module gone (so it loaded none and asked libnova nothing); a new date or a corrupt
// record computes again, and `weather --refresh` asks for the weather again but keeps the sky.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/fake_owm.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"
#include "util/subprocess.hpp"

namespace fs = std::filesystem;

namespace {

// A tenki and its module copied to a folder of their own, so that a test can take the module away.
struct MovableTenki {
    tenki::test::TempDir dir{"tenki-sky-cache-bin"};
    fs::path tenki = dir / "tenki";
    fs::path module = dir / "tenki_tz.so";
    MovableTenki() {
        fs::copy_file(TENKI_BINARY_DIR "/tenki", tenki);
        fs::copy_file(TENKI_BINARY_DIR "/tenki_tz.so", module);
    }
    tenki::util::RunOutput run(const tenki::test::TenkiShell& sh, std::vector<std::string> args) const {
        args.insert(args.begin(), tenki.string());
        auto out = tenki::util::run_capture(args, sh.options());
        REQUIRE(out);
        return *out;
    }
};

std::vector<fs::path> sky_records(const tenki::test::TenkiShell& sh) {
    std::vector<fs::path> found;
    for (const auto& file : fs::recursive_directory_iterator(sh.home / "cache"))
        if (file.path().filename().string().rfind("sky-", 0) == 0) found.push_back(file.path());
    return found;
}

void overwrite_record(const fs::path& file, const std::string& text) {
    std::ofstream(file, std::ios::trunc) << text;
}

// A record with its fractions to 1e-6 (the moon's age and lit share): libnova keeps process-wide
// caches (its nutation's among them), so a sky computed after another one in the same process
// (a US ZIP code's of today, got ready while its weather was asked) can differ in the eleventh digit.
nlohmann::json to_micro(nlohmann::json record) {
    if (record.is_number_float()) return std::round(record.get<double>() * 1e6) / 1e6;
    if (!record.is_structured()) return record;
    for (auto& item : record) item = to_micro(item);
    return record;
}

}  // namespace

TEST_CASE("a cached weather report shows the kept sky: the same bytes with the zone module gone",
          "[integration][moon][weather][cache]") {
    tenki::test::TenkiShell sh("tenki-sky-cache");
    MovableTenki bin;
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"weather", "94107"},
          {"weather", "94107", "-f",
           "{moon} {moon_phase} {moonrise} {moonset} {dawn} {noon} {day_length}"}}) {
        INFO(args.back());
        const auto first = bin.run(sh, args);
        INFO(first.errors);
        REQUIRE(first.status == 0);
        // The sky is there: the report's row, the template's moon (not "-").
        CHECK((args.size() == 2 ? first.output.find("Sky") != std::string::npos
                                : first.output.rfind("- ", 0) != 0));
        fs::rename(bin.module, bin.dir / "elsewhere.so");
        const auto second = bin.run(sh, args);
        CHECK(second.status == 0);
        CHECK(second.output == first.output);
        fs::rename(bin.dir / "elsewhere.so", bin.module);
    }
    CHECK(sky_records(sh).size() == 2);  // the report's (no moonrise) and the template's
    CHECK(sh.owm.request_count() == 1);  // the weather itself was a cache hit
}

TEST_CASE("the kept sky is computed again on a new local date and over a corrupt record, kept by --refresh",
          "[integration][moon][weather][cache]") {
    tenki::test::TenkiShell sh("tenki-sky-cache");
    MovableTenki bin;
    const std::vector<std::string> args{"weather", "94107", "-f", "{moon_phase} {dawn} {dusk}"};
    const auto first = bin.run(sh, args);
    INFO(first.errors);
    REQUIRE(first.status == 0);
    REQUIRE(first.output.find(" - -") == std::string::npos);  // the sky's fields have values
    const auto records = sky_records(sh);
    REQUIRE(records.size() == 1);
    const auto kept = nlohmann::json::parse(std::ifstream(records.front()));

    SECTION("a corrupt record is no error: the sky is computed again and kept anew") {
        overwrite_record(records.front(), "{\"version\": 1, \"sky\": [");
        const auto again = bin.run(sh, args);
        CHECK(again.status == 0);
        CHECK(again.output == first.output);
        CHECK(to_micro(nlohmann::json::parse(std::ifstream(records.front()))) == to_micro(kept));
    }
    fs::rename(bin.module, bin.dir / "elsewhere.so");  // from here, computing the sky fails
    SECTION("a record of the day before (midnight passed) is not this date's: computed again") {
        auto yesterday = kept;
        yesterday["until"] = kept.at("from");
        yesterday["from"] = kept.at("from").get<std::int64_t>() - 86400;
        overwrite_record(records.front(), yesterday.dump());
        const auto again = bin.run(sh, args);
        CHECK(again.status == 0);
        CHECK(again.output != first.output);  // no zone module: the sky's fields read "-"
        CHECK(again.output.find(" - -") != std::string::npos);
    }
    SECTION("--refresh asks the upstream again and keeps the kept sky: no zone is loaded") {
        auto refreshed = args;
        refreshed.push_back("--refresh");
        const auto asked = sh.owm.request_count();
        const auto again = bin.run(sh, refreshed);
        INFO(again.errors);
        CHECK(again.status == 0);
        CHECK(sh.owm.request_count() == asked + 1);  // the weather was asked again
        CHECK(again.output == first.output);         // the sky's fields have their kept values
        CHECK(nlohmann::json::parse(std::ifstream(records.front())) == kept);
    }
}

TEST_CASE("tenki moon keeps the sky of a place and date: the same answer again without the zone module",
          "[integration][moon][cache]") {
    tenki::test::TenkiShell sh("tenki-sky-cache");
    MovableTenki bin;
    const auto first = bin.run(sh, {"moon", "Paris", "--date", "2026-12-12", "--json"});
    INFO(first.errors);
    REQUIRE(first.status == 0);
    fs::rename(bin.module, bin.dir / "elsewhere.so");
    const auto second = bin.run(sh, {"moon", "Paris", "--date", "2026-12-12", "--json"});
    CHECK(second.status == 0);
    CHECK(second.output == first.output);
    const auto text = bin.run(sh, {"moon", "Paris", "--date", "2026-12-12"});
    CHECK(text.status == 0);  // the text is drawn from the same kept sky
    const auto other_day = bin.run(sh, {"moon", "Paris", "--date", "2026-12-13"});
    CHECK(other_day.status != 0);  // another date is computed: the module is missing
    CHECK(other_day.errors.find("tenki_tz.so") != std::string::npos);
    CHECK(sh.owm.request_count() + sh.meteo.request_count() == 0);
}

TEST_CASE("tenki moon --refresh computes the sky again rather than read the kept one, and keeps the new one",
          "[integration][moon][cache]") {
    tenki::test::TenkiShell sh("tenki-sky-cache");
    MovableTenki bin;
    const std::vector<std::string> args{"moon", "Paris", "--date", "2026-12-12", "--json"};
    const auto first = bin.run(sh, args);
    INFO(first.errors);
    REQUIRE(first.status == 0);
    const auto records = sky_records(sh);
    REQUIRE(records.size() == 1);
    const auto kept = nlohmann::json::parse(std::ifstream(records.front()));
    const double lit = kept.at("sky").at("moon").at("illumination_pct").get<double>();
    // A record that says otherwise: read as it is without --refresh, replaced with it.
    auto altered = kept;
    altered["sky"]["moon"]["illumination_pct"] = lit + 40.0;
    overwrite_record(records.front(), altered.dump());
    const auto read = bin.run(sh, args);
    REQUIRE(read.status == 0);
    CHECK(read.output != first.output);
    const auto refreshed = bin.run(sh, {"moon", "Paris", "--date", "2026-12-12", "--json", "--refresh"});
    INFO(refreshed.errors);
    CHECK(refreshed.status == 0);
    CHECK(refreshed.output == first.output);
    CHECK(nlohmann::json::parse(std::ifstream(records.front())) == kept);  // the new one kept
    // Without the zone module --refresh cannot compute: it fails rather than read the record.
    fs::rename(bin.module, bin.dir / "elsewhere.so");
    const auto failed = bin.run(sh, {"moon", "Paris", "--date", "2026-12-12", "--refresh"});
    CHECK(failed.status != 0);
    CHECK(failed.errors.find("tenki_tz.so") != std::string::npos);
    CHECK(bin.run(sh, args).output == first.output);
}

namespace {

// London's canned answer, observed `dt` at Paris's coordinates, for every request.
void answer_paris_observed(tenki::test::TenkiShell& sh, std::int64_t dt) {
    auto body = nlohmann::json::parse(tenki::test::FakeOwm::place_json("SW1A,gb"));
    body["dt"] = dt;
    body["coord"] = {{"lat", 48.8534}, {"lon", 2.3488}};
    body["name"] = "Paris";
    sh.owm.always(tenki::test::Reply::json(200, body.dump()));
}

std::int64_t unix_seconds_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

TEST_CASE("a city's cold run shows the sky of today got ready while the weather was asked, and keeps it",
          "[integration][moon][weather][cache]") {
    tenki::test::TenkiShell sh("tenki-sky-ahead");
    MovableTenki bin;
    answer_paris_observed(sh, unix_seconds_now());
    const auto first = bin.run(sh, {"weather", "Paris,FR"});
    INFO(first.errors);
    REQUIRE(first.status == 0);
    CHECK(first.output.find("Sky") != std::string::npos);
    const auto records = sky_records(sh);
    REQUIRE(records.size() == 1);  // the report's, without moon times
    const auto kept = nlohmann::json::parse(std::ifstream(records.front()));
    const auto now = unix_seconds_now();
    CHECK(kept.at("from").get<std::int64_t>() <= now);
    CHECK(now < kept.at("until").get<std::int64_t>() + 60);  // today's (a minute's grace at midnight)
    // The weather asked again, the kept sky shown: no zone loaded.
    fs::rename(bin.module, bin.dir / "elsewhere.so");
    const auto again = bin.run(sh, {"weather", "Paris,FR", "--refresh"});
    CHECK(again.status == 0);
    CHECK(again.output == first.output);
    CHECK(sh.owm.request_count() == 2);
}

TEST_CASE("a city's answer observed on another date shows and keeps that date's sky, not today's got ready",
          "[integration][moon][weather][cache]") {
    tenki::test::TenkiShell sh("tenki-sky-ahead");
    MovableTenki bin;
    answer_paris_observed(sh, 1717430400);  // 2024-06-03T16:00Z
    const auto document = bin.run(sh, {"weather", "Paris,FR", "--json"});
    INFO(document.errors);
    REQUIRE(document.status == 0);
    CHECK(nlohmann::json::parse(document.output).at("astronomy").at("date") == "2024-06-03");
    const auto records = sky_records(sh);
    REQUIRE(records.size() == 1);  // the JSON's, with moon times: today's was never stored
    CHECK(nlohmann::json::parse(std::ifstream(records.front())).at("sky").at("date") == "2024-06-03");
}

TEST_CASE("a city's cold run without the zone module, or with the upstream failing, ends as before",
          "[integration][moon][weather][cache]") {
    tenki::test::TenkiShell sh("tenki-sky-ahead");
    MovableTenki bin;
    answer_paris_observed(sh, unix_seconds_now());
    fs::rename(bin.module, bin.dir / "elsewhere.so");
    const auto report = bin.run(sh, {"weather", "Paris,FR"});
    INFO(report.errors);
    CHECK(report.status == 0);
    CHECK(report.output.find("Paris") != std::string::npos);
    CHECK(report.output.find("Sky") == std::string::npos);  // no sky to show, as before: no error
    CHECK(report.errors.empty());
    const auto document = bin.run(sh, {"weather", "Paris,FR", "--json", "--refresh"});
    CHECK(document.status == 0);
    CHECK(nlohmann::json::parse(document.output).at("astronomy").is_null());
    CHECK(sky_records(sh).empty());
    fs::rename(bin.dir / "elsewhere.so", bin.module);
    sh.owm.always(tenki::test::FakeOwm::server_error(503));
    const auto failed = bin.run(sh, {"weather", "Paris,FR", "--refresh", "--no-stale"});
    CHECK(failed.status == 7);  // the upstream's 5xx, as without a sky: a bad upstream answer
    CHECK(failed.output.empty());
    CHECK(failed.errors.find("Paris") != std::string::npos);
}

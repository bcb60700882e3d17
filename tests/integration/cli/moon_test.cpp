// `tenki moon` as a user runs it: the built binary, both fake upstreams listening and a key set,
// so that a request from it would be seen; it asks none.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <utility>

#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"
#include "util/subprocess.hpp"

using nlohmann::json;

namespace {

struct SkyShell : tenki::test::TenkiShell {
    SkyShell() : TenkiShell("tenki-moon") { with_open_meteo = true; }
    std::size_t upstream_requests() const { return owm.request_count() + meteo.request_count(); }
};

// "2024-06-03T05:48:00-07:00" or "2024-06-03T12:47:30Z" as unix seconds.
long long unix_of(const std::string& text) {
    REQUIRE(text.size() >= 20);
    std::tm tm{};
    tm.tm_year = std::stoi(text.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(text.substr(5, 2)) - 1;
    tm.tm_mday = std::stoi(text.substr(8, 2));
    tm.tm_hour = std::stoi(text.substr(11, 2));
    tm.tm_min = std::stoi(text.substr(14, 2));
    tm.tm_sec = std::stoi(text.substr(17, 2));
    long long offset = 0;
    if (text.size() == 25) {
        offset = std::stoll(text.substr(20, 2)) * 3600 + std::stoll(text.substr(23, 2)) * 60;
        if (text[19] == '-') offset = -offset;
    }
    return static_cast<long long>(timegm(&tm)) - offset;
}

}  // namespace

TEST_CASE("tenki moon answers offline in text: the moon, the sun, the place's local time",
          "[integration][moon]") {
    SkyShell sh;
    const auto run = sh.run("moon", {"Paris", "--date", "2026-12-12"});
    INFO(run.errors);
    REQUIRE(run.status == 0);
    CHECK(run.output.find("Paris, Île-de-France, FR: 2026-12-12 (Europe/Paris UTC+01:00)") !=
          std::string::npos);
    CHECK(run.output.find("🌒 waxing crescent") != std::string::npos);
    CHECK(run.output.find("sunrise 08:3") != std::string::npos);
    CHECK(sh.upstream_requests() == 0);
}

TEST_CASE("tenki moon --json gives the issue's document for a city, a ZIP code and coordinates",
          "[integration][moon]") {
    SkyShell sh;
    const auto run =
        sh.run("moon", {"São Paulo", "90210", "69.6492,18.9553", "--date", "2026-12-12", "--json"});
    INFO(run.errors);
    REQUIRE(run.status == 0);
    const auto docs = json::parse(run.output);
    REQUIRE(docs.is_array());
    REQUIRE(docs.size() == 3);
    CHECK(docs[0].at("moon").at("emoji") == "🌘");
    CHECK(docs[0].at("moon").at("phase") == "waxing crescent");
    CHECK(docs[0].at("sun").at("sunrise").get<std::string>().ends_with("-03:00"));
    CHECK(docs[1].at("zone") == "America/Los_Angeles");
    CHECK(docs[1].at("sun").at("noon").get<std::string>().ends_with("-08:00"));
    // Tromsø in December: a polar night, said so, with no sunrise or sunset.
    CHECK(docs[2].at("zone") == "Europe/Oslo");
    CHECK(docs[2].at("sun").at("state") == "polar_night");
    CHECK(docs[2].at("sun").at("sunrise").is_null());
    CHECK(docs[2].at("sun").at("sunset").is_null());
    CHECK(docs[2].at("sun").at("day_length_s") == 0);
    CHECK(sh.upstream_requests() == 0);
}

TEST_CASE("tenki moon says a polar night and a polar day in words, with no sunrise or sunset",
          "[integration][moon]") {
    SkyShell sh;
    const auto winter = sh.run("moon", {"69.6492,18.9553", "--date", "2026-12-12"});  // Tromsø
    INFO(winter.errors);
    REQUIRE(winter.status == 0);
    CHECK(winter.output.find("polar night (no sunrise)") != std::string::npos);
    CHECK(winter.output.find("sunrise 0") == std::string::npos);
    CHECK(winter.output.find("sunrise 1") == std::string::npos);
    const auto summer = sh.run("moon", {"69.6492,18.9553", "--date", "2026-06-21"});
    REQUIRE(summer.status == 0);
    CHECK(summer.output.find("polar day (no sunset)") != std::string::npos);
    CHECK(summer.output.find("day 24h 00m") != std::string::npos);
    CHECK(sh.upstream_requests() == 0);
}

TEST_CASE("tenki moon says the moon up or below the horizon all day, in words and in moon.always",
          "[integration][moon]") {
    SkyShell sh;
    // Tromsø in December: the gibbous moon of the 21st stays up, the crescent of the 12th down.
    for (const auto& [date, words, always] :
         {std::tuple{"2026-12-21", "up all day (no moonrise or moonset)", "up"},
          {"2026-12-12", "below the horizon all day (no moonrise or moonset)", "down"}}) {
        INFO(date);
        const auto text = sh.run("moon", {"Tromsø", "--date", date});
        INFO(text.errors);
        REQUIRE(text.status == 0);
        CHECK(text.output.find(words) != std::string::npos);
        CHECK(text.output.find("no moonrise, no moonset") == std::string::npos);
        const auto doc = json::parse(sh.run("moon", {"Tromsø", "--date", date, "--json"}).output);
        CHECK(doc.at("moon").at("always") == always);
        CHECK(doc.at("moon").at("rise").is_null());
        CHECK(doc.at("moon").at("set").is_null());
    }
    const auto paris = json::parse(sh.run("moon", {"Paris", "--date", "2026-12-12", "--json"}).output);
    CHECK(paris.at("moon").at("always").is_null());  // it rises and sets
}

TEST_CASE("tenki moon without --date answers for today at the place, offline", "[integration][moon]") {
    SkyShell sh;
    const auto run = sh.run("moon", {"Tokyo", "--json"});
    INFO(run.errors);
    REQUIRE(run.status == 0);
    const auto doc = json::parse(run.output);
    CHECK(doc.at("zone") == "Asia/Tokyo");
    CHECK(doc.at("utc_offset") == "+09:00");
    CHECK(doc.at("date").get<std::string>().size() == 10);
    CHECK(sh.upstream_requests() == 0);
}

TEST_CASE("tenki moon echoes coordinates as tenki weather does (40.7, -74), in the text and the JSON",
          "[integration][moon]") {
    SkyShell sh;
    const auto text = sh.run("moon", {"40.7,-74.0", "--date", "2026-12-12"});
    INFO(text.errors);
    REQUIRE(text.status == 0);
    CHECK(text.output.rfind("40.7, -74: 2026-12-12 (America/New_York UTC-05:00)", 0) == 0);
    const auto doc = sh.run("moon", {"40.70,-74.00", "--date", "2026-12-12", "--json"});
    REQUIRE(doc.status == 0);
    CHECK(json::parse(doc.output).at("place") == "40.7, -74");
    CHECK(json::parse(doc.output).at("lon") == -74.0);
}

TEST_CASE("tenki moon says what is wrong: a postal code it cannot locate, a bad date, an unknown place",
          "[integration][moon]") {
    SkyShell sh;
    const auto postal = sh.run("moon", {"SW1A 1AA", "-c", "gb"});
    CHECK(postal.status == 2);
    CHECK(postal.errors.find("provider") != std::string::npos);
    // Another country's postal code, however written: the provider at once, no comma hint to follow.
    for (const char* typed : {"10115 de", "10115,de"}) {
        const auto berlin = sh.run("moon", {typed});
        INFO(typed << ": " << berlin.errors);
        CHECK(berlin.status == 2);
        CHECK(berlin.errors.find("only a weather provider can locate") != std::string::npos);
        CHECK(berlin.errors.find("comma") == std::string::npos);
    }
    const auto date = sh.run("moon", {"Paris", "--date", "2026-02-30"});
    CHECK(date.status == 2);
    CHECK(date.errors.find("2026-02-30 is not a date (February 2026 has 28 days)") != std::string::npos);
    const auto unknown = sh.run("moon", {"Xqzzyville"});
    CHECK(unknown.status == 3);
    const auto zip = sh.run("moon", {"00000"});
    CHECK(zip.status == 3);
    CHECK(zip.errors.rfind("tenki: 00000: ", 0) == 0);  // named, as weather names it
    const auto early = sh.run("moon", {"Paris", "--date", "1899-12-31"});
    CHECK(early.status == 2);
    CHECK(early.errors.find("out of range: the sky is computed for 1900 to 2100") != std::string::npos);
    CHECK(early.errors.find("YYYY-MM-DD") == std::string::npos);
    CHECK(sh.upstream_requests() == 0);
}

TEST_CASE("the weather's astronomy agrees with the provider's sunrise within 3 minutes",
          "[integration][moon][weather]") {
    SkyShell sh;
    // The fake OpenWeatherMap's answers are realistic ones (2024-06-03): San Francisco, New York,
    // London and Kathmandu, with OpenWeatherMap's sunrise. (Their sunsets are 3-4 minutes off
    // PyEphem's, which tenki matches within a minute: the check is the sunrise.)
    for (const auto& [place, country] :
         {std::pair{"94107", "us"}, {"10001", "us"}, {"SW1A", "gb"}, {"44600", "np"}}) {
        INFO(place);
        const auto run = sh.run("weather", {place, "-c", country, "--json"});
        INFO(run.errors);
        REQUIRE(run.status == 0);
        const auto doc = json::parse(run.output);
        REQUIRE(doc.at("astronomy").is_object());
        for (const char* which : {"sunrise"}) {
            const auto provider = unix_of(doc.at(which).get<std::string>());
            const auto ours = unix_of(doc.at("astronomy").at("sun").at(which).get<std::string>());
            INFO(which << ": provider " << doc.at(which) << ", tenki "
                       << doc.at("astronomy").at("sun").at(which));
            CHECK(std::abs(ours - provider) <= 180);
        }
    }
}

TEST_CASE(
    "tenki weather 94107 and tenki moon 94107 agree on the sky: the ZIP code's point, not the provider's",
    "[integration][moon][weather]") {
    SkyShell sh;
    // The provider locates 94107 about 60 km south-east (San Jose), as a far centroid would: the
    // sky is still computed where tenki resolved the ZIP code, so it is `tenki moon 94107`'s.
    auto weather_body = json::parse(tenki::test::FakeOwm::place_json("94107,us"));
    weather_body["coord"] = {{"lat", 37.3382}, {"lon", -121.8863}};
    sh.owm.route("/data/2.5/weather", tenki::test::Reply::json(200, weather_body.dump()));
    auto forecast_body = json::parse(tenki::test::FakeOwm::forecast_json("94107,us", std::time(nullptr)));
    forecast_body["city"]["coord"] = weather_body["coord"];
    sh.owm.route("/data/2.5/forecast", tenki::test::Reply::json(200, forecast_body.dump()));
    const auto moon_of = [&](const std::string& where, const std::string& date) {
        const auto run = sh.run("moon", {where, "--date", date, "--json"});
        INFO(run.errors);
        REQUIRE(run.status == 0);
        auto doc = json::parse(run.output);
        for (const char* key : {"place", "lat", "lon"}) doc.erase(key);
        return doc;
    };
    const auto weather = sh.run("weather", {"94107", "--json", "--no-alerts"});
    INFO(weather.errors);
    REQUIRE(weather.status == 0);
    const auto sky = json::parse(weather.output).at("astronomy");
    REQUIRE(sky.is_object());
    const std::string date = sky.at("date");
    const auto zip_sky = moon_of("94107", date);
    CHECK(sky.at("sun").at("sunrise") == zip_sky.at("sun").at("sunrise"));
    CHECK(sky.at("sun").at("sunset") == zip_sky.at("sun").at("sunset"));
    CHECK(sky == zip_sky);
    CHECK(sky != moon_of("37.3382,-121.8863", date));  // the provider's point: another sky
    const auto forecast = sh.run("forecast", {"94107", "--json"});
    INFO(forecast.errors);
    REQUIRE(forecast.status == 0);
    const auto days = json::parse(forecast.output).at("daily");
    REQUIRE(!days.empty());
    const auto& first = days.at(0);
    CHECK(first.at("astronomy") == moon_of("94107", first.at("date")));
}

TEST_CASE("a tenki without its time-zone module beside it says so in one line, and --version still runs",
          "[integration][moon]") {
    // A binary copied alone: its module (build/tenki_tz.so, PREFIX/lib/tenki once installed) is
    // not where it looks.
    tenki::test::TempDir dir("tenki-moon-alone");
    const auto alone = dir / "tenki";
    std::filesystem::copy_file(TENKI_BINARY_DIR "/tenki", alone);
    const auto version = tenki::util::run_capture({alone.string(), "--version"});
    REQUIRE(version);
    CHECK(version->status == 0);
    // On a cold cache: a sky kept from an earlier run would need no module.
    tenki::util::RunOptions cold;
    cold.env.emplace_back("XDG_CACHE_HOME", (dir / "cache").string());
    const auto moon =
        tenki::util::run_capture({alone.string(), "moon", "Paris", "--date", "2026-12-12"}, cold);
    REQUIRE(moon);
    INFO(moon->errors);
    CHECK(moon->status != 0);
    CHECK(moon->output.empty());
    CHECK(moon->errors.find("tenki_tz.so") != std::string::npos);
    CHECK(moon->errors.find("reinstall tenki") != std::string::npos);
    CHECK(std::count(moon->errors.begin(), moon->errors.end(), '\n') == 1);
}

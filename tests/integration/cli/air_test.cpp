// tenki weather's air quality (issue 29) as a user sees it: the built binary against the fake
// air-quality API.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/tenki_shell.hpp"

using nlohmann::json;

namespace {

struct AirShell : tenki::test::TenkiShell {
    tenki::util::RunOutput run(std::vector<std::string> args) const {
        args.insert(args.begin(), "--no-alerts");
        return TenkiShell::run("weather", std::move(args));
    }
};

}  // namespace

TEST_CASE("the air is asked only when shown: --air, the config's air, a template's field",
          "[integration][air]") {
    AirShell sh;
    REQUIRE(sh.run({"10001"}).status == 0);
    CHECK(sh.air.request_count() == 0);
    auto r = sh.run({"10001", "--air"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(r.output.find("Air: US AQI 42, Good (mostly PM2.5; modelled (CAMS), not measured)") !=
          std::string::npos);
    REQUIRE(sh.air.request_count() == 1);
    CHECK(sh.air.requests().front().path == "/v1/air-quality");
    sh.config("air = true\n");
    CHECK(json::parse(sh.run({"10001", "--json"}).output).at("air").at("aqi") == 42);
    CHECK(sh.run({"10001", "--format", "{aqi} {aqi_label} {pm2_5} {pm10}"}).output == "42 Good 10.2 15.1\n");
}

TEST_CASE("the scale follows the place; --aqi-scale overrides; categories at boundaries",
          "[integration][air]") {
    AirShell sh;
    sh.with_key = false;
    sh.with_open_meteo = true;
    sh.air.set_current({{"us_aqi", 150.4}, {"european_aqi", 40}});
    CHECK(sh.run({"10001", "--format", "{aqi} {aqi_label}"}).output ==
          "150 Unhealthy for Sensitive Groups\n");
    CHECK(sh.run({"Paris,FR", "--format", "{aqi} {aqi_label}"}).output == "40 Moderate\n");
    CHECK(sh.run({"10001", "--aqi-scale", "eu", "--format", "{aqi_label}"}).output == "Moderate\n");
    sh.air.set_current({{"us_aqi", 300.6}, {"european_aqi", 19.9}});
    // The air is cached 30 minutes: --refresh asks for the new values.
    CHECK(sh.run({"10001", "--refresh", "--format", "{aqi_label}"}).output == "Hazardous\n");
    CHECK(sh.run({"Paris,FR", "--refresh", "--format", "{aqi_label}"}).output == "Good\n");
    auto bad = sh.run({"10001", "--aqi-scale", "uk"});
    CHECK(bad.status != 0);
}

TEST_CASE("missing values read '-'; a failed source '-' with the reason on stderr", "[integration][air]") {
    AirShell sh;
    sh.air.set_current({{"us_aqi", nullptr}, {"pm10", nullptr}});
    CHECK(sh.run({"10001", "--format", "{aqi}|{pm2_5}|{pm10}"}).output == "-|10.2|-\n");
    sh.air.answer_raw(tenki::test::Reply::json(503, R"({"error":true,"reason":"maintenance"})"));
    auto r = sh.run({"10001", "--refresh", "--format", "{temp:.0f} {aqi}"});  // past the cached air
    REQUIRE(r.status == 0);
    CHECK(r.output.ends_with(" -\n"));
    CHECK(r.errors.find("tenki: 10001: air: - (") != std::string::npos);
}

TEST_CASE("the bars: class aqi-<category>; hide_good_air empties the value while the air is good",
          "[integration][air]") {
    AirShell sh;
    auto waybar = sh.run({"10001", "--output", "waybar", "--format", "{temp:.0f} {aqi}"});
    INFO(waybar.errors);
    const auto doc = json::parse(waybar.output);
    const auto classes = doc.at("class");
    CHECK(std::find(classes.begin(), classes.end(), "aqi-good") != classes.end());
    sh.config("[bar]\nhide_good_air = true\n");
    auto hidden = json::parse(sh.run({"10001", "--output", "waybar", "--format", "[{aqi}]"}).output);
    CHECK(hidden.at("text") == "[]");
    sh.air.set_current({{"us_aqi", 120}});
    auto shown =
        json::parse(sh.run({"10001", "--refresh", "--output", "waybar", "--format", "[{aqi}]"}).output);
    CHECK(shown.at("text") == "[120]");
}

TEST_CASE("a postal code outside the US: the air by the weather's coordinates", "[integration][air]") {
    AirShell sh;
    auto r = sh.run({"SW1A 1AA,gb", "--air", "--json"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    const auto air = json::parse(r.output).at("air");
    CHECK(air.at("scale") == "eu");
    CHECK(air.at("aqi") == 25);
    CHECK(air.at("category") == "Fair");
}

TEST_CASE("the air is kept on disk 30 minutes: the next runs within it ask nothing", "[integration][air]") {
    AirShell sh;
    REQUIRE(sh.run({"10001", "--air"}).status == 0);
    REQUIRE(sh.air.request_count() == 1);
    sh.air.set_current({{"us_aqi", 160}});
    CHECK(sh.run({"10001", "--format", "{aqi}"}).output == "42\n");
    // 29 minutes old: a minute's margin, since the run itself takes time (seconds under ASan), and
    // an age that reaches 30 minutes during the run would be asked again.
    sh.age_cache(1740);
    CHECK(sh.run({"10001", "--format", "{aqi}"}).output == "42\n");
    CHECK(sh.air.request_count() == 1);
    sh.age_cache(60);  // 30 minutes old: asked again
    CHECK(sh.run({"10001", "--format", "{aqi}"}).output == "160\n");
    CHECK(sh.air.request_count() == 2);
    sh.air.set_current({{"us_aqi", 55}});
    CHECK(sh.run({"10001", "--refresh", "--format", "{aqi}"}).output == "55\n");
    CHECK(sh.run({"10001", "--cache-ttl", "0", "--format", "{aqi}"}).output == "55\n");
    CHECK(sh.air.request_count() == 4);
}

// An upstream's nonsense is refused, not rendered: the fake upstreams answer in the documented
// shape with values no weather has, and tenki says so (bad_response, exit 7) instead of printing a
// time zone of UTC+277777777:46 or a "day" of 120 hours.
#include <catch2/catch.hpp>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/tenki_shell.hpp"

using nlohmann::json;
using tenki::test::FakeOwm;
using tenki::test::Reply;

namespace {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// `tenki args...` must fail as a bad upstream answer saying `why`, and show nothing of it.
void check_refused(const tenki::util::RunOutput& r, const std::string& why) {
    INFO(r.output << r.errors);
    CHECK(r.status == 7);
    CHECK(r.errors.find("cannot be real weather: " + why) != std::string::npos);
    CHECK(r.output.find("UTC+") == std::string::npos);
}

}  // namespace

TEST_CASE("an OpenWeatherMap forecast with city.timezone 10^12 is refused, naming the offset",
          "[integration][forecast]") {
    tenki::test::TenkiShell sh;
    auto doc = json::parse(FakeOwm::forecast_json("94107,us", unix_now()));
    doc["city"]["timezone"] = 1000000000000LL;
    sh.owm.route("/data/2.5/forecast", Reply::json(200, doc.dump()));
    check_refused(sh.run({"forecast", "94107", "--provider", "owm"}),
                  "the time zone offset 1000000000000 s is outside ±18 h");
}

TEST_CASE("an OpenWeatherMap forecast of forty steps at one instant is refused, not a day of 120 hours",
          "[integration][forecast]") {
    tenki::test::TenkiShell sh;
    auto doc = json::parse(FakeOwm::forecast_json("94107,us", unix_now()));
    REQUIRE(doc.at("list").size() == 40);
    const auto first = doc["list"][0]["dt"];
    for (auto& step : doc["list"]) step["dt"] = first;
    sh.owm.route("/data/2.5/forecast", Reply::json(200, doc.dump()));
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"forecast", "94107", "--provider", "owm"},
                                               {"forecast", "--hourly", "94107", "--provider", "owm"}})
        check_refused(sh.run(args), "step 1 is at " + first.dump() + ", not after the step before it");
}

TEST_CASE("OpenWeatherMap's current weather with a negative humidity or a time far from now is refused",
          "[integration][weather]") {
    tenki::test::TenkiShell sh;
    const auto good = json::parse(FakeOwm::place_json("94107,us"));
    auto wet = good;
    wet["main"]["humidity"] = -5;
    sh.owm.route("/data/2.5/weather", Reply::json(200, wet.dump()));
    check_refused(sh.run({"weather", "94107", "--provider", "owm"}), "the humidity -5 is outside 0-100 %");
    auto future = good;
    future["dt"] = 100000000000LL;  // the year 5138
    sh.owm.route("/data/2.5/weather", Reply::json(200, future.dump()));
    check_refused(sh.run({"weather", "94107", "--provider", "owm", "--cache-ttl", "0"}),
                  "the observation time 100000000000 is outside");
}

TEST_CASE("Open-Meteo's current weather with a humidity of 250 % is refused", "[integration][weather]") {
    tenki::test::TenkiShell sh;
    sh.with_key = false;
    sh.with_open_meteo = true;
    const auto ok = sh.run({"weather", "94107", "--provider", "open-meteo", "--cache-ttl", "0"});
    REQUIRE(ok.status == 0);
    // The fake's own answer to what tenki asked, with one value no weather has.
    const auto asked = sh.meteo.requests().back();
    const auto base = sh.meteo.base_url();
    const auto answer = tenki::test::http_get(std::stoi(base.substr(base.rfind(':') + 1)), asked.target);
    auto doc = json::parse(answer.body);
    REQUIRE(doc.at("current").contains("relative_humidity_2m"));
    doc["current"]["relative_humidity_2m"] = 250;
    sh.meteo.answer_raw(200, doc.dump());
    check_refused(sh.run({"weather", "94107", "--provider", "open-meteo", "--cache-ttl", "0"}),
                  "the humidity 250 is outside 0-100 %");
}

// tenki weather's alerts (issue 29) as a user sees them: the built binary against the fake NWS.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/fake_nws.hpp"
#include "support/tenki_shell.hpp"

using namespace std::chrono_literals;
using nlohmann::json;
using tenki::test::FakeAlert;
using tenki::test::FakeNws;

namespace {

struct AlertShell : tenki::test::TenkiShell {
    tenki::util::RunOutput run(std::vector<std::string> args) const {
        return TenkiShell::run("weather", std::move(args));
    }
};

std::int64_t alerts_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// "Sat 18:00" as the fake writes a time (-05:00).
std::string eastern_clock(std::int64_t unix_s) {
    const auto local = static_cast<std::time_t>(unix_s - 5 * 3600);
    std::tm tm{};
    gmtime_r(&local, &tm);
    char out[16];
    std::strftime(out, sizeof out, "%a %H:%M", &tm);
    return out;
}

FakeAlert storm_until(std::int64_t ends) {
    FakeAlert a;
    a.ends = ends;
    return a;
}

}  // namespace

TEST_CASE("the report's top line names the alert in force, its end and sender", "[integration][alerts]") {
    AlertShell sh;
    const auto ends = alerts_now() + 6 * 3600;
    sh.nws.set_alerts({storm_until(ends)});
    auto r = sh.run({"10001"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    const auto first_line = r.output.substr(0, r.output.find('\n'));
    CHECK(first_line == "⚠ Winter Storm Warning until " + eastern_clock(ends) + " (NWS New York NY)");
    CHECK(r.output.find("New York") != std::string::npos);
    REQUIRE(sh.nws.request_count() == 1);
    const auto request = sh.nws.requests().front();
    CHECK(request.path == "/alerts/active");
    const auto point = request.query.at("point");
    INFO(point);
    const auto comma = point.find(',');
    REQUIRE(comma != std::string::npos);
    for (const auto& part : {point.substr(0, comma), point.substr(comma + 1)}) {
        const auto dot = part.find('.');
        CHECK((dot == std::string::npos || part.size() - dot - 1 <= 4));
    }
    CHECK(request.header("User-Agent").rfind("tenki/", 0) == 0);
    CHECK(request.header("User-Agent").find("(") != std::string::npos);
}

TEST_CASE("the NWS contact is the operator's, in the User-Agent", "[integration][alerts]") {
    AlertShell sh;
    sh.extra.emplace_back("TENKI_NWS_CONTACT", "ops@example.org");
    REQUIRE(sh.run({"10001"}).status == 0);
    REQUIRE(sh.nws.request_count() == 1);
    CHECK(sh.nws.requests().front().header("User-Agent").ends_with(" (ops@example.org)"));
}

TEST_CASE("several alerts: the most severe first, expired ones not shown", "[integration][alerts]") {
    AlertShell sh;
    FakeAlert advisory;
    advisory.event = "Wind Advisory";
    advisory.severity = "Moderate";
    advisory.ends = alerts_now() + 3600;
    FakeAlert warning = storm_until(alerts_now() + 7200);
    FakeAlert expired;
    expired.event = "Blizzard Warning";
    expired.severity = "Extreme";
    expired.ends = alerts_now() - 60;
    FakeAlert open_ended;
    open_ended.event = "Flood Watch";
    open_ended.severity = "Severe";
    open_ended.ends = std::nullopt;  // "ends": null: until it expires
    open_ended.expires = alerts_now() + 86400;
    sh.nws.set_alerts({advisory, expired, open_ended, warning});
    auto r = sh.run({"10001", "--json"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    const auto doc = json::parse(r.output);
    std::vector<std::string> events;
    for (const auto& a : doc.at("alerts")) events.push_back(a.at("event"));
    CHECK(events == std::vector<std::string>{"Winter Storm Warning", "Flood Watch", "Wind Advisory"});
    CHECK(doc.at("alerts").at(1).at("ends").is_null());
    for (const char* key : {"event", "severity", "urgency", "certainty", "onset", "ends", "expires", "sender",
                            "headline", "description", "instruction", "area"})
        CHECK(doc.at("alerts").at(0).contains(key));
    const auto text = sh.run({"10001"});
    CHECK(text.output.rfind("⚠ Winter Storm Warning", 0) == 0);
    CHECK(text.output.find("Blizzard") == std::string::npos);
}

TEST_CASE("no alerts: nothing said; --no-alerts and alerts = false ask nothing", "[integration][alerts]") {
    AlertShell sh;
    auto r = sh.run({"10001"});
    REQUIRE(r.status == 0);
    CHECK(r.output.find("⚠") == std::string::npos);
    CHECK(r.errors.empty());
    CHECK(sh.nws.request_count() == 1);
    CHECK(json::parse(sh.run({"10001", "--json"}).output).at("alerts") == json::array());
    sh.nws.set_alerts({storm_until(alerts_now() + 3600)});
    const auto before = sh.nws.request_count();
    auto skipped = sh.run({"10001", "--no-alerts"});
    REQUIRE(skipped.status == 0);
    CHECK(skipped.output.find("⚠") == std::string::npos);
    sh.config("alerts = false\n");
    auto configured = sh.run({"10001", "--json"});
    REQUIRE(configured.status == 0);
    CHECK_FALSE(json::parse(configured.output).contains("alerts"));
    CHECK(sh.nws.request_count() == before);
}

TEST_CASE("a US territory is covered: San Juan, Puerto Rico", "[integration][alerts]") {
    AlertShell sh;
    sh.with_open_meteo = true;
    sh.with_key = false;
    sh.nws.set_alerts({storm_until(alerts_now() + 3600)});
    auto r = sh.run({"San Juan,PR", "--json"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(json::parse(r.output).at("alerts").size() == 1);
    REQUIRE(sh.nws.request_count() == 1);
    CHECK(sh.nws.requests().front().query.at("point").rfind("18.4", 0) == 0);
}

TEST_CASE("outside coverage: no request, nothing in the text, null with the reason in JSON",
          "[integration][alerts]") {
    AlertShell sh;
    sh.nws.set_alerts({storm_until(alerts_now() + 3600)});
    auto text = sh.run({"SW1A 1AA,gb"});
    INFO(text.errors);
    REQUIRE(text.status == 0);
    CHECK(text.output.find("⚠") == std::string::npos);
    CHECK(text.output.find("alert") == std::string::npos);
    const auto doc = json::parse(sh.run({"SW1A 1AA,gb", "--json"}).output);
    CHECK(doc.at("alerts").is_null());
    CHECK(doc.at("alerts_reason") == "no alert source for this place");
    const auto line = sh.run({"SW1A 1AA,gb", "--format", "[{alert}] {alert_count}"});
    CHECK(line.output == "[-] -\n");
    CHECK(sh.nws.request_count() == 0);
}

TEST_CASE("{alert} and {alert_count}; a template without them asks for no alerts", "[integration][alerts]") {
    AlertShell sh;
    auto none = sh.run({"10001", "--format", "[{alert}] {alert_count}"});
    CHECK(none.output == "[] 0\n");
    sh.nws.set_alerts({storm_until(alerts_now() + 3600)});
    // The alerts are cached 5 minutes: --refresh asks for the new ones.
    auto one = sh.run({"10001", "--refresh", "--format", "{alert}|{alert_count}"});
    CHECK(one.output == "Winter Storm Warning|1\n");
    const auto asked = sh.nws.request_count();
    CHECK(sh.run({"10001", "--format", "{temp}"}).status == 0);
    CHECK(sh.nws.request_count() == asked);
}

TEST_CASE("a CDN block page: the weather answers, '-' and the reason on stderr, never alerts from HTML",
          "[integration][alerts]") {
    AlertShell sh;
    sh.nws.answer_block_page();
    auto r = sh.run({"10001"});
    REQUIRE(r.status == 0);
    CHECK(r.output.find("⚠") == std::string::npos);
    CHECK(r.output.find("New York") != std::string::npos);
    CHECK(r.errors.find("tenki: 10001: alerts: - (") != std::string::npos);
    CHECK(r.errors.find("text/html") != std::string::npos);
    auto line = sh.run({"10001", "--format", "{alert}"});
    CHECK(line.output == "-\n");
}

TEST_CASE("a stalled NWS delays the weather by one upstream timeout at most", "[integration][alerts]") {
    AlertShell sh;
    sh.nws.hold();
    auto r = sh.run({"10001", "--timeout", "2"});
    sh.nws.release();
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(r.output.find("New York") != std::string::npos);
    CHECK(r.errors.find("alerts: - (") != std::string::npos);
    // The time really waited: one timeout (2 s), later on a busy machine, never two.
    CHECK(std::regex_search(r.errors, std::regex("did not answer within [23]\\.[0-9] s")));
    CHECK(sh.nws.request_count() == 1);
}

TEST_CASE("the bars: Waybar's alert classes and headline, i3blocks' urgent colour", "[integration][alerts]") {
    AlertShell sh;
    sh.nws.set_alerts({storm_until(alerts_now() + 3600)});
    auto waybar = sh.run({"10001", "--output", "waybar", "--format", "{alert} {temp:.0f}"});
    INFO(waybar.errors);
    const auto doc = json::parse(waybar.output);
    const auto classes = doc.at("class");
    CHECK(std::find(classes.begin(), classes.end(), "alert") != classes.end());
    CHECK(std::find(classes.begin(), classes.end(), "alert-severe") != classes.end());
    CHECK(doc.at("tooltip").get<std::string>().rfind("Winter Storm Warning issued by NWS New York NY", 0) ==
          0);
    auto i3 = sh.run({"10001", "--output", "i3blocks", "--format", "{alert_count}"});
    CHECK(i3.output.find("#FF0000") != std::string::npos);
    const auto asked = sh.nws.request_count();
    auto plain_bar = sh.run({"10001", "--output", "waybar"});  // bar.format names no alert field
    CHECK(json::parse(plain_bar.output).at("class").dump().find("alert") == std::string::npos);
    CHECK(sh.nws.request_count() == asked);
}

TEST_CASE("a second report within 5 minutes asks the NWS nothing: the alerts are kept on disk",
          "[integration][alerts]") {
    AlertShell sh;
    sh.nws.set_alerts({storm_until(alerts_now() + 6 * 3600)});
    auto first = sh.run({"10001"});
    INFO(first.errors);
    REQUIRE(first.status == 0);
    REQUIRE(sh.nws.request_count() == 1);
    auto second = sh.run({"10001"});
    REQUIRE(second.status == 0);
    CHECK(second.output.rfind("⚠ Winter Storm Warning", 0) == 0);
    CHECK(sh.nws.request_count() == 1);
    CHECK(json::parse(sh.run({"10001", "--json"}).output).at("alerts").size() == 1);
    CHECK(sh.nws.request_count() == 1);
    // 4 minutes old: a minute's margin for the run's own time (seconds under ASan).
    sh.age_cache(240);
    CHECK(sh.run({"10001"}).output.rfind("⚠", 0) == 0);
    CHECK(sh.nws.request_count() == 1);
    sh.age_cache(61);  // 5 minutes old: asked again
    CHECK(sh.run({"10001"}).output.rfind("⚠", 0) == 0);
    CHECK(sh.nws.request_count() == 2);
    CHECK(sh.run({"10001", "--refresh"}).status == 0);
    CHECK(sh.nws.request_count() == 3);
}

TEST_CASE("i3blocks exits 33 (urgent) while an Extreme or Severe alert is in force, else 0; Waybar always 0",
          "[integration][alerts]") {
    AlertShell sh;
    FakeAlert advisory;
    advisory.event = "Wind Advisory";
    advisory.severity = "Moderate";
    advisory.ends = alerts_now() + 3600;
    sh.nws.set_alerts({advisory});
    auto moderate = sh.run({"10001", "--output", "i3blocks", "--format", "{alert} {temp:.0f}"});
    INFO(moderate.errors);
    CHECK(moderate.status == 0);
    CHECK(moderate.output.rfind("Wind Advisory ", 0) == 0);
    for (const char* severity : {"Severe", "Extreme"}) {
        INFO(severity);
        FakeAlert storm = storm_until(alerts_now() + 3600);
        storm.severity = severity;
        sh.nws.set_alerts({advisory, storm});
        auto urgent =
            sh.run({"10001", "--refresh", "--output", "i3blocks", "--format", "{alert} {temp:.0f}"});
        CHECK(urgent.status == 33);
        CHECK(urgent.output.rfind("Winter Storm Warning ", 0) == 0);
        auto waybar = sh.run({"10001", "--output", "waybar", "--format", "{alert}"});
        CHECK(waybar.status == 0);
        CHECK(json::parse(waybar.output).at("text") == "Winter Storm Warning");
    }
    // A warning issued ahead of its onset (the NWS gives a day or more): shown as coming, not urgent.
    FakeAlert coming = storm_until(alerts_now() + 40 * 3600);
    coming.onset = alerts_now() + 30 * 3600;
    sh.nws.set_alerts({coming});
    auto early = sh.run({"10001", "--refresh", "--output", "i3blocks", "--format", "{alert} {temp:.0f}"});
    INFO(early.errors);
    CHECK(early.status == 0);
    CHECK(early.output.rfind("Winter Storm Warning ", 0) == 0);
    auto report = sh.run({"10001"});
    CHECK(report.output.rfind("⚠ Winter Storm Warning from " + eastern_clock(*coming.onset) + " until " +
                                  eastern_clock(*coming.ends) + " (NWS New York NY)\n",
                              0) == 0);
    // A bar whose format names no alert field asks for none, so it is never urgent.
    auto plain = sh.run({"10001", "--output", "i3blocks", "--format", "{temp:.0f}"});
    CHECK(plain.status == 0);
}

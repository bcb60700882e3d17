// A status bar on a dead network: the built tenki polling as a bar does, both fake upstreams
// hanging (held: each request recorded, none answered) and failover between them. The first poll
// waits one upstream timeout in all, however many providers it tries; the next, with both
// breakers open, asks no one and answers at once: the error naming both providers and the next
// try, or the stale answer when one is cached.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/tenki_shell.hpp"

using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// Both fake upstreams and a key: OpenWeatherMap first, failing over to Open-Meteo.
struct DeadNetShell : tenki::test::TenkiShell {
    DeadNetShell() : TenkiShell("tenki-deadnet") { with_open_meteo = true; }

    // Both upstreams accept each request and never answer.
    void hang_both() {
        owm.hold();
        meteo.hold();
    }

    std::size_t upstream_requests() const { return owm.request_count() + meteo.request_count(); }

    // A poll and the seconds it took.
    struct Poll {
        tenki::util::RunOutput run;
        double seconds;
    };
    Poll poll(std::vector<std::string> args) const {
        const auto started = std::chrono::steady_clock::now();
        auto run = TenkiShell::run(args);
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
        return {std::move(run), took.count()};
    }
};

// --timeout 2: a poll that ended before 3.5 s did not wait two timeouts (one a provider).
constexpr double k_deadnet_two_timeouts = 3.5;

}  // namespace

TEST_CASE(
    "a status bar on a dead network waits one upstream timeout, then answers at once without asking, "
    "naming both providers and the next try",
    "[integration][weather][bar][failover]") {
    DeadNetShell sh;
    sh.hang_both();

    // The first poll: both providers tried, and Waybar's tooltip forecast beside the weather, all
    // within one --timeout.
    const auto first = sh.poll({"weather", "94107", "--output", "waybar", "--timeout", "2"});
    INFO(first.run.errors);
    CHECK(first.run.status == 0);
    CHECK(first.seconds < k_deadnet_two_timeouts);
    CHECK(sh.owm.request_count() >= 1);
    CHECK(sh.meteo.request_count() >= 1);
    const auto doc = json::parse(first.run.output);
    CHECK(doc.at("class") == json::array({"error", "timeout"}));
    // The providers by their titles and the time really waited, not the fakes' 127.0.0.1:PORT.
    const std::regex waited(
        "OpenWeatherMap did not answer within [0-9]\\.[0-9] s; Open-Meteo did not answer "
        "within [0-9]\\.[0-9] s: try again later");
    CHECK(std::regex_search(first.run.errors, waited));
    CHECK(first.run.errors.find("127.0.0.1") == std::string::npos);

    // The second poll: both breakers open (breakers.json), nothing cached: no upstream asked.
    const auto asked = sh.upstream_requests();
    const auto second = sh.poll({"weather", "94107", "--output", "plain", "--timeout", "2"});
    INFO(second.run.errors);
    WARN("second poll, both providers hanging, breakers open: " << second.seconds << " s");
    CHECK(second.run.status == 0);
    CHECK(sh.upstream_requests() == asked);
    CHECK(std::regex_match(second.run.output, std::regex("⚠ timed out, next try [0-2][0-9]:[0-5][0-9]\n")));
    CHECK(std::regex_search(
        second.run.errors,
        std::regex("tenki: 94107: OpenWeatherMap did not answer within [0-9.]+ s; Open-Meteo "
                   "did not answer within [0-9.]+ s; next try at [0-2][0-9]:[0-5][0-9]:[0-5][0-9]")));

    const auto waybar = sh.poll({"weather", "94107", "--output", "waybar"});
    CHECK(sh.upstream_requests() == asked);
    const auto held = json::parse(waybar.run.output);
    CHECK(held.at("class") == json::array({"error", "timeout"}));
    CHECK(held.at("tooltip").get<std::string>().find("; next try at ") != std::string::npos);
}

TEST_CASE("a status bar on a dead network shows the last answer, stale, at once once the breakers are open",
          "[integration][weather][bar][failover]") {
    DeadNetShell sh;
    const auto fresh = sh.poll({"weather", "94107", "--output", "plain"});
    REQUIRE(fresh.run.status == 0);
    // Past the TTL, within the stale window: 22.5 min, shown as 23 min until a minute has passed
    // (ages are rounded to the nearest minute), however slowly the three polls run.
    sh.age_cache(1350);
    sh.hang_both();

    const auto first = sh.poll({"weather", "94107", "--output", "plain", "--timeout", "2"});
    INFO(first.run.errors);
    CHECK(first.run.status == 0);
    CHECK(first.seconds < k_deadnet_two_timeouts);
    CHECK(first.run.output.find("(stale: 23 min old)") != std::string::npos);

    const auto asked = sh.upstream_requests();
    const auto second = sh.poll({"weather", "94107", "--output", "plain", "--timeout", "2"});
    INFO(second.run.errors);
    WARN("second poll with a stale answer, breakers open: " << second.seconds << " s");
    CHECK(second.run.status == 0);
    CHECK(sh.upstream_requests() == asked);
    CHECK(second.run.output.find("(stale: 23 min old)") != std::string::npos);
    CHECK(second.run.errors.find("OpenWeatherMap") != std::string::npos);
    CHECK(second.run.errors.find("Open-Meteo") != std::string::npos);
}

TEST_CASE(
    "--refresh while both breakers are open asks no one and says so: the next try, and the last "
    "answer with its age (or exit 6 with --no-stale)",
    "[integration][weather][failover]") {
    DeadNetShell sh;
    REQUIRE(sh.run({"weather", "94107", "--no-alerts"}).status == 0);  // an answer on disk
    sh.hang_both();
    const auto opened = sh.run({"weather", "94107", "--no-alerts", "--refresh", "--timeout", "1"});
    INFO(opened.errors);
    CHECK(opened.status == 0);  // both waited for, both breakers opened: the last answer
    const auto asked = sh.upstream_requests();

    const auto refresh = sh.run({"weather", "94107", "--no-alerts", "--refresh", "--timeout", "1"});
    INFO(refresh.errors);
    CHECK(refresh.status == 0);
    CHECK(sh.upstream_requests() == asked);  // skipped while the breakers are open
    CHECK(std::regex_search(refresh.errors,
                            std::regex("tenki: 94107: .*; next try at [0-2][0-9]:[0-5][0-9]:[0-5][0-9]: "
                                       "showing the last answer, [0-9]+ (s|min) old")));
    CHECK(refresh.output.find("stale: ") != std::string::npos);

    const auto strict =
        sh.run({"weather", "94107", "--no-alerts", "--refresh", "--no-stale", "--timeout", "1"});
    CHECK(strict.status == 6);
    CHECK(strict.output.empty());
    CHECK(std::regex_search(strict.errors, std::regex("; next try at [0-2][0-9]:[0-5][0-9]:[0-5][0-9]")));
    CHECK(sh.upstream_requests() == asked);
}

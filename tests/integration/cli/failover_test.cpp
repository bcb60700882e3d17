// Failover at the shell: the built tenki against a failing fake OpenWeatherMap and an answering
// fake Open-Meteo. The answer's source, the text note, the breaker kept in the cache folder between
// runs (the failed provider not asked again), recovery after the back-off, a rejected key's
// warning, --provider pinning, and the failures that are the caller's.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"

using namespace std::chrono_literals;
using nlohmann::json;
using tenki::test::FakeOpenMeteo;
using tenki::test::FakeOwm;
using tenki::test::Reply;
using tenki::test::TempDir;

namespace {

// A user's shell with both fake upstreams and a key (tests/support/tenki_shell.hpp).
struct FailoverShell : tenki::test::TenkiShell {
    FailoverShell() : TenkiShell("tenki-failover") { with_open_meteo = true; }
    std::filesystem::path breaker_file() const { return home.path() / "cache" / "tenki" / "breakers.json"; }
    // The rows of breakers.json: each provider's name and the base URL its breaker measured.
    std::string owm_row() const { return "openweathermap " + owm_url.value_or(owm.base_url()); }
    std::string meteo_row() const { return "open-meteo " + meteo.base_url(); }
};

}  // namespace

TEST_CASE("tenki weather answers from Open-Meteo when OpenWeatherMap fails, and says so",
          "[integration][failover]") {
    FailoverShell shell;
    Reply failure = FakeOwm::server_error(500);
    std::string reason = "bad_response";
    std::vector<std::string> timeout_args;
    SECTION("500") {}
    SECTION("429") {
        failure = FakeOwm::rate_limited(1);
        reason = "rate_limited";
    }
    SECTION("timeout") {
        // OpenWeatherMap's share of the timeout is half (1 s), Open-Meteo has the rest: room
        // enough on a busy machine, where a tenth of a second was not.
        failure = Reply::json(200, FakeOwm::place_json("94107,us")).with_delay(10s);
        reason = "timeout";
        timeout_args = {"--timeout", "2"};
    }
    shell.owm.always(failure);
    std::vector<std::string> args{"weather", "94107", "--json"};
    args.insert(args.end(), timeout_args.begin(), timeout_args.end());
    const auto r = shell.run(args);
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(json::parse(r.output).at("source") == "open-meteo");
    CHECK(shell.owm.request_count() == 1);
    CHECK(shell.meteo.request_count() == 1);

    // The breaker is open: the next run (text, --refresh past the cache) does not ask OpenWeatherMap.
    std::vector<std::string> text_args{"weather", "94107", "--refresh"};
    text_args.insert(text_args.end(), timeout_args.begin(), timeout_args.end());
    const auto again = shell.run(text_args);
    INFO(again.errors);
    REQUIRE(again.status == 0);
    CHECK(again.output.find("(from Open-Meteo: OpenWeatherMap failed (" + reason + "))\n") !=
          std::string::npos);
    CHECK(shell.owm.request_count() == 1);
    CHECK(shell.meteo.request_count() == 2);

    struct stat st {};
    REQUIRE(::stat(shell.breaker_file().c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(json::parse(tenki::test::read_file(shell.breaker_file())).at(shell.owm_row()).at("last_failure") ==
          reason);
}

TEST_CASE("a breaker opened at a wrong TENKI_OWM_URL does not hold back the right one",
          "[integration][failover]") {
    FailoverShell shell;
    shell.with_open_meteo = false;  // no fallback either: both breakers open on a dead network
    shell.owm_url = "http://127.0.0.1:" + std::to_string(tenki::test::free_port());
    const auto wrong = shell.run({"weather", "94107"});
    REQUIRE(wrong.status != 0);
    shell.owm_url.reset();
    const auto right = shell.run({"weather", "94107", "--json", "--refresh"});
    INFO(right.errors);
    REQUIRE(right.status == 0);
    CHECK(json::parse(right.output).at("source") == "openweathermap");
    CHECK(shell.owm.request_count() == 1);
}

TEST_CASE("an answer cached by a run pinned to Open-Meteo claims no failure of OpenWeatherMap",
          "[integration][failover]") {
    FailoverShell shell;
    const auto pinned = shell.run({"forecast", "-p", "open-meteo", "94107"});
    INFO(pinned.errors);
    REQUIRE(pinned.status == 0);
    for (const char* command : {"forecast", "weather"}) {
        if (std::string(command) == "weather")
            REQUIRE(shell.run({"weather", "-p", "open-meteo", "94107"}).status == 0);
        const auto r = shell.run({command, "94107"});
        INFO(command << ": " << r.output << r.errors);
        REQUIRE(r.status == 0);
        CHECK(r.output.find("failed") == std::string::npos);
        CHECK(r.output.find("(from Open-Meteo)") != std::string::npos);
    }
    CHECK(shell.owm.request_count() == 0);
}

TEST_CASE("tenki weather fails over when OpenWeatherMap is unreachable", "[integration][failover]") {
    FailoverShell shell;
    shell.owm_url = "http://127.0.0.1:" + std::to_string(tenki::test::free_port());
    const auto r = shell.run({"weather", "94107"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(r.output.find("(from Open-Meteo: OpenWeatherMap failed (unreachable))") != std::string::npos);
    CHECK(shell.meteo.request_count() == 1);
}

TEST_CASE("tenki forecast fails over too, and the fallback's answer is cached", "[integration][failover]") {
    FailoverShell shell;
    shell.owm.always(FakeOwm::server_error(503));
    const auto r = shell.run({"forecast", "94107", "--json"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(json::parse(r.output).at("source") == "open-meteo");
    const auto text = shell.run({"forecast", "94107"});
    REQUIRE(text.status == 0);
    CHECK(text.output.find("(from Open-Meteo: OpenWeatherMap failed (bad_response))") != std::string::npos);
    // From the disk cache, within its TTL: no upstream asked again.
    CHECK(shell.meteo.request_count() == 1);
    CHECK(shell.owm.request_count() == 1);
}

TEST_CASE("tenki weather asks OpenWeatherMap again once the back-off has passed", "[integration][failover]") {
    // The back-off from the variable, or from the config file's failover_backoff.
    const bool from_file = GENERATE(false, true);
    INFO("from the file: " << from_file);
    FailoverShell shell;
    if (from_file)
        shell.config("failover_backoff = \"0s\"\n");
    else
        shell.extra = {{"TENKI_FAILOVER_BACKOFF", "0"}};
    shell.owm.always(FakeOwm::server_error(502));
    REQUIRE(shell.run({"weather", "94107", "--cache-ttl", "0"}).status == 0);
    REQUIRE(shell.owm.request_count() == 1);
    shell.owm.clear_script();
    const auto r = shell.run({"weather", "94107", "--json", "--cache-ttl", "0"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(json::parse(r.output).at("source") == "openweathermap");
    CHECK(shell.owm.request_count() == 2);
    CHECK(shell.meteo.request_count() == 1);
    CHECK(json::parse(tenki::test::read_file(shell.breaker_file())).at(shell.owm_row()).at("open_until_ms") ==
          0);
}

TEST_CASE("tenki weather warns of a rejected key and still answers from Open-Meteo",
          "[integration][failover]") {
    FailoverShell shell;
    shell.owm.always(FakeOwm::unauthorized());
    for (int run = 0; run < 2; ++run) {
        const auto r = shell.run({"weather", "94107", "--json", "--refresh"});
        INFO(r.errors);
        REQUIRE(r.status == 0);
        CHECK(json::parse(r.output).at("source") == "open-meteo");
        // Each time, the breaker open or not: the key is the user's to fix.
        CHECK(r.errors.find("tenki: warning: OpenWeatherMap rejected the API key") != std::string::npos);
        CHECK(r.errors.find(std::string(shell.owm.api_key())) == std::string::npos);
    }
    CHECK(shell.owm.request_count() == 1);
}

TEST_CASE("tenki weather --provider owm pins OpenWeatherMap: no failover", "[integration][failover]") {
    FailoverShell shell;
    shell.owm.always(FakeOwm::server_error(500));
    const auto r = shell.run({"weather", "94107", "--provider", "owm"});
    CHECK(r.status == 7);
    CHECK(r.errors.find("OpenWeatherMap answered HTTP 500") != std::string::npos);
    CHECK(shell.meteo.request_count() == 0);
}

TEST_CASE(
    "tenki weather does not fail over for the caller's failures; another country's postal code "
    "fails over through Open-Meteo's geocoding, or keeps OpenWeatherMap's error",
    "[integration][failover]") {
    FailoverShell shell;
    SECTION("a place OpenWeatherMap does not know") {
        const auto r = shell.run({"weather", "90210"});
        CHECK(r.status == 3);
        CHECK(shell.meteo.request_count() == 0);
    }
    SECTION("a postal code Open-Meteo's geocoding knows") {
        shell.owm.always(FakeOwm::server_error(500));
        const auto r = shell.run({"weather", "SW1A 1AA", "--country", "gb", "--json"});
        INFO(r.errors);
        REQUIRE(r.status == 0);
        CHECK(nlohmann::json::parse(r.output)["source"] == "open-meteo");
        CHECK(nlohmann::json::parse(r.output)["location"]["name"] == "London");
        CHECK(shell.meteo.requests().at(0).path == "/v1/search");
    }
    SECTION("a postal code it does not know: OpenWeatherMap's error stands") {
        shell.owm.always(FakeOwm::server_error(500));
        const auto r = shell.run({"weather", "10999", "--country", "de"});
        CHECK(r.status == 7);
        CHECK(r.errors.find("OpenWeatherMap answered HTTP 500") != std::string::npos);
        CHECK(shell.meteo.request_count() == 1);  // the search only
    }
}

TEST_CASE("tenki weather --output waybar shows Open-Meteo's answer while OpenWeatherMap fails",
          "[integration][failover][bar]") {
    FailoverShell shell;
    shell.owm.always(FakeOwm::server_error(500));
    const auto r = shell.run({"weather", "94107", "--output", "waybar"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    const auto doc = json::parse(r.output);
    const auto classes = doc.at("class").dump();
    CHECK(classes.find("error") == std::string::npos);
    CHECK(classes.find("stale") == std::string::npos);
    CHECK(shell.meteo.request_count() >= 1);
}

namespace {

std::int64_t unix_now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

TEST_CASE("a 429 asking years of waiting opens OpenWeatherMap's breaker for an hour at most",
          "[integration][failover]") {
    FailoverShell shell;
    std::string retry_after = "99999999";  // 3.2 years, in seconds
    SECTION("in seconds") {}
    SECTION("as an HTTP date") { retry_after = "Fri, 31 Dec 9999 23:59:59 GMT"; }
    shell.owm.always(
        Reply::json(429, R"({"cod":429,"message":"slow down"})").with_header("Retry-After", retry_after));
    const auto before = unix_now_ms();
    const auto r = shell.run({"weather", "94107", "--json"});
    const auto after = unix_now_ms();
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(json::parse(r.output).at("source") == "open-meteo");
    const auto owm = json::parse(tenki::test::read_file(shell.breaker_file())).at(shell.owm_row());
    CHECK(owm.at("last_failure") == "rate_limited");
    CHECK(owm.at("backoff_ms") == 3'600'000);
    CHECK(owm.at("open_until_ms").get<std::int64_t>() >= before + 3'600'000);
    CHECK(owm.at("open_until_ms").get<std::int64_t>() <= after + 3'600'000);
}

TEST_CASE("a breakers.json from a wrong clock holds a provider off for an hour at most",
          "[integration][failover]") {
    FailoverShell shell;
    shell.extra = {{"TZ", "UTC"}};
    const auto years_ahead = unix_now_ms() + 100'000'000'000;  // 3.2 years
    const json open = {{"failures", 1},
                       {"open_until_ms", years_ahead},
                       {"backoff_ms", 100'000'000'000},
                       {"last_failure", "timeout"},
                       {"last_message", "did not answer"}};
    std::filesystem::create_directories(shell.breaker_file().parent_path());
    std::filesystem::permissions(shell.home.path() / "cache", std::filesystem::perms::owner_all);
    std::filesystem::permissions(shell.breaker_file().parent_path(), std::filesystem::perms::owner_all);
    std::ofstream(shell.breaker_file()) << json{{shell.owm_row(), open}, {shell.meteo_row(), open}}.dump();
    std::filesystem::permissions(shell.breaker_file(),
                                 std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);

    // Both breakers open on a dead network: nobody is asked, and the next try is said, within an hour.
    const auto before = unix_now_ms() / 1000;
    const auto r = shell.run({"weather", "94107"});
    const auto after = unix_now_ms() / 1000;
    INFO(r.errors);
    CHECK(shell.owm.request_count() == 0);
    CHECK(shell.meteo.request_count() == 0);
    std::smatch m;
    REQUIRE(std::regex_search(r.errors, m, std::regex("next try at ([0-2][0-9]):([0-5][0-9]):([0-5][0-9])")));
    const std::int64_t said = std::stoi(m[1]) * 3600 + std::stoi(m[2]) * 60 + std::stoi(m[3]);
    bool within_the_hour = false;
    for (auto t = before + 3600; t <= after + 3601; ++t)  // the next try is said in whole seconds, rounded up
        within_the_hour = within_the_hour || t % 86400 == said;
    CHECK(within_the_hour);
}

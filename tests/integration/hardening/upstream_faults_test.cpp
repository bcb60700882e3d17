// Upstream faults through both front doors: `tenki weather` gives its documented exit status and
// one stderr line; `tenki serve` its documented status, or a STALE answer when it has one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "hardening.hpp"

using namespace tenki::test;
using namespace tenki::test::hardening;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

struct Fault {
    const char* name;
    Reply reply;
    int exit_status;  // tenki weather
    int http_status;  // tenki serve, with nothing cached
    bool stale;       // a cached answer stands in for it
};

std::vector<Fault> faults() {
    const std::string sf = FakeOwm::place_json("94107,us");
    std::string bad_utf8 = sf;
    bad_utf8.replace(bad_utf8.find("San Francisco"), 3, "S\xff\xfe");
    return {
        {"reset mid-body", Reply::reset_mid_body(sf), 6, 502, true},
        {"a byte a second", Reply::json(200, sf).with_trickle(1s), 6, 504, true},
        {"a huge body", FakeOwm::huge_body(8 * 1024 * 1024), 7, 502, true},
        {"invalid UTF-8", Reply::json(200, bad_utf8), 7, 502, true},
        {"HTML for JSON", Reply::text(200, "<html><body>Gateway</body></html>", "text/html"), 7, 502, true},
        {"a redirect elsewhere", Reply::redirect(302, "http://evil.invalid/data/2.5/weather"), 7, 502, true},
        {"a 500", FakeOwm::server_error(500), 7, 502, true},
        {"invalid JSON", FakeOwm::invalid_json(), 7, 502, true},
        // Last: a not_found is an answer, cached for the cold code.
        {"200 with an error body", Reply::json(200, R"({"cod":"404","message":"city not found"})"), 3, 404,
         false},
    };
}

std::size_t lines(const std::string& s) {
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

}  // namespace

TEST_CASE("tenki weather: each upstream fault gives its exit status and one line",
          "[integration][hardening]") {
    FakeOwm owm{k_secret_key};
    Shell sh;
    for (auto& f : faults()) {
        owm.always(f.reply);
        const auto before = owm.request_count();
        auto r = sh.run({"94107"}, owm.base_url());
        INFO(f.name << ": " << r.errors);
        CHECK(r.status == f.exit_status);
        CHECK(r.output.empty());
        CHECK(lines(r.errors) == 1);
        CHECK(owm.request_count() - before ==
              1);  // no retry of a request that was sent, no redirect followed
    }
    for (auto& [name, url] : std::vector<std::pair<std::string, std::string>>{
             {"connection refused", refused_url()}, {"no such host", "http://weather.invalid"}}) {
        auto r = sh.run({"94107"}, url);
        INFO(name << ": " << r.errors);
        CHECK(r.status == 6);
        CHECK(lines(r.errors) == 1);
    }
}

TEST_CASE("tenki serve: each upstream fault gives its status, or the stale answer",
          "[integration][hardening]") {
    // One client asks for every fault: this is no test of its budget.
    // --upstream-timeout 3, as the CLI's Shell: a quick fault is never a timeout on a busy machine.
    Served s({"--cache-ttl", "0", "--upstream-timeout", "3", "--client-rate", "off"});
    REQUIRE(s.get("/api/v1/weather?postalcode=94107").status == 200);  // cached, expired at once
    for (auto& f : faults()) {
        s.owm.always(f.reply);
        INFO(f.name);
        auto cold = s.get("/api/v1/weather?postalcode=10001");
        CHECK(cold.status == f.http_status);
        CHECK(json::parse(cold.body)["error"].is_object());
        if (f.stale) {
            auto stale = s.get("/api/v1/weather?postalcode=94107");
            CHECK(stale.status == 200);
            CHECK(stale.header("x-cache") == "STALE");
        }
        s.owm.clear_script();
    }
    for (const auto& r : s.owm.requests()) CHECK(r.path == "/data/2.5/weather");
    CHECK(s.child->running());
}

TEST_CASE("tenki serve: a dead or unresolvable upstream answers 502 at once", "[integration][hardening]") {
    for (auto url : {refused_url(), std::string("http://weather.invalid")}) {
        Served s({"--upstream-timeout", "2"}, url);
        INFO(url);
        auto r = s.get("/api/v1/weather?postalcode=94107");
        CHECK(r.status == 502);
        CHECK(json::parse(r.body)["error"]["code"] == "upstream_unreachable");
    }
}

TEST_CASE("a 429 storm: tenki backs off for Retry-After instead of hammering", "[integration][hardening]") {
    Served s({"--cache-ttl", "0"});
    REQUIRE(s.get("/api/v1/weather?postalcode=94107").status == 200);
    s.owm.always(FakeOwm::rate_limited(30));
    const auto before = s.owm.request_count();
    for (std::size_t i = 0; i < 20; ++i) {
        const std::string code = std::vector<std::string>{"10001", "19021", "60601", "02139"}[i % 4];
        auto r = s.get("/api/v1/weather?postalcode=" + code);
        INFO(i << " " << code);
        CHECK(r.status == 503);
        CHECK(json::parse(r.body)["error"]["code"] == "rate_limited");
        const int wait = std::stoi(r.header("retry-after"));
        CHECK(wait > 0);
        CHECK(wait <= 30);
        auto stale = s.get("/api/v1/weather?postalcode=94107");  // what is cached still answers
        CHECK(stale.status == 200);
        CHECK(stale.header("x-cache") == "STALE");
    }
    CHECK(s.owm.request_count() - before == 1);  // one 429, then silence until Retry-After is over

    Shell sh;  // the CLI makes one request and says when to try again
    auto r = sh.run({"94107"}, s.owm.base_url());
    CHECK(r.status == 5);
    CHECK(lines(r.errors) == 1);
}

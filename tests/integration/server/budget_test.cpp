// The upstream budget as a client sees it: `tenki serve` as a process and its fake OpenWeatherMap.
#include <catch2/catch.hpp>

#include <csignal>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/served_tenki.hpp"
#include "support/temp_dir.hpp"
#include "tenki/places/zipdb.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

struct BudgetServed : ServedTenki {
    explicit BudgetServed(const std::vector<std::string>& extra)
        : ServedTenki({extra, std::string(FakeOwm::k_api_key), 2, false}) {}

    // One request as the client at `address` (behind a trusted proxy: X-Real-IP).
    HttpAnswer ask(const std::string& address, const std::string& zip) {
        HttpClient client(port);
        return client.call("GET", "/api/v1/weather?postalcode=" + zip, {{"X-Real-IP", address}});
    }

    // What the server wrote on stderr (its access log), stopping it first: a line is written
    // after its answer is sent, so only a stopped server's log is whole.
    std::string stopped_log() {
        child->signal_and_wait(SIGTERM, 10s);
        return child->stderr_text();
    }
};

std::string budget_error_code(const HttpAnswer& a) { return json::parse(a.body)["error"]["code"]; }

}  // namespace

TEST_CASE("over the global budget: a stale answer if there is one, else 503 with Retry-After",
          "[integration][server][budget]") {
    BudgetServed s({"--upstream-rate", "2/min", "--cache-ttl", "0"});
    const std::vector<std::string> codes{"94107", "10001", "19021"};  // places the fake knows
    CHECK(s.ask("198.51.100.1", codes[0]).status == 200);
    CHECK(s.ask("198.51.100.2", codes[1]).status == 200);
    // Expired at once (TTL 0), and the budget is spent: the old answer, marked stale.
    auto stale = s.ask("198.51.100.3", codes[0]);
    CHECK(stale.status == 200);
    CHECK(stale.header("x-cache") == "STALE");
    // Nothing to stand in: 503 with Retry-After, from tenki, not from the provider.
    auto refused = s.ask("198.51.100.4", codes[2]);
    CHECK(refused.status == 503);
    CHECK(budget_error_code(refused) == "rate_limited");
    CHECK(std::stoi(refused.header("retry-after")) > 0);
    CHECK(s.owm.request_count() == 2);
    // Both refusals counted as the provider's budget's, none as a client's.
    CHECK(s.metric("tenki_upstream_refusals_total{budget=\"global\"}") == 2);
    CHECK(s.metric("tenki_upstream_refusals_total{budget=\"client\"}") == 0);
}

TEST_CASE("one client over its share gets 429 with Retry-After; other clients and cache hits still answer",
          "[integration][server][budget]") {
    BudgetServed s({"--client-rate", "2/min", "--upstream-rate", "60/min"});
    const std::string greedy = "198.51.100.7";
    CHECK(s.ask(greedy, "94107").status == 200);
    CHECK(s.ask(greedy, "10001").status == 200);
    auto refused = s.ask(greedy, "19021");
    CHECK(refused.status == 429);
    CHECK(budget_error_code(refused) == "too_many_requests");
    const int wait = std::stoi(refused.header("retry-after"));
    CHECK(wait > 0);
    CHECK(wait <= 60);
    // Cache hits are free, even for the client over its share.
    CHECK(s.ask(greedy, "94107").header("x-cache") == "HIT");
    // Another client behind the same proxy has its own share: the same place is asked for it.
    auto other = s.ask("203.0.113.5", "19021");
    CHECK(other.status == 200);
    CHECK(s.owm.request_count() == 3);
    CHECK(s.metric("tenki_upstream_refusals_total{budget=\"client\"}") == 1);
    CHECK(s.metric("tenki_upstream_refusals_total{budget=\"global\"}") == 0);
    // The access log names the client the trusted proxy (loopback) named, not the proxy.
    const auto log = s.stopped_log();
    CHECK(count_of(log, "\n" + greedy + " - - [") == 4);
    CHECK(count_of(log, "\n203.0.113.5 - - [") == 1);
}

TEST_CASE("--trusted-proxy none: X-Real-IP and X-Forwarded-For are not believed",
          "[integration][server][budget]") {
    BudgetServed s({"--client-rate", "1/min", "--trusted-proxy", "none"});
    CHECK(s.ask("198.51.100.1", "94107").status == 200);
    // Another address claimed, but the peer is the client: its share is spent.
    auto refused = s.ask("198.51.100.2", "10001");
    CHECK(refused.status == 429);
    HttpClient client(s.port);
    auto forwarded =
        client.call("GET", "/api/v1/weather?postalcode=19021", {{"X-Forwarded-For", "192.0.2.9"}});
    CHECK(forwarded.status == 429);
    CHECK(s.owm.request_count() == 1);
    const auto log = s.stopped_log();
    CHECK(count_of(log, "\n127.0.0.1 - - [") == 3);
    CHECK(log.find("198.51.100.") == std::string::npos);
}

TEST_CASE("--trusted-proxy and --client-rate refuse what they cannot read", "[integration][server][budget]") {
    TempDir dir;
    tenki::util::RunOptions options;
    options.env = tenki_env({dir.path(), "http://127.0.0.1:1"});
    for (auto args : {std::vector<std::string>{"--trusted-proxy", "10.0.0.0/33"},
                      {"--trusted-proxy", "nginx.local"},
                      {"--client-rate", "many"}}) {
        args.insert(args.begin(), {"serve", "--port", "0"});
        auto r = run_tenki(args, options);
        INFO(r.errors);
        CHECK(r.status == 2);
        CHECK(r.errors.find(args.back()) != std::string::npos);
    }
}

TEST_CASE("--upstream-rate refuses what it cannot read", "[integration][server][budget]") {
    TempDir dir;
    tenki::util::RunOptions options;
    options.env = tenki_env({dir.path(), "http://127.0.0.1:1"});
    for (auto args :
         {std::vector<std::string>{"--upstream-rate", "lots"}, {"--upstream-rate", "10/fortnight"}}) {
        args.insert(args.begin(), {"serve", "--port", "0"});
        auto r = run_tenki(args, options);
        INFO(r.errors);
        CHECK(r.status == 2);
        CHECK(r.errors.find(args.back()) != std::string::npos);
    }
}

TEST_CASE("a country's postal-code format is checked before any call; an unknown country is 400",
          "[integration][server][postal]") {
    BudgetServed s({});
    for (auto target :
         {"/api/v2/weather?postalcode=ABCDE&country=de", "/api/v2/weather?postalcode=12345&country=zz"}) {
        INFO(target);
        auto r = http_get(s.port, target);
        CHECK(r.status == 400);
        CHECK(budget_error_code(r) == "invalid_input");
    }
    CHECK(s.owm.request_count() == 0);
}

namespace {

// One request for the weather at `lat`,0 (a place of its own, uncached), as the client a trusted
// proxy (loopback) names in X-Forwarded-For.
HttpAnswer ask_forwarded(const BudgetServed& s, const std::string& forwarded_for, int lat) {
    HttpClient client(s.port);
    return client.call("GET", fmt::format("/api/v2/weather?lat={}&lon=0", lat),
                       {{"X-Forwarded-For", forwarded_for}});
}

}  // namespace

TEST_CASE("six clients cannot spend the whole global budget: a new client's first call finds room",
          "[integration][server][budget]") {
    // 12 calls a minute, 2 per client (a sixth): six clients could take all 12. A third (4) is kept
    // for clients' first calls: the first four clients make both calls, the fifth and sixth only
    // their first (from the reserve; their second is 429), and two newcomers still find room.
    BudgetServed s({"--upstream-rate", "12/min"});
    int lat = 1;
    int answered = 0;
    for (int client = 1; client <= 6; ++client)
        for (int call = 0; call < 2; ++call) {
            const auto answer = ask_forwarded(s, fmt::format("198.51.100.{}", client), lat++);
            answered += answer.status == 200;
            if (answer.status != 200) CHECK(answer.status == 429);  // that client had its turn
        }
    CHECK(answered == 10);
    CHECK(ask_forwarded(s, "198.51.100.7", lat++).status == 200);
    CHECK(ask_forwarded(s, "198.51.100.8", lat++).status == 200);
    // Now the whole budget is spent: 503, for a newcomer too.
    const auto spent = ask_forwarded(s, "198.51.100.9", lat++);
    CHECK(spent.status == 503);
    CHECK(budget_error_code(spent) == "rate_limited");
    CHECK(s.owm.request_count() == 12);
}

TEST_CASE("spellings of one address behind a trusted proxy are one client, and an IPv6 /64 is one",
          "[integration][server][budget]") {
    BudgetServed s({"--client-rate", "2/min", "--upstream-rate", "60/min"});
    CHECK(ask_forwarded(s, "010.009.009.009", 1).status == 200);
    CHECK(ask_forwarded(s, "::ffff:10.9.9.9", 2).status == 200);
    CHECK(ask_forwarded(s, "10.9.9.9:1234", 3).status == 429);
    // One host rotating its addresses inside its /64, in any case.
    CHECK(ask_forwarded(s, "2001:db8:1:2::1", 4).status == 200);
    CHECK(ask_forwarded(s, "2001:DB8:1:2:A:B:C:D", 5).status == 200);
    CHECK(ask_forwarded(s, "[2001:db8:1:2::ff]:443", 6).status == 429);
    // Another /64 is another client.
    CHECK(ask_forwarded(s, "2001:db8:1:3::1", 7).status == 200);
    CHECK(s.owm.request_count() == 5);
    // The access log names each client in one spelling.
    const auto log = s.stopped_log();
    CHECK(count_of(log, "\n10.9.9.9 - - [") == 3);
    CHECK(count_of(log, "\n2001:db8:1:2:a:b:c:d - - [") == 1);
    CHECK(log.find("010.009") == std::string::npos);
    CHECK(log.find("2001:DB8") == std::string::npos);
}

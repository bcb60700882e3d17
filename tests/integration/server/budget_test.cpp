// The upstream budget as a client sees it: `tenki serve` as a process, its fake OpenWeatherMap,
// and clients named the way nginx names them (X-Real-IP from a loopback peer).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "tenki/zipdb.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

struct Served {
    explicit Served(const std::vector<std::string>& extra) {
        std::vector<std::string> argv{tenki_binary().string(), "serve", "--port", std::to_string(port),
                                      "--threads", "2"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        tenki::util::RunOptions options;
        TenkiEnv env{dir.path(), owm.base_url()};
        env.api_key = std::string(FakeOwm::k_api_key);
        options.env = tenki_env(env);
        child = std::make_unique<Child>(argv, options, dir.path());
        REQUIRE(wait_for_port(port, 10s));
    }

    // One request as the client at `address` (behind a trusted proxy: X-Real-IP).
    HttpAnswer ask(const std::string& address, const std::string& zip) {
        HttpClient client(port);
        return client.call("GET", "/api/v1/weather?postalcode=" + zip, {{"X-Real-IP", address}});
    }

    double metric(const std::string& name) const { return prometheus_value(http_get(port, "/metrics").body, name); }

    FakeOwm owm;
    TempDir dir;
    int port = free_port();
    std::unique_ptr<Child> child;
};

std::vector<std::string> zips(int first, int count) {
    std::vector<std::string> codes;
    for (int n = first; static_cast<int>(codes.size()) < count && n < 100000; ++n) {
        auto code = fmt::format("{:05}", n);
        if (tenki::lookup_us_zip(code)) codes.push_back(code);
    }
    return codes;
}

std::string error_code(const HttpAnswer& a) { return json::parse(a.body)["error"]["code"]; }

}  // namespace

TEST_CASE("one client cycling cold ZIP codes gets 429 after its share; hits stay free; others are served",
          "[integration][server][budget]") {
    Served s({"--client-rate", "3/min", "--upstream-rate", "100/min"});
    const auto codes = zips(10001, 5);
    for (int i = 0; i < 3; ++i) CHECK(s.ask("198.51.100.1", codes[static_cast<std::size_t>(i)]).status == 200);
    auto refused = s.ask("198.51.100.1", codes[3]);
    CHECK(refused.status == 429);
    CHECK(error_code(refused) == "too_many_requests");
    const auto retry_after = std::stoi(refused.header("retry-after"));
    CHECK(retry_after > 0);
    CHECK(retry_after <= 60);
    // A cached place costs nothing: still answered.
    auto hit = s.ask("198.51.100.1", codes[0]);
    CHECK(hit.status == 200);
    CHECK(hit.header("x-cache") == "HIT");
    // Another client has its own share.
    CHECK(s.ask("198.51.100.2", codes[3]).status == 200);
    CHECK(s.owm.request_count() == 4);
    CHECK(s.metric("tenki_upstream_refusals_total{budget=\"client\"}") == 1);
    CHECK(s.metric("tenki_upstream_refusals_total{budget=\"global\"}") == 0);
    CHECK(s.metric("tenki_http_requests_total{route=\"weather_v1\",status=\"429\"}") == 1);
    // The access log names the client found, not the proxy.
    s.child->signal_and_wait(SIGTERM, 10s);
    CHECK(s.child->stderr_text().find("198.51.100.1 \"GET /api/v1/weather?postalcode=" + codes[3] + "\" 429") !=
          std::string::npos);
}

TEST_CASE("over the global budget: a stale answer if there is one, else 503 with Retry-After",
          "[integration][server][budget]") {
    Served s({"--upstream-rate", "2/min", "--client-rate", "off", "--cache-ttl", "0"});
    const auto codes = zips(20001, 3);
    CHECK(s.ask("198.51.100.1", codes[0]).status == 200);
    CHECK(s.ask("198.51.100.2", codes[1]).status == 200);
    // Expired at once (TTL 0), and the budget is spent: the old answer, marked stale.
    auto stale = s.ask("198.51.100.3", codes[0]);
    CHECK(stale.status == 200);
    CHECK(stale.header("x-cache") == "STALE");
    // Nothing to stand in: 503 with Retry-After, from tenki, not from the provider.
    auto refused = s.ask("198.51.100.4", codes[2]);
    CHECK(refused.status == 503);
    CHECK(error_code(refused) == "rate_limited");
    CHECK(std::stoi(refused.header("retry-after")) > 0);
    CHECK(s.owm.request_count() == 2);
    CHECK(s.metric("tenki_upstream_refusals_total{budget=\"global\"}") == 2);
}

TEST_CASE("a peer that is not a trusted proxy cannot name another client", "[integration][server][budget]") {
    Served s({"--client-rate", "1/min", "--trusted-proxy", "none"});
    const auto codes = zips(30001, 2);
    CHECK(s.ask("198.51.100.1", codes[0]).status == 200);
    // Spoofing another address changes nothing: the client is the peer, 127.0.0.1.
    CHECK(s.ask("198.51.100.2", codes[1]).status == 429);
    CHECK(s.owm.request_count() == 1);
}

TEST_CASE("--upstream-rate, --client-rate and --trusted-proxy refuse what they cannot read",
          "[integration][server][budget]") {
    TempDir dir;
    tenki::util::RunOptions options;
    options.env = tenki_env({dir.path(), "http://127.0.0.1:1"});
    for (auto args : {std::vector<std::string>{"--upstream-rate", "lots"}, {"--client-rate", "10/fortnight"},
                      {"--trusted-proxy", "10.0.0.0/99"}}) {
        args.insert(args.begin(), {"serve", "--port", "0"});
        auto r = run_tenki(args, options);
        INFO(r.errors);
        CHECK(r.status == 2);
        CHECK(r.errors.find(args.back()) != std::string::npos);
    }
}

TEST_CASE("a country's postal-code format is checked before any call; an unknown country is 400",
          "[integration][server][postal]") {
    Served s({});
    for (auto target : {"/api/v2/weather?postalcode=ABCDE&country=de", "/api/v2/weather?postalcode=12345&country=zz",
                        "/api/v1/weather?postalcode=12345,uk"}) {
        INFO(target);
        auto r = http_get(s.port, target);
        CHECK(r.status == 400);
        CHECK(error_code(r) == "invalid_input");
    }
    CHECK(s.owm.request_count() == 0);
}

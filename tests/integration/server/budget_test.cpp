// The upstream budget as a client sees it: `tenki serve` as a process and its fake OpenWeatherMap.
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

struct BudgetServed {
    explicit BudgetServed(const std::vector<std::string>& extra) {
        std::vector<std::string> argv{tenki_binary().string(), "serve",     "--port",
                                      std::to_string(port),    "--threads", "2"};
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

    double metric(const std::string& name) const {
        return prometheus_value(http_get(port, "/metrics").body, name);
    }

    FakeOwm owm;
    TempDir dir;
    int port = free_port();
    std::unique_ptr<Child> child;
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

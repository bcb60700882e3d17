#include <catch2/catch.hpp>

#include <csignal>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* k_key = "k3y-for-tests-0123";

// `tenki serve` as a real process on its own port, against its own fake OpenWeatherMap.
struct ServeProcess {
    explicit ServeProcess(const std::vector<std::string>& extra = {}, bool with_key = true) {
        std::vector<std::string> argv{tenki_binary().string(), "serve",     "--port",
                                      std::to_string(port),    "--threads", "2"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        tenki::util::RunOptions options;
        TenkiEnv env{dir.path(), owm.base_url()};
        if (with_key) env.api_key = k_key;
        options.env = tenki_env(env);
        child = std::make_unique<Child>(argv, options, dir.path());
        REQUIRE(wait_for_port(port, std::chrono::seconds(10)));
    }

    // A counter or gauge from /metrics, by its full name with labels.
    double metric(const std::string& name) const {
        return prometheus_value(http_get(port, "/metrics").body, name);
    }

    FakeOwm owm{k_key};
    TempDir dir;
    int port = free_port();
    std::unique_ptr<Child> child;
};

std::string serve_error_code(const HttpAnswer& a) { return json::parse(a.body)["error"]["code"]; }

}  // namespace

TEST_CASE("tenki serve answers every route with its status and headers", "[integration][server]") {
    ServeProcess s;
    auto page = http_get(s.port, "/");
    CHECK(page.status == 200);
    CHECK(page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.body.find("<form") != std::string::npos);
    CHECK(page.body.find("/api/v1/weather") != std::string::npos);
    CHECK(page.body.find("<script") != std::string::npos);
    CHECK(page.body.find("src=\"http") == std::string::npos);  // self-contained

    auto head = http_get(s.port, "/", "HEAD");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header("content-length") == std::to_string(page.body.size()));

    auto health = http_get(s.port, "/healthz");
    CHECK(health.status == 200);
    CHECK(s.owm.request_count() == 0);  // liveness never calls the upstream

    auto v1 = http_get(s.port, "/api/v1/weather");  // the default postal code, 19021
    CHECK(v1.status == 200);
    CHECK(v1.header("content-type") == "application/json");
    CHECK(v1.header("x-cache") == "MISS");
    CHECK(v1.header("cache-control") == "public, max-age=300");
    CHECK(json::parse(v1.body).is_object());
    auto again = http_get(s.port, "/api/v1/weather?postalcode=19021");
    CHECK(again.header("x-cache") == "HIT");
    CHECK(again.body == v1.body);
    auto v1_head = http_get(s.port, "/api/v1/weather?postalcode=19021", "HEAD");
    CHECK(v1_head.status == 200);
    CHECK(v1_head.body.empty());
    CHECK(v1_head.header("content-length") == std::to_string(v1.body.size()));

    auto metric_v2 = http_get(s.port, "/api/v2/weather?postalcode=19021&country=us&units=metric");
    CHECK(metric_v2.status == 200);
    CHECK(metric_v2.header("x-cache") == "HIT");  // one entry, units applied on the way out
    auto imperial_v2 = http_get(s.port, "/api/v2/weather?postalcode=19021&units=imperial");
    CHECK(imperial_v2.body != metric_v2.body);
    CHECK(s.owm.request_count() == 1);

    auto metrics = http_get(s.port, "/metrics");
    CHECK(metrics.status == 200);
    CHECK(metrics.header("content-type").rfind("text/plain; version=0.0.4", 0) == 0);
    CHECK(s.metric("tenki_upstream_requests_total") == 1);
    CHECK(s.metric("tenki_cache_misses_total") == 1);
    CHECK(s.metric("tenki_cache_hits_total") == 4);
    CHECK(s.metric("tenki_http_requests_total{route=\"weather_v1\",status=\"200\"}") == 3);
    CHECK(metrics.body.find("tenki_http_request_duration_seconds_bucket{le=\"+Inf\"}") != std::string::npos);

    // A ZIP code the offline table does not know is refused before any request: none is counted.
    CHECK(http_get(s.port, "/api/v2/weather?postalcode=00000").status != 200);
    CHECK(s.owm.request_count() == 1);
    CHECK(s.metric("tenki_upstream_requests_total") == 1);
}

TEST_CASE("errors are JSON with a fitting status", "[integration][server]") {
    ServeProcess s({"--upstream-timeout", "1"});
    auto bad = http_get(s.port, "/api/v1/weather?postalcode=12%");
    CHECK(bad.status == 400);
    CHECK(serve_error_code(bad) == "invalid_input");
    CHECK(http_get(s.port, "/api/v1/weather?postalcode=not*a*code").status == 400);
    CHECK(http_get(s.port, "/api/v2/weather?postalcode=19021&units=furlongs").status == 400);
    CHECK(s.owm.request_count() == 0);

    auto unknown = http_get(s.port, "/api/v3/weather");
    CHECK(unknown.status == 404);
    CHECK(serve_error_code(unknown) == "unknown_route");
    auto post = http_get(s.port, "/api/v1/weather", "POST");
    CHECK(post.status == 405);
    CHECK(post.header("allow") == "GET, HEAD");

    auto nowhere = http_get(s.port, "/api/v1/weather?postalcode=00000");
    CHECK(nowhere.status == 404);
    CHECK(serve_error_code(nowhere) == "not_found");
    CHECK(http_get(s.port, "/api/v1/weather?postalcode=00000").header("x-cache") == "HIT");
    CHECK(s.owm.request_count() == 0);  // no such US ZIP code: the offline table answers, not the upstream

    // A real ZIP code the upstream does not know: its 404 is cached, so a typo cannot drain the quota.
    CHECK(http_get(s.port, "/api/v1/weather?postalcode=60601").status == 404);
    CHECK(http_get(s.port, "/api/v1/weather?postalcode=60601").header("x-cache") == "HIT");
    CHECK(s.owm.request_count() == 1);

    s.owm.always(FakeOwm::server_error(500));
    auto broken = http_get(s.port, "/api/v1/weather?postalcode=10001");
    CHECK(broken.status == 502);
    CHECK(broken.header("cache-control") == "no-store");

    s.owm.clear_script();
    s.owm.hold();
    auto slow = http_get(s.port, "/api/v1/weather?postalcode=10003");
    s.owm.release();
    CHECK(slow.status == 504);
    CHECK(serve_error_code(slow) == "upstream_timeout");
    CHECK(json::parse(slow.body)["error"]["message"].get<std::string>().find(k_key) == std::string::npos);

    // Last: a 429 makes the server back off every key until its Retry-After is over.
    s.owm.always(FakeOwm::rate_limited(7));
    auto limited = http_get(s.port, "/api/v1/weather?postalcode=10002");
    CHECK(limited.status == 503);
    CHECK(serve_error_code(limited) == "rate_limited");
    CHECK_FALSE(limited.header("retry-after").empty());
}

TEST_CASE("asked for OpenWeatherMap without an API key, the server answers 503 no_api_key",
          "[integration][server]") {
    ServeProcess s({"--provider", "owm"}, false);
    auto r = http_get(s.port, "/api/v1/weather?postalcode=19021");
    CHECK(r.status == 503);
    CHECK(serve_error_code(r) == "no_api_key");
    CHECK(http_get(s.port, "/api/v2/weather").status == 503);
    CHECK(http_get(s.port, "/healthz").status == 200);
    CHECK(s.owm.request_count() == 0);
}

TEST_CASE("without an API key the server answers from Open-Meteo, v1 included",
          "[integration][server][open-meteo]") {
    FakeOpenMeteo meteo;
    ServeProcess s({"--open-meteo-url", meteo.base_url()}, false);
    auto v2 = http_get(s.port, "/api/v2/weather?postalcode=94107");
    REQUIRE(v2.status == 200);
    auto doc = json::parse(v2.body);
    CHECK(doc["source"] == "open-meteo");
    CHECK(doc["location"]["name"] == "San Francisco, CA");
    auto v1 = http_get(s.port, "/api/v1/weather?postalcode=94107");
    REQUIRE(v1.status == 200);
    CHECK(json::parse(v1.body)["temperature"]["temp"].is_number());
    CHECK(meteo.request_count() == 1);  // one cache entry serves both API versions
    CHECK(s.owm.request_count() == 0);
}

TEST_CASE("tenki urls prints the routes the server really answers", "[integration][server][urls]") {
    ServeProcess s;
    auto listed = run_tenki({"urls", "--json"});
    REQUIRE(listed.status == 0);
    auto table = json::parse(listed.output);
    REQUIRE(table.size() >= 5);
    for (const auto& route : table) {
        const std::string rule = route["rule"];
        INFO(rule);
        for (const auto& method : route["methods"]) {
            auto r = http_get(s.port, rule, method.get<std::string>());
            CHECK(r.status != 404);
            CHECK(r.status != 405);
        }
        auto other = http_get(s.port, rule, "DELETE");
        CHECK(other.status == 405);
        CHECK(other.header("allow") == "GET, HEAD");
        auto matched = run_tenki({"urls", rule});
        CHECK(matched.status == 0);
        CHECK(matched.output.find(route["endpoint"].get<std::string>()) != std::string::npos);
        CHECK(run_tenki({"urls", "--method", "DELETE", rule}).status == 2);
    }
    CHECK(run_tenki({"urls", "/api/v3/weather"}).status == 3);
    CHECK(http_get(s.port, "/api/v3/weather").status == 404);
    CHECK(run_tenki({"show-urls", "--sort", "rule"}).output.find("/api/v2/weather") != std::string::npos);
}

TEST_CASE("100 concurrent clients for one cold postal code make one upstream call", "[integration][server]") {
    ServeProcess s({"-q"});
    s.owm.hold();
    constexpr int k_clients = 100;
    std::vector<int> statuses(k_clients, 0);
    std::vector<std::string> caches(k_clients);
    std::vector<std::thread> clients;
    for (int i = 0; i < k_clients; ++i) {
        clients.emplace_back([&, i] {
            try {
                auto r = http_get(s.port, "/api/v1/weather?postalcode=94107");
                statuses[static_cast<std::size_t>(i)] = r.status;
                caches[static_cast<std::size_t>(i)] = r.header("x-cache");
            } catch (...) {
                statuses[static_cast<std::size_t>(i)] = -1;
            }
        });
    }
    REQUIRE(s.owm.wait_for_requests(1, 5s));
    // Every client is waiting on the one call in flight, and no serving thread is blocked.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (s.metric("tenki_upstream_waiting_requests") < k_clients &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::yield();
    CHECK(s.metric("tenki_upstream_waiting_requests") == k_clients);
    CHECK(http_get(s.port, "/healthz").status == 200);
    s.owm.release();
    for (auto& c : clients) c.join();
    CHECK(std::count(statuses.begin(), statuses.end(), 200) == k_clients);
    CHECK(std::count(caches.begin(), caches.end(), "MISS") == k_clients);
    CHECK(s.owm.request_count() == 1);
}

TEST_CASE("while the upstream fails, an expired answer is served marked stale", "[integration][server]") {
    ServeProcess s({"--cache-ttl", "0"});  // every request goes upstream; entries stay for the stale window
    auto fresh = http_get(s.port, "/api/v2/weather?postalcode=19021&units=metric");
    REQUIRE(fresh.status == 200);
    CHECK(fresh.header("x-cache") == "MISS");
    s.owm.always(Reply::text(502, "<html>bad gateway</html>", "text/html"));
    auto stale = http_get(s.port, "/api/v2/weather?postalcode=19021&units=metric");
    CHECK(stale.status == 200);
    CHECK(stale.header("x-cache") == "STALE");
    CHECK(stale.header("cache-control") == "public, max-age=0");
    CHECK(stale.header("warning").find("110") == 0);
    // The stale document is the fresh one with one flag turned true.
    auto a = json::parse(fresh.body);
    auto b = json::parse(stale.body);
    int changed = 0;
    for (auto& [key, value] : b.items()) {
        if (a.contains(key) && a[key] == value) continue;
        ++changed;
        CHECK(value == true);
    }
    CHECK(changed == 1);
    auto v1 = http_get(s.port, "/api/v1/weather?postalcode=19021");
    CHECK(v1.status == 200);
    CHECK(v1.header("x-cache") == "STALE");
    CHECK(s.metric("tenki_cache_stale_total") == 2);
    CHECK(s.metric("tenki_upstream_errors_total{kind=\"bad_response\"}") == 2);
}

TEST_CASE("SIGTERM stops accepting, finishes the requests in flight and exits 0", "[integration][server]") {
    ServeProcess s;
    s.owm.hold();
    int status = 0;
    std::thread client([&] {
        try {
            status = http_get(s.port, "/api/v1/weather?postalcode=94107").status;
        } catch (...) {
            status = -1;
        }
    });
    REQUIRE(s.owm.wait_for_requests(1, 5s));
    CHECK_FALSE(s.child->signal_and_wait(SIGTERM, 0ms));  // still finishing the request
    s.owm.release();
    client.join();
    CHECK(status == 200);
    CHECK(s.child->wait_exit(5s) == 0);
    CHECK_FALSE(wait_for_port(s.port, 50ms));
}

TEST_CASE("oversized headers, overlong URLs and slow clients are cut off; keep-alive works",
          "[integration][server]") {
    ServeProcess s({"--request-timeout", "1"});
    auto long_url = http_get(s.port, "/api/v1/weather?postalcode=" + std::string(3000, '1'));
    CHECK(long_url.status == 414);
    auto huge_url =
        raw_exchange(s.port, "GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 5s);
    CHECK(huge_url.received.rfind("HTTP/1.1 414", 0) == 0);
    std::string big_headers = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 200; ++i)
        big_headers += "X-Filler-" + std::to_string(i) + ": " + std::string(100, 'z') + "\r\n";
    auto too_big = raw_exchange(s.port, big_headers + "\r\n", 5s);
    CHECK(too_big.received.rfind("HTTP/1.1 431", 0) == 0);
    auto garbage = raw_exchange(s.port, "HELLO\r\n\r\n", 5s);
    CHECK(garbage.received.rfind("HTTP/1.1 400", 0) == 0);

    // A client that never finishes its header is dropped after the request timeout.
    auto slow = raw_exchange(s.port, "GET /healthz HTTP/1.1\r\nHost: x\r\n", 5s);
    CHECK_FALSE(slow.timed_out);
    CHECK(slow.received.empty());

    HttpClient client(s.port);
    for (int i = 0; i < 3; ++i) {
        auto r = client.call("GET", "/healthz");
        CHECK(r.status == 200);
        CHECK(r.header("connection") != "close");
    }
}

TEST_CASE("one access-log line per request, never the API key; -q silences it", "[integration][server]") {
    {
        ServeProcess s;
        http_get(s.port, "/api/v1/weather?postalcode=19021");
        http_get(s.port, "/nope%0Ahidden");
        REQUIRE(s.child->signal_and_wait(SIGTERM, 5s) == 0);
        auto log = s.child->stderr_text();
        CHECK(log.find("\"GET /api/v1/weather?postalcode=19021\" 200 ") != std::string::npos);
        CHECK(log.find("\"GET /nope%0Ahidden\" 400 ") != std::string::npos);
        CHECK(log.find(k_key) == std::string::npos);
    }
    {
        ServeProcess s({"-q"});
        http_get(s.port, "/healthz");
        REQUIRE(s.child->signal_and_wait(SIGTERM, 5s) == 0);
        CHECK(s.child->stderr_text().find("/healthz") == std::string::npos);
    }
}

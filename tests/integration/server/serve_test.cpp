#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include <csignal>
#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "support/decompress.hpp"
#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/served_tenki.hpp"
#include "support/temp_dir.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* k_key = "k3y-for-tests-0123";

// `tenki serve` as a real process on its own port, against its own fake OpenWeatherMap (Open-Meteo
// reaches nothing).
struct ServeProcess : ServedTenki {
    explicit ServeProcess(const std::vector<std::string>& extra = {}, bool with_key = true,
                          std::vector<std::pair<std::string, std::string>> env = {})
        : ServedTenki({extra, with_key ? k_key : "", 2, false, std::move(env)}) {}
};

std::string serve_error_code(const HttpAnswer& a) { return json::parse(a.body)["error"]["code"]; }

// A JSON error answer: its status, and the `error.code` a client branches on.
void check_error(const HttpAnswer& a, int status, std::string_view code) {
    INFO(a.body);
    CHECK(a.status == status);
    CHECK(serve_error_code(a) == code);
}

// One GET with an Origin header, on a fresh connection.
HttpAnswer http_get_with(int port, std::string_view target, const std::string& origin) {
    HttpClient client(port);
    return client.call("GET", target, {{"Origin", origin}});
}

// HEAD answers as GET did, without the body: the same status and the length of GET's body.
void check_head_like(int port, std::string_view target, const HttpAnswer& get) {
    INFO(target);
    auto head = http_get(port, target, "HEAD");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header("content-length") == std::to_string(get.body.size()));
}

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

    check_head_like(s.port, "/", page);

    auto health = http_get(s.port, "/healthz");
    CHECK(health.status == 200);
    CHECK(s.owm.request_count() == 0);  // liveness never calls the upstream

    auto v1 = http_get(s.port, "/api/v1/weather");  // the default postal code, 19021
    CHECK(v1.status == 200);
    CHECK(v1.header("content-type") == "application/json");
    CHECK(v1.header("x-cache") == "MISS");
    // With a key, OpenWeatherMap: the TTL default is the 600 s it asks between calls for one place.
    CHECK(v1.header("cache-control") == "public, max-age=600, stale-if-error=3600");
    CHECK(json::parse(v1.body).is_object());
    auto again = http_get(s.port, "/api/v1/weather?postalcode=19021");
    CHECK(again.header("x-cache") == "HIT");
    CHECK(again.body == v1.body);
    check_head_like(s.port, "/api/v1/weather?postalcode=19021", v1);

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

    // A ZIP code the offline table does not know is refused before any request: not found, as an
    // unknown city, and neither a request nor an upstream error is counted.
    auto nowhere = http_get(s.port, "/api/v2/weather?postalcode=00000");
    check_error(nowhere, 404, "not_found");
    CHECK(s.owm.request_count() == 1);
    CHECK(s.metric("tenki_upstream_requests_total") == 1);
    CHECK(s.metric("tenki_upstream_errors_total{kind=\"not_found\"}") == 0);
}

TEST_CASE("errors are JSON with a fitting status", "[integration][server]") {
    // Each fault on its own: the breakers probe at once, rather than answer the last dead
    // network's timeout for 30 s (failover_test shows them holding back).
    // --upstream-timeout 2: OpenWeatherMap's share is room for a fault's quick answer on a busy machine.
    ServeProcess s({"--upstream-timeout", "2"}, true, {{"TENKI_FAILOVER_BACKOFF", "0"}});
    auto bad = http_get(s.port, "/api/v1/weather?postalcode=12%");
    check_error(bad, 400, "invalid_input");
    CHECK(http_get(s.port, "/api/v1/weather?postalcode=not*a*code").status == 400);
    CHECK(http_get(s.port, "/api/v2/weather?postalcode=19021&units=furlongs").status == 400);
    CHECK(s.owm.request_count() == 0);

    auto unknown = http_get(s.port, "/api/v3/weather");
    check_error(unknown, 404, "unknown_route");
    auto post = http_get(s.port, "/api/v1/weather", "POST");
    CHECK(post.status == 405);
    CHECK(post.header("allow") == "GET, HEAD");

    auto nowhere = http_get(s.port, "/api/v1/weather?postalcode=00000");
    check_error(nowhere, 404, "not_found");
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
    check_error(slow, 504, "upstream_timeout");
    CHECK(json::parse(slow.body)["error"]["message"].get<std::string>().find(k_key) == std::string::npos);

    // Last: a 429 makes the server back off every key until its Retry-After is over.
    s.owm.always(FakeOwm::rate_limited(7));
    auto limited = http_get(s.port, "/api/v1/weather?postalcode=10002");
    check_error(limited, 503, "rate_limited");
    CHECK_FALSE(limited.header("retry-after").empty());
}

TEST_CASE("asked for OpenWeatherMap without an API key, the server answers 503 no_api_key",
          "[integration][server]") {
    ServeProcess s({"--provider", "owm"}, false);
    auto r = http_get(s.port, "/api/v1/weather?postalcode=19021");
    check_error(r, 503, "no_api_key");
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
    // A ZIP code's place has one meaning per field, as a city's: its own name, its state the
    // region, the country upper case.
    CHECK(doc["location"]["name"] == "San Francisco");
    CHECK(doc["location"]["region"] == "CA");
    CHECK(doc["location"]["country"] == "US");
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
        std::string rule = route["rule"];
        // wttr.in's /{place} is asked for a place.
        if (const auto at = rule.find("{place}"); at != std::string::npos) rule.replace(at, 7, "Paris");
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
    const auto no_path = run_tenki({"urls", "--method", "POST"});  // a method to match nothing with
    CHECK(no_path.status == 2);
    CHECK(no_path.errors.find("--method requires path") != std::string::npos);
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
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
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
    // The stale document is the fresh one with its flag turned true and its age, as the CLI's
    // --json has it (one document for both faces): the seconds the Age header says.
    auto a = json::parse(fresh.body);
    auto b = json::parse(stale.body);
    std::set<std::string> changed;
    for (auto& [key, value] : b.items())
        if (!a.contains(key) || a[key] != value) changed.insert(key);
    CHECK(changed == std::set<std::string>{"stale", "age_s"});
    CHECK(b.at("stale") == true);
    CHECK(a.at("stale") == false);
    CHECK_FALSE(a.contains("age_s"));
    const auto age = std::stoll(stale.header("age"));
    CHECK(b.at("age_s").get<long long>() >= 0);
    CHECK(std::abs(b.at("age_s").get<long long>() - age) <= 1);
    auto v1 = http_get(s.port, "/api/v1/weather?postalcode=19021");
    CHECK(v1.status == 200);
    CHECK(v1.header("x-cache") == "STALE");
    CHECK(s.metric("tenki_cache_stale_total") == 2);
    CHECK(s.metric("tenki_upstream_errors_total{kind=\"bad_response\"}") == 2);
}

TEST_CASE("SIGTERM stops accepting, finishes the requests in flight and exits 0", "[integration][server]") {
    // 20 s: OpenWeatherMap gets half of it (failover keeps the other half for Open-Meteo), more
    // than the 6 s it is held below.
    ServeProcess s({"--upstream-timeout", "20"});
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
    // Longer than the 5 s it once got (dropped then, and retried by nginx on the other instance,
    // which asked the provider again): a request in flight gets --upstream-timeout + 6 s.
    std::this_thread::sleep_for(6s);
    CHECK(s.child->running());
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

TEST_CASE("weather and forecast answers carry validators; a matching conditional request is 304",
          "[integration][server][conditional]") {
    ServeProcess s({"--stale-ttl", "3600"});
    HttpClient client(s.port);
    for (const char* target : {"/api/v1/weather?postalcode=94107", "/api/v2/weather?postalcode=94107",
                               "/api/v2/forecast?postalcode=94107"}) {
        INFO(target);
        auto first = client.call("GET", target);
        REQUIRE(first.status == 200);
        const auto etag = first.header("etag");
        CHECK(std::regex_match(etag, std::regex(R"("[0-9a-f]{16}")")));
        CHECK_THAT(first.header("cache-control"),
                   Catch::Contains("max-age=") && Catch::Contains("stale-if-error=3600"));
        CHECK(std::stol(first.header("age")) >= 0);
        // The same bytes, the same tag; a second instance's tag for them is the same (no state in it).
        auto again = client.call("GET", target);
        CHECK(again.body == first.body);
        CHECK(again.header("etag") == etag);

        auto matched = client.call("GET", target, {{"If-None-Match", "\"0000000000000000\", " + etag}});
        CHECK(matched.status == 304);
        CHECK(matched.body.empty());
        CHECK(matched.header("etag") == etag);
        CHECK(matched.header("content-length").empty());
        CHECK(client.call("GET", target, {{"If-None-Match", "W/" + etag}}).status == 304);  // weak comparison
        CHECK(client.call("GET", target, {{"If-None-Match", "*"}}).status == 304);
        auto other = client.call("GET", target, {{"If-None-Match", "\"0000000000000000\""}});
        CHECK(other.status == 200);
        CHECK(other.body == first.body);
        CHECK(client.call("HEAD", target, {{"If-None-Match", etag}}).status == 304);
    }
    // Current weather: Last-Modified is the observation time; If-Modified-Since at or after it is 304.
    auto weather = client.call("GET", "/api/v1/weather?postalcode=94107");
    const auto last_modified = weather.header("last-modified");
    std::tm tm{};
    REQUIRE(::strptime(last_modified.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm) != nullptr);
    CHECK(::timegm(&tm) == json::parse(weather.body)["reference_time"].get<std::int64_t>());
    CHECK(client.call("GET", "/api/v2/weather?postalcode=94107", {{"If-Modified-Since", last_modified}})
              .status == 304);
    CHECK(client
              .call("GET", "/api/v2/weather?postalcode=94107",
                    {{"If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT"}})
              .status == 200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); a date tenki cannot read is ignored.
    CHECK(client
              .call("GET", "/api/v2/weather?postalcode=94107",
                    {{"If-None-Match", "\"0000000000000000\""}, {"If-Modified-Since", last_modified}})
              .status == 200);
    CHECK(
        client.call("GET", "/api/v2/weather?postalcode=94107", {{"If-Modified-Since", "yesterday"}}).status ==
        200);
    // Errors and other routes carry no validators.
    auto error = client.call("GET", "/api/v1/weather?postalcode=00000");
    CHECK(error.header("etag").empty());
    CHECK(client.call("GET", "/healthz").header("etag").empty());
    CHECK(s.owm.request_count() == 2);  // one weather, one forecast call: the rest were cache hits
}

TEST_CASE("--cors-origin: allowed origins read the API, with a preflight; others and other routes do not",
          "[integration][server][cors]") {
    const std::string dash = "http://dash.example:8080";
    ServeProcess s({"--cors-origin", dash + ",https://other.example"});
    HttpClient client(s.port);
    auto allowed = client.call("GET", "/api/v2/weather?postalcode=94107", {{"Origin", dash}});
    CHECK(allowed.status == 200);
    CHECK(allowed.header("access-control-allow-origin") == dash);
    CHECK(allowed.header("vary") == "Accept-Encoding, Accept-Language, Origin");
    CHECK_THAT(allowed.header("access-control-expose-headers"),
               Catch::Contains("ETag") && Catch::Contains("X-Request-Id") && Catch::Contains("Retry-After"));
    auto refused =
        client.call("GET", "/api/v2/weather?postalcode=94107", {{"Origin", "http://evil.example"}});
    CHECK(refused.status == 200);  // the browser, not tenki, keeps it from the page
    CHECK(refused.header("access-control-allow-origin").empty());
    CHECK(refused.header("vary") == "Accept-Encoding, Accept-Language, Origin");
    CHECK(client.call("GET", "/healthz", {{"Origin", dash}}).header("access-control-allow-origin").empty());

    auto preflight = client.call("OPTIONS", "/api/v2/forecast?postalcode=94107",
                                 {{"Origin", dash},
                                  {"Access-Control-Request-Method", "GET"},
                                  {"Access-Control-Request-Headers", "x-request-id"}});
    CHECK(preflight.status == 204);
    CHECK(preflight.body.empty());
    CHECK(preflight.header("access-control-allow-origin") == dash);
    CHECK(preflight.header("access-control-allow-methods") == "GET, HEAD");
    CHECK_THAT(preflight.header("access-control-allow-headers"), Catch::Contains("X-Request-Id"));
    CHECK(preflight.header("access-control-max-age") == "86400");
    // A preflight from an origin not listed, or an OPTIONS that is no preflight, is the route's 405.
    CHECK(client
              .call("OPTIONS", "/api/v2/weather?postalcode=94107",
                    {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "GET"}})
              .status == 405);
    CHECK(client.call("OPTIONS", "/api/v2/weather", {{"Origin", dash}}).status == 405);
    CHECK(
        client
            .call("OPTIONS", "/api/v9/nothing", {{"Origin", dash}, {"Access-Control-Request-Method", "GET"}})
            .status == 404);
    CHECK(s.owm.request_count() == 1);  // preflights never reach the upstream
}

TEST_CASE("--cors-origin '*' allows any origin without Vary: Origin; off, no Access-Control headers at all",
          "[integration][server][cors]") {
    {
        ServeProcess s({"--cors-origin", "*"});
        auto r = http_get_with(s.port, "/api/v1/weather?postalcode=94107", "http://any.example");
        CHECK(r.header("access-control-allow-origin") == "*");
        CHECK(r.header("vary") == "Accept-Encoding");
    }
    {
        ServeProcess s;
        auto r = http_get_with(s.port, "/api/v1/weather?postalcode=94107", "http://any.example");
        CHECK(r.header("access-control-allow-origin").empty());
        CHECK(r.header("vary") == "Accept-Encoding");
    }
    TempDir dir;
    tenki::util::RunOptions options;
    options.env = tenki_env({dir.path(), "http://127.0.0.1:1"});
    for (const char* bad : {"dash.example", "https://dash.example/path", "https://"}) {
        auto r = run_tenki({"serve", "--port", "0", "--cors-origin", bad}, options);
        INFO(r.errors);
        CHECK(r.status == 2);
        CHECK(r.errors.find(bad) != std::string::npos);
    }
}

// The lines of a stopped server's stderr that start with `prefix`.
std::vector<std::string> serve_log_lines(ServeProcess& s, std::string_view prefix) {
    REQUIRE(s.child->signal_and_wait(SIGTERM, 5s) == 0);
    std::istringstream in(s.child->stderr_text());
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (line.starts_with(prefix)) out.push_back(line);
    return out;
}

TEST_CASE("the access log is nginx's combined format, then duration, cache state and request id",
          "[integration][server][log]") {
    ServeProcess s;
    HttpClient client(s.port);
    auto named = client.call(
        "GET", "/api/v1/weather?postalcode=19021",
        {{"User-Agent", "probe/1.0"}, {"Referer", "http://dash.example/"}, {"X-Request-Id", "abc-123"}});
    REQUIRE(named.status == 200);
    CHECK(named.header("x-request-id") == "abc-123");
    // None given, or one that is not safe to echo: tenki makes one, 32 hex digits.
    const std::regex made("[0-9a-f]{32}");
    auto plain = client.call("GET", "/healthz");
    CHECK(std::regex_match(plain.header("x-request-id"), made));
    auto unsafe = client.call("GET", "/healthz", {{"X-Request-Id", "two words"}});
    CHECK(std::regex_match(unsafe.header("x-request-id"), made));
    CHECK(unsafe.header("x-request-id") != plain.header("x-request-id"));
    client.call("GET", "/api/v1/weather?postalcode=19021&appid=s3cr3t-in-a-query");

    const auto lines = serve_log_lines(s, "127.0.0.1 - - [");
    REQUIRE(lines.size() == 4);
    const std::regex combined(
        R"(127\.0\.0\.1 - - \[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] )"
        R"("GET /api/v1/weather\?postalcode=19021 HTTP/1\.1" 200 (\d+) "http://dash\.example/" "probe/1\.0" )"
        R"(\d+\.\d{3} MISS abc-123)");
    std::smatch m;
    INFO(lines.at(0));
    REQUIRE(std::regex_match(lines.at(0), m, combined));
    CHECK(std::stoul(m[1]) == named.body.size());
    CHECK(lines.at(1).find("\"GET /healthz HTTP/1.1\" 200 ") != std::string::npos);
    CHECK(lines.at(1).ends_with(" - " + plain.header("x-request-id")));  // no cache state for /healthz
    CHECK(lines.at(3).find("appid=REDACTED") != std::string::npos);
    CHECK(lines.at(3).find("s3cr3t") == std::string::npos);
}

TEST_CASE("--log-format json: one object a line; each upstream failure logged once with its reason",
          "[integration][server][log]") {
    ServeProcess s({"--log-format", "json"});
    s.owm.always(FakeOwm::server_error(503));
    auto failed = http_get(s.port, "/api/v1/weather?postalcode=10001");
    CHECK(failed.status == 502);
    s.owm.clear_script();
    CHECK(http_get(s.port, "/api/v1/weather?postalcode=19021").status == 200);
    // A place nobody knows is an answer, not an upstream failure: the offline ZIP table's, and
    // OpenWeatherMap's own 404.
    CHECK(http_get(s.port, "/api/v1/weather?postalcode=00000").status == 404);
    CHECK(http_get(s.port, "/api/v2/weather?postalcode=75008&country=fr").status == 404);

    std::vector<json> access, failures;
    for (const auto& line : serve_log_lines(s, "{")) {
        auto doc = json::parse(line);
        if (!doc.contains("event"))
            access.push_back(doc);
        else if (doc["event"] == "upstream_failure")  // not serve's own notices (start, listening, ...)
            failures.push_back(doc);
    }
    REQUIRE(access.size() == 4);
    const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
    for (const auto& a : access) {
        INFO(a.dump());
        CHECK(std::regex_match(a["time"].get<std::string>(), rfc3339));
        CHECK(a["client"] == "127.0.0.1");
        CHECK(a["method"] == "GET");
        CHECK(a["cache"] == "MISS");
        CHECK(a["request_id"].get<std::string>().size() == 32);
        CHECK(a["duration_ms"].get<double>() >= 0);
    }
    // Each line is written as its answer ends, so two requests in a row may log in either order.
    auto logged = [&](const std::string& path) {
        for (const auto& a : access)
            if (a["path"] == path) return a;
        FAIL("no access log line for " << path);
        return json();
    };
    const auto first = logged("/api/v1/weather?postalcode=10001");
    CHECK(first["status"] == 502);
    CHECK(first["error"] == serve_error_code(failed));
    const auto second = logged("/api/v1/weather?postalcode=19021");
    CHECK(second["status"] == 200);
    CHECK(second["error"].is_null());
    CHECK(second["bytes"].get<std::size_t>() > 0);
    CHECK(logged("/api/v1/weather?postalcode=00000")["error"] == "not_found");
    REQUIRE(failures.size() == 1);
    CHECK(failures.at(0)["event"] == "upstream_failure");
    CHECK(failures.at(0)["provider"] == "openweathermap");
    CHECK(failures.at(0)["answer"] == "current");
    CHECK(failures.at(0)["place"] == "10001,us");
    CHECK(failures.at(0)["message"].get<std::string>().find("503") != std::string::npos);
    CHECK(s.child->stderr_text().find(k_key) == std::string::npos);
}

TEST_CASE("--log-format refuses what it does not know", "[integration][server][log]") {
    TempDir dir;
    tenki::util::RunOptions options;
    options.env = tenki_env({dir.path(), "http://127.0.0.1:1"});
    auto r = run_tenki({"serve", "--port", "0", "--log-format", "apache"}, options);
    CHECK(r.status == 2);
    CHECK(r.errors.find("apache") != std::string::npos);
}

TEST_CASE("one access-log line per request, never the API key; -q silences it", "[integration][server]") {
    {
        ServeProcess s;
        http_get(s.port, "/api/v1/weather?postalcode=19021");
        http_get(s.port, "/nope%0Ahidden");
        REQUIRE(s.child->signal_and_wait(SIGTERM, 5s) == 0);
        auto log = s.child->stderr_text();
        CHECK(log.find("\"GET /api/v1/weather?postalcode=19021 HTTP/1.1\" 200 ") != std::string::npos);
        CHECK(log.find("\"GET /nope%0Ahidden HTTP/1.1\" 400 ") != std::string::npos);
        CHECK(log.find(k_key) == std::string::npos);
    }
    {
        ServeProcess s({"-q"});
        http_get(s.port, "/healthz");
        REQUIRE(s.child->signal_and_wait(SIGTERM, 5s) == 0);
        CHECK(s.child->stderr_text().find("/healthz") == std::string::npos);
    }
}

TEST_CASE("answers are compressed by Accept-Encoding, each form with its own ETag",
          "[integration][server][coding]") {
    ServeProcess s;
    HttpClient client(s.port);
    for (const char* target : {"/api/v1/weather?postalcode=94107", "/api/v2/weather?postalcode=94107",
                               "/api/v2/forecast?postalcode=94107", "/", "/api/openapi.json"}) {
        INFO(target);
        auto plain = client.call("GET", target);
        REQUIRE(plain.status == 200);
        CHECK(plain.header("content-encoding").empty());
        // v2's documents and the page follow Accept-Language too (issue 27); v1 and OpenAPI do not.
        // The page also chooses by client: curl asking / gets wttr.in's terminal view (issue 28).
        const bool page = std::string_view(target) == "/";
        const bool by_language = std::string_view(target).starts_with("/api/v2/") || page;
        const std::string vary = page          ? "Accept-Encoding, Accept-Language, User-Agent"
                                 : by_language ? "Accept-Encoding, Accept-Language"
                                               : "Accept-Encoding";
        CHECK(plain.header("vary") == vary);
        const auto etag = plain.header("etag");
        REQUIRE(etag.size() > 2);

        auto gz = client.call("GET", target, {{"Accept-Encoding", "gzip"}});
        REQUIRE(gz.status == 200);
        CHECK(gz.header("content-encoding") == "gzip");
        CHECK(gz.header("vary") == vary);
        CHECK(gz.header("content-length") == std::to_string(gz.body.size()));
        CHECK(gz.body.size() < plain.body.size());
        CHECK(gunzip(gz.body) == plain.body);
        const auto gz_etag = gz.header("etag");
        CHECK(gz_etag == etag.substr(0, etag.size() - 1) + "-gzip\"");

        auto br = client.call("GET", target, {{"Accept-Encoding", "gzip, deflate, br"}});
        CHECK(br.header("content-encoding") == "br");
        CHECK(unbrotli(br.body) == plain.body);
        CHECK(br.header("etag") != gz_etag);
        CHECK(
            client.call("GET", target, {{"Accept-Encoding", "br;q=0.5, gzip"}}).header("content-encoding") ==
            "gzip");
        // The connection's last Accept-Encoding is not carried over: without one, identity again.
        CHECK(client.call("GET", target).header("content-encoding").empty());

        // A revalidation names the form it holds: 304 for it, the new form for another's tag.
        auto not_modified =
            client.call("GET", target, {{"Accept-Encoding", "gzip"}, {"If-None-Match", gz_etag}});
        CHECK(not_modified.status == 304);
        CHECK(not_modified.body.empty());
        CHECK(not_modified.header("etag") == gz_etag);
        CHECK(not_modified.header("content-encoding").empty());
        CHECK(client.call("GET", target, {{"If-None-Match", gz_etag}}).status == 200);
        auto head = client.call("HEAD", target, {{"Accept-Encoding", "gzip"}});
        CHECK(head.header("content-length") == std::to_string(gz.body.size()));
        CHECK(head.body.empty());
    }
    // Short bodies and errors are sent as they are; neither says it varies by encoding.
    auto health = client.call("GET", "/healthz", {{"Accept-Encoding", "gzip, br"}});
    CHECK(health.header("content-encoding").empty());
    CHECK(health.header("vary").empty());
    auto error = client.call("GET", "/api/v2/weather?postalcode=abc", {{"Accept-Encoding", "gzip"}});
    CHECK(error.status == 400);
    CHECK(error.header("content-encoding").empty());
    CHECK(json::parse(error.body)["error"]["code"] == "invalid_input");
}

TEST_CASE("a cached answer is compressed once in the process, whichever serving thread answers",
          "[integration][server][coding]") {
    ServeProcess s({"--threads", "4"});
    const auto target = "/api/v2/weather?postalcode=94107";
    REQUIRE(http_get(s.port, target).status == 200);
    // Each a new connection, spread by the kernel over the four threads' listening sockets.
    for (int i = 0; i < 40; ++i) {
        HttpClient client(s.port);
        auto gz = client.call("GET", target, {{"Accept-Encoding", "gzip"}});
        REQUIRE(gz.status == 200);
        CHECK(gz.header("content-encoding") == "gzip");
    }
    CHECK(s.metric("tenki_compressions_total{coding=\"gzip\"}") == 1);
    CHECK(s.metric("tenki_compressions_total{coding=\"br\"}") == 0);
    HttpClient client(s.port);
    CHECK(client.call("GET", target, {{"Accept-Encoding", "br"}}).header("content-encoding") == "br");
    CHECK(s.metric("tenki_compressions_total{coding=\"br\"}") == 1);
}

TEST_CASE("Vary names Accept-Encoding, Accept-Language and Origin together when they apply",
          "[integration][server][coding]") {
    ServeProcess s({"--cors-origin", "https://dash.example"});
    HttpClient client(s.port);
    auto a = client.call("GET", "/api/v2/weather?postalcode=94107",
                         {{"Origin", "https://dash.example"}, {"Accept-Encoding", "gzip"}});
    CHECK(a.header("vary") == "Accept-Encoding, Accept-Language, Origin");
    CHECK(a.header("access-control-allow-origin") == "https://dash.example");
    CHECK(a.header("content-encoding") == "gzip");
    // The page is not the API's: no Origin; it follows Accept-Language (issue 27) and the client
    // (a curl-like one gets wttr.in's terminal view, issue 28).
    CHECK(client.call("GET", "/").header("vary") == "Accept-Encoding, Accept-Language, User-Agent");
}

// Every header of real answers against /api/openapi.json, both ways: a header an answer carries
// must be documented for its route, method and status, and a header documented for an answer the
// test reached must have come with one of those answers. The answers: miss, hit, gzip, 304, 405,
// 400, 404, 502, 503 (the upstream's 429), 429 (this client's share), stale (and its 304), and
// the CORS preflight, with an allowed Origin on every request.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "server/api/header_table.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/served_tenki.hpp"

using namespace tenki::test;
using nlohmann::json;

namespace {

constexpr const char* k_origin = "https://dash.example";
constexpr const char* k_headers_key = "k3y-for-header-tests-42";

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// (rule, operation, status): one documented answer.
using AnswerKey = std::tuple<std::string, std::string, int>;

// The answers seen, with the union of their headers (framing left out), each also held to the
// document as it comes.
struct Seen {
    json doc;
    std::map<AnswerKey, std::set<std::string>> headers;

    std::set<std::string> documented(const AnswerKey& key) const {
        const auto& [rule, op, status] = key;
        std::set<std::string> out;
        const auto& responses = doc.at("paths").at(rule).at(op).at("responses");
        const auto& response = responses.at(std::to_string(status));
        if (!response.contains("headers")) return out;
        const auto& listed = response.at("headers");
        for (auto it = listed.begin(); it != listed.end(); ++it) out.insert(lower(it.key()));
        return out;
    }

    void record(const std::string& rule, const std::string& op, const HttpAnswer& a) {
        const AnswerKey key{rule, op, a.status};
        INFO(op << " " << rule << " " << a.status);
        REQUIRE(doc.at("paths").at(rule).contains(op));
        REQUIRE(doc.at("paths").at(rule).at(op).at("responses").contains(std::to_string(a.status)));
        const auto documented = this->documented(key);
        for (const auto& [name, value] : a.headers) {
            // name by reference into the lambda: clang 14 cannot capture a structured binding.
            const bool framing =
                std::any_of(tenki::server::k_framing_headers.begin(), tenki::server::k_framing_headers.end(),
                            [&header = name](std::string_view f) { return lower(f) == header; });
            if (framing) continue;
            INFO("sent but not documented: " << name << ": " << value);
            CHECK(documented.count(name) == 1);
            headers[key].insert(name);
        }
    }
};

// One request to `target` with the allowed Origin and `extra` headers, recorded under its rule.
HttpAnswer ask(Seen& seen, int port, std::string_view method, const std::string& target,
               std::vector<std::pair<std::string, std::string>> extra = {}) {
    HttpClient client(port);
    extra.emplace_back("Origin", k_origin);
    auto a = client.call(method, target, extra);
    const auto rule = target.substr(0, target.find('?'));
    seen.record(rule, method == "OPTIONS" && a.status == 204 ? "options" : "get", a);
    return a;
}

// Miss, hit, gzip, a 304 on its tag, a 405, and for the API a preflight.
void ask_every_way(Seen& seen, int port, const std::string& target) {
    INFO(target);
    auto first = ask(seen, port, "GET", target);
    REQUIRE(first.status == 200);
    ask(seen, port, "GET", target);
    ask(seen, port, "GET", target, {{"Accept-Encoding", "gzip"}});
    if (!first.header("etag").empty())
        CHECK(ask(seen, port, "GET", target, {{"If-None-Match", first.header("etag")}}).status == 304);
    CHECK(ask(seen, port, "DELETE", target).status == 405);
    if (target.starts_with("/api/"))
        CHECK(ask(seen, port, "OPTIONS", target, {{"Access-Control-Request-Method", "GET"}}).status == 204);
}

const std::vector<std::string> k_weather_rules{"/api/v1/weather", "/api/v2/weather", "/api/v2/forecast"};

std::string for_place(const std::string& rule, const std::string& query) {
    return rule + "?" + query + (rule == "/api/v2/forecast" ? "&days=2" : "");
}

ServeStart served(std::vector<std::string> extra) {
    extra.insert(extra.end(), {"--provider", "owm", "--cors-origin", k_origin, "-q"});
    return ServeStart{extra, k_headers_key, 1, false};
}

}  // namespace

TEST_CASE("every header of real answers is in /api/openapi.json for its route and status, and back",
          "[integration][server][openapi]") {
    ServedTenki s(served({"--client-rate", "1000/min"}));  // its many cold places are no 429
    Seen seen{json::parse(http_get(s.port, "/api/openapi.json").body), {}};
    for (const char* target : {"/", "/healthz", "/metrics", "/api/openapi.json"})
        ask_every_way(seen, s.port, target);
    for (const auto& rule : k_weather_rules) {
        ask_every_way(seen, s.port, for_place(rule, "postalcode=94107"));
        CHECK(ask(seen, s.port, "GET", rule + "?postalcode=00000").status == 404);  // offline: not cached
        CHECK(ask(seen, s.port, "GET", for_place(rule, "postalcode=75008&country=fr")).status == 404);
        CHECK(ask(seen, s.port, "GET", rule + (rule == k_weather_rules[0] ? "?q=Paris" : "?postalcode=abc"))
                  .status == 400);
    }
    s.owm.always(FakeOwm::server_error(500));
    for (const auto& rule : k_weather_rules)
        CHECK(ask(seen, s.port, "GET", for_place(rule, "postalcode=10001")).status == 502);
    s.owm.always(FakeOwm::rate_limited(30));
    for (const auto& rule : k_weather_rules) {
        auto limited = ask(seen, s.port, "GET", for_place(rule, "postalcode=60601"));
        CHECK(limited.status == 503);
        CHECK_FALSE(limited.header("retry-after").empty());
    }

    // Stale answers (an expired entry while the upstream fails) and their 304. The forecast's TTL
    // has a floor of minutes, so its stale answer is the unit tier's (dispatch_test.cpp).
    ServedTenki stale(served({"--cache-ttl", "0"}));
    for (const auto& rule : {k_weather_rules[0], k_weather_rules[1]})
        REQUIRE(ask(seen, stale.port, "GET", rule + "?postalcode=94107").status == 200);
    stale.owm.always(FakeOwm::server_error(500));
    for (const auto& rule : {k_weather_rules[0], k_weather_rules[1]}) {
        auto old = ask(seen, stale.port, "GET", rule + "?postalcode=94107");
        CHECK(old.header("x-cache") == "STALE");
        CHECK(
            ask(seen, stale.port, "GET", rule + "?postalcode=94107", {{"If-None-Match", old.header("etag")}})
                .status == 304);
    }

    // 429: this client's share of upstream calls spent.
    ServedTenki budget(served({"--client-rate", "1/min"}));
    REQUIRE(ask(seen, budget.port, "GET", "/api/v2/weather?postalcode=94107").status == 200);
    for (const auto& rule : k_weather_rules) {
        auto refused = ask(seen, budget.port, "GET", for_place(rule, "postalcode=10001"));
        CHECK(refused.status == 429);
        CHECK_FALSE(refused.header("retry-after").empty());
    }

    // Documented but never sent: each header of an answer reached came with one of them. The
    // stale forecast (above) is the one answer not reached: its Warning is the unit tier's.
    for (const auto& [key, sent] : seen.headers) {
        const auto& [rule, op, status] = key;
        for (const auto& name : seen.documented(key)) {
            if (rule == "/api/v2/forecast" && name == "warning") continue;
            INFO("documented but never sent: " << op << " " << rule << " " << status << " " << name);
            CHECK(sent.count(name) == 1);
        }
    }
    // Every answer reached: the page, /healthz and /metrics 200 and 405, the document also 304 and
    // a preflight; each weather route 200, 304, 400, 404, 405, 429, 502, 503 and a preflight.
    CHECK(seen.headers.size() == 3 + 2 + 2 + 4 + 3 * 9);
}

// GET /api/v2/alerts and /api/v2/air from `tenki serve` as a process, against the fake NWS and the
// fake air-quality API: what the upstream was asked, what the answer says, ETags and /metrics.
#include <catch2/catch.hpp>

#include <ctime>
#include <nlohmann/json.hpp>
#include <string>

#include "support/fake_air_quality.hpp"
#include "support/fake_nws.hpp"
#include "support/http_client.hpp"
#include "support/served_tenki.hpp"

using namespace tenki::test;
using nlohmann::json;

namespace {

// `tenki serve` without a key (Open-Meteo), its extra sources at the fakes.
struct ExtrasServer {
    FakeNws nws;
    FakeAirQuality air;
    ServedTenki served{
        ServeStart{{"-q", "--client-rate", "off"},
                   "",
                   1,
                   true,
                   {{"TENKI_NWS_URL", nws.base_url()}, {"TENKI_OPENMETEO_AIR_URL", air.base_url()}}}};
};

std::int64_t extras_now() { return static_cast<std::int64_t>(std::time(nullptr)); }

}  // namespace

TEST_CASE("/api/v2/alerts: the alerts in force, ETag and 304, cached", "[integration][server][alerts]") {
    ExtrasServer s;
    FakeAlert storm;
    storm.ends = extras_now() + 3600;
    s.nws.set_alerts({storm});
    HttpClient client(s.served.port);
    auto a = client.call("GET", "/api/v2/alerts?q=10001");
    INFO(a.body);
    REQUIRE(a.status == 200);
    const auto doc = json::parse(a.body);
    CHECK(doc.at("source") == "nws");
    REQUIRE(doc.at("alerts").size() == 1);
    CHECK(doc.at("alerts").at(0).at("event") == "Winter Storm Warning");
    CHECK(doc.at("alerts").at(0).at("severity") == "Severe");
    const auto etag = a.header("etag");
    REQUIRE_FALSE(etag.empty());
    auto again = client.call("GET", "/api/v2/alerts?q=10001", {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    CHECK(s.nws.request_count() == 1);  // the second from the cache
    CHECK(s.served.metric("tenki_extra_source_requests_total{source=\"nws\"}") == 1);
    CHECK(s.served.metric("tenki_extra_source_cache_hits_total{source=\"nws\"}") == 1);
}

TEST_CASE("/api/v2/alerts outside coverage: alerts null with the reason, no request",
          "[integration][server][alerts]") {
    ExtrasServer s;
    auto a = http_get(s.served.port, "/api/v2/alerts?q=Paris,FR");
    INFO(a.body);
    REQUIRE(a.status == 200);
    const auto doc = json::parse(a.body);
    CHECK(doc.at("alerts").is_null());
    CHECK(doc.at("alerts_reason") == "no alert source for this place");
    CHECK(s.nws.request_count() == 0);
    CHECK(s.served.metric("tenki_extra_source_not_covered_total{source=\"nws\"}") == 1);
}

TEST_CASE("/api/v2/alerts when the NWS answers a block page: 502, counted, logged once",
          "[integration][server][alerts]") {
    ExtrasServer s;
    s.nws.answer_block_page();
    auto a = http_get(s.served.port, "/api/v2/alerts?q=10001");
    CHECK(a.status == 502);
    CHECK(json::parse(a.body).at("error").at("message").get<std::string>().find("text/html") !=
          std::string::npos);
    CHECK(s.served.metric("tenki_extra_source_failures_total{source=\"nws\"}") == 1);
    auto weather = http_get(s.served.port, "/api/v2/weather?q=10001");
    CHECK(weather.status == 200);  // the weather never depends on it
}

TEST_CASE("/api/v2/air: the scale follows the place, scale= overrides, the note says modelled",
          "[integration][server][air]") {
    ExtrasServer s;
    s.air.set_current({{"us_aqi", 100.5}, {"european_aqi", 20}});
    auto us = http_get(s.served.port, "/api/v2/air?q=10001");
    INFO(us.body);
    REQUIRE(us.status == 200);
    const auto doc = json::parse(us.body).at("air");
    CHECK(doc.at("scale") == "us");
    CHECK(doc.at("aqi") == 101);
    CHECK(doc.at("category") == "Unhealthy for Sensitive Groups");
    CHECK(doc.at("dominant_pollutant") == "PM2.5");
    CHECK(doc.at("note") == "modelled (CAMS), not measured");
    const auto eu = json::parse(http_get(s.served.port, "/api/v2/air?q=Paris,FR").body).at("air");
    CHECK(eu.at("scale") == "eu");
    CHECK(eu.at("category") == "Fair");  // 20: a boundary belongs to the band above
    const auto forced = json::parse(http_get(s.served.port, "/api/v2/air?q=10001&scale=eu").body).at("air");
    CHECK(forced.at("scale") == "eu");
    CHECK(http_get(s.served.port, "/api/v2/air?q=10001&scale=uk").status == 400);
    REQUIRE(s.air.request_count() == 2);  // 10001 once (cached), Paris once
    CHECK(s.air.requests().front().query.at("current").find("us_aqi_pm2_5") != std::string::npos);
}

TEST_CASE("the routes are in the table and the OpenAPI document", "[integration][server][alerts]") {
    ExtrasServer s;
    const auto openapi = json::parse(http_get(s.served.port, "/api/openapi.json").body);
    CHECK(openapi.at("paths").contains("/api/v2/alerts"));
    CHECK(openapi.at("paths").contains("/api/v2/air"));
    CHECK(openapi.at("components").at("schemas").contains("Alerts"));
    CHECK(openapi.at("components").at("schemas").contains("AirQuality"));
}

TEST_CASE(
    "/api/v2/weather?alerts=1&air=1: the extras as /api/v2/alerts and /api/v2/air give them; "
    "without, the document unchanged",
    "[integration][server][alerts][air]") {
    ExtrasServer s;
    FakeAlert storm;
    storm.ends = extras_now() + 3600;
    s.nws.set_alerts({storm});
    HttpClient client(s.served.port);
    const auto plain = client.call("GET", "/api/v2/weather?q=10001");
    REQUIRE(plain.status == 200);
    CHECK_FALSE(json::parse(plain.body).contains("alerts"));
    CHECK_FALSE(json::parse(plain.body).contains("air"));
    CHECK(s.nws.request_count() == 0);  // not asked: no request
    auto both = client.call("GET", "/api/v2/weather?q=10001&alerts=1&air=1");
    INFO(both.body);
    REQUIRE(both.status == 200);
    auto doc = json::parse(both.body);
    const auto alerts = json::parse(client.call("GET", "/api/v2/alerts?q=10001").body);
    const auto air = json::parse(client.call("GET", "/api/v2/air?q=10001").body);
    REQUIRE(doc.at("alerts").size() == 1);
    CHECK(doc.at("alerts") == alerts.at("alerts"));
    CHECK(doc.at("air") == air.at("air"));
    CHECK(both.header("etag") != plain.header("etag"));
    doc.erase("alerts");
    doc.erase("air");
    CHECK(doc == json::parse(plain.body));  // the rest is the weather's own document
    CHECK(client.call("GET", "/api/v2/weather?q=10001").body == plain.body);
    CHECK(s.nws.request_count() == 1);  // the route's ask found it cached
    const auto only_alerts = json::parse(client.call("GET", "/api/v2/weather?q=10001&alerts=1&air=0").body);
    CHECK(only_alerts.contains("alerts"));
    CHECK_FALSE(only_alerts.contains("air"));
}

TEST_CASE("/api/v2/weather?alerts=1 outside coverage: null with the reason; a bad value is 400",
          "[integration][server][alerts]") {
    ExtrasServer s;
    const auto paris = http_get(s.served.port, "/api/v2/weather?q=Paris,FR&alerts=1");
    INFO(paris.body);
    REQUIRE(paris.status == 200);
    const auto doc = json::parse(paris.body);
    CHECK(doc.at("alerts").is_null());
    CHECK(doc.at("alerts_reason") == "no alert source for this place");
    CHECK(s.nws.request_count() == 0);
    const auto bad = http_get(s.served.port, "/api/v2/weather?q=10001&alerts=yes");
    CHECK(bad.status == 400);
    CHECK(json::parse(bad.body).at("error").at("message") == "alerts= is 1 (ask for it) or 0");
    s.nws.answer_block_page();  // a failing source: the weather still answers, alerts null and why
    const auto failed = http_get(s.served.port, "/api/v2/weather?q=10001&alerts=1");
    REQUIRE(failed.status == 200);
    CHECK(json::parse(failed.body).at("alerts").is_null());
    CHECK(json::parse(failed.body).at("alerts_reason").get<std::string>().find("text/html") !=
          std::string::npos);
}

TEST_CASE("the air's calls count in Open-Meteo's one budget, with the weather's",
          "[integration][server][air]") {
    FakeNws nws;
    FakeAirQuality air;
    ServedTenki served{
        ServeStart{{"-q", "--client-rate", "off", "--upstream-rate", "2/min"},
                   "",
                   1,
                   true,
                   {{"TENKI_NWS_URL", nws.base_url()}, {"TENKI_OPENMETEO_AIR_URL", air.base_url()}}}};
    CHECK(http_get(served.port, "/api/v2/weather?q=Paris,FR").status == 200);  // one call
    CHECK(http_get(served.port, "/api/v2/air?q=Paris,FR").status == 200);      // the second
    const auto weather = http_get(served.port, "/api/v2/weather?q=Berlin,DE");
    INFO(weather.body);
    CHECK(weather.status == 503);  // the budget is spent: the air's call counted in it
    CHECK(json::parse(weather.body).at("error").at("code") == "rate_limited");
    CHECK(http_get(served.port, "/api/v2/air?q=Berlin,DE").status == 503);
    CHECK(air.request_count() == 1);
    CHECK(served.metric("tenki_extra_source_refused_total{source=\"open-meteo-air\"}") == 1);
}

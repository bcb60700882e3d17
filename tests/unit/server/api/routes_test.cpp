#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "tenki/server/api/routes.hpp"

using namespace tenki::server;

TEST_CASE("every route answers GET and HEAD and names itself once", "[server][routes]") {
    std::set<std::string_view> endpoints, rules;
    for (const auto& r : routes()) {
        CHECK(endpoints.insert(r.endpoint).second);
        CHECK(rules.insert(r.rule).second);
        for (auto method : {"GET", "HEAD"}) {
            auto m = match(method, r.rule);
            CHECK(m.status == 200);
            CHECK(m.route == &r);
        }
    }
    CHECK(rules.count("/api/v1/weather") == 1);
    CHECK(rules.count("/api/v2/weather") == 1);
    CHECK(rules.count("/healthz") == 1);
    CHECK(rules.count("/metrics") == 1);
    CHECK(rules.count("/") == 1);
}

TEST_CASE("an unknown path is 404 and another method on a known one is 405 with Allow", "[server][routes]") {
    auto none = match("GET", "/api/v3/weather");
    CHECK(none.status == 404);
    CHECK(none.route == nullptr);
    CHECK(match("GET", "/api/v1/weather/").status == 404);
    CHECK(match("GET", "").status == 404);

    auto post = match("POST", "/api/v1/weather");
    CHECK(post.status == 405);
    REQUIRE(post.route);
    CHECK(post.route->endpoint == "weather_v1");
    CHECK(post.allow == "GET, HEAD");
    CHECK(match("get", "/healthz").status == 405);  // methods are case-sensitive
}

TEST_CASE("the route table prints as a table and as JSON, sorted as asked", "[server][routes]") {
    auto table = format_route_table("rule");
    CHECK(table.rfind("Endpoint", 0) == 0);
    CHECK(table.find("weather_v1") != std::string::npos);
    CHECK(table.find("/api/v1/weather") < table.find("/healthz"));
    auto by_endpoint = format_route_table("endpoint");
    CHECK(by_endpoint.find("healthz") < by_endpoint.find("index"));

    auto doc = nlohmann::json::parse(route_table_json("rule"));
    REQUIRE(doc.size() == routes().size());
    CHECK(doc[0]["rule"] == "/");
    CHECK(doc[0]["methods"] == nlohmann::json::array({"GET", "HEAD"}));
}

TEST_CASE("one other segment is wttr.in's /{place}; the table's rules, /api and /:... are not places",
          "[server][routes][wttr]") {
    auto paris = match("GET", "/Paris");
    REQUIRE(paris.route);
    CHECK(paris.route->id == RouteId::wttr);
    CHECK(paris.status == 200);
    CHECK(match("GET", "/São Paulo:London").route->id == RouteId::wttr);
    CHECK(match("GET", "/healthz").route->id == RouteId::healthz);
    CHECK(match("GET", "/metrics").route->id == RouteId::metrics);
    CHECK(match("GET", "/api").status == 404);
    REQUIRE(match("GET", "/:help").route);
    CHECK(match("GET", "/:help").route->id == RouteId::wttr_help);  // its own row, not a place
    CHECK(match("GET", "/:bash.function").status == 404);
    CHECK(match("GET", "/Paris/London").status == 404);
    CHECK(match("POST", "/Paris").status == 405);
}

#include <catch2/catch.hpp>

#include "tenki/server/api/request_target.hpp"

using namespace tenki;
using namespace tenki::server;

TEST_CASE("a request target splits into a decoded path and query", "[server][target]") {
    auto t = parse_request_target("/api/v2/weather?postalcode=SW1A%201AA&country=gb&units=metric&flag");
    REQUIRE(t);
    CHECK(t->path == "/api/v2/weather");
    CHECK(t->param("postalcode") == "SW1A 1AA");
    CHECK(t->param("country") == "gb");
    CHECK(t->param("flag") == "");
    CHECK_FALSE(t->param("missing"));

    auto plus = parse_request_target("/a?q=SW1A+1AA&q=second&&x=%2B");
    REQUIRE(plus);
    CHECK(plus->param("q") == "SW1A 1AA");  // the first value wins
    CHECK(plus->param("x") == "+");
    CHECK(parse_request_target("/healthz")->query.empty());
    CHECK(parse_request_target("/a%2Fb")->path == "/a/b");
}

TEST_CASE("bad percent-encoding and control characters are invalid input", "[server][target]") {
    for (auto bad : {"/a?postalcode=%zz", "/a?postalcode=%4", "/a?postalcode=%", "/a%0A", "/a?x=%00",
                     "/a?x=\x01", "/a?x=%7F", "api/v1/weather", ""}) {
        INFO(bad);
        auto t = parse_request_target(bad);
        REQUIRE_FALSE(t);
        CHECK(t.error().kind == ErrorKind::invalid_input);
    }
    CHECK(percent_decode("caf%C3%A9", false).value() == "café");
    CHECK(percent_decode("a+b", false).value() == "a+b");
    CHECK(percent_decode("a+b", true).value() == "a b");
}

TEST_CASE("parsing into a target reuses it", "[server][target]") {
    RequestTarget t;
    REQUIRE(parse_request_target("/x?a=1&b=2", t));
    REQUIRE(parse_request_target("/y?c=3", t));
    CHECK(t.path == "/y");
    REQUIRE(t.query.size() == 1);
    CHECK(t.param("c") == "3");
}

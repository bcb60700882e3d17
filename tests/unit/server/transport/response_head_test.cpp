#include <catch2/catch.hpp>

#include <array>
#include <ctime>

#include "server/transport/access_log.hpp"
#include "server/transport/response_head.hpp"

using namespace tenki;
using namespace tenki::server;

TEST_CASE("an answer's head: status, entity, caching, request id, then the connection",
          "[server][transport]") {
    ApiOptions api;
    api.stale_if_error = std::chrono::seconds(3600);
    Reply reply;
    reply.body = "{}";
    reply.max_age = 300;
    reply.etag = "\"abc\"";
    reply.x_cache = "HIT";
    std::string head;
    build_head(head, reply,
               HeadFacts{api, "Sun, 06 Dec 2026 02:00:00 GMT", "r1", "/api/v2/weather", "", false, 11});
    CHECK(head ==
          "HTTP/1.1 200 OK\r\nServer: tenki\r\nDate: Sun, 06 Dec 2026 02:00:00 GMT\r\n"
          "Content-Type: application/json\r\nContent-Length: 2\r\n"
          "Cache-Control: public, max-age=300, stale-if-error=3600\r\nETag: \"abc\"\r\n"
          "X-Request-Id: r1\r\nX-Cache: HIT\r\nConnection: close\r\n\r\n");
}

TEST_CASE("a 304 says nothing of a body; an HTTP/1.0 client kept alive is told so", "[server][transport]") {
    ApiOptions api;
    Reply reply;
    reply.status = 304;
    reply.body = "{}";
    std::string head;
    build_head(head, reply, HeadFacts{api, "D", "r2", "/", "", true, 10});
    CHECK(head ==
          "HTTP/1.1 304 Not Modified\r\nServer: tenki\r\nDate: D\r\nCache-Control: no-store\r\n"
          "X-Request-Id: r2\r\nConnection: keep-alive\r\n\r\n");
    CHECK(http_date_of(0) == "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST_CASE("http_date_of writes strftime's IMF-fixdate, leap days and year ends included",
          "[server][transport]") {
    // The reference is the C library's strftime in the C locale, over a day's worth of steps
    // through 1970..2099 (each step lands on another weekday, month day and time of day).
    for (std::int64_t t = 0; t < 4102444800; t += 86400 * 37 + 3661) {
        const std::time_t at = t;
        std::tm tm{};
        ::gmtime_r(&at, &tm);
        std::array<char, 40> text{};
        const auto n = std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
        REQUIRE(http_date_of(t) == std::string(text.data(), n));
    }
    CHECK(http_date_of(951782400) == "Tue, 29 Feb 2000 00:00:00 GMT");
    CHECK(http_date_of(4102444799) == "Thu, 31 Dec 2099 23:59:59 GMT");
}

TEST_CASE("request ids are 32 lower-case hex digits, a new one each time", "[server][transport]") {
    RequestIds ids;
    std::string first, second;
    ids.next(first);
    ids.next(second);
    CHECK(first.size() == 32);
    CHECK(first.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(acceptable_request_id(first));
    CHECK(first != second);
    second = "a longer string than any id, whose capacity the next id reuses";
    ids.next(second);
    CHECK(second.size() == 32);
}

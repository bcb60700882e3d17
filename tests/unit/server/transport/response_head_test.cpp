#include <catch2/catch.hpp>

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

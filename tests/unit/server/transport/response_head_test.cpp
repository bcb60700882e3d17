#include <catch2/catch.hpp>

#include <array>
#include <ctime>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

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

TEST_CASE("a thread's request ids do not repeat, and two threads' differ", "[server][transport]") {
    RequestIds ids, other;
    std::set<std::string> seen;
    std::string id;
    for (int i = 0; i < 20000; ++i) {
        ids.next(id);
        REQUIRE(id.find_first_not_of("0123456789abcdef") == std::string::npos);
        seen.insert(id);
    }
    CHECK(seen.size() == 20000);
    other.next(id);
    CHECK(seen.count(id) == 0);
}

namespace {

// What a connection's HeadWriter writes must be build_head's head for the same reply and facts.
std::string built_head(const Reply& reply, const HeadFacts& facts) {
    std::string head;
    build_head(head, reply, facts);
    return head;
}

}  // namespace

TEST_CASE("a connection's next head for the same answer only gets the new request id",
          "[server][transport]") {
    ApiOptions api;
    api.stale_if_error = std::chrono::seconds(3600);
    Reply reply;
    reply.body = "{\"temp\": 280}";
    reply.max_age = 300;
    reply.age = 12;
    reply.etag = "\"abc\"";
    reply.last_modified = 1796000000;
    reply.x_cache = "HIT";
    reply.vary_encoding = true;
    HeadWriter writer;
    const std::string date = "Sun, 06 Dec 2026 02:00:00 GMT";
    HeadFacts facts{api, date, "0123456789abcdef0123456789abcdef", "/api/v1/weather", "", true, 11};
    const std::string first = writer.write(reply, facts);
    CHECK_FALSE(writer.reused());
    CHECK(first == built_head(reply, facts));

    facts.request_id = "fedcba9876543210fedcba9876543210";
    const std::string second = writer.write(reply, facts);
    CHECK(writer.reused());
    CHECK(second == built_head(reply, facts));
    CHECK(second.find("X-Request-Id: fedcba9876543210fedcba9876543210\r\n") != std::string::npos);
    CHECK(second.find("0123456789abcdef0123456789abcdef") == std::string::npos);
}

TEST_CASE("a connection's head is built anew when anything but the request id changes",
          "[server][transport]") {
    ApiOptions api;
    api.cors_origins = {"https://example.org"};
    Reply reply;
    reply.body = "{}";
    reply.max_age = 300;
    reply.age = 1;
    reply.etag = "\"abc\"";
    HeadWriter writer;
    std::string date = "Sun, 06 Dec 2026 02:00:00 GMT";
    std::string etag = "\"abc\"";
    HeadFacts facts{api, date, "r1", "/api/v2/weather", "", true, 11};
    writer.write(reply, facts);
    // Each step changes one input of the head; the head must follow it.
    const std::vector<std::pair<const char*, std::function<void()>>> steps{
        {"Date, the next second (in the same buffer)", [&] { date[24] = '1'; }},
        {"Age", [&] { reply.age = 2; }},
        {"max-age", [&] { reply.max_age = 299; }},
        {"ETag, the same length",
         [&] {
             etag = "\"abd\"";
             reply.etag = etag;
         }},
        {"the coding", [&] { reply.coding = ContentCoding::gzip; }},
        {"the body's length", [&] { reply.body = "{ }"; }},
        {"Content-Type", [&] { reply.content_type = "text/plain"; }},
        {"the status", [&] { reply.status = 304; }},
        {"Last-Modified", [&] { reply.last_modified = 1796000000; }},
        {"X-Cache", [&] { reply.x_cache = "MISS"; }},
        {"stale", [&] { reply.stale = true; }},
        {"Vary", [&] { reply.vary_language = true; }},
        {"Vary: User-Agent (a view chosen by the client)", [&] { reply.vary_user_agent = true; }},
        {"Retry-After", [&] { reply.retry_after = 60; }},
        {"the CORS origin", [&] { facts.cors = "https://example.org"; }},
        {"a target outside /api/ (no Vary: Origin)", [&] { facts.target = "/"; }},
        {"Connection: close", [&] { facts.keep_alive = false; }},
        {"HTTP/1.0",
         [&] {
             facts.version = 10;
             facts.keep_alive = true;
         }},
        {"a client's longer request id", [&] { facts.request_id = "the-clients-own-id"; }},
        {"Cache-Control without max-age",
         [&] {
             reply.max_age = -1;
             reply.cache_control = "no-cache";
         }},
    };
    for (const auto& [what, change] : steps) {
        INFO(what);
        const std::string before = writer.head();
        change();
        const std::string after = writer.write(reply, facts);
        CHECK_FALSE(writer.reused());
        CHECK(after == built_head(reply, facts));
        CHECK(after != before);
    }
}

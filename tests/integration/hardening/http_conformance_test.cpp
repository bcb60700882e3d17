// Request framing by RFC 9112, spoken over raw sockets to a real `tenki serve`: a request whose
// length tenki cannot know, or whose Host is missing or doubled, is refused and the connection
// closed, so that no body is ever read as a second request.
#include <catch2/catch.hpp>

#include <string>

#include "hardening.hpp"

using namespace tenki::test;
using namespace tenki::test::hardening;
using namespace std::chrono_literals;

namespace {

// The smuggled request a server that ignored the Transfer-Encoding would answer as a second one.
constexpr const char* k_smuggled = "GET /api/v1/weather?postalcode=94107 HTTP/1.1\r\nHost: x\r\n\r\n";

}  // namespace

TEST_CASE("a Transfer-Encoding that does not end in chunked is 400 and closes (RFC 9112 6.3)",
          "[integration][hardening][server]") {
    Served s;
    for (const char* coding : {"gzip", "identity", "xchunked", "chunked, gzip", "chunkedx"}) {
        INFO(coding);
        auto raw = raw_exchange(s.port,
                                std::string("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ") +
                                    coding + "\r\n\r\n" + k_smuggled,
                                5s);
        CHECK(raw.received.rfind("HTTP/1.1 400 ", 0) == 0);
        CHECK(count_of(raw.received, "HTTP/1.1 ") == 1);
        CHECK(raw.received.find("Connection: close") != std::string::npos);
        CHECK_FALSE(raw.timed_out);  // closed by the server
    }
    CHECK(s.owm.request_count() == 0);

    // A chunked body is framed: the request is answered, the connection then closed unread.
    auto chunked = raw_exchange(
        s.port, "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 5s);
    CHECK(chunked.received.rfind("HTTP/1.1 405 ", 0) == 0);
    CHECK(s.child->running());
}

TEST_CASE("an HTTP/1.1 request without a Host, or with two, is 400 (RFC 9112 3.2)",
          "[integration][hardening][server]") {
    Served s;
    auto none = raw_exchange(s.port, "GET /healthz HTTP/1.1\r\n\r\n", 5s);
    CHECK(none.received.rfind("HTTP/1.1 400 ", 0) == 0);
    CHECK(none.received.find("Host") != std::string::npos);
    auto two = raw_exchange(s.port, "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 5s);
    CHECK(two.received.rfind("HTTP/1.1 400 ", 0) == 0);
    auto two_old = raw_exchange(s.port, "GET /healthz HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 5s);
    CHECK(two_old.received.rfind("HTTP/1.1 400 ", 0) == 0);

    // HTTP/1.0 may leave Host out; one Host on HTTP/1.1 is the normal case.
    CHECK(raw_exchange(s.port, "GET /healthz HTTP/1.0\r\n\r\n", 5s).received.rfind("HTTP/1.1 200 ", 0) == 0);
    CHECK(raw_exchange(s.port, "GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", 5s)
              .received.rfind("HTTP/1.1 200 ", 0) == 0);
}

TEST_CASE("a 9,000-byte method is 501, not 414", "[integration][hardening][server]") {
    Served s;
    auto raw = raw_exchange(s.port, std::string(9000, 'A') + " /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 5s);
    CHECK(raw.received.rfind("HTTP/1.1 501 ", 0) == 0);
    // A short method with an overlong URL is still 414.
    auto url = raw_exchange(s.port, "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n", 5s);
    CHECK(url.received.rfind("HTTP/1.1 414 ", 0) == 0);
    CHECK(s.child->running());
}

// Clients that misbehave on purpose against `tenki serve`: nothing they send may crash it, reach
// the upstream, forge a header, or keep well-behaved clients waiting.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <thread>

#include "hardening.hpp"

using namespace tenki::test;
using namespace tenki::test::hardening;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

int connect_to(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    timeval tv{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

// Everything the server sends until it closes (or 5 s pass without a byte).
std::string read_all(int fd) {
    std::string out;
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
    return out;
}

void raise_fd_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 8192);
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

}  // namespace

TEST_CASE("oversized headers get 431, overlong URLs 414", "[integration][hardening]") {
    Served s;
    std::string big =
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'h') + "\r\n\r\n";
    CHECK(raw_exchange(s.port, big, 5s).received.rfind("HTTP/1.1 431", 0) == 0);
    CHECK(s.get("/api/v1/weather?postalcode=" + std::string(10000, '9')).status == 414);
    CHECK(s.owm.request_count() == 0);
}

TEST_CASE("bad encodings, control characters and CRLF in the postal code are 400, never sent upstream",
          "[integration][hardening]") {
    Served s;
    for (const char* code : {"941%zz", "9410%", "%", "94107%00", "94107%07", "94107%09", "%0d%0a94107",
                             "94107%0d%0aX-Injected:%20yes", "94107%0aSet-Cookie:%20a=b", "%c3%28", "%ff"}) {
        INFO(code);
        auto r = s.get(std::string("/api/v1/weather?postalcode=") + code);
        CHECK(r.status == 400);
        CHECK(r.header("x-injected").empty());
        CHECK(r.header("set-cookie").empty());
    }
    auto raw =
        raw_exchange(s.port,
                     "GET /api/v2/weather?postalcode=94107&country=us%0d%0aX-Injected:%20yes HTTP/1.1\r\n"
                     "Host: x\r\nConnection: close\r\n\r\n",
                     5s);
    CHECK(raw.received.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(raw.received.find("\r\nX-Injected") == std::string::npos);
    CHECK(s.owm.request_count() == 0);
    CHECK(s.child->running());
}

TEST_CASE("pipelined requests are answered in order", "[integration][hardening]") {
    Served s;
    const std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string two = "GET /api/v1/weather?postalcode=94107 HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string three = "GET /no/where HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    auto r = raw_exchange(s.port, one + two + three + "", 10s);
    REQUIRE_FALSE(r.timed_out);
    CHECK(count_of(r.received, "HTTP/1.1 ") == 3);
    const auto a = r.received.find("HTTP/1.1 200");
    const auto b = r.received.find("HTTP/1.1 200", a + 1);
    const auto c = r.received.find("HTTP/1.1 404");
    CHECK(a == 0);
    CHECK(b != std::string::npos);
    CHECK(c > b);
    CHECK(r.received.find(R"("status":"ok")") < b);  // /healthz first (its body also details the cache)
    CHECK(r.received.find("X-Cache: MISS") > b);     // the weather second
    CHECK(r.received.find("X-Cache: MISS") < c);
    CHECK(r.received.find("unknown_route") > c);  // the unknown route last
}

TEST_CASE("a client that half-closes after its request still gets the answer", "[integration][hardening]") {
    Served s;
    for (const char* target : {"/healthz", "/api/v1/weather?postalcode=94107"}) {
        INFO(target);
        const int fd = connect_to(s.port);
        REQUIRE(fd >= 0);
        const std::string req = std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
        REQUIRE(::send(fd, req.data(), req.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(req.size()));
        ::shutdown(fd, SHUT_WR);
        auto got = read_all(fd);
        ::close(fd);
        CHECK(got.rfind("HTTP/1.1 200", 0) == 0);
    }
}

TEST_CASE("a slowloris of 500 connections does not starve well-behaved clients", "[integration][hardening]") {
    raise_fd_limit();
    Served s({"--request-timeout", "5"});                              // the slow connections are cut at 5 s
    REQUIRE(s.get("/api/v1/weather?postalcode=94107").status == 200);  // warm: the clients hit the cache

    std::vector<int> slow;
    for (int i = 0; i < 500; ++i)
        if (int fd = connect_to(s.port); fd >= 0) slow.push_back(fd);
    CHECK(slow.size() == 500);

    std::atomic<bool> done{false};
    std::vector<double> latencies_ms;
    int failures = 0;
    std::thread good([&] {
        while (!done) {
            const auto start = Clock::now();
            try {
                auto r = http_get(s.port, "/api/v1/weather?postalcode=94107");
                if (r.status != 200) ++failures;
            } catch (const std::exception&) {
                ++failures;
            }
            latencies_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
            std::this_thread::sleep_for(20ms);
        }
    });

    const std::string drip = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(64, 's');
    std::size_t dropped = 0;
    const auto attack_end = Clock::now() + std::chrono::seconds(8);  // cppcheck 2.10 cannot parse "+ 8s"
    for (std::size_t sent = 0; Clock::now() < attack_end && sent < drip.size(); ++sent) {
        for (int& fd : slow) {
            if (fd < 0) continue;
            if (::send(fd, &drip[sent], 1, MSG_NOSIGNAL | MSG_DONTWAIT) != 1) {
                ::close(fd);
                fd = -1;
                ++dropped;
            }
        }
        std::this_thread::sleep_until(std::min(attack_end, Clock::now() + 1s));
    }
    done = true;
    good.join();
    for (int fd : slow)
        if (fd >= 0) ::close(fd);

    REQUIRE_FALSE(latencies_ms.empty());
    std::sort(latencies_ms.begin(), latencies_ms.end());
    const double p50 = latencies_ms[latencies_ms.size() / 2];
    const double p99 = latencies_ms[std::min(latencies_ms.size() - 1, latencies_ms.size() * 99 / 100)];
    WARN("slowloris: 500 connections at a byte a second for 8 s; "
         << latencies_ms.size() << " well-behaved requests, p50 " << p50 << " ms, p99 " << p99 << " ms, max "
         << latencies_ms.back() << " ms; " << dropped << " slow connections cut off by the server");
    CHECK(failures == 0);
    CHECK(latencies_ms.back() < 5000);  // answered at all, within a few seconds
    CHECK(s.child->running());
}

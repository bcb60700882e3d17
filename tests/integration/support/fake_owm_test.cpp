#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

#include "support/fake_owm.hpp"
#include "tenki/http/http.hpp"

using namespace tenki;
using tenki::test::FakeOwm;
using tenki::test::Reply;
using namespace std::chrono_literals;

namespace {

long status_of(const FakeOwm& fake, const std::string& target) {
    HttpRequest request;
    request.url = fake.base_url() + target;
    auto response = http_get(request);
    return response ? response->status : -1;
}

// Sends raw bytes on one connection and reads until `answers` complete responses arrived.
std::string raw_exchange(int port, const std::string& bytes, int answers) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::send(fd, bytes.data(), bytes.size(), 0) == static_cast<ssize_t>(bytes.size()));
    std::string received;
    auto complete = [&] {
        int seen = 0;
        for (auto pos = received.find("\"cod\":200}"); pos != std::string::npos;
             pos = received.find("\"cod\":200}", pos + 1))
            ++seen;
        return seen >= answers;
    };
    char buf[4096];
    while (!complete()) {
        auto n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        received.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return received;
}

}  // namespace

TEST_CASE("the fake speaks OpenWeatherMap's protocol", "[integration][fake]") {
    FakeOwm fake;
    const std::string key = "&appid=" + fake.api_key();
    CHECK(status_of(fake, "/data/2.5/weather?zip=10001,us" + key) == 200);
    CHECK(status_of(fake, "/data/2.5/weather?zip=SW1A%2Cgb" + key) == 200);
    CHECK(status_of(fake, "/data/2.5/weather?zip=94107" + key) == 200);     // us by default
    CHECK(status_of(fake, "/data/2.5/weather?zip=19021,us" + key) == 200);  // tenki's default
    CHECK(status_of(fake, "/data/2.5/weather?zip=00000,us" + key) == 404);
    CHECK(status_of(fake, "/data/2.5/weather?zip=94107,us&appid=nope") == 401);
    CHECK(status_of(fake, "/data/2.5/weather?zip=94107,us") == 401);
    CHECK(status_of(fake, "/data/2.5/weather?appid=" + fake.api_key()) == 400);
    CHECK(status_of(fake, "/elsewhere") == 404);
    CHECK(fake.request_count() == 9);
    CHECK(fake.requests()[1].query.at("zip") == "SW1A,gb");
    CHECK(status_of(fake, "/data/2.5/weather?zip=SW1A%201AA%2Cgb" + key) == 404);  // as OpenWeatherMap
}

TEST_CASE("the fake's script: routes, then queued replies in order, then the standing reply",
          "[integration][fake]") {
    FakeOwm fake;
    const std::string target = "/data/2.5/weather?zip=94107,us&appid=" + fake.api_key();
    fake.route("/custom", Reply::text(200, "hello"));
    fake.next(Reply::json(503, "{}"));
    fake.next(Reply::json(502, "{}"));
    fake.always(Reply::json(500, "{}"));
    CHECK(status_of(fake, "/custom") == 200);
    CHECK(status_of(fake, target) == 503);
    CHECK(status_of(fake, target) == 502);
    CHECK(status_of(fake, target) == 500);
    CHECK(status_of(fake, target) == 500);
    fake.clear_script();
    CHECK(status_of(fake, target) == 200);
    CHECK(status_of(fake, "/custom?x=1") == 200);
}

TEST_CASE("the fake keeps a connection alive for several requests", "[integration][fake]") {
    FakeOwm fake;
    const std::string get = "GET /data/2.5/weather?zip=94107,us&appid=" + fake.api_key() +
                            " HTTP/1.1\r\nHost: x\r\nUser-Agent: raw/1\r\n\r\n";
    auto received = raw_exchange(fake.port(), get + get, 2);
    CHECK(received.find("HTTP/1.1 200 OK") == 0);
    CHECK(fake.wait_for_requests(2, std::chrono::seconds(2)));
    CHECK(fake.connection_count() == 1);
    CHECK(fake.requests().back().header("USER-AGENT") == "raw/1");
}

TEST_CASE("a held fake records each request and answers it only after release", "[integration][fake]") {
    FakeOwm fake;
    HttpRequest request;
    request.url = fake.base_url() + "/data/2.5/weather?zip=94107,us&appid=" + fake.api_key();
    fake.hold();
    std::atomic<long> status{0};
    std::thread client([&] {
        auto response = http_get(request);
        status = response ? response->status : -1;
    });
    REQUIRE(fake.wait_for_requests(1, 5s));
    CHECK(status == 0);  // recorded, still unanswered
    fake.release();
    client.join();
    CHECK(status == 200);
    CHECK(status_of(fake, request.url.substr(fake.base_url().size())) == 200);  // no longer held
}

TEST_CASE("a fake destroyed while holding an answer closes the connection", "[integration][fake]") {
    HttpRequest request;
    std::atomic<long> status{0};
    std::thread client;
    {
        FakeOwm fake;
        request.url = fake.base_url() + "/data/2.5/weather?zip=94107,us&appid=" + fake.api_key();
        fake.hold();
        client = std::thread([&] {
            auto response = http_get(request);
            status = response ? response->status : -1;
        });
        REQUIRE(fake.wait_for_requests(1, 5s));
    }
    client.join();
    CHECK(status == -1);
}

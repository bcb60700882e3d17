// `tenki serve` at start and in its log: a port another program holds is an error, whoever holds
// it; with --log-format json every line it writes, from start to stop, is one JSON object.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/served_tenki.hpp"
#include "support/temp_dir.hpp"
#include "tenki/error.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;

namespace {

// A second `tenki serve` on `port`, run to its end (10 s at most: one that starts serving is
// killed, and the test sees the kill's status, not the one it expects).
tenki::util::RunOutput serve_on(int port, const std::vector<std::string>& extra = {}) {
    TempDir dir;
    tenki::util::RunOptions options;
    options.env = tenki_env({dir.path(), "http://127.0.0.1:1"});
    options.timeout = 10s;
    std::vector<std::string> args{"serve", "--port", std::to_string(port), "--threads", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_tenki(args, options);
}

// Every line of `text` as JSON; a line that is not one fails the test, naming it.
std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        INFO(line);
        auto doc = nlohmann::json::parse(line, nullptr, false);
        CHECK((doc.is_object() && doc.contains("time")));
        out.push_back(doc);
    }
    return out;
}

void check_held(const tenki::util::RunOutput& r, int port) {
    INFO(r.errors);
    CHECK_FALSE(r.timed_out);
    CHECK(r.status == tenki::exit_status(tenki::ErrorKind::cannot_listen));
    CHECK(r.status == 9);
    CHECK(r.errors.find("cannot listen on 127.0.0.1:" + std::to_string(port) + ": address already in use") !=
          std::string::npos);
    CHECK(r.errors.find("listening on") == std::string::npos);
}

// A plain listener, as any program holds a port: no SO_REUSEPORT, SO_REUSEADDR as servers set it.
struct PlainListener {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int port = 0;
    PlainListener() {
        int on = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        REQUIRE(::listen(fd, 16) == 0);
        socklen_t size = sizeof address;
        REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0);
        port = ntohs(address.sin_port);
    }
    ~PlainListener() { ::close(fd); }
    PlainListener(const PlainListener&) = delete;
    PlainListener& operator=(const PlainListener&) = delete;
};

}  // namespace

TEST_CASE("a second tenki serve on the port a tenki holds fails at start: address already in use, status 9",
          "[integration][server][listen]") {
    ServedTenki first({{}, "", 2, true});
    check_held(serve_on(first.port), first.port);
    // The first one still answers every request: none went to a second one.
    for (int i = 0; i < 8; ++i) CHECK(http_get(first.port, "/healthz").status == 200);
}

TEST_CASE("a port a program other than tenki listens on fails tenki serve at start, status 9",
          "[integration][server][listen]") {
    PlainListener held;
    check_held(serve_on(held.port), held.port);
}

TEST_CASE("a port freed by a stopped tenki serves again at once", "[integration][server][listen]") {
    auto first = std::make_unique<ServedTenki>(ServeStart{{}, "", 2, true});
    const int port = first->port;
    CHECK(http_get(port, "/healthz").status == 200);  // a connection left in TIME_WAIT is no holder
    first.reset();
    TempDir dir;
    tenki::util::RunOptions options;
    options.env = tenki_env({dir.path(), "http://127.0.0.1:1"});
    Child second({tenki_binary().string(), "serve", "--port", std::to_string(port)}, options, dir.path());
    REQUIRE(wait_for_port(port, 10s));
    CHECK(http_get(port, "/healthz").status == 200);
}

TEST_CASE("--log-format json: every line serve writes is one JSON object, from start to stop",
          "[integration][server][log]") {
    ServedTenki s({{"--log-format", "json"}, "k3y-for-json-log-0123"});
    s.owm.always(FakeOwm::server_error(500));                                   // the breaker opens: a notice
    CHECK(http_get(s.port, "/api/v2/weather?postalcode=94107").status == 200);  // from Open-Meteo
    CHECK(http_get(s.port, "/api/v1/weather?postalcode=00000").status == 404);
    REQUIRE(::kill(s.child->pid(), SIGHUP) == 0);  // logged and ignored
    CHECK(http_get(s.port, "/healthz").status == 200);
    REQUIRE(s.child->signal_and_wait(SIGTERM, 5s) == 0);

    const auto text = s.child->stderr_text();
    const auto lines = json_lines(text);
    std::set<std::string> events;
    std::size_t access = 0;
    for (const auto& line : lines) {
        if (line.contains("event"))
            events.insert(line.at("event").get<std::string>());
        else
            ++access;
    }
    CHECK(access == 3);
    // (A call that failed over is no upstream_failure: its answer came; serve_test.cpp has those.)
    for (const char* event : {"start", "listening", "notice", "signal", "stopped"}) {
        INFO(text);
        CHECK(events.count(event) == 1);
    }
    const auto said = [&](const std::string& event, const std::string& words) {
        for (const auto& line : lines)
            if (line.value("event", "") == event &&
                line.at("message").get<std::string>().find(words) != std::string::npos)
                return true;
        return false;
    };
    CHECK(said("listening", "listening on http://127.0.0.1:" + std::to_string(s.port) + "/"));
    CHECK(said("notice", "openweathermap failed (bad_response"));
    CHECK(said("start", "weather from"));
    CHECK(said("signal", "SIGHUP ignored"));
}

TEST_CASE("--log-format json: the error that stops serve at start is a JSON line too",
          "[integration][server][log][listen]") {
    PlainListener held;
    const auto r = serve_on(held.port, {"--log-format", "json"});
    CHECK(r.status == 9);
    const auto lines = json_lines(r.errors);  // what it runs with, then the error
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.back().at("event") == "error");
    CHECK(lines.back().at("message").get<std::string>().find("address already in use") != std::string::npos);
}

TEST_CASE("a Redis that is down at start is said once, not once for each cache that shares it",
          "[integration][server][log]") {
    // The weather's and the forecast's caches each connect at start: both noticed, one line.
    const auto redis_url = "redis://127.0.0.1:" + std::to_string(free_port()) + "/0";
    ServedTenki s({{"--cache", "redis", "--redis-url", redis_url}, "k3y-for-redis-down-0123"});
    CHECK(http_get(s.port, "/api/v2/weather?postalcode=94107").status == 200);  // from the upstream
    CHECK(http_get(s.port, "/api/v2/forecast?postalcode=94107").status == 200);
    REQUIRE(s.child->signal_and_wait(SIGTERM, 5s) == 0);
    const auto text = s.child->stderr_text();
    INFO(text);
    std::size_t said = 0;
    for (auto at = text.find("answering from the in-process cache"); at != std::string::npos;
         at = text.find("answering from the in-process cache", at + 1))
        ++said;
    CHECK(said == 1);
}

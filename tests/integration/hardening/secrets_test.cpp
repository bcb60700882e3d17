// The API key stays secret, tenki serve stays on loopback, and no request steers tenki to any
// URL but the configured upstream's one endpoint.
#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "hardening.hpp"
#include "support/served_tenki.hpp"
#include "support/tenki_shell.hpp"

using namespace tenki::test;
using namespace tenki::test::hardening;
using namespace std::chrono_literals;

namespace {

bool has_key(const std::string& text) { return text.find(k_secret_key) != std::string::npos; }

bool answer_has_key(const HttpAnswer& a) {
    if (has_key(a.body)) return true;
    for (const auto& [name, value] : a.headers)
        if (has_key(name) || has_key(value)) return true;
    return false;
}

// The listening sockets on `port` in a /proc/net/tcp* table, as "ADDRESS" hex strings.
std::vector<std::string> listeners(const char* table, int port) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> found;
    char suffix[8];
    std::snprintf(suffix, sizeof suffix, ":%04X", port);
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state;
        fields >> slot >> local >> remote >> state;
        if (state == "0A" && local.size() > 5 && local.substr(local.size() - 5) == suffix)
            found.push_back(local.substr(0, local.size() - 5));
    }
    return found;
}

}  // namespace

TEST_CASE("the API key appears in no output, log, metric, answer or error", "[integration][hardening]") {
    std::string everything;
    {
        Served s({"--cache-ttl", "0", "--upstream-timeout", "1"});
        s.get("/api/v1/weather?postalcode=94107");
        s.get("/api/v2/weather?postalcode=94107&units=metric");
        for (auto reply :
             {FakeOwm::unauthorized(), FakeOwm::server_error(502), FakeOwm::invalid_json(),
              FakeOwm::huge_body(1 << 20), Reply::reset_mid_body(FakeOwm::place_json("94107,us")),
              Reply::redirect(302, "http://evil.invalid/?appid=" + std::string(k_secret_key)),
              Reply::json(200, "{}").with_delay(2s), Reply::close_without_answer(),
              FakeOwm::rate_limited(1)}) {
            s.owm.always(reply);
            s.get("/api/v1/weather?postalcode=94107");
            s.get("/api/v2/weather?postalcode=10001");
            s.get("/api/v1/weather?postalcode=not%0d%0aa-code");
        }
        s.get("/metrics");
        s.get("/");
        s.get("/healthz");
        for (const auto& a : s.seen) CHECK_FALSE(answer_has_key(a));
        s.child->signal_and_wait(SIGTERM, 10s);
        everything += s.child->stdout_text() + s.child->stderr_text();
        CHECK(s.owm.request_count() > 0);
    }
    {
        FakeOwm owm{k_secret_key};
        Shell sh;
        for (auto reply : {FakeOwm::unauthorized(), FakeOwm::server_error(500), FakeOwm::invalid_json(),
                           FakeOwm::rate_limited(5), Reply::reset_mid_body(FakeOwm::place_json("94107,us")),
                           Reply::redirect(301, "http://evil.invalid/?appid=" + std::string(k_secret_key))}) {
            owm.always(reply);
            for (auto flags :
                 {std::vector<std::string>{"94107"}, {"--verbose", "94107"}, {"--json", "94107"}}) {
                auto r = sh.run(flags, owm.base_url());
                everything += r.output + r.errors;
            }
        }
        for (auto url : {refused_url(), std::string("http://weather.invalid")}) {
            auto r = sh.run({"--verbose", "94107"}, url);
            everything += r.output + r.errors;
        }
    }
    INFO(everything.substr(0, 4000));
    CHECK_FALSE(everything.empty());
    CHECK_FALSE(has_key(everything));
}

TEST_CASE("tenki serve listens on loopback unless told otherwise", "[integration][hardening]") {
    Served s;
    auto v4 = listeners("/proc/net/tcp", s.port);
    REQUIRE_FALSE(v4.empty());
    for (const auto& address : v4) CHECK(address == "0100007F");  // 127.0.0.1
    CHECK(listeners("/proc/net/tcp6", s.port).empty());
}

TEST_CASE("no postal code or country steers tenki to another host, path or key", "[integration][hardening]") {
    Served s;
    for (const char* query :
         {"postalcode=http://evil/", "postalcode=http%3a%2f%2fevil%2f", "postalcode=@evil.example",
          "postalcode=94107@evil.example", "postalcode=../", "postalcode=..%2f..%2fadmin", "postalcode=%2f",
          "postalcode=94107%2f..%2f..", "postalcode=94107%23frag", "postalcode=94107%3fappid=x",
          "postalcode=94107%26appid=evil", "postalcode=94107&country=us%26appid%3devil",
          "postalcode=SW1A%201AA&country=gb%2f..%2f", "postalcode=94107&country=..",
          "postalcode=94107&appid=evil"}) {
        INFO(query);
        auto r = s.get(std::string("/api/v2/weather?") + query);
        CHECK(r.status < 500);
    }
    for (const auto& req : s.owm.requests()) {
        INFO(req.target);
        CHECK(req.method == "GET");
        CHECK(req.path == "/data/2.5/weather");
        CHECK(req.query.size() == 2);
        CHECK(req.query.count("zip") == 1);
        CHECK(req.query.at("appid") == k_secret_key);
        CHECK(req.header("host") == "127.0.0.1:" + std::to_string(s.owm.port()));
    }
}

TEST_CASE("a key with '%', '&', '=' and a non-ASCII letter, echoed encoded by the upstream, is redacted",
          "[integration][hardening]") {
    // Every spelling below begins "zq9odd": that prefix anywhere is the key showing.
    const std::string key =
        "zq9odd&key=x%y-\xc3\xa9"
        "7";
    const std::string echoes =
        "zq9odd%26key%3Dx%25y-%C3%A97 zq9odd%26key%3dx%25y-%c3%a97 zq9odd%2526key%253Dx%2525y-%25C3%25A97 "
        "zq9odd&key=x%y-\\u00e97 zq9odd&key=x%y-\xc3\xa9"
        "7";
    // The message as JSON (the \u00e9 is the upstream's JSON escaping), and a Python-style echo of bytes.
    const auto json_reply = Reply::json(401, R"({"cod":401,"message":"Invalid API key )" + echoes + R"("})");
    const auto bytes_reply = Reply::text(500, "bad key b'zq9odd&key=x%y-\\xc3\\xa97'");
    std::string everything;
    {
        TenkiShell sh;
        sh.with_key = false;  // OWM_API_KEY is this key alone
        sh.extra = {{"OWM_API_KEY", key}};
        for (const auto& reply : {json_reply, bytes_reply}) {
            sh.owm.always(reply);
            for (const auto& args : std::vector<std::vector<std::string>>{
                     {"weather", "94107", "--provider", "owm"},
                     {"weather", "94107", "--provider", "owm", "--verbose"},
                     {"weather", "94107", "--provider", "owm", "--json"},
                     {"weather", "94107", "--provider", "owm", "--output", "waybar"},
                     {"forecast", "94107", "--provider", "owm"}}) {
                const auto r = sh.run(args);
                everything += r.output + r.errors;
            }
        }
        CHECK(sh.owm.request_count() > 0);
    }
    {
        ServedTenki served(ServeStart{{"--cache-ttl", "0", "--provider", "owm"}, key});
        for (const auto& reply : {json_reply, bytes_reply}) {
            served.owm.always(reply);
            for (const auto* target : {"/api/v1/weather?postalcode=94107", "/api/v2/weather?postalcode=94107",
                                       "/api/v2/forecast?postalcode=94107"})
                everything += http_get(served.port, target).body;
        }
        everything += http_get(served.port, "/metrics").body;
        served.child->signal_and_wait(SIGTERM, 10s);
        everything += served.child->stdout_text() + served.child->stderr_text();
    }
    INFO(everything.substr(0, 6000));
    CHECK(everything.find("Invalid API key") != std::string::npos);  // the echo was read and shown
    const auto shown = everything.find("zq9odd");
    INFO("around the key: " << (shown == std::string::npos
                                    ? ""
                                    : everything.substr(shown < 120 ? 0 : shown - 120, 240)));
    CHECK(shown == std::string::npos);
    CHECK(everything.find("REDACTED") != std::string::npos);
}

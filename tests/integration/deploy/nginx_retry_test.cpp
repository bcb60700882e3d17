// What the shipped nginx config retries: an instance that is down or refuses the connection,
// never an answer tenki gave. Real nginx with deploy/nginx/tenki.conf, two real `tenki serve
// --cache redis` sharing a real redis-server, the fake OpenWeatherMap failing.
#include <catch2/catch.hpp>

#include <csignal>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/debian_nginx.hpp"
#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/nginx_server.hpp"
#include "support/process.hpp"
#include "support/redis_server.hpp"
#include "support/temp_dir.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// One `tenki serve` as tenki@.service runs it (--cache redis), with a key: OpenWeatherMap, and
// Open-Meteo when it fails.
struct RetryInstance {
    RetryInstance(const FakeOwm& owm, const FakeOpenMeteo& open_meteo, const RedisServer& redis,
                  const TempDir& dir) {
        tenki::util::RunOptions options;
        options.env = {{"TENKI_OWM_URL", owm.base_url()},
                       {"OWM_API_KEY", std::string(FakeOwm::k_api_key)},
                       {"HOME", dir.path().string()},
                       {"TENKI_ENV", "test"},
                       {"REDIS_URL", redis.url()},
                       {"TENKI_PORT", std::nullopt},
                       {"TENKI_HOST", std::nullopt},
                       {"TENKI_OPENMETEO_URL", open_meteo.base_url()},
                       {"TENKI_OPENMETEO_GEOCODING_URL", open_meteo.base_url()}};
        child = std::make_unique<Child>(
            std::vector<std::string>{tenki_binary().string(), "serve", "--port", std::to_string(port),
                                     "--threads", "2", "--cache", "redis", "--redis-timeout", "2", "-q"},
            options, dir.path());
        REQUIRE(wait_for_port(port, 10s));
    }

    double metric(const std::string& name) const {
        return prometheus_value(http_get(port, "/metrics").body, name);
    }

    int port = free_port();
    std::unique_ptr<Child> child;
};

struct RetryCluster {
    RetryCluster()
        : a(owm, open_meteo, redis, dir),
          b(owm, open_meteo, redis, dir),
          nginx_port(start_debian_nginx(nginx, a.port, b.port)) {}

    std::size_t upstream_calls() const { return owm.request_count() + open_meteo.request_count(); }

    FakeOwm owm;
    FakeOpenMeteo open_meteo;
    RedisServer redis;
    TempDir dir{"tenki-retry"};
    RetryInstance a, b;
    DebianNginx nginx;  // Debian's nginx as installed, its welcome site included, README's step done
    int nginx_port;
};

const std::string k_v1_502 = "tenki_http_requests_total{route=\"weather_v1\",status=\"502\"}";

}  // namespace

TEST_CASE(
    "the shipped nginx sends tenki's 502 for a failing provider on as it is: never to the other instance",
    "[integration][deploy][cluster]") {
    RetryCluster c;
    c.owm.always(FakeOwm::server_error(500));
    c.open_meteo.answer_error(500, "internal error");
    // What one instance asks the failing providers for one cold place, straight, not through nginx.
    const auto straight = http_get(c.a.port, "/api/v1/weather?postalcode=10001");
    REQUIRE(straight.status == 502);
    const auto code = json::parse(straight.body)["error"]["code"];
    const auto per_request = c.upstream_calls();
    REQUIRE(per_request >= 1);
    const double a_before = c.a.metric(k_v1_502);

    // Four cold places, one after another, as one client.
    std::vector<HttpAnswer> answers;
    for (const char* zip : {"94107", "60601", "73301", "98101"})
        answers.push_back(http_get(c.nginx_port, std::string("/api/v1/weather?postalcode=") + zip));
    for (const auto& answer : answers) {
        INFO(answer.body);
        CHECK(answer.status == 502);  // tenki's own, never a 429 from a budget spent twice
        CHECK(answer.header("content-type").starts_with("application/json"));
        CHECK(json::parse(answer.body)["error"]["code"] == code);
    }
    const auto through_nginx = c.upstream_calls() - per_request;
    INFO("upstream calls for 4 cold requests through nginx: "
         << through_nginx << " (" << per_request << " for one request straight to one instance)");
    CHECK(through_nginx == 4 * per_request);
    // Each request reached exactly one instance.
    CHECK(c.a.metric(k_v1_502) - a_before + c.b.metric(k_v1_502) == 4);
}

TEST_CASE("the shipped nginx sends a stopped instance's requests to the other one",
          "[integration][deploy][cluster]") {
    RetryCluster c;
    REQUIRE(c.b.child->signal_and_wait(SIGTERM, 10s));
    REQUIRE_FALSE(wait_for_port(c.b.port, 100ms));  // refuses connections now
    // nginx's worker may pick the stopped one first for any of them (least_conn, both idle).
    for (int i = 0; i < 6; ++i) {
        auto answer = http_get(c.nginx_port, "/api/v1/weather?postalcode=94107");
        INFO(i << ": " << answer.body);
        CHECK(answer.status == 200);
    }
    CHECK(c.a.metric("tenki_http_requests_total{route=\"weather_v1\",status=\"200\"}") == 6);
    // nginx did try the stopped one, and went on to the other.
    CHECK(read_file(c.nginx.error_log()).find("Connection refused") != std::string::npos);
}

TEST_CASE("the shipped nginx does not name its version in the Server header",
          "[integration][deploy][cluster]") {
    RetryCluster c;
    auto answer = http_get(c.nginx_port, "/healthz");
    CHECK(answer.status == 200);
    CHECK(answer.header("server") == "nginx");
}

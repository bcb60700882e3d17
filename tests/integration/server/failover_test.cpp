// Failover in `tenki serve`: a real server process against a failing fake OpenWeatherMap and an
// answering fake Open-Meteo. The answer's source, the metrics (failovers by reason, the breaker's
// state), the breaker skipping OpenWeatherMap, the opening logged once, and --provider pinning.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/served_tenki.hpp"
#include "support/temp_dir.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* k_failover_key = "k3y-for-failover-tests-0123";

// `tenki serve` with a key (the "auto" provider) and both fakes.
struct FailoverServe : ServedTenki {
    explicit FailoverServe(const std::vector<std::string>& extra = {})
        : ServedTenki({extra, k_failover_key}) {}
};

constexpr const char* k_failover_metric =
    "tenki_provider_failovers_total{from=\"openweathermap\",to=\"open-meteo\",reason=\"bad_response\"}";
constexpr const char* k_skip_metric =
    "tenki_provider_failovers_total{from=\"openweathermap\",to=\"open-meteo\",reason=\"circuit_open\"}";

}  // namespace

TEST_CASE("tenki serve answers from Open-Meteo while OpenWeatherMap fails, and counts it",
          "[integration][server][failover]") {
    FailoverServe s;
    s.owm.always(FakeOwm::server_error(500));
    CHECK(s.metric("tenki_provider_circuit_state{provider=\"openweathermap\",state=\"closed\"}") == 1);

    auto first = http_get(s.port, "/api/v2/weather?postalcode=94107");
    REQUIRE(first.status == 200);
    CHECK(json::parse(first.body).at("source") == "open-meteo");
    CHECK(s.owm.request_count() == 1);
    CHECK(s.metric(k_failover_metric) == 1);
    CHECK(s.metric("tenki_provider_circuit_state{provider=\"openweathermap\",state=\"open\"}") == 1);
    CHECK(s.metric("tenki_provider_circuit_state{provider=\"open-meteo\",state=\"closed\"}") == 1);

    // Another place, a forecast: OpenWeatherMap is not asked while its breaker is open.
    auto second = http_get(s.port, "/api/v2/forecast?postalcode=10001&days=3");
    REQUIRE(second.status == 200);
    CHECK(json::parse(second.body).at("source") == "open-meteo");
    CHECK(s.owm.request_count() == 1);
    CHECK(s.metric(k_skip_metric) == 1);

    const auto log = s.child->stderr_text();
    CHECK(count_of(log, "openweathermap failed (bad_response") == 1);
    CHECK(log.find("asking the next provider for 30 s") != std::string::npos);
}

TEST_CASE(
    "tenki serve with both providers hanging: the last one's breaker notice asks no next provider, "
    "and with both breakers open the next answer asks no one and names both",
    "[integration][server][failover]") {
    FailoverServe s({"--upstream-timeout", "2"});
    s.owm.hold();
    s.meteo.hold();
    auto first = http_get(s.port, "/api/v2/weather?postalcode=94107");
    CHECK(first.status == 504);
    CHECK(s.owm.request_count() == 1);
    CHECK(s.meteo.request_count() == 1);
    const auto log = s.child->stderr_text();
    CHECK(count_of(log, "asking the next provider for 30 s") == 1);  // OpenWeatherMap's, not Open-Meteo's
    CHECK(log.find("open-meteo failed (timeout") != std::string::npos);
    CHECK(log.find("not asking it for 30 s") != std::string::npos);

    auto second = http_get(s.port, "/api/v2/weather?postalcode=10001");
    CHECK(second.status == 504);
    CHECK(s.owm.request_count() == 1);
    CHECK(s.meteo.request_count() == 1);
    const std::string message = json::parse(second.body).at("error").at("message");
    CHECK(message.find("OpenWeatherMap did not answer within") != std::string::npos);
    CHECK(message.find("Open-Meteo did not answer within") != std::string::npos);
    CHECK(message.find("; next try at ") != std::string::npos);
    s.owm.release();
    s.meteo.release();
}

TEST_CASE("tenki serve logs a rejected key once per breaker opening and still answers",
          "[integration][server][failover]") {
    FailoverServe s;
    s.owm.always(FakeOwm::unauthorized());
    for (const char* zip : {"94107", "10001", "19021"}) {
        auto answer = http_get(s.port, std::string("/api/v2/weather?postalcode=") + zip);
        REQUIRE(answer.status == 200);
        CHECK(json::parse(answer.body).at("source") == "open-meteo");
    }
    CHECK(s.owm.request_count() == 1);
    const auto log = s.child->stderr_text();
    CHECK(count_of(log, "OpenWeatherMap rejected the API key") == 1);
    CHECK(log.find(k_failover_key) == std::string::npos);
}

TEST_CASE("tenki serve --provider owm pins OpenWeatherMap: no failover", "[integration][server][failover]") {
    FailoverServe s({"--provider", "owm"});
    s.owm.always(FakeOwm::server_error(500));
    auto answer = http_get(s.port, "/api/v2/weather?postalcode=94107");
    CHECK(answer.status == 502);
    CHECK(s.meteo.request_count() == 0);
    CHECK(http_get(s.port, "/metrics").body.find("tenki_provider_failovers_total") == std::string::npos);
}

TEST_CASE("tenki serve does not fail over for a place OpenWeatherMap does not know",
          "[integration][server][failover]") {
    FailoverServe s;
    auto answer = http_get(s.port, "/api/v2/weather?postalcode=90210");
    CHECK(answer.status == 404);
    CHECK(s.meteo.request_count() == 0);
}

// GET /api/v2/forecast from `tenki serve` as a process, against the fake providers.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/served_tenki.hpp"
#include "support/temp_dir.hpp"

using namespace tenki::test;
using nlohmann::json;

namespace {

constexpr const char* k_forecast_key = "k3y-for-forecast-tests-42";

// `tenki serve` on its own port, against its own fake OpenWeatherMap (with a key) or Open-Meteo.
struct ForecastServer : ServedTenki {
    explicit ForecastServer(std::vector<std::string> extra = {}, bool with_key = true)
        : ServedTenki({with_q(std::move(extra)), with_key ? k_forecast_key : ""}) {}

    static std::vector<std::string> with_q(std::vector<std::string> extra) {
        extra.insert(extra.begin(), "-q");
        return extra;
    }

    // The upstream requests for forecasts, apart from current weather's.
    std::size_t owm_forecast_requests() const {
        auto all = owm.requests();
        return static_cast<std::size_t>(std::count_if(
            all.begin(), all.end(), [](const RecordedRequest& r) { return r.path == "/data/2.5/forecast"; }));
    }
};

std::string forecast_error(const HttpAnswer& a) { return json::parse(a.body)["error"]["code"]; }

// The local dates the fake OpenWeatherMap's 3-hourly steps fall on: the days tenki can build.
std::size_t owm_local_dates(const std::string& zip) {
    const auto doc = json::parse(FakeOwm::forecast_json(zip, std::time(nullptr)));
    const auto offset = doc["city"]["timezone"].get<std::int64_t>();
    std::set<std::string> dates;
    for (const auto& step : doc["list"]) {
        dates.insert(FakeOwm::step_local_date(step["dt"].get<std::int64_t>(), offset));
    }
    return dates.size();
}

}  // namespace

TEST_CASE("the forecast route answers tenki forecast --json's document from OpenWeatherMap",
          "[integration][server][forecast]") {
    ForecastServer s;
    auto all = http_get(s.port, "/api/v2/forecast?postalcode=94107&country=us&units=metric&days=16&hours=48");
    REQUIRE(all.status == 200);
    CHECK(all.header("content-type") == "application/json");
    CHECK(all.header("x-cache") == "MISS");
    CHECK(all.header("cache-control") == "public, max-age=1800, stale-if-error=3600");
    const auto doc = json::parse(all.body);
    CHECK(doc["source"] == "openweathermap");
    CHECK(doc["units"] == "metric");
    CHECK(doc["temperature_unit"] == "°C");
    CHECK(doc["location"]["postal_code"] == "94107");
    CHECK(doc["location"]["timezone_offset"] == -8 * 3600);
    CHECK(doc["step_seconds"] == 3 * 3600);
    CHECK(doc["stale"] == false);
    // Every day the provider's 5 days of 3-hour steps touch, asked for more than that.
    CHECK(doc["daily"].size() == owm_local_dates("94107,us"));
    CHECK(doc["hourly"].size() == 16);  // 48 hours of 3-hour steps
    for (const auto& day : doc["daily"]) {
        INFO(day.dump());
        CHECK(day["temperature"]["min"].is_number());
        CHECK(day["temperature"]["max"].get<double>() >= day["temperature"]["min"].get<double>());
        CHECK(day["uv_index_max"].is_null());  // OpenWeatherMap's free forecast has none: null, never 0
    }

    // One entry serves every window and unit system: the defaults are 7 days and 24 hours.
    auto defaults = http_get(s.port, "/api/v2/forecast?postalcode=94107");
    REQUIRE(defaults.status == 200);
    CHECK(defaults.header("x-cache") == "HIT");
    const auto usual = json::parse(defaults.body);
    CHECK(usual["units"] == "imperial");
    CHECK(usual["daily"].size() == std::min<std::size_t>(7, doc["daily"].size()));
    CHECK(usual["hourly"].size() == 8);
    auto small = json::parse(http_get(s.port, "/api/v2/forecast?postalcode=94107&days=2&hours=0").body);
    CHECK(small["daily"].size() == 2);
    CHECK(small["hourly"].empty());
    CHECK(s.owm_forecast_requests() == 1);
    CHECK(s.owm.request_count() == 1);  // the current weather is not asked for a forecast

    auto head = http_get(s.port, "/api/v2/forecast?postalcode=94107", "HEAD");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(head.header("content-length") == std::to_string(defaults.body.size()));
    CHECK(head.header("x-cache") == "HIT");

    CHECK(s.metric("tenki_cache_misses_total{kind=\"forecast\"}") == 1);
    CHECK(s.metric("tenki_cache_hits_total{kind=\"forecast\"}") == 3);
    CHECK(s.metric("tenki_cache_misses_total") == 0);  // current weather's, unlabelled as before
    CHECK(s.metric("tenki_cache_entries{kind=\"forecast\"}") == 1);
    CHECK(s.metric("tenki_http_requests_total{route=\"forecast_v2\",status=\"200\"}") == 4);
    CHECK(s.metric("tenki_upstream_requests_total") == 1);
}

TEST_CASE("bad forecast parameters are 400 invalid_input and never reach the upstream",
          "[integration][server][forecast]") {
    ForecastServer s;
    for (std::string query : {"days=0", "days=17", "days=seven", "days=3x", "days=", "hours=49", "hours=-1",
                              "hours=1.5", "units=furlongs", "postalcode=not*a*code", "postalcode=12%25"}) {
        INFO(query);
        auto r = http_get(s.port, "/api/v2/forecast?" + query + "&postalcode=94107");
        CHECK(r.status == 400);
        CHECK(forecast_error(r) == "invalid_input");
    }
    auto r = http_get(s.port, "/api/v2/forecast?postalcode=94107&hours=100");
    CHECK(json::parse(r.body)["error"]["message"] == "hours must be a whole number from 0 to 48, not '100'");
    CHECK(s.owm.request_count() == 0);
    CHECK(http_get(s.port, "/api/v2/forecast", "POST").header("allow") == "GET, HEAD");
}

TEST_CASE("forecast upstream errors map as the weather routes' do", "[integration][server][forecast]") {
    ForecastServer s({"--provider", "owm"});  // pinned: no failover to the live fake Open-Meteo
    auto nowhere =
        http_get(s.port, "/api/v2/forecast?postalcode=60601");  // a real ZIP the fake does not know
    CHECK(nowhere.status == 404);
    CHECK(forecast_error(nowhere) == "not_found");
    CHECK(http_get(s.port, "/api/v2/forecast?postalcode=60601").header("x-cache") == "HIT");

    s.owm.always(FakeOwm::server_error(500));
    auto broken = http_get(s.port, "/api/v2/forecast?postalcode=10001");
    CHECK(broken.status == 502);
    CHECK(forecast_error(broken) == "bad_upstream_response");
    CHECK(broken.header("cache-control") == "no-store");
    CHECK(broken.body.find(k_forecast_key) == std::string::npos);

    s.owm.always(FakeOwm::rate_limited(7));
    auto limited = http_get(s.port, "/api/v2/forecast?postalcode=19021");
    CHECK(limited.status == 503);
    CHECK(forecast_error(limited) == "rate_limited");
    CHECK_FALSE(limited.header("retry-after").empty());
    CHECK(s.metric("tenki_http_requests_total{route=\"forecast_v2\",status=\"503\"}") == 1);
}

TEST_CASE("asked for OpenWeatherMap without a key, the forecast route answers 503 no_api_key",
          "[integration][server][forecast]") {
    ForecastServer s({"--provider", "owm"}, false);
    auto r = http_get(s.port, "/api/v2/forecast?postalcode=94107");
    CHECK(r.status == 503);
    CHECK(forecast_error(r) == "no_api_key");
    CHECK(s.owm.request_count() == 0);
}

TEST_CASE("the forecast route answers from Open-Meteo, even when it gives fewer days than asked",
          "[integration][server][forecast][open-meteo]") {
    ForecastServer s({}, false);
    auto all = http_get(s.port, "/api/v2/forecast?postalcode=94107&days=16&hours=48&units=metric");
    REQUIRE(all.status == 200);
    auto doc = json::parse(all.body);
    CHECK(doc["source"] == "open-meteo");
    // A ZIP code's place has one meaning per field, as a city's: its own name, its state the
    // region, the country upper case.
    CHECK(doc["location"]["name"] == "San Francisco");
    CHECK(doc["location"]["region"] == "CA");
    CHECK(doc["location"]["country"] == "US");
    CHECK(doc["step_seconds"] == 3600);
    CHECK(doc["daily"].size() == 16);
    CHECK(doc["hourly"].size() == 48);
    CHECK(doc["daily"][0]["temperature"]["max"].get<double>() ==
          Approx(FakeOpenMeteo::celsius_at(37.7621, -122.3971) + 4.0).margin(0.01));
    auto twelve = json::parse(http_get(s.port, "/api/v2/forecast?postalcode=94107&hours=12").body);
    CHECK(twelve["hourly"].size() == 12);
    CHECK(twelve["daily"].size() == 7);
    CHECK(s.meteo.request_count() == 1);
    CHECK(s.owm.request_count() == 0);

    s.meteo.limit_forecast_days(3);
    auto few = http_get(s.port, "/api/v2/forecast?postalcode=10001&days=7");  // not cached yet
    REQUIRE(few.status == 200);
    CHECK(few.header("x-cache") == "MISS");
    CHECK(json::parse(few.body)["daily"].size() == 3);

    s.meteo.answer_error(400, "Parameter 'latitude' is out of range");
    auto refused = http_get(s.port, "/api/v2/forecast?postalcode=19021");
    CHECK(refused.status >= 500);
    CHECK(refused.header("content-type") == "application/json");
    CHECK(json::parse(refused.body)["error"]["message"].is_string());
}

TEST_CASE("tenki serve keeps a forecast at least as long as the providers ask",
          "[integration][server][forecast]") {
    // OpenWeatherMap asks for one call every 10 minutes at most per place.
    auto short_ttl = tenki::test::run_tenki({"serve", "--forecast-ttl", "599", "--port", "1"});
    CHECK(short_ttl.status == 2);
    CHECK(short_ttl.errors.find("--forecast-ttl") != std::string::npos);
    CHECK(short_ttl.errors.find("600") != std::string::npos);
}

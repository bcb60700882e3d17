#include <catch2/catch.hpp>

#include <ctime>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "providers/open_meteo/provider.hpp"
#include "providers/owm/provider.hpp"
#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "tenki/domain/forecast.hpp"

using namespace tenki;
using tenki::test::FakeOpenMeteo;
using tenki::test::FakeOwm;

namespace {

std::unique_ptr<Provider> owm_for(const FakeOwm& fake) {
    return make_owm_provider(
        {fake.base_url(), fake.api_key(), std::chrono::seconds(2), std::chrono::seconds(5)});
}

struct Extremes {
    double low = 1e9, high = -1e9;
    int steps = 0;
};

// The fake's own steps grouped by local date, the plain way: what tenki's rows must match.
std::map<std::string, Extremes> by_local_date(const std::string& body) {
    const auto doc = nlohmann::json::parse(body);
    const auto offset = doc["city"]["timezone"].get<std::int64_t>();
    std::map<std::string, Extremes> out;
    for (const auto& step : doc["list"]) {
        auto& e = out[FakeOwm::step_local_date(step["dt"].get<std::int64_t>(), offset)];
        const double t = step["main"]["temp"].get<double>();
        e.low = std::min(e.low, t);
        e.high = std::max(e.high, t);
        ++e.steps;
    }
    return out;
}

void check_days_match(const Forecast& f, const std::string& body) {
    const auto expected = by_local_date(body);
    REQUIRE(f.daily.size() == expected.size());
    for (const auto& day : f.daily) {
        INFO(day.date);
        REQUIRE(expected.count(day.date) == 1);
        const auto& e = expected.at(day.date);
        CHECK(day.temp_min.value() == Approx(e.low));
        CHECK(day.temp_max.value() == Approx(e.high));
        CHECK(day.hours_covered == e.steps * 3);
    }
}

}  // namespace

TEST_CASE("OpenWeatherMap forecast: 3-hourly steps make days at local midnight in UTC-08:00",
          "[integration][owm][forecast]") {
    FakeOwm fake;
    const auto f = owm_for(fake)->forecast(Location{"94107", "us"});
    REQUIRE(f);
    REQUIRE(fake.request_count() == 1);
    const auto request = fake.requests().at(0);
    CHECK(request.path == "/data/2.5/forecast");
    CHECK(request.query.at("zip") == "94107,us");
    CHECK(f->timezone_offset == -8 * 3600);
    CHECK(f->place_name == "San Francisco");
    CHECK(f->step_seconds == 3 * 3600);
    CHECK(f->hourly.size() == 16);  // 48 hours of 3-hour steps
    // The fake answers from now, so the body the test reads is the one tenki read, give or take
    // a 3-hour mark passing between the two: the same marks are compared when they are equal.
    const auto body = FakeOwm::forecast_json("94107,us", f->hourly.front().time - 1);
    check_days_match(*f, body);
    // 40 steps of 3 hours span 117 hours: 6 local dates, the first and last partly, unless the
    // first step falls in the first 3 hours of its local day (in UTC-08:00, at 01:00, when the
    // fake is asked between 06:00 and 09:00 UTC): then the last one is on the fifth date.
    const auto first_step = nlohmann::json::parse(body)["list"][0]["dt"].get<std::int64_t>();
    const bool early_start = (first_step + f->timezone_offset) % 86400 < 3 * 3600;
    CHECK(f->daily.size() == (early_start ? 5U : 6U));
    int rainy = 0;
    for (const auto& d : f->daily) rainy += d.precipitation_sum ? 1 : 0;
    CHECK(rainy >= 4);
}

TEST_CASE("OpenWeatherMap forecast: days at local midnight in UTC+05:45", "[integration][owm][forecast]") {
    FakeOwm fake;
    const auto f = owm_for(fake)->forecast(Location{"44600", "np"});
    REQUIRE(f);
    CHECK(f->timezone_offset == 5 * 3600 + 45 * 60);
    check_days_match(*f, FakeOwm::forecast_json("44600,np", f->hourly.front().time - 1));
    // The UTC 3-hour marks fall at :45 local; every step's hours count on its date.
    int hours = 0;
    for (const auto& d : f->daily) hours += d.hours_covered.value_or(0);
    CHECK(hours == 40 * 3);
}

TEST_CASE("OpenWeatherMap forecast: the key never shows in an error", "[integration][owm][forecast]") {
    FakeOwm fake;
    fake.always(FakeOwm::server_error(502));
    const auto f = owm_for(fake)->forecast(Location{"94107", "us"});
    REQUIRE_FALSE(f);
    CHECK(f.error().kind == ErrorKind::bad_response);
    CHECK(f.error().message.find(std::string(FakeOwm::k_api_key)) == std::string::npos);
    FakeOwm unknown;
    CHECK(owm_for(unknown)->forecast(Location{"99999", "us"}).error().kind == ErrorKind::not_found);
}

TEST_CASE("Open-Meteo forecast: 48 hours ahead and 16 days asked, in the place's time",
          "[integration][open-meteo][forecast]") {
    FakeOpenMeteo fake;
    OpenMeteoConfig config;
    config.base_url = fake.base_url();
    const auto f = make_open_meteo_provider(config)->forecast(Location{"94107", "us"});
    REQUIRE(f);
    const auto request = fake.requests().at(0);
    CHECK(request.query.at("forecast_days") == "16");
    CHECK(request.query.at("forecast_hours") == "49");  // the hour just ended, then 48
    CHECK(f->hourly.size() == 49);
    CHECK(forecast_window(*f, std::time(nullptr), 16, 48).hourly.size() == 48);
    CHECK(f->daily.size() == 16);
    CHECK(f->timezone_offset == -8 * 3600);
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    CHECK(f->hourly.front().time <= now);
    CHECK(f->hourly.front().time > now - 3600);
    const double base = FakeOpenMeteo::celsius_at(37.7621, -122.3971);
    CHECK(f->daily.front().temp_max.value() == Approx(base + 4.0 + 273.15));
    CHECK(f->daily.front().date == local_date(now, -8 * 3600));
    CHECK_FALSE(f->hourly.front().wind_gust);
    CHECK(f->hourly.front().wind_speed.value() == Approx(FakeOpenMeteo::k_wind_ms));
}

TEST_CASE("Open-Meteo forecast: a provider giving fewer days than asked gives what it has",
          "[integration][open-meteo][forecast]") {
    FakeOpenMeteo fake;
    fake.limit_forecast_days(3);
    OpenMeteoConfig config;
    config.base_url = fake.base_url();
    const auto f = make_open_meteo_provider(config)->forecast(Location{"94107", "us"});
    REQUIRE(f);
    CHECK(f->daily.size() == 3);
    const auto window = forecast_window(*f, static_cast<std::int64_t>(std::time(nullptr)), 7, 24);
    CHECK(window.daily.size() == 3);
}

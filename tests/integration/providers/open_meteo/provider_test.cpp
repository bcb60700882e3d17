#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <string>

#include "providers/open_meteo/provider.hpp"
#include "providers/provider_setup.hpp"
#include "support/fake_open_meteo.hpp"
#include "tenki/providers/table.hpp"

using namespace tenki;
using tenki::test::FakeOpenMeteo;

namespace {

std::unique_ptr<Provider> provider_for(const FakeOpenMeteo& fake) {
    OpenMeteoConfig config;
    config.base_url = fake.base_url();
    config.geocoding_url = fake.base_url();
    config.connect_timeout = std::chrono::seconds(2);
    config.total_timeout = std::chrono::seconds(5);
    return make_open_meteo_provider(config);
}

}  // namespace

TEST_CASE("Open-Meteo: a US ZIP code is asked by its coordinates from the table",
          "[integration][open-meteo]") {
    FakeOpenMeteo fake;
    auto provider = provider_for(fake);
    CHECK(provider->name() == "open-meteo");

    auto w = provider->current(Location{"94107", "us"});
    REQUIRE(w);
    REQUIRE(fake.request_count() == 1);
    auto request = fake.requests().at(0);
    CHECK(request.path == "/v1/forecast");
    CHECK(request.query.at("latitude") == "37.7621");
    CHECK(request.query.at("longitude") == "-122.3971");
    CHECK(request.query.at("timezone") == "auto");
    CHECK(request.query.at("wind_speed_unit") == "ms");
    CHECK_THAT(request.query.at("current"),
               Catch::Contains("weather_code") && Catch::Contains("wind_gusts_10m"));

    CHECK(w->source == "open-meteo");
    CHECK(w->place_name == "San Francisco");
    CHECK(w->location == Location{"94107", "us"});
    CHECK(w->lat == Approx(37.7621));
    CHECK(w->temp == Approx(FakeOpenMeteo::celsius_at(37.7621, -122.3971) + 273.15));
    CHECK(w->wind_speed.value() == Approx(FakeOpenMeteo::k_wind_ms));
    CHECK(w->timezone_offset == -8 * 3600);
    CHECK(w->condition.icon == "04d");
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    CHECK(w->observed_at <= now);
    CHECK(w->observed_at > now - 3600);
}

TEST_CASE("Open-Meteo: leading zeros survive to the query", "[integration][open-meteo]") {
    FakeOpenMeteo fake;
    fake.answer_weather(71, false);
    auto w = provider_for(fake)->current(Location{"02462", "us"});
    REQUIRE(w);
    CHECK(w->place_name == "Newton Lower Falls");
    CHECK(fake.requests().at(0).query.at("latitude") == "42.3299");
    CHECK(w->condition.description == "light snow");
    CHECK(w->condition.icon == "13n");
}

TEST_CASE("Open-Meteo: an unknown ZIP code fails before any request", "[integration][open-meteo]") {
    FakeOpenMeteo fake;
    auto unknown = provider_for(fake)->current(Location{"94170", "us"});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().kind == ErrorKind::not_found);
    CHECK_THAT(unknown.error().message, Catch::Contains("did you mean") && Catch::Contains("94107"));
    CHECK(fake.request_count() == 0);
}

TEST_CASE("Open-Meteo: another country's postal code is geocoded, then asked by its coordinates",
          "[integration][open-meteo][geocoding]") {
    FakeOpenMeteo fake;
    auto provider = provider_for(fake);
    auto london = provider->current(Location{"SW1A 1AA", "gb"});
    REQUIRE(london);
    CHECK(london->place_name == "London");
    CHECK(london->location == Location{"SW1A 1AA", "gb"});
    REQUIRE(fake.request_count() == 2);
    CHECK(fake.requests().at(0).path == "/v1/search");
    CHECK(fake.requests().at(1).query.at("latitude") == "51.5085");

    auto unknown = provider->forecast(Location{"10999", "de"});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().kind == ErrorKind::not_found);
    CHECK(fake.request_count() == 3);  // the search only
}

TEST_CASE("Open-Meteo: its error body is reported with the reason", "[integration][open-meteo]") {
    FakeOpenMeteo fake;
    fake.answer_error(400, "Cannot initialize WeatherVariable from invalid String value tempeture_2m.");
    auto w = provider_for(fake)->current(Location{"94107", "us"});
    REQUIRE_FALSE(w);
    CHECK(w.error().kind == ErrorKind::bad_response);
    CHECK_THAT(w.error().message, Catch::Contains("HTTP 400") && Catch::Contains("tempeture_2m"));
    CHECK(fake.request_count() == 1);
}

TEST_CASE("Open-Meteo: HTTP 500 and 429", "[integration][open-meteo]") {
    FakeOpenMeteo fake;
    auto provider = provider_for(fake);
    fake.answer_raw(500, "<html><body>Internal Server Error</body></html>", "text/html");
    auto failed = provider->current(Location{"94107", "us"});
    REQUIRE_FALSE(failed);
    CHECK(failed.error().kind == ErrorKind::bad_response);
    CHECK_THAT(failed.error().message, Catch::Contains("HTTP 500"));

    fake.answer_error(429, "Minutely API request limit exceeded. Please try again in one minute.");
    auto limited = provider->current(Location{"94107", "us"});
    REQUIRE_FALSE(limited);
    CHECK(limited.error().kind == ErrorKind::rate_limited);

    fake.answer_weather();
    CHECK(provider->current(Location{"94107", "us"}));
    CHECK(fake.request_count() == 3);
}

TEST_CASE("Open-Meteo: a slow answer is a timeout", "[integration][open-meteo]") {
    FakeOpenMeteo fake;
    fake.set_delay(std::chrono::seconds(5));
    OpenMeteoConfig config;
    config.base_url = fake.base_url();
    config.total_timeout = std::chrono::milliseconds(300);
    auto w = make_open_meteo_provider(config)->current(Location{"94107", "us"});
    REQUIRE_FALSE(w);
    CHECK(w.error().kind == ErrorKind::timeout);
}

TEST_CASE("Open-Meteo: nothing listening is unreachable", "[integration][open-meteo]") {
    std::string url;
    {
        FakeOpenMeteo fake;
        url = fake.base_url();
    }  // the port is closed again
    OpenMeteoConfig config;
    config.base_url = url;
    auto w = make_open_meteo_provider(config)->current(Location{"94107", "us"});
    REQUIRE_FALSE(w);
    CHECK(w.error().kind == ErrorKind::unreachable);
}

TEST_CASE("Open-Meteo: a URL that is not http names the variable of its endpoint",
          "[integration][open-meteo]") {
    ProviderSetup setup;
    setup.requested = "open-meteo";
    setup.urls["TENKI_OPENMETEO_URL"] = "ftp://127.0.0.1/forecast";
    setup.urls["TENKI_OPENMETEO_GEOCODING_URL"] = "ftp://127.0.0.1/geocoding";
    auto configured = make_provider(setup);
    REQUIRE(configured);
    auto weather = configured->provider->current(Location{"94107", "us"});
    REQUIRE_FALSE(weather);
    CHECK(weather.error().kind == ErrorKind::invalid_input);
    CHECK_THAT(weather.error().message, Catch::EndsWith("check TENKI_OPENMETEO_URL"));
    auto geocoded = configured->provider->current(Location{"SW1A 1AA", "gb"});
    REQUIRE_FALSE(geocoded);
    CHECK_THAT(geocoded.error().message, Catch::EndsWith("check TENKI_OPENMETEO_GEOCODING_URL"));
}

TEST_CASE("Open-Meteo: a 404 that is not Open-Meteo's names the variable of the endpoint that answered it",
          "[integration][open-meteo][geocoding]") {
    FakeOpenMeteo fake;
    fake.answer_raw(404, "Not Found", "text/plain");  // a wrong server: every path is 404
    auto provider = provider_for(fake);
    auto geocoded = provider->current(Location{"SW1A 1AA", "gb"});
    REQUIRE_FALSE(geocoded);
    CHECK(geocoded.error().kind == ErrorKind::bad_response);
    CHECK_THAT(geocoded.error().message,
               Catch::EndsWith("check the geocoding URL (TENKI_OPENMETEO_GEOCODING_URL)"));
    auto weather = provider->current(Location{"94107", "us"});
    REQUIRE_FALSE(weather);
    CHECK_THAT(weather.error().message,
               Catch::EndsWith("check the base URL (TENKI_OPENMETEO_URL, --open-meteo-url)"));
}

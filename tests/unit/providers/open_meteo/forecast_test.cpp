#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "providers/open_meteo/open_meteo.hpp"

using namespace tenki;

namespace {

const ZipInfo k_sf_forecast{"94107", "San Francisco", "CA", 37.7621, -122.3971};

// Two hours and two days in Open-Meteo's documented shape, in °F, mph and inch.
nlohmann::json open_meteo_forecast_answer() {
    return nlohmann::json::parse(R"({
      "latitude": 37.76, "longitude": -122.4, "utc_offset_seconds": -28800,
      "timezone": "America/Los_Angeles", "timezone_abbreviation": "PST",
      "hourly_units": {"time": "iso8601", "temperature_2m": "°F", "apparent_temperature": "°F",
        "precipitation_probability": "%", "precipitation": "inch", "weather_code": "wmo code",
        "wind_speed_10m": "mph", "wind_direction_10m": "°", "wind_gusts_10m": "mph", "is_day": ""},
      "hourly": {"time": ["2024-01-14T23:00", "2024-01-15T00:00"],
        "temperature_2m": [32.0, 50.0], "apparent_temperature": [30.2, null],
        "precipitation_probability": [10, 80], "precipitation": [0.0, 0.1],
        "weather_code": [null, 61], "wind_speed_10m": [10.0, 0.0], "wind_direction_10m": [250, 260],
        "wind_gusts_10m": [null, 20.0], "is_day": [0, 0], "uv_index": [0.0, null]},
      "daily_units": {"time": "iso8601", "temperature_2m_max": "°F", "temperature_2m_min": "°F",
        "precipitation_sum": "inch", "wind_speed_10m_max": "mph", "sunrise": "iso8601"},
      "daily": {"time": ["2024-01-14", "2024-01-15"], "weather_code": [3, 95],
        "temperature_2m_max": [59.0, 55.4], "temperature_2m_min": [41.0, null],
        "precipitation_sum": [0.0, 1.0], "precipitation_probability_max": [5, 90],
        "wind_speed_10m_max": [10.0, 20.0], "wind_gusts_10m_max": [null, null],
        "sunrise": ["2024-01-14T07:24", "2024-01-15T07:24"], "sunset": ["2024-01-14T17:14", null],
        "uv_index_max": [2.35, null]}
    })");
}

Result<Forecast> om_forecast_of(const nlohmann::json& doc, long status = 200) {
    return parse_open_meteo_forecast(status, doc.dump(), Location{"94107", "us"}, k_sf_forecast);
}

}  // namespace

TEST_CASE("Open-Meteo forecast: the URL asks for every hour and day tenki keeps", "[open-meteo]") {
    const auto url = open_meteo_forecast_url("http://127.0.0.1:8080/", 37.7621, -122.3971);
    CHECK_THAT(url,
               Catch::StartsWith("http://127.0.0.1:8080/v1/forecast?latitude=37.7621&longitude=-122.3971&"));
    CHECK_THAT(url,
               Catch::Contains("&hourly=temperature_2m,apparent_temperature,precipitation_probability,"));
    CHECK_THAT(url, Catch::Contains("&daily=weather_code,") && Catch::Contains("uv_index_max"));
    CHECK_THAT(url, Catch::Contains("&timezone=auto") && Catch::Contains("&forecast_days=16") &&
                        Catch::Contains("&forecast_hours=49"));
}

TEST_CASE("Open-Meteo forecast: hours and days in SI units at UTC", "[open-meteo]") {
    auto f = om_forecast_of(open_meteo_forecast_answer());
    REQUIRE(f);
    CHECK(f->source == "open-meteo");
    CHECK(f->place_name == "San Francisco");
    CHECK(f->timezone_offset == -28800);
    CHECK(f->timezone == "America/Los_Angeles");
    CHECK(f->step_seconds == 3600);
    REQUIRE(f->hourly.size() == 2);
    const auto& h0 = f->hourly[0];
    CHECK(h0.time == 1705302000);  // 2024-01-14T23:00 at -08:00 is 2024-01-15T07:00Z
    CHECK(h0.temp.value() == Approx(273.15));
    CHECK(h0.feels_like.value() == Approx(272.15));
    CHECK(h0.precipitation.value() == 0.0);
    CHECK(h0.wind_speed.value() == Approx(4.4704));
    CHECK_FALSE(h0.wind_gust);
    CHECK_FALSE(h0.condition);  // weather_code null: no condition, not code -1
    const auto& h1 = f->hourly[1];
    CHECK_FALSE(h1.feels_like);
    CHECK(h1.precipitation.value() == Approx(2.54));
    CHECK(h1.precipitation_probability == 80);
    REQUIRE(h1.condition);
    CHECK(owm_condition_id(*h1.condition) == 500);
    CHECK(h1.condition->icon == "10n");

    REQUIRE(f->daily.size() == 2);
    CHECK(f->daily[0].date == "2024-01-14");
    CHECK(f->daily[0].temp_max.value() == Approx(288.15));
    CHECK(f->daily[0].temp_min.value() == Approx(278.15));
    CHECK(f->daily[0].sunrise == 1705245840);  // 07:24 PST
    CHECK(f->daily[0].uv_index_max.value() == Approx(2.35));
    CHECK(f->hourly[0].uv_index.value() == 0.0);  // the index at night: 0, as given
    CHECK_FALSE(f->hourly[1].uv_index);
    CHECK_FALSE(f->daily[0].hours_covered);
    CHECK(f->daily[1].condition->main == "Thunderstorm");
    CHECK_FALSE(f->daily[1].temp_min);
    CHECK_FALSE(f->daily[1].sunset);
    CHECK(f->daily[1].precipitation_sum.value() == Approx(25.4));
}

TEST_CASE("Open-Meteo forecast: errors and foreign answers", "[open-meteo]") {
    CHECK(
        om_forecast_of(nlohmann::json{{"error", true}, {"reason", "Cannot initialize WeatherVariable"}}, 400)
            .error()
            .kind == ErrorKind::bad_response);
    CHECK(om_forecast_of(nlohmann::json{{"error", true}, {"reason", "Too many"}}, 429).error().kind ==
          ErrorKind::rate_limited);
    auto no_daily = open_meteo_forecast_answer();
    no_daily.erase("daily");
    CHECK_THAT(om_forecast_of(no_daily).error().message, Catch::Contains("daily.time"));
    auto bad_time = open_meteo_forecast_answer();
    bad_time["hourly"]["time"][1] = "tomorrow";
    CHECK_THAT(om_forecast_of(bad_time).error().message, Catch::Contains("hourly.time[1]"));
    auto bad_date = open_meteo_forecast_answer();
    bad_date["daily"]["time"][0] = "2024-13-01";
    CHECK(om_forecast_of(bad_date).error().kind == ErrorKind::bad_response);
}

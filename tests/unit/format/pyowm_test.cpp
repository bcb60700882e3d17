// v1 against pyowm 2.x: each body below is one kind of answer OpenWeatherMap (or Open-Meteo)
// sends; each expected document is what pyowm 2.10's weather_from_dictionary + Weather.to_JSON()
// give for it, worked out by reading pyowm/weatherapi25/weather.py: rain, snow and wind copied as
// sent, a negative sunrise or sunset None and an absent one 0, main.temp_kf copied, numbers as
// their JSON type. Documents are compared as text, so 1022 and 1022.0 differ as they do in JSON.
#include <catch2/catch.hpp>

#include <string_view>

#include <nlohmann/json.hpp>

#include "providers/open_meteo/open_meteo.hpp"
#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/format/format.hpp"

using namespace tenki;
using nlohmann::json;

namespace {

// The v1 document tenki serves for an OpenWeatherMap body, after a trip through the canonical
// JSON every cache stores.
std::string v1_for(std::string_view body) {
    const auto weather = parse_owm_response(200, body, Location{"94107", "us"}).value();
    const auto cached = parse_weather_json(json(weather).dump()).value();
    CHECK(cached == weather);
    return to_v1_json(cached).dump();
}

std::string expected(std::string_view document) { return json::parse(document).dump(); }

}  // namespace

TEST_CASE("v1 = pyowm 2.x: a 3-hour rain amount, fractional wind deg, integers", "[format][v1]") {
    constexpr std::string_view body = R"({
      "coord": {"lon": 138.93, "lat": 34.97},
      "sys": {"country": "JP", "sunrise": 1369769525, "sunset": 1369821048},
      "weather": [{"id": 500, "main": "Rain", "description": "light rain", "icon": "10n"}],
      "main": {"temp": 290, "humidity": 88, "pressure": 1012, "temp_min": 287.15, "temp_max": 292.04},
      "wind": {"speed": 6.2, "deg": 191.505},
      "rain": {"3h": 0.75},
      "clouds": {"all": 90},
      "dt": 1369824700, "id": 1851632, "name": "Shuzenji", "cod": 200})";
    CHECK(v1_for(body) == expected(R"({
      "reference_time": 1369824700, "sunset_time": 1369821048, "sunrise_time": 1369769525,
      "clouds": 90, "rain": {"3h": 0.75}, "snow": {}, "wind": {"speed": 6.2, "deg": 191.505},
      "humidity": 88, "pressure": {"press": 1012, "sea_level": null},
      "temperature": {"temp": 290, "temp_kf": null, "temp_max": 292.04, "temp_min": 287.15},
      "status": "Rain", "detailed_status": "light rain", "weather_code": 500,
      "weather_icon_name": "10n", "visibility_distance": null,
      "dewpoint": null, "humidex": null, "heat_index": null})"));
}

TEST_CASE("v1 = pyowm 2.x: wind with extra keys, snow over 1 and 3 hours, temp_kf", "[format][v1]") {
    constexpr std::string_view body = R"({
      "weather": [{"id": 601, "main": "Snow", "description": "snow", "icon": "13d"},
                  {"id": 701, "main": "Mist", "description": "mist", "icon": "50d"}],
      "main": {"temp": 270.4, "pressure": 998.5, "sea_level": 1001, "humidity": 93, "temp_kf": -0.6},
      "visibility": 2400,
      "wind": {"speed": 3, "deg": 22.5, "gust": 7.72, "var_beg": 350, "var_end": 60},
      "snow": {"1h": 0.4, "3h": 1},
      "clouds": {"all": 100},
      "dt": 1703300100,
      "sys": {"country": "US", "sunrise": 1703271301, "sunset": 1703290402},
      "cod": 200})";
    CHECK(v1_for(body) == expected(R"({
      "reference_time": 1703300100, "sunset_time": 1703290402, "sunrise_time": 1703271301,
      "clouds": 100, "rain": {}, "snow": {"1h": 0.4, "3h": 1},
      "wind": {"speed": 3, "deg": 22.5, "gust": 7.72, "var_beg": 350, "var_end": 60},
      "humidity": 93, "pressure": {"press": 998.5, "sea_level": 1001},
      "temperature": {"temp": 270.4, "temp_kf": -0.6, "temp_max": null, "temp_min": null},
      "status": "Snow", "detailed_status": "snow", "weather_code": 601,
      "weather_icon_name": "13d", "visibility_distance": 2400,
      "dewpoint": null, "humidex": null, "heat_index": null})"));
}

TEST_CASE("v1 = pyowm 2.x: polar night: a 0 time stays 0, a negative one is null", "[format][v1]") {
    // pyowm's Weather.__init__ turns only a negative time into None; 0 passes through.
    constexpr std::string_view body = R"({
      "weather": [{"id": 804, "main": "Clouds", "description": "overcast clouds", "icon": "04n"}],
      "main": {"temp": 245.2, "pressure": 1020, "humidity": 70},
      "wind": {"speed": 4.5, "deg": 80},
      "clouds": {"all": 100},
      "dt": 1703163100,
      "sys": {"country": "US", "sunrise": 0, "sunset": -1},
      "cod": 200})";
    CHECK(v1_for(body) == expected(R"({
      "reference_time": 1703163100, "sunset_time": null, "sunrise_time": 0,
      "clouds": 100, "rain": {}, "snow": {}, "wind": {"speed": 4.5, "deg": 80},
      "humidity": 70, "pressure": {"press": 1020, "sea_level": null},
      "temperature": {"temp": 245.2, "temp_kf": null, "temp_max": null, "temp_min": null},
      "status": "Clouds", "detailed_status": "overcast clouds", "weather_code": 804,
      "weather_icon_name": "04n", "visibility_distance": null,
      "dewpoint": null, "humidex": null, "heat_index": null})"));
}

TEST_CASE("v1 = pyowm 2.x: only what every answer has", "[format][v1]") {
    CHECK(v1_for(test::owm::k_minimal) == expected(R"({
      "reference_time": 1685648412, "sunset_time": 0, "sunrise_time": 0,
      "clouds": 0, "rain": {}, "snow": {}, "wind": {},
      "humidity": 0, "pressure": {"press": null, "sea_level": null},
      "temperature": {"temp": 300, "temp_kf": null, "temp_max": null, "temp_min": null},
      "status": "Clear", "detailed_status": "clear sky", "weather_code": 800,
      "weather_icon_name": "01n", "visibility_distance": null,
      "dewpoint": null, "humidex": null, "heat_index": null})"));
}

TEST_CASE("v1 from Open-Meteo has no float noise and no made-up weather code", "[format][v1]") {
    constexpr std::string_view body = R"({"utc_offset_seconds": -14400,
      "current_units": {"temperature_2m": "°C", "apparent_temperature": "°C", "precipitation": "mm",
                        "rain": "mm", "snowfall": "cm", "wind_speed_10m": "m/s", "wind_gusts_10m": "m/s"},
      "current": {"time": "2025-04-15T10:00", "interval": 900, "temperature_2m": 12.4,
                  "relative_humidity_2m": 71, "apparent_temperature": 10.9, "is_day": 1,
                  "precipitation": 0.1, "rain": 0.1, "snowfall": 0.0, "weather_code": null,
                  "cloud_cover": 100, "pressure_msl": 1015.2, "wind_speed_10m": 3.2,
                  "wind_direction_10m": 250, "wind_gusts_10m": 6.4}})";
    const ZipInfo place{"02462", "Newton Lower Falls", "MA", 42.33, -71.26};
    const auto weather = parse_open_meteo_response(200, body, Location{"02462", "us"}, place).value();
    const auto doc = to_v1_json(weather);
    CHECK(doc["temperature"]["temp"].dump() == "285.55");
    CHECK(doc["rain"].dump() == R"({"1h":0.4})");
    CHECK(doc["weather_code"].is_null());
    CHECK(doc["status"] == "Unknown");
    CHECK(doc["detailed_status"] == "unknown weather");
}

#pragma once

#include <string_view>

#include "providers/owm/owm.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/domain/weather.hpp"

// OpenWeatherMap current-weather answers in the documented shape (standard units: Kelvin, m/s),
// for unit tests and the fake upstream alike.
namespace tenki::test::owm {

// 94107, San Francisco: every field but rain, snow and gust. 2023-06-01T19:40:12Z, UTC-07:00.
inline constexpr std::string_view k_san_francisco = R"({
  "coord": {"lon": -122.3912, "lat": 37.7631},
  "weather": [{"id": 803, "main": "Clouds", "description": "broken clouds", "icon": "04d"}],
  "base": "stations",
  "main": {"temp": 289.82, "feels_like": 289.39, "temp_min": 287.59, "temp_max": 292.04,
           "pressure": 1016, "humidity": 72, "sea_level": 1016, "grnd_level": 1012},
  "visibility": 10000,
  "wind": {"speed": 5.66, "deg": 290},
  "clouds": {"all": 75},
  "dt": 1685648412,
  "sys": {"type": 2, "id": 2007646, "country": "US", "sunrise": 1685623692, "sunset": 1685676461},
  "timezone": -25200,
  "id": 0,
  "name": "San Francisco",
  "cod": 200
})";

// SW1A 1AA, London in the rain with gusts, two conditions. 2023-06-07T11:30:00Z, UTC+01:00.
inline constexpr std::string_view k_london_rain = R"({
  "coord": {"lon": -0.1416, "lat": 51.501},
  "weather": [{"id": 501, "main": "Rain", "description": "moderate rain", "icon": "10d"},
              {"id": 701, "main": "Mist", "description": "mist", "icon": "50d"}],
  "base": "stations",
  "main": {"temp": 285.37, "feels_like": 284.93, "temp_min": 284.26, "temp_max": 286.48,
           "pressure": 1009, "humidity": 91, "sea_level": 1009, "grnd_level": 1005},
  "visibility": 4800,
  "wind": {"speed": 7.2, "deg": 225, "gust": 13.4},
  "rain": {"1h": 2.37},
  "clouds": {"all": 100},
  "dt": 1686137400,
  "sys": {"type": 2, "id": 2075535, "country": "GB", "sunrise": 1686109380, "sunset": 1686168900},
  "timezone": 3600,
  "id": 0,
  "name": "London",
  "cod": 200
})";

// Only what every answer has: the optional fields must stay absent, never zero.
inline constexpr std::string_view k_minimal = R"({
  "weather": [{"id": 800, "main": "Clear", "description": "clear sky", "icon": "01n"}],
  "main": {"temp": 300},
  "dt": 1685648412,
  "cod": 200
})";

// Snow in Anchorage, over the last hour and the last 3 hours.
inline constexpr std::string_view k_anchorage_snow = R"({
  "coord": {"lon": -149.8583, "lat": 61.2176},
  "weather": [{"id": 601, "main": "Snow", "description": "snow", "icon": "13n"}],
  "main": {"temp": 266.15, "feels_like": 260.4, "temp_min": 265.37, "temp_max": 267.04,
           "pressure": 1002, "humidity": 86},
  "visibility": 1609,
  "wind": {"speed": 3.6, "deg": 350},
  "snow": {"1h": 0.89, "3h": 2.1},
  "clouds": {"all": 100},
  "dt": 1703300000,
  "sys": {"country": "US", "sunrise": 1703271300, "sunset": 1703290400},
  "timezone": -32400,
  "name": "Anchorage",
  "cod": 200
})";

inline constexpr std::string_view k_unauthorized =
    R"({"cod":401, "message": "Invalid API key. Please see https://openweathermap.org/faq#error401 for more info."})";
inline constexpr std::string_view k_city_not_found = R"({"cod":"404","message":"city not found"})";
inline constexpr std::string_view k_rate_limited =
    R"({"cod":429, "message": "Your account is temporary blocked due to exceeding of requests limitation of your subscription type."})";

// A sample as tenki reads it when `asked` was the question; throws (failing the test) if it does not parse.
inline Weather from_sample(std::string_view body, const Location& asked = Location{"94107", "us"}) {
    return parse_owm_response(200, body, asked).value();
}

}  // namespace tenki::test::owm

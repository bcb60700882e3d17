#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"

namespace tenki {

// The vocabulary's kind of an OpenWeatherMap condition id (500 -> light_rain): one row per id
// OpenWeatherMap documents; unknown for any other id.
ConditionKind owm_condition_kind(int id);

// The part of a postal code OpenWeatherMap's zip lookup knows. It keys some countries by a
// prefix only, and answers "city not found" for the whole code: a UK postcode by its outward
// code ("SW1A 1AA" -> "SW1A"), a Canadian one by its forward sortation area ("K1A 0B1" -> "K1A",
// public reports such as hoobs-org/HOOBS#189). Any other code, or one already that short, is
// asked as it is.
std::string owm_zip_code(const Location& location);

// How OpenWeatherMap is asked for a place: "lat=48.85341&lon=2.3488" for a place tenki resolved
// (a city, coordinates), else "zip={owm_zip_code},{country}", each part URL-encoded.
std::string owm_place_query(const Location& location);

// GET {base}/data/2.5/weather?{owm_place_query}&appid={key}, every query value URL-encoded.
std::string owm_request_url(std::string_view base_url, const Location& location, std::string_view api_key);

// Parses an OpenWeatherMap current-weather answer. Error bodies carry `cod` as an int or a
// string: 401 unauthorized, 404 not_found, 429 rate_limited, other non-2xx bad_response. A 200
// carrying an error `cod` ({"cod":"404",...}) is that error (issue #3); a 200 whose body is not
// the documented JSON is bad_response. The result's location is `asked`, and its area the part
// of the code that was asked (owm_zip_code) when that is not the whole code; a not_found error
// names what was asked. `retry_after` is the
// answer's Retry-After (seconds), when it had one: a rate_limited error carries it and says it.
Result<Weather> parse_owm_response(long http_status, std::string_view body, const Location& asked,
                                   std::optional<int> retry_after = std::nullopt);

// GET {base}/data/2.5/forecast?{owm_place_query}&appid={key}: the free 5 day / 3 hour forecast.
std::string owm_forecast_url(std::string_view base_url, const Location& location, std::string_view api_key);

// Parses a 5 day / 3 hour forecast answer: each `list` entry is a step of 3 hours (step_seconds
// 10800) at `dt` (temperature, feels like, wind, condition at that instant; `pop` and the
// rain.3h + snow.3h precipitation for the 3 hours before it). `hourly` keeps the first 48 hours
// of steps; `daily` is built from every step by the local date at city.timezone (see
// daily_from_steps), with city.sunrise and city.sunset (0 means none) on their own dates. Errors
// as parse_owm_response; an answer without a `list` array or city.timezone is bad_response.
Result<Forecast> parse_owm_forecast(long http_status, std::string_view body, const Location& asked,
                                    std::optional<int> retry_after = std::nullopt);

}  // namespace tenki

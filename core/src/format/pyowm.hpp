#pragma once

#include <nlohmann/json.hpp>

// pyowm 2.x, which the original Flask service answered /api/v1/weather with.
namespace tenki::format {

// Weather.to_JSON() of weather_from_dictionary(d) (pyowm 2.x, pyowm/weatherapi25/weather.py),
// for an OpenWeatherMap current-weather answer `d`: rain, snow and wind are its objects as sent
// ({"3h": 1.5}, extra keys, a fractional deg), numbers keep their JSON type (1022, not 1022.0);
// an absent sunrise or sunset is 0 and a negative one null; absent clouds and humidity 0; absent
// pressure, temperatures and visibility null. Where pyowm would raise on a malformed body (a
// null `clouds`, a float visibility), the value is null instead.
nlohmann::json pyowm_weather_json(const nlohmann::json& d);

}  // namespace tenki::format

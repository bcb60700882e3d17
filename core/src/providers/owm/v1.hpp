#pragma once

#include <optional>
#include <string_view>

#include "tenki/domain/weather.hpp"
#include "tenki/util/nlohmann_json.hpp"

// OpenWeatherMap's v1 document: pyowm 2.x, which the original Flask service answered
// /api/v1/weather with, read OpenWeatherMap's answer as it was sent. What it read is the part
// (ProviderPart) the provider keeps in Weather and renders here.
namespace tenki {

inline constexpr std::string_view k_owm_source = "openweathermap";

// The part kept of a current-weather answer: the keys pyowm 2.x's weather_from_dictionary reads
// (dt, sys, main, weather[0], wind, rain, snow, clouds, visibility, calc, ...) as compact JSON.
ProviderPart owm_v1_part(const nlohmann::json& answer);

// The v1 document of an answer carrying OpenWeatherMap's part; nullopt when it carries none
// (another provider's answer), or the part is not OpenWeatherMap's or not a JSON object.
std::optional<nlohmann::json> owm_v1_document(const Weather& w);

// Weather.to_JSON() of weather_from_dictionary(d) (pyowm 2.x, pyowm/weatherapi25/weather.py),
// for an OpenWeatherMap current-weather answer `d`: rain, snow and wind are its objects as sent
// ({"3h": 1.5}, extra keys, a fractional deg), numbers keep their JSON type (1022, not 1022.0);
// an absent sunrise or sunset is 0 and a negative one null; absent clouds and humidity 0; absent
// pressure, temperatures and visibility null. Where pyowm would raise on a malformed body (a
// null `clouds`, a float visibility), the value is null instead.
nlohmann::json pyowm_weather_json(const nlohmann::json& d);

}  // namespace tenki

#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"

// What both providers' parsers check of an answer that has the documented shape: that its values
// could be real weather. An answer that fails is bad_response, never rendered.
namespace tenki::providers_detail {

// Why the observation cannot be real, in a few words naming the field and the range it left
// ("the time zone offset 1000000000000 s is outside ±18 h"); nullopt when every value is within:
// times in 2000-2100 (unix seconds), the offset within ±18 h (the widest in use is +14 h),
// latitude ±90°, longitude ±180°, temperatures 150-350 K (the records are 184 K and 330 K),
// humidity, clouds and chances 0-100 %, pressures 300-1200 hPa, winds 0-150 m/s (the record gust
// is 113 m/s), directions 0-360°, visibility 0-1000 km, precipitation 0-2000 mm an interval.
std::optional<std::string> implausible(const Weather& w);

// As for Weather, for every step and day, and: steps strictly increasing in time (no two for one
// instant), at most 1000 steps and 100 days, days in strictly increasing date order within
// 2000-2100, each built from at most 24 hours.
std::optional<std::string> implausible(const Forecast& f);

// Every provider's parser ends here: `answer` as it is when it is an error or could be real
// weather (implausible() finds nothing), else bad_response "<whose> cannot be real weather: <why>;
// try again later", whose naming the answer ("OpenWeatherMap's forecast").
Result<Weather> refuse_implausible(Result<Weather> answer, std::string_view whose);
Result<Forecast> refuse_implausible(Result<Forecast> answer, std::string_view whose);

}  // namespace tenki::providers_detail

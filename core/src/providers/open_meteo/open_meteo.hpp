#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"
#include "tenki/places/zipdb.hpp"
#include "tenki/providers/provider.hpp"

namespace tenki {

// Open-Meteo's forecast API: no key, coordinates only.
inline constexpr std::string_view k_open_meteo_default_url = "https://api.open-meteo.com";

// GET {base}/v1/forecast?latitude=..&longitude=..&current=<the 15 variables tenki reads>
// &timezone=auto&wind_speed_unit=ms, coordinates to 4 decimals (the ZIP table's precision).
std::string open_meteo_request_url(std::string_view base_url, double lat, double lon);

// A WMO weather interpretation code (Open-Meteo's weather_code, WMO 4677 as Open-Meteo documents
// it) as a condition of tenki's vocabulary (providers/open_meteo/wmo.cpp: one row per code):
// `kind` the vocabulary's entry (WMO 61 slight rain -> light_rain), `main` its group word,
// `description` the WMO meaning as Open-Meteo words it, `icon` the entry's icon with "d" or "n"
// from is_day ("10d"). An undocumented WMO code gives kind unknown, main "Unknown", a
// description naming the WMO code the upstream sent, and no icon; a null one (nullopt) says
// "unknown weather", with no condition made up.
Condition wmo_condition(std::optional<int> wmo_code, bool is_day);

// Parses an Open-Meteo forecast answer for `current` into SI units (see Weather), whatever
// units current_units names (°C/°F, km/h, m/s, mph, kn, mm/inch, cm/inch).
// - observed_at from current.time (local time) less utc_offset_seconds; timezone_offset from
//   utc_offset_seconds; pressure and sea_level both from pressure_msl; uv_index as given, the
//   dew point from dew_point_2m.
// - rain_1h and snow_1h are hourly rates: the current interval's (15 minutes) sums scaled to an
//   hour, snow as water equivalent (Open-Meteo: 7 cm of snow = 10 mm of water), rain as the
//   liquid rest of precipitation. Like OpenWeatherMap, they are left out when zero.
// - place_name, lat and lon come from `place` (the ZIP table), not from the model's grid point.
// Error bodies {"error": true, "reason": "..."}: 429 rate_limited, any other status (400 for a
// request Open-Meteo rejects, 5xx) bad_response, with the reason; a body that is not the
// documented JSON is bad_response too. `retry_after` is the answer's Retry-After (seconds), when
// it had one: a rate_limited error carries it and says it.
Result<Weather> parse_open_meteo_response(long http_status, std::string_view body, const Location& asked,
                                          const ZipInfo& place,
                                          std::optional<int> retry_after = std::nullopt);

// GET {base}/v1/forecast?latitude=..&longitude=..&hourly=<10 variables>&daily=<10 variables>
// &timezone=auto&wind_speed_unit=ms&forecast_days=16&forecast_hours=49: all Open-Meteo forecasts,
// so one cached answer serves every window (48 hours ahead: the first step, at the current hour,
// covers the hour that just ended, as a step covers the hour ending at its time).
std::string open_meteo_forecast_url(std::string_view base_url, double lat, double lon);

// Parses that answer into SI units, whatever hourly_units/daily_units name. Hourly and daily
// times are the place's local time (timezone=auto) less utc_offset_seconds; daily dates stay
// local. A null value is nullopt, and so is a weather_code of null (no condition). The errors are
// parse_open_meteo_response's; an answer without `hourly.time` or `daily.time` arrays is
// bad_response.
Result<Forecast> parse_open_meteo_forecast(long http_status, std::string_view body, const Location& asked,
                                           const ZipInfo& place,
                                           std::optional<int> retry_after = std::nullopt);

// Open-Meteo's geocoding API (https://open-meteo.com/en/docs/geocoding-api), which knows GeoNames'
// places and the postal codes GeoNames lists for each: how tenki finds a postal code outside the
// US without an OpenWeatherMap key.
inline constexpr std::string_view k_open_meteo_geocoding_default_url = "https://geocoding-api.open-meteo.com";

// GET {base}/v1/search?name=<postal code>&countryCode=<CC>&count=10&language=en&format=json
std::string open_meteo_geocoding_url(std::string_view base_url, std::string_view postal_code,
                                     std::string_view country);

// Where a postal code is, as Open-Meteo's geocoding answers it.
struct GeocodedPostalCode {
    std::string name;    // the GeoNames place the code belongs to: "Paris"
    std::string region;  // its first-level region ("Île-de-France"), "" when none
    double lat = 0;      // decimal degrees, WGS84
    double lon = 0;
    std::uint32_t geonames_id = 0;  // 0 when the answer has none
};

// The first place of the answer in the asked country that lists the asked code among its
// postcodes (compared without case, spaces or hyphens; or by the code's part before its space,
// for codes GeoNames lists by district only: GB "SW1A" for "SW1A 1AA"). Never a place that does
// not list the code, so a fuzzy match is never taken for it. not_found (naming OpenWeatherMap,
// which knows more codes) when none; HTTP errors and malformed answers as for the weather.
Result<GeocodedPostalCode> parse_open_meteo_geocoding(long http_status, std::string_view body,
                                                      const Location& asked,
                                                      std::optional<int> retry_after = std::nullopt);

}  // namespace tenki

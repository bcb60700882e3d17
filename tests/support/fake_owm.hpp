#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "support/fake_http.hpp"

namespace tenki::test {

// A fake OpenWeatherMap: a real HTTP server on 127.0.0.1 speaking the documented protocol,
//   GET /data/2.5/weather?zip=CODE,CC&appid=KEY
//   GET /data/2.5/forecast?zip=CODE,CC&appid=KEY (the free 5 day / 3 hour forecast, see forecast_json)
//   and either by lat=LAT&lon=LON (decimal degrees) instead of zip=: the nearest canned place's answer,
//   with the coordinates asked (to 4 decimals) and its name when within about 50 km, else name "";
//   400 "wrong latitude" / "wrong longitude" for a value that is not a number in range.
// 200 with the current weather for 94107,us (San Francisco), 10001,us (New York), 19021,us
// (Croydon PA, tenki's default postal code) and "SW1A,gb" (London: like OpenWeatherMap, it knows a UK
// postcode only by its outward code, so "SW1A 1AA,gb" is not found); 404 "city not found" for other codes;
// 401 when appid is not api_key(). Script it per test with next()/always()/route() and the replies below;
// read what tenki sent with requests(). Stops in its destructor.
class FakeOwm : public FakeHttpServer {
public:
    static constexpr std::string_view k_api_key = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    explicit FakeOwm(std::string api_key = std::string(k_api_key));

    const std::string& api_key() const { return m_api_key; }

    // The canned 200 body for a known place ("94107,us"), "" for any other.
    static std::string place_json(std::string_view zip);

    // The 5 day / 3 hour forecast for a known place from `now`: 40 steps at the UTC 3-hour marks
    // after it, the place's city.timezone (94107,us -08:00 as in winter, 44600,np Kathmandu
    // +05:45), rain (`rain.3h`, pop 0.8) on steps between 12:00 and 18:00 local, none (no `rain`,
    // pop 0.1) otherwise; "" for an unknown place.
    static std::string forecast_json(std::string_view zip, std::int64_t now);
    // The local date ("2024-06-03") a forecast step's `dt` falls on in a city `timezone` seconds east of
    // UTC: the day a reader of forecast_json() files that step under, worked out the plain way.
    static std::string step_local_date(std::int64_t dt, std::int64_t timezone);

    // OpenWeatherMap's own answers, to script with next() or always().
    static Reply unauthorized();                         // 401, the real message
    static Reply not_found();                            // 404 city not found
    static Reply rate_limited(int retry_after_seconds);  // 429 with Retry-After
    static Reply server_error(int status = 500);         // 500, 502, 503 ...
    static Reply invalid_json();                         // 200, a truncated document
    static Reply huge_body(std::size_t bytes);           // 200, valid JSON of at least `bytes`

private:
    std::string m_api_key;
};

}  // namespace tenki::test

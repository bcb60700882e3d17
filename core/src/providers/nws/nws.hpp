#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "tenki/domain/alerts.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"

// The National Weather Service's API (weather.gov/documentation/services-web-api): active alerts
// by point, GeoJSON of CAP alerts, keyless.
namespace tenki {

inline constexpr std::string_view k_nws_default_url = "https://api.weather.gov";
// The NWS asks every client for a User-Agent naming the application and a contact; this one
// unless TENKI_NWS_CONTACT sets the operator's own.
inline constexpr std::string_view k_nws_default_contact = "tenki; set TENKI_NWS_CONTACT";

// Whether the NWS covers the place: the US (ZIP codes, US cities) and the territories it issues
// alerts for, by the place's ISO 3166 country: PR, GU, VI, AS, MP (GeoNames files cities of the
// territories under them). Coordinates alone carry no country: not covered.
bool nws_covers(const Location& location);

// GET {base}/alerts/active?point=LAT,LON, each to 4 decimals at most (the NWS refuses more).
std::string nws_alerts_url(std::string_view base_url, double lat, double lon);

// "tenki/<version> (<contact>)".
std::string nws_user_agent(std::string_view contact);

// Reads the answer: a GeoJSON FeatureCollection whose features' `properties` are CAP alerts; the
// alerts in force at `now` (alerts_in_force). bad_response for a status other than 200 (with the
// problem document's `detail` when it has one), and for anything but JSON (a CDN's HTML block
// page is never read for alerts); rate_limited for 429.
Result<AlertList> parse_nws_alerts(long http_status, std::string_view content_type, std::string_view body,
                                   std::int64_t now);

struct NwsConfig {
    std::string base_url = std::string(k_nws_default_url);
    std::string contact = std::string(k_nws_default_contact);
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds total_timeout{std::chrono::seconds(8)};
    bool verbose = false;
};

// One request for the place's alerts in force; not_found when nws_covers says no (no request).
Result<AlertList> fetch_nws_alerts(const NwsConfig& config, const Location& location);

}  // namespace tenki

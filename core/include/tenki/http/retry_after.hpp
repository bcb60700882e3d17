#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tenki {

// The longest wait tenki obeys from an upstream, in seconds: one hour. A longer Retry-After (in
// seconds or as an HTTP date), a breaker's open_until read back from breakers.json, a wait read
// back from Redis, is cut to it. Why an hour: the limits a wait follows are per minute
// (OpenWeatherMap's free plan: 60 calls a minute; Open-Meteo: 600) or per hour (Open-Meteo:
// 5,000); a daily limit costs one refused call an hour at this cap, while a wrong header or clock
// (one 429 with `Retry-After: 99999999`, 3.2 years) never holds a provider off for over an hour.
inline constexpr int k_max_upstream_wait_s = 3600;

// `seconds` cut into 0..k_max_upstream_wait_s (a negative wait is none).
constexpr int cap_upstream_wait(long long seconds) {
    return static_cast<int>(std::clamp<long long>(seconds, 0, k_max_upstream_wait_s));
}

// A Retry-After value (RFC 9110 10.2.3) as seconds from `now_unix_s`: delta-seconds ("120") or an
// HTTP date in any of its three forms ("Sun, 06 Nov 1994 08:49:37 GMT", read by libcurl's
// curl_getdate), cut by cap_upstream_wait; a date already past is 0. nullopt for anything else
// (a negative number, "soon", an empty value).
std::optional<int> parse_retry_after(std::string_view value, std::int64_t now_unix_s);

}  // namespace tenki

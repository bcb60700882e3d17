#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "tenki/error.hpp"

namespace tenki {

// At most `calls` upstream calls in any `window` (a sliding window: providers count that way, so
// a burst at the turn of a minute cannot make twice the calls). calls == 0 means no limit.
struct RateLimit {
    unsigned calls = 0;
    std::chrono::seconds window{60};
    friend bool operator==(const RateLimit&, const RateLimit&) = default;
};

// "60/min", "600/m", "10/s", "1000/h", "5/30s"; "0" or "off": no limit. Else invalid_input.
Result<RateLimit> parse_rate_limit(std::string_view text);
// "60/min", "5/30s", "off": what parse_rate_limit reads back.
std::string to_string(const RateLimit& limit);

// Whether `rate` allows more calls per unit of time than `limit`; "off" (no limit) exceeds
// every limit, and nothing exceeds "off".
bool exceeds(const RateLimit& rate, const RateLimit& limit);

}  // namespace tenki

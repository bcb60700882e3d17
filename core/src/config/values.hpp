#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tenki {

// "600" -> 600, "90s" -> 90, "10m" -> 600, "6h" -> 21600, "1d" -> 86400, "1h30m" -> 5400;
// nullopt for anything else (negative, empty, an unknown unit, a number past 10^9 of a unit).
std::optional<std::int64_t> parse_duration_seconds(std::string_view text);

}  // namespace tenki

#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "tenki/domain/forecast.hpp"
#include "tenki/error.hpp"

namespace tenki::server {

// How much of a forecast GET /api/v2/forecast answers: `days` daily rows from the place's today,
// `hours` hours of steps from the one under way (see forecast_window).
struct ForecastSpan {
    int days = 7;
    int hours = 24;
};

// The query's `days` (1 to k_max_forecast_days) and `hours` (0 to k_max_forecast_hours), each
// absent: ForecastSpan's default. invalid_input naming the parameter and its range for anything
// else: not a plain decimal number (a sign, spaces, trailing text) or out of range.
Result<ForecastSpan> parse_forecast_span(std::optional<std::string_view> days,
                                         std::optional<std::string_view> hours);

// The unix second at which forecast_window(forecast, now, ...) next changes, given the window it
// gave: when its first step is over, or at the place's next local midnight, whichever is first.
std::int64_t forecast_window_until(const Forecast& window, std::int64_t now);

}  // namespace tenki::server

#include "server/api/forecast_span.hpp"

#include <algorithm>
#include <charconv>
#include <string>

#include <fmt/format.h>

namespace tenki::server {

namespace {

// A query parameter that must be a whole number in [low, high]; absent: `fallback`.
Result<int> whole_number(std::optional<std::string_view> text, std::string_view name, int low, int high,
                         int fallback) {
    if (!text) return fallback;
    int value = 0;
    const char* last = text->data() + text->size();
    auto [end, ec] = std::from_chars(text->data(), last, value);
    if (!text->empty() && ec == std::errc{} && end == last && value >= low && value <= high) return value;
    constexpr std::size_t k_shown = 16;
    const auto shown =
        text->size() > k_shown ? std::string(text->substr(0, k_shown)) + "..." : std::string(*text);
    return fail(ErrorKind::invalid_input,
                fmt::format("{} must be a whole number from {} to {}, not '{}'", name, low, high, shown));
}

}  // namespace

Result<ForecastSpan> parse_forecast_span(std::optional<std::string_view> days,
                                         std::optional<std::string_view> hours) {
    const ForecastSpan defaults;
    auto d = whole_number(days, "days", 1, k_max_forecast_days, defaults.days);
    if (!d) return tl::unexpected(d.error());
    auto h = whole_number(hours, "hours", 0, k_max_forecast_hours, defaults.hours);
    if (!h) return tl::unexpected(h.error());
    return ForecastSpan{*d, *h};
}

std::int64_t forecast_window_until(const Forecast& window, std::int64_t now) {
    constexpr std::int64_t k_day = 86400;
    const std::int64_t local = now + window.timezone_offset;
    const std::int64_t local_day = local / k_day - (local % k_day < 0 ? 1 : 0);
    std::int64_t until = (local_day + 1) * k_day - window.timezone_offset;
    if (!window.hourly.empty()) until = std::min(until, window.hourly.front().time);
    return until;
}

}  // namespace tenki::server

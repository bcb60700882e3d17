// Rate limits as a person writes them ("60/min") and as the budgets compare them.
#include "tenki/budget/rate_limit.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include <fmt/core.h>

#include "util/ascii.hpp"

namespace tenki {

namespace {

struct Unit {
    std::string_view name;
    std::chrono::seconds length;
};

constexpr Unit k_units[] = {
    {"s", std::chrono::seconds(1)},    {"sec", std::chrono::seconds(1)},
    {"m", std::chrono::seconds(60)},   {"min", std::chrono::seconds(60)},
    {"h", std::chrono::seconds(3600)}, {"hour", std::chrono::seconds(3600)},
};

Result<RateLimit> bad_rate(std::string_view text) {
    return fail(ErrorKind::invalid_input,
                fmt::format("'{}' is not a rate: write calls per time such as 60/min, 10/s, 1000/h or 5/30s "
                            "(0 or off for no limit)",
                            util::printable(text)));
}

template <typename Int>
bool parse_number(std::string_view text, Int& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Result<RateLimit> parse_rate_limit(std::string_view text) {
    const auto trimmed = util::trim(text);
    if (trimmed == "off" || trimmed == "0") return RateLimit{0, std::chrono::seconds(60)};
    const auto slash = trimmed.find('/');
    if (slash == std::string_view::npos) return bad_rate(text);
    RateLimit limit;
    if (!parse_number(trimmed.substr(0, slash), limit.calls) || limit.calls == 0) return bad_rate(text);
    auto per = trimmed.substr(slash + 1);
    std::size_t digits = 0;
    while (digits < per.size() && util::is_digit(per[digits])) ++digits;
    long count = 1;
    if (digits > 0 && (!parse_number(per.substr(0, digits), count) || count <= 0 || count > 86400))
        return bad_rate(text);
    const auto unit = per.substr(digits);
    const auto* found =
        std::find_if(std::begin(k_units), std::end(k_units), [&](const Unit& u) { return u.name == unit; });
    if (found == std::end(k_units)) return bad_rate(text);
    limit.window = found->length * count;
    return limit;
}

std::string to_string(const RateLimit& limit) {
    if (limit.calls == 0) return "off";
    const auto seconds = limit.window.count();
    if (seconds == 60) return fmt::format("{}/min", limit.calls);
    if (seconds == 3600) return fmt::format("{}/h", limit.calls);
    if (seconds == 1) return fmt::format("{}/s", limit.calls);
    return fmt::format("{}/{}s", limit.calls, seconds);
}
bool exceeds(const RateLimit& rate, const RateLimit& limit) {
    if (limit.calls == 0) return false;
    if (rate.calls == 0) return true;
    // calls per second compared without division: rate.calls / rate.window > limit.calls / limit.window
    return std::uint64_t{rate.calls} * static_cast<std::uint64_t>(limit.window.count()) >
           std::uint64_t{limit.calls} * static_cast<std::uint64_t>(rate.window.count());
}

}  // namespace tenki

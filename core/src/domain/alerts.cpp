#include "tenki/domain/alerts.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <tuple>

#include "util/ascii.hpp"

namespace tenki {

namespace {

constexpr std::array<std::string_view, 5> k_severity_words = {"Extreme", "Severe", "Moderate", "Minor",
                                                              "Unknown"};
constexpr std::array<std::string_view, 5> k_severity_classes = {"extreme", "severe", "moderate", "minor",
                                                                "unknown"};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// The number of `width` digits at `at`, or nullopt.
std::optional<int> alert_digits(std::string_view text, std::size_t at, std::size_t width) {
    if (at + width > text.size()) return std::nullopt;
    int value = 0;
    const auto* first = text.data() + at;
    const auto [end, ec] = std::from_chars(first, first + width, value);
    if (ec != std::errc() || end != first + width) return std::nullopt;
    return value;
}

// The zone designator at the end: "Z", "+hh:mm", "-hh:mm"; seconds east of UTC.
std::optional<std::int64_t> zone_offset(std::string_view zone) {
    if (zone == "Z" || zone == "z") return 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':') return std::nullopt;
    const auto h = alert_digits(zone, 1, 2);
    const auto m = alert_digits(zone, 4, 2);
    if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
    const std::int64_t seconds = *h * 3600 + *m * 60;
    return zone[0] == '-' ? -seconds : seconds;
}

}  // namespace

AlertSeverity parse_alert_severity(std::string_view text) {
    for (std::size_t i = 0; i < k_severity_words.size(); ++i)
        if (util::iequals(text, k_severity_words.at(i))) return static_cast<AlertSeverity>(i);
    return AlertSeverity::unknown;
}

std::string_view to_string(AlertSeverity severity) {
    return k_severity_words.at(static_cast<std::size_t>(severity));
}

std::string_view severity_class(AlertSeverity severity) {
    return k_severity_classes.at(static_cast<std::size_t>(severity));
}

std::optional<AlertTime> parse_alert_time(std::string_view text) {
    // YYYY-MM-DDThh:mm[:ss[.fff]]<zone>
    const auto y = alert_digits(text, 0, 4);
    const auto mo = alert_digits(text, 5, 2);
    const auto d = alert_digits(text, 8, 2);
    const auto h = alert_digits(text, 11, 2);
    const auto mi = alert_digits(text, 14, 2);
    if (!y || !mo || !d || !h || !mi || text[4] != '-' || text[7] != '-' ||
        (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || *mo < 1 || *mo > 12 || *d < 1 || *d > 31 ||
        *h > 23 || *mi > 59)
        return std::nullopt;
    std::size_t at = 16;
    int s = 0;
    if (at < text.size() && text[at] == ':') {
        const auto sec = alert_digits(text, at + 1, 2);
        if (!sec || *sec > 60) return std::nullopt;
        s = *sec;
        at += 3;
        if (at < text.size() && text[at] == '.')
            for (++at; at < text.size() && util::is_digit(text[at]);) ++at;
    }
    const auto offset = zone_offset(text.substr(at));
    if (!offset) return std::nullopt;
    const auto local = days_from_civil(*y, static_cast<unsigned>(*mo), static_cast<unsigned>(*d)) * 86400 +
                       std::int64_t{*h} * 3600 + std::int64_t{*mi} * 60 + s;
    return AlertTime{local - *offset, *offset, std::string(text)};
}

std::vector<Alert> alerts_in_force(std::vector<Alert> alerts, std::int64_t now) {
    std::erase_if(alerts, [now](const Alert& a) { return a.until() && a.until()->unix_s <= now; });
    std::stable_sort(alerts.begin(), alerts.end(), [](const Alert& a, const Alert& b) {
        const auto end_of = [](const Alert& x) {
            return x.until() ? x.until()->unix_s : std::numeric_limits<std::int64_t>::max();
        };
        return std::tuple(a.severity, end_of(a), std::string_view(a.event)) <
               std::tuple(b.severity, end_of(b), std::string_view(b.event));
    });
    return alerts;
}

bool urgent_alert(const std::vector<Alert>& alerts, std::int64_t now) {
    return std::any_of(alerts.begin(), alerts.end(),
                       [now](const Alert& a) { return a.severity <= AlertSeverity::severe && a.begun(now); });
}

}  // namespace tenki

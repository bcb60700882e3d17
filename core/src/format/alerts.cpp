#include "tenki/format/alerts.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <ctime>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "tenki/lang/cldr.hpp"
#include "tenki/lang/translate.hpp"

namespace tenki {

const std::string_view k_no_alert_source = N_("no alert source for this place");

namespace {

// "Sat 18:00" at the offset the sender wrote, the weekday CLDR's abbreviation in `language`,
// within 6 days of `now` (a weekday names one day of the week ahead); else the date,
// "2030-01-13 18:00".
std::string alert_clock(const AlertTime& at, Language language, std::int64_t now) {
    constexpr std::int64_t k_six_days = 6 * 86400;
    const auto local = static_cast<std::time_t>(at.unix_s + at.offset_s);
    std::tm tm{};
    gmtime_r(&local, &tm);
    if (at.unix_s - now > k_six_days || now - at.unix_s > k_six_days)
        return fmt::format("{:%Y-%m-%d %H:%M}", tm);
    if (language == Language::en) return fmt::format("{:%a %H:%M}", tm);
    const auto day = cldr_names(language).weekdays_abbreviated[static_cast<std::size_t>(tm.tm_wday)];
    return fmt::format("{} {:%H:%M}", day, tm);
}

nlohmann::json alert_time_json(const std::optional<AlertTime>& at) {
    return at ? nlohmann::json(at->text) : nlohmann::json(nullptr);
}

}  // namespace

std::string alert_line(const Alert& alert, std::string_view source, Language language, std::int64_t now) {
    std::string line = fmt::format("{} {}", k_alert_sign, alert.event.empty() ? alert.headline : alert.event);
    if (!alert.begun(now))
        line += " " +
                fmt::format(fmt::runtime(tr(language, "from {}")), alert_clock(*alert.onset, language, now));
    if (const auto& until = alert.until())
        line += " " + fmt::format(fmt::runtime(tr(language, "until {}")), alert_clock(*until, language, now));
    const auto& who = alert.sender.empty() ? std::string(source) : alert.sender;
    if (!who.empty()) line += fmt::format(" ({})", who);
    return line;
}

std::string alert_lines(const AlertsShown& shown, Language language, std::int64_t now) {
    if (!shown.list) return {};
    std::string out;
    for (const auto& alert : shown.list->alerts)
        out += alert_line(alert, shown.list->source, language, now) + "\n";
    return out;
}

nlohmann::json alerts_json(const AlertsShown& shown) {
    if (!shown.list) return nullptr;
    auto out = nlohmann::json::array();
    for (const auto& a : shown.list->alerts)
        out.push_back({{"event", a.event},
                       {"severity", to_string(a.severity)},
                       {"urgency", a.urgency},
                       {"certainty", a.certainty},
                       {"onset", alert_time_json(a.onset)},
                       {"ends", alert_time_json(a.ends)},
                       {"expires", alert_time_json(a.expires)},
                       {"sender", a.sender},
                       {"headline", a.headline},
                       {"description", a.description},
                       {"instruction", a.instruction},
                       {"area", a.area}});
    return out;
}

void add_alerts(nlohmann::json& doc, const AlertsShown& shown, Language language) {
    if (!shown.asked) return;
    doc["alerts"] = alerts_json(shown);
    if (!shown.list)
        doc["alerts_reason"] =
            shown.reason == k_no_alert_source ? std::string(tr(language, k_no_alert_source)) : shown.reason;
}

}  // namespace tenki

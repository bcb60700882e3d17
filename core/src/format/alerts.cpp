#include "tenki/format/alerts.hpp"

#include <ctime>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tenki {

namespace {

// "Sat 18:00" at the offset the sender wrote.
std::string weekday_clock(const AlertTime& at) {
    const auto local = static_cast<std::time_t>(at.unix_s + at.offset_s);
    std::tm tm{};
    gmtime_r(&local, &tm);
    return fmt::format("{:%a %H:%M}", tm);
}

nlohmann::json alert_time_json(const std::optional<AlertTime>& at) {
    return at ? nlohmann::json(at->text) : nlohmann::json(nullptr);
}

}  // namespace

std::string alert_line(const Alert& alert, std::string_view source) {
    std::string line = fmt::format("{} {}", k_alert_sign, alert.event.empty() ? alert.headline : alert.event);
    if (const auto& until = alert.until()) line += " until " + weekday_clock(*until);
    const auto& who = alert.sender.empty() ? std::string(source) : alert.sender;
    if (!who.empty()) line += fmt::format(" ({})", who);
    return line;
}

std::string alert_lines(const AlertsShown& shown) {
    if (!shown.list) return {};
    std::string out;
    for (const auto& alert : shown.list->alerts) out += alert_line(alert, shown.list->source) + "\n";
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

void add_alerts(nlohmann::json& doc, const AlertsShown& shown) {
    if (!shown.asked) return;
    doc["alerts"] = alerts_json(shown);
    if (!shown.list) doc["alerts_reason"] = shown.reason;
}

}  // namespace tenki

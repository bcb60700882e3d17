#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/alerts.hpp"
#include "tenki/lang/translate.hpp"

// How the faces show alerts; the English words here are the only ones (one place to translate).
namespace tenki {

// The warning sign that opens an alert line.
inline constexpr std::string_view k_alert_sign = "⚠";
extern const std::string_view k_no_alert_source;  // "no alert source for this place"

// "⚠ Winter Storm Warning until Sat 18:00 (NWS New York NY)": the event, until its end (or
// expiry) in the sender's own local time, the sender (else the list's source). No "until" when
// the alert gives no end; "from Fri 07:00" first when its onset is still to come at `now` (unix
// seconds). A time more than 6 days from `now` is dated: "2030-01-13 18:00". "from", "until" and
// the weekday in `language`; the event and sender as sent.
std::string alert_line(const Alert& alert, std::string_view source, Language language, std::int64_t now);

// The text report's top lines: one per alert in force, the most severe first; "" for none, for
// an alert source that failed or none covering the place (stderr says those).
std::string alert_lines(const AlertsShown& shown, Language language, std::int64_t now);

// The v2 JSON's `alerts`: an array of {event, severity, urgency, certainty, onset, ends, expires,
// sender, headline, description, instruction, area} (times ISO 8601 as sent; absent: null), or
// null when there is none to give; then `reason` holds why (alerts_reason in the document).
nlohmann::json alerts_json(const AlertsShown& shown);
// Sets doc["alerts"] (and doc["alerts_reason"] when null) when the alerts were asked for.
// alerts_reason "no alert source for this place" in `language`; an upstream's failure as it said.
void add_alerts(nlohmann::json& doc, const AlertsShown& shown, Language language = Language::en);

}  // namespace tenki

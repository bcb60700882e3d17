#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace tenki {

// CAP 1.2's <severity> (docs.oasis-open.org/emergency/cap/v1.2), most severe first: the order
// alerts are shown in.
enum class AlertSeverity { extreme, severe, moderate, minor, unknown };

// "Extreme", "Severe", ... in any case; anything else (CAP's own "Unknown" too) is unknown.
AlertSeverity parse_alert_severity(std::string_view text);
// CAP's word: "Extreme", "Severe", "Moderate", "Minor", "Unknown".
std::string_view to_string(AlertSeverity severity);
// The lower-case word for CSS classes: "extreme", ... ("alert-severe").
std::string_view severity_class(AlertSeverity severity);

// A time as the sender wrote it: the instant and the sender's UTC offset, so that "until Sat 18:00"
// reads in the alert's own local time.
struct AlertTime {
    std::int64_t unix_s = 0;
    std::int64_t offset_s = 0;  // seconds east of UTC, as written ("-05:00": -18000)
    std::string text;           // the ISO 8601 text as received: "2024-01-13T18:00:00-05:00"
};

// "2024-01-13T18:00:00-05:00", "2024-01-13T23:00:00Z" (seconds and fractions optional); nullopt else.
std::optional<AlertTime> parse_alert_time(std::string_view text);

// One CAP alert in force, as the NWS API's GeoJSON feature properties give it.
struct Alert {
    std::string event;  // "Winter Storm Warning"
    AlertSeverity severity = AlertSeverity::unknown;
    std::string urgency;    // CAP: Immediate, Expected, Future, Past, Unknown
    std::string certainty;  // CAP: Observed, Likely, Possible, Unlikely, Unknown
    std::optional<AlertTime> onset;
    std::optional<AlertTime> ends;     // null for an alert without a planned end
    std::optional<AlertTime> expires;  // when this message expires (a newer one may follow)
    std::string sender;                // senderName: "NWS New York NY"
    std::string headline;
    std::string description;
    std::string instruction;
    std::string area;  // areaDesc: "New York (Manhattan); Bronx"

    // When it stops being in force: ends, else expires; nullopt when neither is given.
    const std::optional<AlertTime>& until() const { return ends ? ends : expires; }
    // Whether it has begun at `now` (unix seconds): no onset, or one passed. The NWS issues
    // warnings a day or more before their onset; such an alert is shown, as coming.
    bool begun(std::int64_t now) const { return !onset || onset->unix_s <= now; }
};

// The alerts in force at `now` (unix seconds): those whose until() has passed are dropped; the
// rest ordered by severity (Extreme first), then the soonest to end (no end last), then event.
std::vector<Alert> alerts_in_force(std::vector<Alert> alerts, std::int64_t now);

// Whether an alert of CAP severity Extreme or Severe has begun among them at `now` (unix
// seconds): a status bar's urgent state (i3blocks' exit status 33). A coming one is not urgent yet.
bool urgent_alert(const std::vector<Alert>& alerts, std::int64_t now);

// What an alert source answered for a place: the alerts in force (empty: none), and who issues them.
struct AlertList {
    std::vector<Alert> alerts;
    std::string source;  // "NWS": the issuing service, for the text line when an alert has no sender
};

// The lossless form the CLI's disk cache keeps (ExtraSources): {"alerts": [{event, severity (CAP's
// word), urgency, certainty, onset, ends, expires (the ISO 8601 text as sent, or null), sender,
// headline, description, instruction, area}], "source"}. from_json throws nlohmann::json::exception
// on a missing key, a wrong type or a time that does not parse (core/src/domain/extras_json.cpp).
void to_json(nlohmann::json& j, const AlertList& list);
void from_json(const nlohmann::json& j, AlertList& list);

}  // namespace tenki

namespace tenki {

// What a face shows of a place's alerts: whether they were asked for, the source's answer (null
// when it failed or no source covers the place), and then why not, in one line.
struct AlertsShown {
    bool asked = false;
    const AlertList* list = nullptr;
    std::string reason;  // "no alert source for this place", a failure's message
};

}  // namespace tenki

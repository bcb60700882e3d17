#include <catch2/catch.hpp>

#include "tenki/domain/alerts.hpp"

using namespace tenki;

namespace {

Alert make_alert(std::string event, AlertSeverity severity, std::optional<std::int64_t> ends,
                 std::optional<std::int64_t> expires = std::nullopt) {
    Alert a;
    a.event = std::move(event);
    a.severity = severity;
    if (ends) a.ends = AlertTime{*ends, 0, ""};
    if (expires) a.expires = AlertTime{*expires, 0, ""};
    return a;
}

std::vector<std::string> event_names(const std::vector<Alert>& alerts) {
    std::vector<std::string> out;
    for (const auto& a : alerts) out.push_back(a.event);
    return out;
}

}  // namespace

TEST_CASE("CAP severities read in any case; anything else is Unknown", "[alerts]") {
    CHECK(parse_alert_severity("Extreme") == AlertSeverity::extreme);
    CHECK(parse_alert_severity("severe") == AlertSeverity::severe);
    CHECK(parse_alert_severity("MODERATE") == AlertSeverity::moderate);
    CHECK(parse_alert_severity("Minor") == AlertSeverity::minor);
    CHECK(parse_alert_severity("Unknown") == AlertSeverity::unknown);
    CHECK(parse_alert_severity("Catastrophic") == AlertSeverity::unknown);
    CHECK(to_string(AlertSeverity::severe) == "Severe");
    CHECK(severity_class(AlertSeverity::extreme) == "extreme");
}

TEST_CASE("alerts in force: most severe first, then the soonest to end, no end last", "[alerts]") {
    const std::int64_t now = 1'700'000'000;
    const auto sorted = alerts_in_force({make_alert("Flood Advisory", AlertSeverity::minor, now + 600),
                                         make_alert("Heat Advisory", AlertSeverity::moderate, std::nullopt),
                                         make_alert("Wind Advisory", AlertSeverity::moderate, now + 3600),
                                         make_alert("Tornado Warning", AlertSeverity::extreme, now + 7200),
                                         make_alert("Special Statement", AlertSeverity::unknown, now + 60),
                                         make_alert("Frost Advisory", AlertSeverity::moderate, now + 60)},
                                        now);
    CHECK(event_names(sorted) == std::vector<std::string>{"Tornado Warning", "Frost Advisory",
                                                          "Wind Advisory", "Heat Advisory", "Flood Advisory",
                                                          "Special Statement"});
}

TEST_CASE("an alert whose end (else expiry) has passed is dropped; a null end falls back to expires",
          "[alerts]") {
    const std::int64_t now = 1'700'000'000;
    const auto kept =
        alerts_in_force({make_alert("Ended", AlertSeverity::severe, now - 1, now + 3600),
                         make_alert("Ends now", AlertSeverity::severe, now),
                         make_alert("Null ends, expired", AlertSeverity::severe, std::nullopt, now - 60),
                         make_alert("Null ends, in force", AlertSeverity::severe, std::nullopt, now + 60),
                         make_alert("Ends later, expired message", AlertSeverity::severe, now + 60, now - 60),
                         make_alert("Neither", AlertSeverity::severe, std::nullopt)},
                        now);
    // Equal ends: by event, so the order never depends on the upstream's.
    CHECK(event_names(kept) ==
          std::vector<std::string>{"Ends later, expired message", "Null ends, in force", "Neither"});
}

TEST_CASE("alert times read ISO 8601 with their offset, kept for the sender's local clock", "[alerts]") {
    const auto eastern = parse_alert_time("2024-01-13T18:00:00-05:00");
    REQUIRE(eastern);
    CHECK(eastern->unix_s == 1705186800);  // 23:00 UTC
    CHECK(eastern->offset_s == -5 * 3600);
    CHECK(eastern->text == "2024-01-13T18:00:00-05:00");
    const auto utc = parse_alert_time("2024-01-13T23:00:00.123Z");
    REQUIRE(utc);
    CHECK(utc->unix_s == 1705186800);
    CHECK(parse_alert_time("2024-01-13T23:00+00:00")->unix_s == 1705186800);
    CHECK_FALSE(parse_alert_time(""));
    CHECK_FALSE(parse_alert_time("2024-01-13"));
    CHECK_FALSE(parse_alert_time("2024-13-13T18:00:00-05:00"));
    CHECK_FALSE(parse_alert_time("2024-01-13T18:00:00 EST"));
}

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tenki/format/alerts.hpp"

using namespace tenki;

namespace {
// Friday 2024-01-12 12:00 New York time (17:00 UTC).
const std::int64_t k_alert_now = parse_alert_time("2024-01-12T12:00:00-05:00")->unix_s;
}  // namespace

TEST_CASE("the alert line: event, until in the sender's local time, sender", "[alerts]") {
    Alert a;
    a.event = "Winter Storm Warning";
    a.sender = "NWS New York NY";
    a.ends = parse_alert_time("2024-01-13T18:00:00-05:00");  // a Saturday
    CHECK(alert_line(a, "NWS", Language::en, k_alert_now) ==
          "⚠ Winter Storm Warning until Sat 18:00 (NWS New York NY)");
    a.ends.reset();
    a.expires = parse_alert_time("2024-01-14T09:30:00-05:00");
    CHECK(alert_line(a, "NWS", Language::en, k_alert_now) ==
          "⚠ Winter Storm Warning until Sun 09:30 (NWS New York NY)");
    a.expires.reset();
    a.sender.clear();
    CHECK(alert_line(a, "NWS", Language::en, k_alert_now) == "⚠ Winter Storm Warning (NWS)");
}

TEST_CASE("an alert issued before its onset says when it begins, and a far time is dated", "[alerts]") {
    Alert a;
    a.event = "Winter Storm Warning";
    a.severity = AlertSeverity::severe;
    a.sender = "NWS New York NY";
    a.onset = parse_alert_time("2024-01-13T07:00:00-05:00");  // Saturday morning, 19 h ahead
    a.ends = parse_alert_time("2024-01-14T18:00:00-05:00");
    CHECK(alert_line(a, "NWS", Language::en, k_alert_now) ==
          "⚠ Winter Storm Warning from Sat 07:00 until Sun 18:00 (NWS New York NY)");
    CHECK(alert_line(a, "NWS", Language::de, k_alert_now) ==
          "⚠ Winter Storm Warning ab Sa. 07:00 bis So. 18:00 (NWS New York NY)");
    // Not urgent until it begins; then it is.
    CHECK_FALSE(urgent_alert({a}, k_alert_now));
    CHECK(urgent_alert({a}, a.onset->unix_s));
    CHECK(alert_line(a, "NWS", Language::en, a.onset->unix_s) ==
          "⚠ Winter Storm Warning until Sun 18:00 (NWS New York NY)");
    // A weekday names a day of the coming week only: beyond 6 days, the date.
    a.onset = parse_alert_time("2030-01-13T07:00:00-05:00");
    a.ends = parse_alert_time("2030-01-13T18:00:00-05:00");
    CHECK(alert_line(a, "NWS", Language::en, k_alert_now) ==
          "⚠ Winter Storm Warning from 2030-01-13 07:00 until 2030-01-13 18:00 (NWS New York NY)");
}

TEST_CASE("the v2 JSON's alerts: null with the reason outside coverage, [] when none", "[alerts]") {
    nlohmann::json doc = nlohmann::json::object();
    add_alerts(doc, AlertsShown{});
    CHECK_FALSE(doc.contains("alerts"));
    add_alerts(doc, AlertsShown{true, nullptr, std::string(k_no_alert_source)});
    CHECK(doc.at("alerts").is_null());
    CHECK(doc.at("alerts_reason") == "no alert source for this place");
    AlertList none;
    doc = nlohmann::json::object();
    add_alerts(doc, AlertsShown{true, &none, ""});
    CHECK(doc.at("alerts") == nlohmann::json::array());
    CHECK_FALSE(doc.contains("alerts_reason"));
    AlertList one{{Alert{}}, "NWS"};
    one.alerts[0].event = "Flood Watch";
    one.alerts[0].severity = AlertSeverity::severe;
    add_alerts(doc, AlertsShown{true, &one, ""});
    CHECK(doc.at("alerts").at(0).at("event") == "Flood Watch");
    CHECK(doc.at("alerts").at(0).at("severity") == "Severe");
    CHECK(doc.at("alerts").at(0).at("ends").is_null());
    for (const char* key : {"urgency", "certainty", "onset", "expires", "sender", "headline", "description",
                            "instruction", "area"})
        CHECK(doc.at("alerts").at(0).contains(key));
}

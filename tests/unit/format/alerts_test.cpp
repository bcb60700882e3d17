#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tenki/format/alerts.hpp"

using namespace tenki;

TEST_CASE("the alert line: event, until in the sender's local time, sender", "[alerts]") {
    Alert a;
    a.event = "Winter Storm Warning";
    a.sender = "NWS New York NY";
    a.ends = parse_alert_time("2024-01-13T18:00:00-05:00");  // a Saturday
    CHECK(alert_line(a, "NWS") == "⚠ Winter Storm Warning until Sat 18:00 (NWS New York NY)");
    a.ends.reset();
    a.expires = parse_alert_time("2024-01-14T09:30:00-05:00");
    CHECK(alert_line(a, "NWS") == "⚠ Winter Storm Warning until Sun 09:30 (NWS New York NY)");
    a.expires.reset();
    a.sender.clear();
    CHECK(alert_line(a, "NWS") == "⚠ Winter Storm Warning (NWS)");
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

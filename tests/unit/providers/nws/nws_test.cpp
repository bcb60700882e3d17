#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "providers/nws/nws.hpp"
#include "tenki/version.hpp"

using namespace tenki;

namespace {

constexpr std::int64_t k_nws_now = 1705186800;  // 2024-01-13T23:00:00Z

nlohmann::json nws_feature(std::string event, std::string severity, nlohmann::json ends,
                           nlohmann::json expires) {
    return {{"type", "Feature"},
            {"properties",
             {{"event", event},
              {"severity", severity},
              {"urgency", "Expected"},
              {"certainty", "Likely"},
              {"onset", "2024-01-13T12:00:00-05:00"},
              {"ends", ends},
              {"expires", expires},
              {"senderName", "NWS New York NY"},
              {"headline", event + " issued by NWS New York NY"},
              {"areaDesc", "New York (Manhattan)"}}}};
}

std::string nws_collection(std::vector<nlohmann::json> features) {
    return nlohmann::json{{"type", "FeatureCollection"}, {"features", features}}.dump();
}

}  // namespace

TEST_CASE("the NWS covers the US and its territories, by the place's country", "[nws]") {
    CHECK(nws_covers(Location{"10001", "us"}));
    CHECK(nws_covers(city_location(18.4655, -66.1057, "San Juan", "", "PR", 4568127)));
    CHECK(nws_covers(city_location(13.4757, 144.7489, "Hagåtña", "", "GU", 4044012)));
    for (const char* country : {"vi", "as", "mp"}) CHECK(nws_covers(Location{"", country}));
    CHECK_FALSE(nws_covers(city_location(48.8534, 2.3488, "Paris", "", "FR", 2988507)));
    CHECK_FALSE(nws_covers(Location{"M5H", "ca"}));
    CHECK_FALSE(nws_covers(coordinates_location(40.7, -74.0)));  // no country known
}

TEST_CASE("the NWS point has 4 decimals at most", "[nws]") {
    CHECK(nws_alerts_url("https://api.weather.gov", 40.750504, -73.99679) ==
          "https://api.weather.gov/alerts/active?point=40.7505,-73.9968");
    CHECK(nws_alerts_url("http://x", 40.7, -74.0) == "http://x/alerts/active?point=40.7,-74");
    CHECK(nws_alerts_url("http://x", -0.00001, 0.0) == "http://x/alerts/active?point=0,0");
}

TEST_CASE("the User-Agent names tenki, its version and the contact", "[nws]") {
    CHECK(nws_user_agent("ops@example.org") == "tenki/" + std::string(version()) + " (ops@example.org)");
}

TEST_CASE("NWS answers: none, one, several in order, expired and null ends", "[nws]") {
    auto none = parse_nws_alerts(200, "application/geo+json", nws_collection({}), k_nws_now);
    REQUIRE(none);
    CHECK(none->alerts.empty());
    CHECK(none->source == "NWS");

    auto several = parse_nws_alerts(
        200, "application/geo+json",
        nws_collection({nws_feature("Wind Advisory", "Moderate", "2024-01-13T20:00:00-05:00",
                                    "2024-01-13T20:00:00-05:00"),
                        nws_feature("Winter Storm Warning", "Severe", "2024-01-14T06:00:00-05:00",
                                    "2024-01-13T22:00:00-05:00"),
                        nws_feature("Expired Statement", "Extreme", "2024-01-13T17:00:00-05:00",
                                    "2024-01-13T17:00:00-05:00"),
                        nws_feature("Flood Watch", "Severe", nullptr, "2024-01-13T19:00:00-05:00"),
                        nws_feature("Old Flood Watch", "Severe", nullptr, "2024-01-13T10:00:00-05:00")}),
        k_nws_now);
    REQUIRE(several);
    REQUIRE(several->alerts.size() == 3);
    CHECK(several->alerts[0].event == "Flood Watch");  // Severe, expires 00:00 UTC
    CHECK_FALSE(several->alerts[0].ends);
    CHECK(several->alerts[1].event == "Winter Storm Warning");  // Severe, ends later
    CHECK(several->alerts[2].event == "Wind Advisory");
    CHECK(several->alerts[1].sender == "NWS New York NY");
    CHECK(several->alerts[1].area == "New York (Manhattan)");
}

TEST_CASE("a CDN's HTML block page is a bad_response, never alerts", "[nws]") {
    const std::string page =
        R"(<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>{"features": []}</BODY></HTML>)";
    for (long status : {200L, 403L}) {
        auto answer = parse_nws_alerts(status, "text/html", page, k_nws_now);
        REQUIRE_FALSE(answer);
        CHECK(answer.error().kind == ErrorKind::bad_response);
        CHECK(answer.error().message.find("text/html") != std::string::npos);
    }
    auto problem =
        parse_nws_alerts(400, "application/problem+json",
                         R"({"title":"Bad Request","detail":"Parameter \"point\" is invalid"})", k_nws_now);
    REQUIRE_FALSE(problem);
    CHECK(problem.error().kind == ErrorKind::bad_response);
    CHECK(problem.error().message.find("point") != std::string::npos);
    auto not_collection = parse_nws_alerts(200, "application/geo+json", R"({"type":"Feature"})", k_nws_now);
    REQUIRE_FALSE(not_collection);
    CHECK(not_collection.error().kind == ErrorKind::bad_response);
    CHECK(parse_nws_alerts(429, "", "", k_nws_now).error().kind == ErrorKind::rate_limited);
}

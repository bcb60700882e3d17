// GET /api/v2/alerts and /api/v2/air in tenki's languages (issue 27): the text a person reads (the
// reason, the note) follows ?lang= and Accept-Language, with the ETag and Vary; the English
// documents stay byte for byte; enum values (category, scale) stay English.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "support/fake_air_quality.hpp"
#include "support/fake_nws.hpp"
#include "support/http_client.hpp"
#include "support/served_tenki.hpp"

using namespace tenki::test;
using nlohmann::json;

namespace {

struct LangExtrasServer {
    FakeNws nws;
    FakeAirQuality air;
    ServedTenki served{
        ServeStart{{"-q", "--client-rate", "off"},
                   "",
                   1,
                   true,
                   {{"TENKI_NWS_URL", nws.base_url()}, {"TENKI_OPENMETEO_AIR_URL", air.base_url()}}}};
    HttpAnswer get(const std::string& target, const std::string& accept_language = "") const {
        HttpClient client(served.port);
        if (accept_language.empty()) return client.call("GET", target);
        return client.call("GET", target, {{"Accept-Language", accept_language}});
    }
};

}  // namespace

TEST_CASE("/api/v2/air in German and French: the note translated, the category an English value",
          "[integration][server][air][lang]") {
    LangExtrasServer s;
    s.air.set_current({{"us_aqi", 100.5}, {"european_aqi", 20}});
    const auto english = s.get("/api/v2/air?q=10001");
    const auto de = s.get("/api/v2/air?q=10001&lang=de");
    const auto fr = s.get("/api/v2/air?q=10001", "fr-CA, en;q=0.5");
    const auto en = s.get("/api/v2/air?q=10001&lang=en");
    INFO(english.body << de.body << fr.body);
    REQUIRE(english.status == 200);
    REQUIRE(de.status == 200);
    REQUIRE(fr.status == 200);
    CHECK(json::parse(english.body).at("air").at("note") == "modelled (CAMS), not measured");
    CHECK(json::parse(de.body).at("air").at("note") == "modelliert (CAMS), nicht gemessen");
    CHECK(json::parse(fr.body).at("air").at("note") == "modélisé (CAMS), non mesuré");
    CHECK(en.body == english.body);  // English, asked for or not, is the same bytes
    CHECK(en.header("etag") == english.header("etag"));
    CHECK(de.header("etag") != english.header("etag"));
    CHECK(fr.header("etag") != de.header("etag"));
    auto german = json::parse(de.body);
    const auto original = json::parse(english.body);
    CHECK(german.at("air").at("category") == "Unhealthy for Sensitive Groups");
    german["air"]["note"] = original.at("air").at("note");
    CHECK(german == original);  // only the note changes
    for (const auto* a : {&english, &de, &fr})
        CHECK(a->header("vary").find("Accept-Language") != std::string::npos);
    CHECK(s.air.request_count() == 1);  // one answer serves every language
}

TEST_CASE("/api/v2/alerts in French: the reason translated; an unknown lang= is 400",
          "[integration][server][alerts][lang]") {
    LangExtrasServer s;
    const auto english = s.get("/api/v2/alerts?q=Paris,FR");
    const auto fr = s.get("/api/v2/alerts?q=Paris,FR&lang=fr");
    INFO(english.body << fr.body);
    REQUIRE(english.status == 200);
    REQUIRE(fr.status == 200);
    CHECK(json::parse(english.body).at("alerts_reason") == "no alert source for this place");
    CHECK(json::parse(fr.body).at("alerts_reason") == "pas de source d’alertes pour ce lieu");
    CHECK(fr.header("etag") != english.header("etag"));
    CHECK(fr.header("vary").find("Accept-Language") != std::string::npos);
    CHECK(s.get("/api/v2/alerts?q=Paris,FR", "de").body != english.body);
    const auto bad = s.get("/api/v2/alerts?q=Paris,FR&lang=xx");
    CHECK(bad.status == 400);
    CHECK(bad.body.find("pt-BR") != std::string::npos);  // naming the supported tags
    CHECK(s.get("/api/v2/air?q=Paris,FR&lang=xx").status == 400);
}

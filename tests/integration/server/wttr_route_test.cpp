// wttr.in's URL language on `tenki serve` (issue 28): /{place}, /{a}:{b} and /?format= with the
// presets and % codes, against the fake OpenWeatherMap's canned places (94107: few clouds,
// 288.71 K, wind 5.14 m/s from 270°, 72 %; 10001: clear, 297.15 K; 19021 the default place).
#include <catch2/catch.hpp>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include <fmt/format.h>

#include "support/http_client.hpp"
#include "support/served_tenki.hpp"
#include "tenki/astronomy/sky.hpp"
#include "tenki/astronomy/sky_place.hpp"

using namespace tenki::test;

namespace {

constexpr const char* k_wttr_key = "k3y-for-wttr-route-28";

struct WttrServer : ServedTenki {
    WttrServer() : ServedTenki({{"-q", "--client-rate", "off"}, k_wttr_key, 1}) {}
};

HttpAnswer wttr_ok(HttpClient& client, const std::string& target,
                   const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    auto answer = client.call("GET", target, headers);
    INFO(target << " -> " << answer.status << " " << answer.body);
    CHECK(answer.status == 200);
    CHECK(answer.header("content-type") == "text/plain; charset=utf-8");
    return answer;
}

}  // namespace

TEST_CASE("GET /{place}?format=3: wttr.in's preset, USCS in the US, ?m metric, ?M m/s",
          "[integration][server][wttr]") {
    WttrServer s;
    HttpClient client(s.port);
    // Few clouds is wttr.in's PartlyCloudy, 🌤️; a space after the symbol, one in the preset.
    CHECK(wttr_ok(client, "/94107?format=3").body == "94107: \U0001f324\ufe0f  +60°F\n");
    CHECK(wttr_ok(client, "/94107?format=3&m").body == "94107: \U0001f324\ufe0f  +16°C\n");
    CHECK(wttr_ok(client, "/94107?format=1&m").body == "\U0001f324\ufe0f  +16°C\n");
    CHECK(wttr_ok(client, "/94107?format=4&M").body ==
          "94107: \U0001f324\ufe0f  \U0001f321\ufe0f+16°C \U0001f32c\ufe0f→5m/s\n");
    CHECK(wttr_ok(client, "/94107?format=2&u").body ==
          "\U0001f324\ufe0f  \U0001f321\ufe0f+60°F \U0001f32c\ufe0f→11mph\n");
    // % codes as curl users type them (a % not followed by two hex digits stays), + a space, no
    // newline at the end of a custom format, an unknown code as written.
    CHECK(wttr_ok(client, "/94107?format=%l:+%c+%t+%w+%h+%P+%x+%i+%Y&m").body ==
          "94107: \U0001f324\ufe0f  +16°C →19km/h 72% 1016hPa m 116 %Y");
    CHECK(wttr_ok(client, "/94107?format=%t%5Cn%C").body == "+60°F\nFew clouds");
    // Several places, one line each.
    CHECK(wttr_ok(client, "/94107:10001?format=3&m").body ==
          "94107: \U0001f324\ufe0f  +16°C\n10001: \u2600\ufe0f  +24°C\n");
    auto answer = wttr_ok(client, "/94107?format=3");
    CHECK_FALSE(answer.header("etag").empty());
    CHECK(answer.header("x-cache") == "HIT");
}

TEST_CASE("GET /?format=3 is the default place; the reserved paths win over place names",
          "[integration][server][wttr]") {
    WttrServer s;
    HttpClient client(s.port);
    auto v2 = client.call("GET", "/api/v2/weather");
    REQUIRE(v2.status == 200);
    const auto name = nlohmann::json::parse(v2.body)["location"]["name"].get<std::string>();
    CHECK(wttr_ok(client, "/?format=%l").body == name);
    auto health = client.call("GET", "/healthz?format=3");
    CHECK(health.status == 200);
    CHECK(nlohmann::json::parse(health.body)["status"] == "ok");
    CHECK(client.call("GET", "/metrics?format=3")
              .header("content-type")
              .starts_with("text/plain; version=0.0.4"));
    CHECK(client.call("GET", "/").header("content-type") == "text/html; charset=utf-8");
    CHECK(client.call("GET", "/api/v9?format=3").status == 404);
}

TEST_CASE("GET /{place}: landmarks, domains, airport codes and unknown places are 404 in a line",
          "[integration][server][wttr]") {
    WttrServer s;
    HttpClient client(s.port);
    for (const char* target : {"/~Eiffel+Tower?format=3", "/@github.com?format=3", "/muc?format=3"}) {
        auto answer = client.call("GET", target);
        INFO(target << " -> " << answer.body);
        CHECK(answer.status == 404);
        CHECK(answer.header("content-type") == "text/plain; charset=utf-8");
        CHECK(answer.body.starts_with("tenki does not "));
        CHECK(answer.body.find('\n') == answer.body.size() - 1);
    }
    auto unknown = client.call("GET", "/Xqzzyvillezz?format=3");
    INFO(unknown.body);
    CHECK(unknown.status == 404);
    CHECK(unknown.body.find('\n') == unknown.body.size() - 1);
    CHECK(s.owm.request_count() == 0);  // none of these asked the upstream
}

TEST_CASE("GET /{place}?lang=: %C in the language asked, else Accept-Language's",
          "[integration][server][wttr]") {
    WttrServer s;
    HttpClient client(s.port);
    const auto english = wttr_ok(client, "/94107?format=%C").body;
    CHECK(english == "Few clouds");
    const auto german = wttr_ok(client, "/94107?format=%C&lang=de").body;
    CHECK_FALSE(german.empty());
    CHECK(german != english);
    CHECK(wttr_ok(client, "/94107?format=%C", {{"Accept-Language", "de"}}).body == german);
    auto answer = client.call("GET", "/94107?format=%C&lang=xx");
    CHECK(answer.status == 400);
    CHECK(answer.header("content-type") == "text/plain; charset=utf-8");
}

TEST_CASE("the uplink URL template of a self-hosted wttr.in: /{lat},{lon}?format=j1&lang={lang}",
          "[integration][server][wttr][j1]") {
    WttrServer s;
    HttpClient client(s.port);
    auto answer = client.call("GET", "/37.7697,-122.3942?format=j1&lang=de");
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    CHECK(answer.header("content-type") == "application/json");
    const auto doc = nlohmann::json::parse(answer.body);
    const auto& now = doc["current_condition"][0];
    CHECK(now["temp_C"] == "16");  // the fake's 288.71 K
    CHECK(now["temp_F"] == "60");
    CHECK(now["weatherCode"] == "116");  // few clouds
    CHECK(now["weatherDesc"][0]["value"] == "Few clouds");
    REQUIRE(now.contains("lang_de"));
    CHECK(now["lang_de"][0]["value"] != "Few clouds");
    CHECK(doc["nearest_area"][0]["latitude"] == "37.770");
    REQUIRE(doc["weather"].size() == 3);
    for (const auto& day : doc["weather"]) {
        CHECK(day["hourly"].size() == 8);
        CHECK(day["astronomy"].size() == 1);
        CHECK(day["maxtempC"].is_string());
    }
    auto j2 = client.call("GET", "/94107?format=j2");
    REQUIRE(j2.status == 200);
    const auto j2_doc =
        nlohmann::json::parse(j2.body);  // kept: a range-for over a temporary's member dangles
    for (const auto& day : j2_doc["weather"]) CHECK_FALSE(day.contains("hourly"));
}

TEST_CASE("format=j1 takes one place; its failures are JSON errors", "[integration][server][wttr][j1]") {
    WttrServer s;
    HttpClient client(s.port);
    auto two = client.call("GET", "/94107:10001?format=j1");
    CHECK(two.status == 400);
    CHECK(two.header("content-type") == "application/json");
    CHECK(nlohmann::json::parse(two.body)["error"]["message"].get<std::string>().find("one place") !=
          std::string::npos);
    auto unknown = client.call("GET", "/Xqzzyvillezz?format=j1");
    CHECK(unknown.status == 404);
    CHECK(nlohmann::json::parse(unknown.body)["error"]["code"] == "not_found");
    auto landmark = client.call("GET", "/~Eiffel+Tower?format=j1");
    CHECK(landmark.status == 404);
    CHECK(landmark.header("content-type") == "application/json");
}

TEST_CASE("wttr.in URLs while the upstream fails: the stale answer with its Age, else 503 with Retry-After",
          "[integration][server][wttr]") {
    // Every request goes upstream; entries stay for the stale window. No Open-Meteo to fail over to.
    ServedTenki s({{"-q", "--client-rate", "off", "--cache-ttl", "0"}, k_wttr_key, 1, false});
    HttpClient client(s.port);
    auto fresh = wttr_ok(client, "/94107?format=3");
    CHECK(fresh.header("x-cache") == "MISS");
    auto fresh_j1 = client.call("GET", "/94107?format=j1");
    REQUIRE(fresh_j1.status == 200);
    s.owm.always(Reply::text(502, "<html>bad gateway</html>", "text/html"));
    auto stale = wttr_ok(client, "/94107?format=3");
    CHECK(stale.body == fresh.body);
    CHECK(stale.header("x-cache") == "STALE");
    CHECK_FALSE(stale.header("age").empty());
    auto stale_j1 = client.call("GET", "/94107?format=j1");
    REQUIRE(stale_j1.status == 200);
    CHECK(nlohmann::json::parse(stale_j1.body)["current_condition"][0]["tenki_note"]
              .get<std::string>()
              .starts_with("stale: "));
    // A place never answered has no last good answer: 503, when to come back, one line.
    auto failed = client.call("GET", "/10001?format=3");
    INFO(failed.body);
    CHECK(failed.status == 503);
    CHECK(std::stoi(failed.header("retry-after")) >= 1);
    CHECK(failed.header("content-type") == "text/plain; charset=utf-8");
    CHECK(failed.body.find('\n') == failed.body.size() - 1);
    CHECK(failed.body.find(k_wttr_key) == std::string::npos);
    auto failed_j1 = client.call("GET", "/10001?format=j1");
    CHECK(failed_j1.status == 503);
    CHECK(failed_j1.header("content-type") == "application/json");
    CHECK_FALSE(failed_j1.header("retry-after").empty());
}

TEST_CASE("wttr.in's j1 with the weather stale and no forecast: a 503 carries no stale answer's headers",
          "[integration][server][wttr]") {
    ServedTenki s({{"-q", "--client-rate", "off", "--cache-ttl", "0"}, k_wttr_key, 1, false});
    HttpClient client(s.port);
    // The forecast never answers; the weather does once, then fails: it is stale, the forecast absent.
    s.owm.route("/data/2.5/forecast", Reply::text(502, "<html>bad gateway</html>", "text/html"));
    wttr_ok(client, "/94107?format=3");
    s.owm.always(Reply::text(502, "<html>bad gateway</html>", "text/html"));
    auto j1 = client.call("GET", "/94107?format=j1");
    INFO(j1.body);
    CHECK(j1.status == 503);
    CHECK_FALSE(j1.header("retry-after").empty());
    CHECK(j1.header("x-cache").empty());
    CHECK(j1.header("warning").empty());
    CHECK(j1.header("age").empty());
    CHECK(j1.header("cache-control") == "no-store");
}

TEST_CASE("wttr.in URLs: an ambiguous place lists its candidates", "[integration][server][wttr]") {
    WttrServer s;
    HttpClient client(s.port);
    auto answer = client.call("GET", "/Springfield?format=3");
    INFO(answer.body);
    CHECK(answer.status == 400);
    CHECK(answer.body.find("ambiguous") != std::string::npos);
    CHECK(answer.body.find("Springfield, ") != std::string::npos);  // a candidate, with its region
    auto json_answer = client.call("GET", "/Springfield?format=j1");
    CHECK(json_answer.status == 400);
    CHECK(nlohmann::json::parse(json_answer.body)["error"]["candidates"].size() >= 2);
}

TEST_CASE("wttr.in URLs: /Salem,IN lists Salem, India and Salem, Indiana, each with its pick",
          "[integration][server][wttr]") {
    WttrServer s;
    HttpClient client(s.port);
    auto answer = client.call("GET", "/Salem,IN?format=3");
    INFO(answer.body);
    CHECK(answer.status == 400);
    CHECK(answer.body.find("IN is a country, India, and a US state, Indiana") != std::string::npos);
    CHECK(answer.body.find("Salem,US-IN") != std::string::npos);
    CHECK(client.call("GET", "/Salem,US-IN?format=3").status == 200);
}

TEST_CASE("format=p1: several places in one Prometheus exposition, each series labelled",
          "[integration][server][wttr][p1]") {
    WttrServer s;
    HttpClient client(s.port);
    auto answer = client.call("GET", "/94107:10001?format=p1");
    INFO(answer.body);
    REQUIRE(answer.status == 200);
    CHECK(answer.header("content-type") == "text/plain; version=0.0.4; charset=utf-8");
    CHECK(answer.body.find("temperature_celsius{forecast=\"current\",location=\"94107\"} 16\n") !=
          std::string::npos);
    CHECK(answer.body.find("temperature_celsius{forecast=\"current\",location=\"10001\"} 24\n") !=
          std::string::npos);
    CHECK(answer.body.find("weather_code{forecast=\"current\",location=\"94107\"} 116\n") !=
          std::string::npos);
    CHECK(answer.body.find("temperature_celsius_maximum{forecast=\"2d\",location=\"10001\"}") !=
          std::string::npos);
}

TEST_CASE("wttr.in answers are memoised documents: ETag, 304, compressed, Vary",
          "[integration][server][wttr]") {
    WttrServer s;
    HttpClient client(s.port);
    auto first = client.call("GET", "/94107?format=j1");
    REQUIRE(first.status == 200);
    const auto etag = first.header("etag");
    REQUIRE_FALSE(etag.empty());
    CHECK(first.header("vary").find("Accept-Language") != std::string::npos);
    auto again = client.call("GET", "/94107?format=j1", {{"If-None-Match", etag}});
    CHECK(again.status == 304);
    auto gzip = client.call("GET", "/94107?format=j1", {{"Accept-Encoding", "gzip"}});
    CHECK(gzip.status == 200);
    CHECK(gzip.header("content-encoding") == "gzip");
    CHECK(gzip.body.size() < first.body.size());
}

namespace {

// The sun's five times (%D %S %z %s %d) at a place today, as wttr.in's line writes them.
std::string wttr_sun_today(double lat, double lon) {
    auto place = tenki::sky_place_at(lat, lon);
    REQUIRE(place);
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    auto date = tenki::local_date(place->zone, now);
    REQUIRE(date);
    auto sky = tenki::sky_on(*place, *date);
    REQUIRE(sky);
    std::string out;
    for (const auto& t : {sky->sun.dawn, sky->sun.sunrise, sky->sun.noon, sky->sun.sunset, sky->sun.dusk})
        out += (out.empty() ? "" : " ") + (t ? tenki::local_hhmm(*t) + ":00" : std::string());
    return out;
}

}  // namespace

TEST_CASE("wttr.in URLs name and compute the sky at the place tenki resolved, not the upstream's",
          "[integration][server][wttr][j1]") {
    WttrServer s;
    // A stand-in OpenWeatherMap answering San Francisco's document for every place.
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    s.owm.route("/data/2.5/weather", Reply::json(200, FakeOwm::place_json("94107,us")));
    s.owm.route("/data/2.5/forecast", Reply::json(200, FakeOwm::forecast_json("94107,us", now)));
    HttpClient client(s.port);
    const auto paris_sun = wttr_sun_today(48.85341, 2.3488);
    CHECK(wttr_ok(client, "/Paris?format=%D+%S+%z+%s+%d").body == paris_sun);
    CHECK(paris_sun != wttr_sun_today(37.7749, -122.4194));
    CHECK(wttr_ok(client, "/Paris?format=%Z").body == "Europe/Paris");
    auto j1 = client.call("GET", "/Paris?format=j1");
    INFO(j1.body);
    REQUIRE(j1.status == 200);
    const auto doc = nlohmann::json::parse(j1.body);
    const auto& area = doc["nearest_area"][0];
    CHECK(area["areaName"][0]["value"] == "Paris");
    CHECK(area["region"][0]["value"] == "Île-de-France");
    CHECK(area["country"][0]["value"] == "France");
    CHECK(area["latitude"] == "48.853");
    CHECK(area["longitude"] == "2.349");
    // The same place the v2 API and `tenki weather` name.
    auto v2 = client.call("GET", "/api/v2/weather?q=Paris");
    REQUIRE(v2.status == 200);
    const auto location = nlohmann::json::parse(v2.body)["location"];
    CHECK(location["name"] == area["areaName"][0]["value"]);
    CHECK(location["region"] == area["region"][0]["value"]);
    // Each day's sunrise is Paris's on that date ("08:29 AM" in December), not San Francisco's.
    auto paris = tenki::sky_place_at(48.85341, 2.3488);
    REQUIRE(paris);
    REQUIRE(doc["weather"].size() == 3);
    for (const auto& day : doc["weather"]) {
        auto date = tenki::parse_iso_date(day["date"].get<std::string>());
        REQUIRE(date);
        auto sky = tenki::sky_on(*paris, *date);
        REQUIRE(sky);
        REQUIRE(sky->sun.sunrise);
        const auto hhmm = tenki::local_hhmm(*sky->sun.sunrise);
        const auto hour = std::stoi(hhmm.substr(0, 2));
        CHECK(day["astronomy"][0]["sunrise"] == fmt::format("{:02}:{} {}", hour % 12 == 0 ? 12 : hour % 12,
                                                            hhmm.substr(3, 2), hour < 12 ? "AM" : "PM"));
    }
}

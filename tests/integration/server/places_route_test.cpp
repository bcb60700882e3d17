// /api/v2/weather and /api/v2/forecast with q= (any place form) and lat=/lon=, from `tenki serve`
// as a process against the fake providers: what was asked upstream is read from the fakes, what
// was chosen from the answer.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include <fmt/format.h>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/served_tenki.hpp"
#include "support/temp_dir.hpp"
#include "tenki/places/places.hpp"

using namespace tenki::test;
using nlohmann::json;

namespace {

constexpr const char* k_places_route_key = "k3y-for-places-route-5";

// `tenki serve` against both fakes, with an OpenWeatherMap key unless `with_key` is off.
struct PlacesServer : ServedTenki {
    explicit PlacesServer(bool with_key = true)
        : ServedTenki({{"-q", "--client-rate", "off"}, with_key ? k_places_route_key : "", 1}) {}
    std::size_t upstream_requests() const { return owm.request_count() + meteo.request_count(); }
};

tenki::City places_route_city(const char* name, const char* region, const char* country) {
    auto city = tenki::find_city({name, region, country, false});
    REQUIRE(city);
    return *city;
}

json places_route_error(const HttpAnswer& a) { return json::parse(a.body)["error"]; }

}  // namespace

TEST_CASE("q= names a city in any country, asked by its coordinates and echoed in the answer",
          "[integration][server][places]") {
    for (bool with_key : {true, false}) {
        INFO((with_key ? "OpenWeatherMap" : "Open-Meteo"));
        PlacesServer s(with_key);
        HttpClient client(s.port);
        struct Asked {
            const char* q;
            tenki::City city;
        };
        for (const auto& [q, city] : {Asked{"Paris,FR", places_route_city("Paris", "", "FR")},
                                      Asked{"S%C3%A3o%20Paulo", places_route_city("São Paulo", "", "BR")},
                                      Asked{"Saint-L%C3%B4", places_route_city("Saint-Lô", "", "FR")},
                                      Asked{"Springfield,IL", places_route_city("Springfield", "IL", "US")},
                                      Asked{"Tokyo", places_route_city("Tokyo", "", "JP")}}) {
            INFO(q);
            auto answer = client.call("GET", fmt::format("/api/v2/weather?q={}", q));
            INFO(answer.body);
            REQUIRE(answer.status == 200);
            const auto location = json::parse(answer.body)["location"];
            CHECK(location["name"] == std::string(city.name));
            CHECK(location["country"] == std::string(city.country));  // ISO 3166-1 alpha-2, upper case
            CHECK(location["geonames_id"] == city.geonames_id);
            CHECK(location["lat"].get<double>() == Approx(city.lat).margin(1e-4));
            CHECK(location["lon"].get<double>() == Approx(city.lon).margin(1e-4));
            CHECK(location["postal_code"].is_null());
            auto forecast = client.call("GET", fmt::format("/api/v2/forecast?q={}&days=2&hours=3", q));
            REQUIRE(forecast.status == 200);
            CHECK(json::parse(forecast.body)["location"]["geonames_id"] == city.geonames_id);
        }
        // Each asked the provider by coordinates, never by name.
        if (with_key) {
            for (const auto& r : s.owm.requests()) {
                INFO(r.path);
                CHECK(r.query.count("lat") == 1);
                CHECK(r.query.count("q") == 0);
            }
        } else {
            CHECK(s.owm.request_count() == 0);
            CHECK(s.meteo.request_count() > 0);
        }
    }
}

TEST_CASE("Paris, Paris,FR, lat=/lon= and q= coordinates share one cache entry",
          "[integration][server][places]") {
    PlacesServer s;
    HttpClient client(s.port);
    const auto paris = places_route_city("Paris", "", "FR");
    CHECK(client.call("GET", "/api/v2/weather?q=Paris").header("x-cache") == "MISS");
    CHECK(client.call("GET", "/api/v2/weather?q=paris,fr").header("x-cache") == "HIT");
    CHECK(client.call("GET", fmt::format("/api/v2/weather?lat={}&lon={}", paris.lat, paris.lon))
              .header("x-cache") == "HIT");
    CHECK(
        client.call("GET", fmt::format("/api/v2/weather?q={},{}", paris.lat, paris.lon)).header("x-cache") ==
        "HIT");
    CHECK(s.owm.request_count() == 1);
    // Coordinates that are no city are answered as typed.
    auto sea = client.call("GET", "/api/v2/weather?lat=40.5&lon=-30.25&units=metric");
    REQUIRE(sea.status == 200);
    const auto location = json::parse(sea.body)["location"];
    CHECK(location["lat"] == 40.5);
    CHECK(location["lon"] == -30.25);
    CHECK(location["geonames_id"].is_null());
}

TEST_CASE(
    "an ambiguous name is 400 ambiguous_place with its candidates; an unknown one 404 with a did-you-mean; "
    "neither calls upstream",
    "[integration][server][places]") {
    PlacesServer s;
    HttpClient client(s.port);
    auto ambiguous = client.call("GET", "/api/v2/weather?q=Springfield");
    CHECK(ambiguous.status == 400);
    auto error = places_route_error(ambiguous);
    CHECK(error["code"] == "ambiguous_place");
    REQUIRE(error["candidates"].size() == 3);
    CHECK(error["candidates"][0]["label"] == "Springfield, MO, US");
    CHECK(error["candidates"][0]["pick"] == "Springfield,MO");
    CHECK(error["candidates"][0]["population"].get<int>() >= error["candidates"][1]["population"].get<int>());
    // A candidate's pick, as q=, answers for that very place.
    auto picked =
        client.call("GET", "/api/v2/weather?q=" + error["candidates"][1]["pick"].get<std::string>());
    REQUIRE(picked.status == 200);
    CHECK(json::parse(picked.body)["location"]["geonames_id"] == error["candidates"][1]["geonames_id"]);
    const auto calls = s.upstream_requests();
    CHECK(calls == 1);

    CHECK(client.call("GET", "/api/v2/forecast?q=Portland").status == 400);
    auto unknown = client.call("GET", "/api/v2/weather?q=Londno");
    CHECK(unknown.status == 404);
    CHECK(places_route_error(unknown)["code"] == "not_found");
    CHECK(places_route_error(unknown)["did_you_mean"][0]["label"] == "London, England, GB");
    CHECK(s.upstream_requests() == calls);
}

TEST_CASE("q=Salem,IN (India or Indiana) is 400 with both and their picks; q=Vienna,VA is Virginia's",
          "[integration][server][places]") {
    PlacesServer s;
    HttpClient client(s.port);
    auto salem = client.call("GET", "/api/v2/weather?q=Salem,IN");
    CHECK(salem.status == 400);
    auto error = places_route_error(salem);
    CHECK(error["code"] == "ambiguous_place");
    REQUIRE(error["candidates"].size() == 2);
    CHECK(error["candidates"][0]["pick"] == "Salem,India");
    CHECK(error["candidates"][1]["pick"] == "Salem,US-IN");
    CHECK(s.upstream_requests() == 0);
    for (const auto& candidate : error["candidates"]) {
        auto picked = client.call("GET", "/api/v2/weather?q=" + candidate["pick"].get<std::string>());
        REQUIRE(picked.status == 200);
        CHECK(json::parse(picked.body)["location"]["geonames_id"] == candidate["geonames_id"]);
    }
    auto vienna = client.call("GET", "/api/v2/weather?q=Vienna,VA");
    REQUIRE(vienna.status == 200);
    CHECK(json::parse(vienna.body)["location"]["geonames_id"] ==
          places_route_city("Vienna", "VA", "US").geonames_id);
}

TEST_CASE("the place is given one way: two ways, half coordinates or out of range is 400",
          "[integration][server][places]") {
    PlacesServer s;
    HttpClient client(s.port);
    for (const char* target :
         {"/api/v2/weather?postalcode=94107&q=Paris", "/api/v2/weather?q=Paris&lat=1&lon=2",
          "/api/v2/weather?lat=37.7", "/api/v2/forecast?lon=-122.4", "/api/v2/weather?lat=91&lon=0",
          "/api/v2/weather?lat=0&lon=180.5", "/api/v2/weather?lat=1,2&lon=3",
          "/api/v2/weather?lat=north&lon=3", "/api/v2/weather?q=", "/api/v2/weather?q=37.7,-222"}) {
        INFO(target);
        auto a = client.call("GET", target);
        CHECK(a.status == 400);
        CHECK(places_route_error(a)["code"] == "invalid_input");
    }
    // v1 is the original's: postalcode= only; a city there is not a postal code, and a place named
    // another way is refused, never answered with the default postal code's weather.
    CHECK(client.call("GET", "/api/v1/weather?postalcode=Paris").status == 400);
    for (const char* target : {"/api/v1/weather?q=Paris", "/api/v1/weather?lat=48.85&lon=2.35",
                               "/api/v1/weather?postalcode=94107&q=Paris", "/api/v1/weather?lon=2"}) {
        INFO(target);
        auto a = client.call("GET", target);
        CHECK(a.status == 400);
        CHECK(places_route_error(a)["code"] == "invalid_input");
        CHECK_THAT(places_route_error(a)["message"].get<std::string>(), Catch::Contains("/api/v2/weather"));
    }
    // What v1 does not know otherwise is ignored, as the original did (a cache-buster, say).
    CHECK(client.call("GET", "/api/v1/weather?postalcode=94107&_=1733050000").status == 200);
    CHECK(s.upstream_requests() == 1);
}

TEST_CASE("without a key, the API answers another country's postal code through Open-Meteo's geocoding",
          "[integration][server][places][geocoding]") {
    PlacesServer s(false);
    HttpClient client(s.port);
    auto berlin = client.call("GET", "/api/v2/weather?postalcode=10115&country=de");
    INFO(berlin.body);
    REQUIRE(berlin.status == 200);
    const auto location = json::parse(berlin.body)["location"];
    CHECK(location["postal_code"] == "10115");
    CHECK(location["name"] == "Berlin");
    CHECK(client.call("GET", "/api/v2/weather?q=10115,de").header("x-cache") == "HIT");
    auto unknown = client.call("GET", "/api/v2/weather?postalcode=10999&country=de");
    CHECK(unknown.status == 404);
    CHECK(places_route_error(unknown)["code"] == "not_found");
    CHECK(s.owm.request_count() == 0);
}

TEST_CASE("lat=NaN, lat=inf and huge numbers are 400 naming the parameter, never a city",
          "[integration][server][places]") {
    PlacesServer s;
    HttpClient client(s.port);
    const std::pair<const char*, const char*> cases[] = {
        {"lat=NaN&lon=NaN", "lat=NaN is not a number"},
        {"lat=0&lon=nan", "lon=nan is not a number"},
        {"lat=inf&lon=0", "lat=inf is out of range (-90 to 90)"},
        {"lat=1e308&lon=0", "lat=1e308 is out of range (-90 to 90)"},
        {"lat=-1e400&lon=0", "lat=-1e400 is out of range (-90 to 90)"},
        {"lat=0&lon=-Infinity", "lon=-Infinity is out of range (-180 to 180)"},
    };
    for (const char* route : {"/api/v2/weather", "/api/v2/forecast"}) {
        for (const auto& [query, words] : cases) {
            const auto target = fmt::format("{}?{}", route, query);
            INFO(target);
            auto a = client.call("GET", target);
            CHECK(a.status == 400);
            CHECK(places_route_error(a)["code"] == "invalid_input");
            CHECK_THAT(places_route_error(a)["message"].get<std::string>(), Catch::StartsWith(words));
        }
    }
    // q= with two numbers is read the same way.
    auto q = client.call("GET", "/api/v2/weather?q=nan,nan");
    CHECK(q.status == 400);
    CHECK_THAT(places_route_error(q)["message"].get<std::string>(),
               Catch::StartsWith("latitude nan is not a number"));
    CHECK(s.upstream_requests() == 0);
}

TEST_CASE("a UK outward code with its country is a place on v1 and v2, asked upstream as it is",
          "[integration][server][places]") {
    PlacesServer s;
    HttpClient client(s.port);
    for (const char* target :
         {"/api/v1/weather?postalcode=SW1A&country=gb", "/api/v2/weather?postalcode=SW1A&country=gb",
          "/api/v2/weather?q=SW1A,gb", "/api/v2/weather?q=SW1A&country=gb"}) {
        INFO(target);
        auto a = client.call("GET", target);
        INFO(a.body);
        CHECK(a.status == 200);
    }
    // The forecast too is asked, not refused (the fake has no forecast for it: 404).
    CHECK(client.call("GET", "/api/v2/forecast?postalcode=sw1a&country=gb&days=1").status == 404);
    REQUIRE(s.owm.request_count() >= 2);
    for (const auto& r : s.owm.requests()) CHECK(r.query.at("zip") == "SW1A,gb");
    // A Canadian forward sortation area is valid input too: asked, not refused (the fake knows it not).
    const auto asked = s.owm.request_count();
    auto fsa = client.call("GET", "/api/v2/weather?postalcode=K1A&country=ca");
    CHECK(fsa.status == 404);
    CHECK(s.owm.request_count() == asked + 1);
    CHECK(s.owm.requests().back().query.at("zip") == "K1A,ca");
    // Only with its country: alone, SW1A is no US ZIP code.
    auto alone = client.call("GET", "/api/v2/weather?postalcode=SW1A");
    CHECK(alone.status == 400);
    CHECK(places_route_error(alone)["code"] == "invalid_input");
}

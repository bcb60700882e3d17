#include <catch2/catch.hpp>

#include <vector>

#include <nlohmann/json.hpp>

#include "providers/open_meteo/open_meteo.hpp"

using namespace tenki;
using nlohmann::json;

namespace {

// One result of Open-Meteo's geocoding API, in its documented shape.
json geocoding_result(const char* name, const char* country, double lat, double lon, json postcodes,
                      std::uint32_t id = 2988507) {
    return {{"id", id},
            {"name", name},
            {"latitude", lat},
            {"longitude", lon},
            {"elevation", 42.0},
            {"feature_code", "PPLC"},
            {"country_code", country},
            {"admin1", "Île-de-France"},
            {"timezone", "Europe/Paris"},
            {"population", 2138551},
            {"postcodes", std::move(postcodes)}};
}

// The results as a vector: a json parameter given one braced result is an array of it in GCC,
// the result itself in clang (a one-element braced list), so the answer's shape would differ.
std::string geocoding_doc(std::vector<json> results) {
    json doc{{"generationtime_ms", 0.7}};
    if (!results.empty()) doc["results"] = json(std::move(results));
    return doc.dump();
}

}  // namespace

TEST_CASE("geocoding asks by the postal code within its country", "[open-meteo][geocoding]") {
    CHECK(
        open_meteo_geocoding_url("https://geocoding-api.open-meteo.com/", "SW1A 1AA", "gb") ==
        "https://geocoding-api.open-meteo.com/v1/search?name=SW1A%201AA&countryCode=GB&count=10&language=en&"
        "format=json");
}

TEST_CASE("a postal code is the first place in its country that lists it", "[open-meteo][geocoding]") {
    const Location asked{"75008", "fr"};
    auto found = parse_open_meteo_geocoding(
        200,
        geocoding_doc({geocoding_result("Paris 08", "BE", 1, 1, {"75008"}),          // another country's
                       geocoding_result("Versailles", "FR", 48.8, 2.13, {"78000"}),  // a fuzzy match
                       geocoding_result("Paris", "FR", 48.85341, 2.3488, {"75001", "75008"})}),
        asked);
    REQUIRE(found);
    CHECK(found->name == "Paris");
    CHECK(found->region == "Île-de-France");
    CHECK(found->lat == 48.85341);
    CHECK(found->lon == 2.3488);
    CHECK(found->geonames_id == 2988507);
}

TEST_CASE("codes compare without case or spaces, and by district where GeoNames lists only that",
          "[open-meteo][geocoding]") {
    const auto london =
        geocoding_doc({geocoding_result("London", "GB", 51.50853, -0.12574, {"SW1A", "EC1A"})});
    CHECK(parse_open_meteo_geocoding(200, london, Location{"SW1A 1AA", "gb"}));
    CHECK(parse_open_meteo_geocoding(200, london, Location{"SW1A", "gb"}));
    CHECK_FALSE(parse_open_meteo_geocoding(200, london, Location{"SW1B 1AA", "gb"}));
    const auto toronto = geocoding_doc({geocoding_result("Toronto", "CA", 43.7, -79.4, {"M5H 2N2"})});
    CHECK(parse_open_meteo_geocoding(200, toronto, Location{"M5H2N2", "ca"}));
}

TEST_CASE("no place listing the code is not_found, naming the provider that knows more codes",
          "[open-meteo][geocoding]") {
    const Location asked{"75099", "fr"};
    for (const auto& body :
         {geocoding_doc({}),
          geocoding_doc({geocoding_result("Paris", "FR", 48.85, 2.35, {"75001", "75008"})}),
          geocoding_doc({geocoding_result("Paris", "FR", 48.85, 2.35, json())})}) {
        INFO(body);
        auto r = parse_open_meteo_geocoding(200, body, asked);
        REQUIRE_FALSE(r);
        CHECK(r.error().kind == ErrorKind::not_found);
        CHECK(r.error().message.find("75099 in FR") != std::string::npos);
        CHECK(r.error().message.find("OpenWeatherMap") != std::string::npos);
    }
}

TEST_CASE("geocoding errors and malformed answers are the provider's", "[open-meteo][geocoding]") {
    const Location asked{"10115", "de"};
    auto limited =
        parse_open_meteo_geocoding(429, R"({"error":true,"reason":"Too many requests"})", asked, 30);
    REQUIRE_FALSE(limited);
    CHECK(limited.error().kind == ErrorKind::rate_limited);
    CHECK(parse_open_meteo_geocoding(500, "oops", asked).error().kind == ErrorKind::bad_response);
    CHECK(parse_open_meteo_geocoding(200, "[]", asked).error().kind == ErrorKind::bad_response);
    CHECK(parse_open_meteo_geocoding(200, R"({"results": {}})", asked).error().kind ==
          ErrorKind::bad_response);
    auto no_coordinates = geocoding_doc({geocoding_result("Berlin", "DE", 52.5, 13.4, {"10115"})});
    auto doc = json::parse(no_coordinates);
    doc["results"][0].erase("latitude");
    CHECK(parse_open_meteo_geocoding(200, doc.dump(), asked).error().kind == ErrorKind::bad_response);
}

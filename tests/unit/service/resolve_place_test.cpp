// resolve() with every kind of place parse_place knows, and the cache key a resolved place gets.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "support/fake_provider.hpp"
#include "tenki/places/places.hpp"
#include "tenki/service/service.hpp"

using namespace tenki;

namespace {

const Settings k_resolve_place_settings{Environment::test, "19021", "us", "test-"};

Result<Query> resolve_place_text(const std::string& text, std::optional<std::string> country = std::nullopt) {
    return resolve({text, std::move(country), std::nullopt, false}, k_resolve_place_settings);
}

}  // namespace

TEST_CASE("resolve: a city name is the table's city, with its coordinates and label", "[service][places]") {
    auto paris = resolve_place_text("Paris");
    REQUIRE(paris);
    const auto expected = find_city({"Paris", "", "FR", false});
    REQUIRE(expected);
    const auto& place = paris->location.place;
    REQUIRE(place);
    CHECK(paris->location.postal_code.empty());
    CHECK(paris->location.country == "fr");
    CHECK(place->name == "Paris");
    CHECK(place->region == "Île-de-France");
    CHECK(place->lat == expected->lat);
    CHECK(place->lon == expected->lon);
    CHECK(place->geonames_id == expected->geonames_id);
    CHECK(paris->units == Units::metric);

    // The configured country ("us") does not narrow a name: only a country the request gave does.
    auto ontario = resolve_place_text("London", "ca");
    REQUIRE(ontario);
    CHECK(ontario->location.place->region == "Ontario");
    auto texan = resolve_place_text("Paris,TX");
    REQUIRE(texan);
    CHECK(texan->location.place->region == "TX");
    CHECK(texan->location.country == "us");
    CHECK(texan->units == Units::imperial);
    CHECK(resolve_place_text("São Paulo")->location.country == "br");
}

TEST_CASE("resolve: an ambiguous name lists its candidates and how to pick; an unknown one not found",
          "[service][places]") {
    auto ambiguous = resolve_place_text("Springfield");
    REQUIRE_FALSE(ambiguous);
    CHECK(ambiguous.error().kind == ErrorKind::ambiguous_place);
    CHECK(exit_status(ambiguous.error().kind) == 2);
    CHECK(ambiguous.error().message.find("such as Springfield,MO") != std::string::npos);
    const auto& candidates = ambiguous.error().choices;
    REQUIRE(candidates.size() == 3);
    CHECK(candidates.at(0).pick == "Springfield,MO");
    CHECK(candidates.at(0).label == "Springfield, MO, US");
    CHECK(candidates.at(0).region == "MO");
    CHECK(candidates.at(0).country == "US");
    CHECK(candidates.at(0).population >= candidates.at(1).population);
    CHECK(candidates.at(0).geonames_id != 0);
    // Each pick names exactly its place.
    for (const auto& c : candidates) {
        INFO(c.pick);
        auto picked = resolve_place_text(c.pick);
        REQUIRE(picked);
        CHECK(picked->location.place->geonames_id == c.geonames_id);
    }

    auto unknown = resolve_place_text("Londno");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().kind == ErrorKind::not_found);
    CHECK(unknown.error().message.find("did you mean London, England, GB") != std::string::npos);
    REQUIRE_FALSE(unknown.error().choices.empty());
    CHECK(unknown.error().choices.at(0).label == "London, England, GB");
}

TEST_CASE("resolve: coordinates as typed, out of range invalid; postal codes as before",
          "[service][places]") {
    auto point = resolve_place_text("37.7749,-122.4194");
    REQUIRE(point);
    CHECK(point->location == coordinates_location(37.7749, -122.4194));
    CHECK(point->location.country.empty());
    CHECK(point->location.key() == "37.7749,-122.4194");
    for (const char* out : {"91,0", "0,-180.5"}) {
        INFO(out);
        auto q = resolve_place_text(out);
        REQUIRE_FALSE(q);
        CHECK(q.error().kind == ErrorKind::invalid_input);
    }
    auto zip = resolve_place_text("94107");
    REQUIRE(zip);
    CHECK(zip->location == Location{"94107", "us"});
    CHECK(zip->location.key() == "94107,us");
    // A postal code without a country is in the configured one.
    const Settings in_britain{Environment::test, "19021", "gb", "test-"};
    auto london = resolve({"SW1A 1AA", std::nullopt, std::nullopt, false}, in_britain);
    REQUIRE(london);
    CHECK(london->location.key() == "SW1A 1AA,gb");
    // The API's postalcode= takes postal codes only.
    auto postal_only = resolve({"Paris", std::nullopt, std::nullopt, true}, k_resolve_place_settings);
    REQUIRE_FALSE(postal_only);
    CHECK(postal_only.error().kind == ErrorKind::invalid_input);
}

TEST_CASE(
    "answer_places: a city or coordinates are answered as postal codes are; an ambiguous name fails "
    "only itself",
    "[service][places]") {
    test::FakeProvider provider;
    ServiceOptions options;
    options.settings = k_resolve_place_settings;
    WeatherService service(std::move(options), std::make_unique<test::BorrowedProvider>(provider));
    const auto places = answer_places<Weather>(service, {"Paris,FR", "48.85341,2.3488", "94107"}, {});
    REQUIRE(places.size() == 3);
    for (const auto& place : places) {
        REQUIRE(place.query);
        REQUIRE(place.answer);
        CHECK(place.answer->value());
    }
    CHECK(places[0].query->location.key() == places[1].query->location.key());
    CHECK(provider.calls() == 2);  // the city and its coordinates share one answer
    const auto stopped = answer_places<Weather>(service, {"94107", "Springfield"}, {});
    REQUIRE(stopped.size() == 2);
    CHECK(stopped[0].answer);
    REQUIRE_FALSE(stopped[1].query);
    CHECK(stopped[1].query.error().kind == ErrorKind::ambiguous_place);
    CHECK_FALSE(stopped[1].answer);
}

TEST_CASE("a city and the same coordinates share one cache entry; each answer names the place asked",
          "[service][places]") {
    test::FakeProvider provider;
    ServiceOptions options;
    options.settings = k_resolve_place_settings;
    WeatherService service(std::move(options), std::make_unique<test::BorrowedProvider>(provider));
    const auto city = resolve_place_text("Paris")->location;
    const auto point = resolve_place_text("48.85341,2.3488")->location;
    REQUIRE(city.key() == point.key());
    const auto first = service.current(city);
    REQUIRE(first.entry->value);
    CHECK(first.entry->value->location == city);
    const auto second = service.current(point);
    REQUIRE(second.entry->value);
    CHECK(second.status == cache::CacheStatus::hit);
    CHECK(second.entry->value->location == point);
    CHECK(provider.calls() == 1);
    CHECK(service.cached_current(point)->entry->value->location == point);
}

TEST_CASE("coordinates_key rounds to 4 decimals and writes no negative zero", "[location]") {
    CHECK(coordinates_key(48.85341, 2.3488) == "48.8534,2.3488");
    CHECK(coordinates_key(48.853449, 2.34884) == coordinates_key(48.85341, 2.3488));
    CHECK(coordinates_key(-0.00001, 0.00004) == "0.0000,0.0000");
    CHECK(coordinates_key(-33.86781, 151.20732) == "-33.8678,151.2073");
    CHECK(Location{"94107", "us"}.key() == "94107,us");
}

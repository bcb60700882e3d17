#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <tuple>
#include <utility>
#include <variant>

#include "tenki/places/place.hpp"
#include "tenki/places/zipdb.hpp"

using namespace tenki;

namespace {

template <typename T>
T parsed_as(const std::string& text, const std::string& country = "") {
    auto place = parse_place(text, country);
    INFO(text);
    REQUIRE(place);
    REQUIRE(std::holds_alternative<T>(*place));
    return std::get<T>(*place);
}

}  // namespace

TEST_CASE("parse_place: a 5-digit number is a US ZIP code unless a country says otherwise", "[place]") {
    CHECK(parsed_as<Location>("94107") == Location{"94107", "us"});
    CHECK(parsed_as<Location>(" 02462 ") == Location{"02462", "us"});
    CHECK(parsed_as<Location>("94107-1234") == Location{"94107", "us"});
    CHECK(parsed_as<Location>("75008,fr") == Location{"75008", "fr"});
    CHECK(parsed_as<Location>("75008", "fr") == Location{"75008", "fr"});
    CHECK(parsed_as<Location>("75008,de", "fr") == Location{"75008", "de"});  // after a comma wins
    // A country's English name after the code, as a city takes it ("Paris,France").
    CHECK(parsed_as<Location>("75008,France") == Location{"75008", "fr"});
    CHECK(parsed_as<Location>("10115, germany") == Location{"10115", "de"});
    CHECK(parsed_as<Location>("SW1A 1AA,United Kingdom") == Location{"SW1A 1AA", "gb"});
    CHECK(parsed_as<Location>("SW1A 1AA,UK") == Location{"SW1A 1AA", "gb"});
    CHECK(parsed_as<Location>("94107,USA") == Location{"94107", "us"});
    CHECK(parsed_as<Location>("K1A 0B1,ca") == Location{"K1A 0B1", "ca"});  // a code stays the code
    auto unknown = parse_place("75008,Atlantis");
    REQUIRE_FALSE(unknown);
    CHECK_THAT(unknown.error().message, Catch::Contains("not a country code"));
}

TEST_CASE("parse_place: postal codes with letters need their country", "[place]") {
    CHECK(parsed_as<Location>("SW1A 1AA", "gb") == Location{"SW1A 1AA", "gb"});
    CHECK(parsed_as<Location>("sw1a 1aa,gb") == Location{"SW1A 1AA", "gb"});
    CHECK(parsed_as<Location>("K1A 0B1,ca") == Location{"K1A 0B1", "ca"});
    // A UK outward code, a Canadian forward sortation area: what OpenWeatherMap keys them by.
    CHECK(parsed_as<Location>("SW1A,gb") == Location{"SW1A", "gb"});
    CHECK(parsed_as<Location>("sw1a", "gb") == Location{"SW1A", "gb"});
    CHECK(parsed_as<Location>("K1A,ca") == Location{"K1A", "ca"});
    auto no_country = parse_place("SW1A 1AA");
    REQUIRE_FALSE(no_country);
    CHECK(no_country.error().kind == ErrorKind::invalid_input);
    // How to name its country, in its own words: the one country whose format it fits, "SW1A 1AA,gb".
    CHECK_THAT(no_country.error().message, Catch::EndsWith("put the country after a comma: \"SW1A 1AA,gb\""));
}

TEST_CASE("parse_place: a name is a city, with its region and country", "[place]") {
    CHECK(parsed_as<CityQuery>("Paris") == CityQuery{"Paris", "", "", false});
    CHECK(parsed_as<CityQuery>("Paris,FR") == CityQuery{"Paris", "FR", "FR", true});
    CHECK(parsed_as<CityQuery>("Paris,TX") == CityQuery{"Paris", "TX", "", false});
    CHECK(parsed_as<CityQuery>("Paris, France") == CityQuery{"Paris", "France", "FR", true});
    CHECK(parsed_as<CityQuery>("Springfield, IL, US") == CityQuery{"Springfield", "IL", "US", false});
    CHECK(parsed_as<CityQuery>("New York") == CityQuery{"New York", "", "", false});
    CHECK(parsed_as<CityQuery>("São Paulo") == CityQuery{"São Paulo", "", "", false});
    CHECK(parsed_as<CityQuery>("Saint-Lô") == CityQuery{"Saint-Lô", "", "", false});
    CHECK(parsed_as<CityQuery>("Paris", "fr") == CityQuery{"Paris", "", "FR", false});
    // A name with digits that the table knows is a city, not a postal code.
    CHECK(parsed_as<CityQuery>("25 de Mayo") == CityQuery{"25 de Mayo", "", "", false});
}

TEST_CASE("parse_place: two numbers are coordinates, latitude first", "[place]") {
    CHECK(parsed_as<Coordinates>("37.7749,-122.4194") == Coordinates{37.7749, -122.4194});
    CHECK(parsed_as<Coordinates>(" -33.8688 , 151.2093 ") == Coordinates{-33.8688, 151.2093});
    CHECK(parsed_as<Coordinates>("+48,2") == Coordinates{48, 2});
    CHECK(parsed_as<Coordinates>("90,-180") == Coordinates{90, -180});
    for (const char* text : {"90.0001,0", "-91,0", "0,180.5", "37.7749,-200", "122.4194,37.7749"}) {
        auto place = parse_place(text);
        INFO(text);
        REQUIRE_FALSE(place);
        CHECK(place.error().kind == ErrorKind::invalid_input);
        CHECK_THAT(place.error().message, Catch::Contains("out of range"));
    }
    // The message names the number out of range, as typed, not the pair.
    CHECK(parse_place("91 , 0").error().message.starts_with("latitude 91 is out of range (-90 to 90)"));
    CHECK(parse_place("37.7749,-200")
              .error()
              .message.starts_with("longitude -200 is out of range (-180 to 180)"));
}

TEST_CASE("parse_place: a point copied with a space is coordinates; two whole numbers stay a code",
          "[place]") {
    CHECK(parsed_as<Coordinates>("37.7749 -122.4194") == Coordinates{37.7749, -122.4194});
    CHECK(parsed_as<Coordinates>("-33.8688  151.2093") == Coordinates{-33.8688, 151.2093});
    CHECK(parsed_as<Coordinates>("48 2.35") == Coordinates{48, 2.35});
    CHECK(parse_place("37.7749 -222").error().message.starts_with("longitude -222 is out of range"));
    // Sweden's "113 51" and Greece's "104 31" are postal codes, not a point.
    CHECK(parsed_as<Location>("113 51", "se") == Location{"113 51", "se"});
    CHECK(parsed_as<Location>("104 31", "gr") == Location{"104 31", "gr"});
    CHECK_FALSE(parse_place("1.5 2.5 3.5"));
}

TEST_CASE("parse_place rejects what is no kind of place", "[place]") {
    for (const char* text : {"", "   ", "1e5,2", "Paris,,FR", "a,b,c,d", "9410", "94107,atlantis"}) {
        auto place = parse_place(text);
        INFO(text);
        REQUIRE_FALSE(place);
        CHECK(place.error().kind == ErrorKind::invalid_input);
    }
}

TEST_CASE("parse_place: NaN, infinities and huge numbers are coordinates refused, never a place", "[place]") {
    // "nan,nan" is what a page sends after a failed geolocation; Nan, Thailand must not answer.
    const std::pair<const char*, const char*> cases[] = {
        {"nan,nan", "latitude nan is not a number"},
        {"NaN, NaN", "latitude NaN is not a number"},
        {"0,nan", "longitude nan is not a number"},
        {"inf,0", "latitude inf is out of range (-90 to 90)"},
        {"-Infinity,0", "latitude -Infinity is out of range (-90 to 90)"},
        {"0,inf", "longitude inf is out of range (-180 to 180)"},
        {"1e308,0", "latitude 1e308 is out of range (-90 to 90)"},
        {"-1e400,0", "latitude -1e400 is out of range (-90 to 90)"},
        {"0,1e400", "longitude 1e400 is out of range (-180 to 180)"},
    };
    for (const auto& [text, words] : cases) {
        auto place = parse_place(text);
        INFO(text);
        REQUIRE_FALSE(place);
        CHECK(place.error().kind == ErrorKind::invalid_input);
        CHECK(place.error().message.starts_with(words));
    }
    // Numbers in exponent form within range are coordinates; a number too small is 0.
    CHECK(parsed_as<Coordinates>("1.5e1,-2E1") == Coordinates{15, -20});
    CHECK(parsed_as<Coordinates>("1e-400,0") == Coordinates{0, 0});
    // A name that is not a number stays a city: Nan, Thailand by its country.
    CHECK(parsed_as<CityQuery>("Nan,TH") == CityQuery{"Nan", "TH", "TH", true});
}

TEST_CASE("parse_coordinate names the parameter, with the right words", "[place]") {
    CHECK(parse_coordinate("48.85", Axis::latitude, "lat=").value() == 48.85);
    CHECK(parse_coordinate(" -180 ", Axis::longitude, "lon=").value() == -180);
    const std::tuple<const char*, Axis, const char*> cases[] = {
        {"NaN", Axis::latitude, "lat=NaN is not a number"},
        {"nan(0x1)", Axis::longitude, "lon=nan(0x1) is not a number"},
        {"north", Axis::latitude, "lat=north is not a number"},
        {"1,2", Axis::latitude, "lat=1,2 is not a number"},
        {"", Axis::longitude, "lon= is not a number"},
        {"inf", Axis::latitude, "lat=inf is out of range (-90 to 90)"},
        {"1e308", Axis::longitude, "lon=1e308 is out of range (-180 to 180)"},
        {"90.5", Axis::latitude, "lat=90.5 is out of range (-90 to 90)"},
    };
    for (const auto& [text, axis, words] : cases) {
        auto degrees = parse_coordinate(text, axis, axis == Axis::latitude ? "lat=" : "lon=");
        INFO(text);
        REQUIRE_FALSE(degrees);
        CHECK(degrees.error().kind == ErrorKind::invalid_input);
        CHECK(degrees.error().message.starts_with(words));
    }
}

TEST_CASE("parse_place and parse_coordinate read -0 as 0", "[place]") {
    const auto zero = parsed_as<Coordinates>("-0,-0.0");
    CHECK_FALSE(std::signbit(zero.lat));
    CHECK_FALSE(std::signbit(zero.lon));
    CHECK_FALSE(std::signbit(parse_coordinate("-0", Axis::latitude, "lat=").value()));
}

TEST_CASE("offline_point: a resolved place's coordinates, a US ZIP code's of the table, else none",
          "[place]") {
    const auto paris = city_location(48.8534, 2.3488, "Paris", "Île-de-France", "fr", 2988507);
    CHECK(offline_point(paris) == Coordinates{48.8534, 2.3488});
    const auto zero = offline_point(coordinates_location(-0.0, -0.0));
    REQUIRE(zero);
    CHECK_FALSE(std::signbit(zero->lat));
    CHECK_FALSE(std::signbit(zero->lon));
    // 94107 at the table's point (San Francisco), as `tenki moon 94107` locates it.
    const auto zip = offline_point(*parse_location("94107"));
    REQUIRE(zip);
    const auto table = lookup_us_zip("94107");
    REQUIRE(table);
    CHECK(*zip == Coordinates{table->lat, table->lon});
    CHECK(std::abs(zip->lat - 37.77) < 0.05);
    CHECK(std::abs(zip->lon + 122.39) < 0.05);
    // Only a provider locates another country's postal code; a ZIP code no place has is nowhere.
    CHECK_FALSE(offline_point(*parse_location("SW1A 1AA", "gb")));
    CHECK_FALSE(offline_point(*parse_location("00000")));
}

#pragma once

#include <string_view>
#include <variant>

#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"
#include "tenki/places/places.hpp"

// What kind of place an argument names, decided once for the CLI, the API and the page.
namespace tenki {

// Decimal degrees, WGS84.
struct Coordinates {
    double lat = 0;  // -90 to 90, north positive
    double lon = 0;  // -180 to 180, east positive
    friend bool operator==(const Coordinates&, const Coordinates&) = default;
};

// A postal code (a tenki::Location: "94107,us", "SW1A 1AA,gb"), a city name to resolve with
// match_city/find_city, or coordinates.
using PlaceArg = std::variant<Location, CityQuery, Coordinates>;

// Decides which kind `text` is, in this order:
//  1. two decimal numbers separated by a comma are coordinates, latitude first
//     ("37.7749,-122.4194"); out of range is invalid_input;
//  2. a first part (before any comma) of digits, or holding a digit and not the name of a place
//     in the table, is a postal code, parsed by parse_location: "94107", "75008,fr", "SW1A 1AA"
//     with country "gb". A 5-digit number is a US ZIP code unless a country says otherwise;
//  3. anything else is a city name: "Paris", "Paris,FR", "Paris,TX", "Springfield, IL, US",
//     "São Paulo", "New York" (parse_city_query).
// country is what `--country` gave, "" when nothing: it is the postal code's country (US when
// "") and narrows a city name. A country after a comma wins over it.
Result<PlaceArg> parse_place(std::string_view text, std::string_view country = "");

}  // namespace tenki

#pragma once

#include <optional>
#include <string>
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

// The point tenki knows for a place without asking anyone: a resolved place's coordinates (a city
// of the table, coordinates as typed), a US ZIP code's of the offline table (zipdb.hpp: its
// centre, as `tenki moon` locates it); nullopt for a postal code only a provider can locate and
// for a ZIP code that does not exist. Degrees, a -0 read as 0.
std::optional<Coordinates> offline_point(const Location& location);

// A postal code (a tenki::Location: "94107,us", "SW1A 1AA,gb"), a city name to resolve with
// match_city/find_city, or coordinates.
using PlaceArg = std::variant<Location, CityQuery, Coordinates>;

enum class Axis { latitude, longitude };

// One coordinate as typed ("37.7749", "-122.4194", "+48", "1.5e1"): decimal degrees, the
// latitude -90 to 90, the longitude -180 to 180. invalid_input naming `subject` ("latitude",
// "lat=") with the text as typed: "is not a number" for NaN or text that is no number, "is out of
// range (-90 to 90)" for a number outside its range, an infinity or one too large for a double.
// A -0 is read as 0.
Result<double> parse_coordinate(std::string_view text, Axis axis, std::string_view subject);

// How every text output echoes a point (the weather's heading, moon's): "40.7, -74" for 40.7 and
// -74.0 however typed ("40.70,-74.0", "40.7, -74"), so one point has one echo, as it has one cache
// entry. Each number rounded to 5 decimals (about 1 m, the city table's precision), trailing zeros
// dropped, -0 written 0; parse_place reads the echo back as the same point.
std::string coordinates_text(double lat, double lon);

// Decides which kind `text` is, in this order:
//  1. two numbers separated by a comma are coordinates, latitude first ("37.7749,-122.4194");
//     a NaN, an infinity or a number out of range is invalid_input (parse_coordinate), never a
//     city or a postal code ("nan,nan", "inf,0", "1e308,0");
//  2. a first part (before any comma) of digits, or holding a digit and not the name of a place
//     in the table, is a postal code, parsed by parse_location: "94107", "75008,fr", "SW1A 1AA"
//     with country "gb". A 5-digit number is a US ZIP code unless a country says otherwise;
//  3. anything else is a city name: "Paris", "Paris,FR", "Paris,TX", "Springfield, IL, US",
//     "São Paulo", "New York" (parse_city_query).
// country is what `--country` gave, "" when nothing: it is the postal code's country (US when
// "") and narrows a city name. A country after a comma wins over it.
Result<PlaceArg> parse_place(std::string_view text, std::string_view country = "");

}  // namespace tenki

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/error.hpp"

namespace tenki {

// A place tenki resolved itself, before any network call: a city of the GeoNames table
// (find_city) or coordinates as typed. Providers are asked by its coordinates.
struct ResolvedPlace {
    double lat = 0;                 // degrees north, WGS84
    double lon = 0;                 // degrees east
    std::string name;               // "Paris" (UTF-8, as GeoNames writes it); "" for coordinates
    std::string region;             // as city_label shows it: "Île-de-France", "TX"; "" when none
    std::uint32_t geonames_id = 0;  // GeoNames id (also OpenWeatherMap's city id); 0 for coordinates
    friend bool operator==(const ResolvedPlace&, const ResolvedPlace&) = default;
};

// A normalised place to ask about: a postal code and a lower-case ISO 3166 country code, or a
// place tenki resolved (a city: postal_code "", its country; coordinates: both "").
struct Location {
    // Trimmed, letters upper-cased, runs of spaces folded to one ("SW1A 1AA");
    // US: exactly 5 digits (ZIP+4 reduced), leading zeros kept.
    std::string postal_code;
    std::string country = "us";
    std::optional<ResolvedPlace> place;

    // The cache key: "94107,us" for a postal code (also the OpenWeatherMap `zip` value); for a
    // resolved place its coordinates_key, so a city and its coordinates share one entry.
    std::string key() const;
    friend bool operator==(const Location&, const Location&) = default;
};

// Decimal places of a resolved place's cache key: 4, about 11 m, finer than any weather model.
inline constexpr int k_place_key_decimals = 4;

// "48.8534,2.3488": latitude and longitude rounded to k_place_key_decimals ("-0" written "0").
std::string coordinates_key(double lat, double lon);

// A city found in the table as a place to ask about.
Location city_location(double lat, double lon, std::string_view name, std::string_view region,
                       std::string_view country, std::uint32_t geonames_id);
// Coordinates as typed, as a place to ask about (no country, no name). A -0 becomes 0.
Location coordinates_location(double lat, double lon);

// Parses "94107", "94107,us", "94107-1234", "SW1A 1AA" (with default_country "gb").
// A country after a comma wins over default_country. Rejects what cannot be a postal code
// (empty, longer than 12 characters, characters other than letters, digits, space and hyphen,
// a country that is not two letters) as invalid_input. An empty default_country means "us".
Result<Location> parse_location(std::string_view text, std::string_view default_country = "us");

}  // namespace tenki

#pragma once

#include <string>
#include <string_view>

#include "tenki/error.hpp"

namespace tenki {

// A normalised place to ask about: a postal code and a lower-case ISO 3166 country code.
struct Location {
    // Trimmed, letters upper-cased, runs of spaces folded to one ("SW1A 1AA");
    // US: exactly 5 digits (ZIP+4 reduced), leading zeros kept.
    std::string postal_code;
    std::string country = "us";

    // "94107,us": the cache key and the OpenWeatherMap `zip` value.
    std::string key() const { return postal_code + "," + country; }
    friend bool operator==(const Location&, const Location&) = default;
};

// Parses "94107", "94107,us", "94107-1234", "SW1A 1AA" (with default_country "gb").
// A country after a comma wins over default_country. Rejects what cannot be a postal code
// (empty, longer than 12 characters, characters other than letters, digits, space and hyphen,
// a country that is not two letters) as invalid_input. An empty default_country means "us".
Result<Location> parse_location(std::string_view text, std::string_view default_country = "us");

}  // namespace tenki

#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

namespace tenki {

// One ISO 3166-1 country as the postal-code table knows it (data: the npm package
// postal-codes-js, core/src/places/postal/SOURCE.md).
struct CountryInfo {
    std::string_view code;  // "gb": lower-case alpha-2
    std::string_view name;  // "United Kingdom"
    bool has_postal_codes = true;
};

// nullopt for what is not an ISO 3166-1 alpha-2 code (lower case, as Location spells it).
std::optional<CountryInfo> find_country(std::string_view code);

// Whether `postal_code` can be one of `country`'s, offline: the country's format must match the
// whole code once its redundant characters (spaces, hyphens) are dropped, letters in any case.
// invalid_input, naming the code and the country, when the country is unknown, has no postal
// codes, or the code does not fit. US codes are checked against every ZIP code (zipdb.hpp).
// The part OpenWeatherMap keys a country by is a code too: a UK outward code ("SW1A", "M1",
// "GIR"), a Canadian forward sortation area ("K1A").
Result<void> check_postal_code(std::string_view country, std::string_view postal_code);

// The countries other than the US whose format `postal_code` fits (check_postal_code), in code
// order: {gb} for "SW1A 1AA", {ca} for "K1A 0B1", dozens for "750". Each country's expression is
// compiled on first use, so a first call costs milliseconds: for an error's advice, not a hot path.
std::vector<CountryInfo> countries_fitting(std::string_view postal_code);

// The data's licence asks for this credit wherever tenki lists what it contains.
std::string_view postal_formats_attribution();
std::size_t postal_formats_size();  // countries in the table

}  // namespace tenki

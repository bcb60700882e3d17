#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "tenki/places/places.hpp"

// Reading the generated city table in place (layout in places_data.hpp). Nothing here is parsed
// or copied at start-up: each call reads the few bytes it needs.
namespace tenki::places {

std::size_t city_count();
// City i (sorted by folded name), as the public struct.
City city_at(std::size_t i);
// City i's name, as GeoNames writes it.
std::string_view city_name(std::size_t i);
std::uint32_t city_population(std::size_t i);

// The folded search keys: the cities' names, then the extra keys (ASCII names that fold
// differently, alternate names of populous places).
struct KeyTable {
    enum class Kind { names, aliases };
    Kind kind;
    std::size_t size() const;
    std::string key(std::size_t i) const;
    // compare_folded's contract, for entry i.
    int compare(std::size_t i, std::string_view key, std::size_t limit = std::string_view::npos) const;
    std::size_t city(std::size_t i) const;
    // An alternate name (a former or foreign name) rather than the name or the ASCII name.
    bool is_alternate(std::size_t i) const;
};
inline constexpr KeyTable k_name_keys{KeyTable::Kind::names};
inline constexpr KeyTable k_alias_keys{KeyTable::Kind::aliases};

// The entries [first, last) of table whose key starts with prefix (all of the key when exact).
std::pair<std::size_t, std::size_t> key_range(const KeyTable& table, std::string_view prefix, bool exact,
                                              std::size_t first, std::size_t last);

// The regions: "US", "IL", "Illinois".
struct Region {
    std::string_view country, code, name;
};
Region region_of(std::size_t city);
std::size_t region_count();
// Region i of region_count(), sorted by country and code.
Region region_at(std::size_t i);
// The country of the places GeoNames puts in this IANA time zone ("US" for
// "America/Los_Angeles"): the first one's, which in this table is always the country with most
// of the zone's inhabitants; "" for a zone no place has ("Etc/GMT+8", at sea).
std::string_view zone_country(std::string_view zone);
// Whether some place in the table is in this country ("US": upper-case alpha-2).
bool known_country(std::string_view country);
// The ISO 3166-1 alpha-2 code of a country by its folded English name or short form
// ("france", "united states", "usa", "uk"); "" when none.
std::string_view country_named(std::string_view folded_name);
// A country as typed, its ISO 3166-1 alpha-2 code in upper case: a code the table knows in either
// case ("fr"), or an English name or short form ("France", "UK" is GB); "" for no country it knows.
std::string country_code(std::string_view text);
// A country's English name, folded ("india", "holy see vatican city state"): the longest of its
// names in the table (i18n-iso-countries'); "" for a code without one.
std::string_view country_name(std::string_view code);

}  // namespace tenki::places

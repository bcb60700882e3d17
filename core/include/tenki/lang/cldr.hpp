#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "tenki/lang/language.hpp"

namespace tenki {

// The units whose short names tenki takes from CLDR (cldr-units-full), in cldr_data.inc's order.
enum class CldrUnit : std::uint8_t {
    hour,
    minute,
    second,
    metre_per_second,
    mile_per_hour,
    millimetre,
    kilometre,
    mile,
    hectopascal
};

// A language's names and number conventions from the Unicode CLDR (cldr-dates-full,
// cldr-numbers-full and cldr-units-full 48.2.0, pinned in scripts/gen-cldr.py, which converts them):
// the Gregorian calendar's format-context names, Sunday first and January first.
struct CldrNames {
    std::array<std::string_view, 7> weekdays_abbreviated;  // "So.", "Mo.", ... in German
    std::array<std::string_view, 7> weekdays;              // "Sonntag", "Montag", ...
    std::array<std::string_view, 12> months_abbreviated;   // "Jan.", "Feb.", ...
    std::array<std::string_view, 12> months;               // "Januar", "Februar", ...
    std::string_view decimal;                              // "," (the latn number system's)
    // Each CldrUnit's short pattern, "{}" for the number: "{} Std.", "{} м/с", "{}公里". The plural
    // category "other"'s (a number with a fraction); only Polish and Ukrainian miles vary by count.
    std::array<std::string_view, 9> units;
};

const CldrNames& cldr_names(Language language);

// A territory's English name from an ISO 3166-1 alpha-2 code, any case: "FR" and "fr" give "France",
// "US" "United States", "XK" "Kosovo" (CLDR's and GeoNames' code). Nothing for a code CLDR does not
// name as a country (its groupings such as "EU", "ZZ", or anything not two letters). The source is
// cldr-localenames-full 48.2.0's main/en/territories.json (cldr_territories.inc, gen-cldr.py).
std::optional<std::string_view> territory_name(std::string_view iso3166_alpha2);

// "CLDR 48.2.0 (Unicode licence v3)": what `tenki --version --verbose` credits.
std::string_view cldr_version();

}  // namespace tenki

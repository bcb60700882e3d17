#pragma once

#include <array>
#include <string_view>

#include "tenki/lang/language.hpp"

namespace tenki {

// A language's names and number conventions from the Unicode CLDR (cldr-dates-full and
// cldr-numbers-full, versions in core/src/lang/SOURCE.md; scripts/gen-cldr.py converts them):
// the Gregorian calendar's format-context names, Sunday first and January first.
struct CldrNames {
    std::array<std::string_view, 7> weekdays_abbreviated;  // "So.", "Mo.", ... in German
    std::array<std::string_view, 7> weekdays;              // "Sonntag", "Montag", ...
    std::array<std::string_view, 12> months_abbreviated;   // "Jan.", "Feb.", ...
    std::array<std::string_view, 12> months;               // "Januar", "Februar", ...
    std::string_view decimal;                              // "," (the latn number system's)
};

const CldrNames& cldr_names(Language language);

// "CLDR 48.2.0 (Unicode licence v3)": what `tenki --version --verbose` credits.
std::string_view cldr_version();

}  // namespace tenki

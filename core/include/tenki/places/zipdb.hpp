#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

namespace tenki {

// One row of the offline US ZIP table compiled into tenki. The views point into static data
// and stay valid for the whole run.
struct ZipInfo {
    std::string_view zip;    // "02462": five digits, leading zeros kept
    std::string_view place;  // "Newton Lower Falls"
    std::string_view state;  // "MA"; the USPS pseudo-state AA/AE/AP for military APO/FPO codes
    double lat = 0;          // degrees, WGS84
    double lon = 0;
};

// Exactly five digits (reduce ZIP+4 first, as parse_location does); anything else is nullopt.
std::optional<ZipInfo> lookup_us_zip(std::string_view five_digits);

// Existing ZIP codes one typo away from zip (one digit changed, or two adjacent digits swapped),
// those keeping the longest prefix first: ZIP codes go by region, so they are the nearest places.
// At most max; never zip itself; 49 binary searches at most.
std::vector<std::string> suggest_us_zips(std::string_view zip, std::size_t max = 3);

// lookup_us_zip, or not_found saying the ZIP code does not exist, with a "did you mean" when a
// near miss exists. For rejecting an unknown ZIP code before any network call.
Result<ZipInfo> find_us_zip(std::string_view five_digits);

// "San Francisco, CA": how to label a place from the table (the place alone where it has no
// state), e.g. an OpenWeatherMap answer, whose own place names are often a district's.
std::string zip_label(const ZipInfo& info);

// The data's licence requires this credit wherever tenki lists what it contains.
std::string_view zipdb_attribution();
std::size_t zipdb_size();

}  // namespace tenki

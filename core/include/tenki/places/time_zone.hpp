#pragma once

#include <string_view>

#include "tenki/error.hpp"

// The IANA time zone of a place, offline.
namespace tenki {

// The IANA time zone at coordinates (degrees, WGS84): "Europe/Paris" for 48.85,2.35. From the time
// zone boundaries of the npm package @photostructure/tz-lookup (timezone-boundary-builder, from
// OpenStreetMap; core/src/places/tz_lookup_data.inc); its grid is about 3 km at the finest, so a
// place a few km from a zone border may get its neighbour's zone. At sea the nautical zone
// ("Etc/GMT+3"); at the north pole "Etc/GMT". invalid_input for a latitude outside -90..90, a
// longitude outside -180..180, or a NaN. The view points into static data.
Result<std::string_view> time_zone_at(double lat, double lon);

// The country at coordinates, offline: the country of time_zone_at's zone, as the offline city
// table's places in that zone give it ("US" for 37.77,-122.42, whose zone is
// America/Los_Angeles). Zones follow borders to about 3 km, closer than a nearest city.
// "" at sea, out of range, or in a zone no place of the table has. ISO 3166-1 alpha-2, upper case.
std::string_view country_at(double lat, double lon);

// Which data time_zone_at reads, for `tenki --version --verbose`-style credits.
std::string_view time_zone_attribution();

}  // namespace tenki

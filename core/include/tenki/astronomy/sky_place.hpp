#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tenki/astronomy/sky.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"

// Where to compute the sky, found offline: what `tenki moon` asks about.
namespace tenki {

struct SkyLocation {
    std::string label;  // "Paris, Île-de-France, FR", "Beverly Hills, CA 90210", "48.850,2.35" (as typed)
    SkyPlace place;
};

// Any form parse_place knows, resolved without the network: a city of the table (its GeoNames
// time zone), a US ZIP code of the offline table, coordinates (both: the zone from time_zone_at's
// boundary data). country as parse_place takes it ("" for none). Errors: parse_place's and
// find_city's (invalid_input, ambiguous_place, not_found with a "did you mean"), not_found for
// an unknown ZIP code, invalid_input for a postal code of another country: locating it needs a
// provider, which this does not ask.
Result<SkyLocation> locate_offline(std::string_view text, std::string_view country = "");

// A place at coordinates (degrees) with its boundary zone (time_zone_at): for a weather answer,
// whose coordinates the provider or the city table gave. invalid_input out of range.
Result<SkyPlace> sky_place_at(double lat, double lon);

// Where the sky over a weather answer for `location` is computed, with its boundary zone: the
// place tenki resolved without the network (offline_point: a city, coordinates as typed, a US ZIP
// code of the offline table; so `tenki weather 94107` and `tenki moon 94107` share one sky),
// else the provider's (lat, lon) in degrees, for a postal code only the provider located. A -0
// is 0, as the answers echo it. nullopt when there is neither, or out of range.
std::optional<SkyPlace> weather_sky_place(const Location& location, std::optional<double> lat,
                                          std::optional<double> lon);

}  // namespace tenki

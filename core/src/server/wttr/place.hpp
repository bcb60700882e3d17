#pragma once

#include "format/presentation.hpp"
#include "tenki/domain/weather.hpp"

namespace tenki::wttr {

// The place every wttr.in rendering names: tenki's resolved place (a city of the GeoNames table:
// its name, region and coordinates; coordinates as typed) where the answer has one, else the
// provider's (a postal code it located), the rule of the v2 documents and `tenki weather`
// (format::place_fields). Coordinates in degrees; a field nobody gave is "" or nullopt. The
// upstream's own name and coordinates never override a place tenki resolved. The sky is computed
// at weather_sky_place (tenki/astronomy/sky_place.hpp), a US ZIP code's offline point included.
inline format::PlaceEcho answer_place(const Weather& w) {
    return format::place_fields(w.location, w.place_name, w.place_region, w.lat, w.lon);
}

}  // namespace tenki::wttr

#pragma once

#include <string_view>

#include "tenki/domain/forecast.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"

// What both providers' parsers check after the answer's values (plausible.hpp): that the answer is
// for the place asked. tenki never shows one place's weather under another's name.
namespace tenki::providers_detail {

// How far an answer's point may be from the point tenki knows for the place asked (offline_point:
// a city of the table, coordinates as typed, a US ZIP code's centre): 100 km, beyond any postal
// area's centroid as two databases place it and any weather model's cell. An upstream asked by
// coordinates echoes them (OpenWeatherMap) or answers its nearest cell (Open-Meteo, a few km).
inline constexpr double k_elsewhere_km = 100;

// The great-circle distance between two points in decimal degrees (WGS84), in km, on a sphere of
// the Earth's mean radius (6371.0088 km, IUGG): within 0.5% of the ellipsoid's.
double great_circle_km(double lat1, double lon1, double lat2, double lon2);

// Whether two ISO 3166-1 alpha-2 codes (any case) share one postal system: equal, or one a
// territory that uses the other's postal codes (PR, GU, VI and the other US ZIP areas; France's
// overseas departments and collectivities and Monaco; GG, JE and IM in the UK's postcodes; AX in
// Finland's; FO and GL in Denmark's; SJ in Norway's; CX, CC and NF in Australia's; SM and VA in
// Italy's; LI in Switzerland's), or two such territories of one country. The Universal Postal
// Union's postal addressing systems are the source.
bool same_postal_system(std::string_view country_a, std::string_view country_b);

// `answer` as it is when it is an error or is for the place asked, else bad_response: its point
// more than k_elsewhere_km from the point tenki knows for the place (offline_point; "<whose> is for
// Lagos (6.45, 3.39), 12,345 km from 94107's point (37.76, -122.40): not shown as its weather; try
// again later or choose another provider with --provider"). Each provider's ask ends here, after its
// parser: bad_response fails over to the next provider.
Result<Weather> refuse_far(Result<Weather> answer, std::string_view whose);
Result<Forecast> refuse_far(Result<Forecast> answer, std::string_view whose);

// For a postal code tenki cannot place itself (no offline_point), `answer` as it is unless
// `answered_country` (the upstream's ISO 3166-1 alpha-2 country, "" when it said none) is outside
// the code's postal system: bad_response "<whose> for postal code 75008 in FR is for Lagos in NG:
// not shown as its weather; ...". A parser that reads the answer's country ends here.
Result<Weather> refuse_other_country(Result<Weather> answer, std::string_view answered_country,
                                     std::string_view whose);
Result<Forecast> refuse_other_country(Result<Forecast> answer, std::string_view answered_country,
                                      std::string_view whose);

}  // namespace tenki::providers_detail

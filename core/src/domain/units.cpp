#include "tenki/domain/units.hpp"

#include <fmt/core.h>

#include "tenki/places/time_zone.hpp"
#include "util/ascii.hpp"

namespace tenki {
namespace {

constexpr double k_zero_celsius = 273.15;       // K
constexpr double k_metres_per_mile = 1609.344;  // exact, by the 1959 international agreement
constexpr double k_seconds_per_hour = 3600.0;
constexpr double k_mph = k_metres_per_mile / k_seconds_per_hour;  // 0.44704 m/s, exact

}  // namespace

Result<Units> parse_units(std::string_view name) {
    const auto folded = util::lower(util::trim(name));
    if (folded == "standard") return Units::standard;
    if (folded == "metric") return Units::metric;
    if (folded == "imperial") return Units::imperial;
    return fail(ErrorKind::invalid_input,
                fmt::format("unknown units \"{}\"; use metric, imperial or standard", util::printable(name)));
}

std::string_view to_string(Units units) {
    switch (units) {
        case Units::standard: return "standard";
        case Units::metric: return "metric";
        case Units::imperial: return "imperial";
    }
    return "standard";
}

Units default_units(const Location& location) {
    // A point has no country: the one its time zone says (places/time_zone.hpp).
    if (location.country.empty() && location.place)
        return country_at(location.place->lat, location.place->lon) == "US" ? Units::imperial : Units::metric;
    return location.country == "us" ? Units::imperial : Units::metric;
}

double convert_temperature(double kelvin, Units units) {
    switch (units) {
        case Units::standard: return kelvin;
        case Units::metric: return kelvin - k_zero_celsius;
        case Units::imperial: return (kelvin - k_zero_celsius) * 9.0 / 5.0 + 32.0;
    }
    return kelvin;
}

double convert_speed(double metres_per_second, Units units) {
    return units == Units::imperial ? metres_per_second / k_mph : metres_per_second;
}

std::string_view temperature_unit(Units units) {
    switch (units) {
        case Units::standard: return "K";
        case Units::metric: return "°C";
        case Units::imperial: return "°F";
    }
    return "K";
}

std::string_view speed_unit(Units units) { return units == Units::imperial ? "mph" : "m/s"; }

}  // namespace tenki

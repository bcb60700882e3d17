#pragma once

#include <string_view>

#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"

namespace tenki {

enum class Units { standard, metric, imperial };

Result<Units> parse_units(std::string_view name);
std::string_view to_string(Units units);
// Imperial for US postal codes and places, and for coordinates in the US (country_at, by the time
// zone there), metric elsewhere.
Units default_units(const Location& location);

double convert_temperature(double kelvin, Units units);       // K, °C or °F
double convert_speed(double metres_per_second, Units units);  // m/s or mph
std::string_view temperature_unit(Units units);               // "K", "°C", "°F"
std::string_view speed_unit(Units units);                     // "m/s", "mph"

}  // namespace tenki

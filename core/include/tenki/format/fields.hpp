#pragma once

#include <optional>
#include <string_view>

#include "tenki/domain/weather.hpp"

// The small derived fields of an observation: the UV index's band, the dew point, the wind's arrow.
namespace tenki {

// The WHO's exposure category of a UV index (Global Solar UV Index: A Practical Guide, WHO/WMO/
// UNEP/ICNIRP 2002, p. 8): "low" 0-2, "moderate" 3-5, "high" 6-7, "very high" 8-10, "extreme" 11
// and above. The guide reports the index as a whole number, so a fractional index is rounded to
// the nearest whole first (half up: 2.5 is 3, "moderate"; 2.49 is 2, "low"). nullopt for a
// negative or non-finite index. English words: the translation applies to them as they are.
std::optional<std::string_view> uv_band(double index);

// Where a dew point comes from: the provider's own reading, or computed here.
enum class DewPointSource { provider, computed };
std::string_view to_string(DewPointSource source);  // "provider", "computed"

struct DewPoint {
    double kelvin = 0;
    DewPointSource source = DewPointSource::provider;
};

// The dew point over liquid water by the Magnus formula from an air temperature (K) and a
// relative humidity (%, above 0 and at most 100), with Alduchov and Eskridge's coefficients
// (a = 17.625, b = 243.04 °C: "Improved Magnus Form Approximation of Saturation Vapor Pressure",
// J. Appl. Meteor. 35, 1996, 601-609), good to 0.4 % in vapour pressure from -40 to 50 °C:
// 8.0 °C at 81 % is 4.9 °C. Rounded to 2 places in K. nullopt for a humidity outside (0, 100].
std::optional<double> magnus_dew_point(double kelvin, double relative_humidity);

// The observation's dew point: the provider's (Weather::dew_point, Open-Meteo's dew_point_2m),
// else computed from temp and humidity (magnus_dew_point); nullopt when neither can be had.
std::optional<DewPoint> dew_point(const Weather& w);

// An arrow for the wind, in wttr.in's convention (chubin/wttr.in lib/constants.py WIND_DIRECTION,
// indexed by int(((deg + 22.5) % 360) / 45) in lib/view/line.py): the arrow points where the wind
// goes, so a wind from the north (0°) is "↓" and one from 230° (SW) is "↗". Eight sectors of 45°
// centred on N, NE, E, ...: 22.5° and up is the next sector's arrow (22 "↓", 23 "↙").
std::string_view wind_arrow(int degrees_from);
// The other way: the arrow points where the wind comes from (0° "↑", 230° "↙").
std::string_view wind_arrow_from(int degrees_from);

}  // namespace tenki

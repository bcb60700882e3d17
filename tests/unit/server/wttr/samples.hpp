// The wttr.in renderers' sample weather, shared by their unit tests.
#pragma once

#include "tenki/domain/weather.hpp"

namespace tenki::wttr_samples {

// Paris, overcast, 8 °C: the example.
inline tenki::Weather paris() {
    Weather w;
    w.place_name = "Paris";
    w.lat = 48.8566;
    w.lon = 2.3522;
    w.timezone_offset = 7200;
    w.condition = Condition{ConditionKind::overcast_clouds, "Clouds", "overcast clouds", "04d"};
    w.temp = 281.15 + 0.3;
    w.feels_like = 279.15;
    w.humidity = 81;
    w.pressure = 1013.4;
    w.wind_speed = 3.0;  // 10.8 km/h, 6.7 mph
    w.wind_deg = 230;    // from the SW: "↗"
    w.rain_1h = 0.25;
    w.uv_index = 2.6;
    return w;
}

}  // namespace tenki::wttr_samples

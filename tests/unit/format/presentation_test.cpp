#include <catch2/catch.hpp>

#include "format/presentation.hpp"
#include "tenki/places/place.hpp"

using namespace tenki;

TEST_CASE("the 16-point compass", "[format]") {
    CHECK(format::compass_point(0) == "N");
    CHECK(format::compass_point(11) == "N");
    CHECK(format::compass_point(12) == "NNE");
    CHECK(format::compass_point(45) == "NE");
    CHECK(format::compass_point(90) == "E");
    CHECK(format::compass_point(135) == "SE");
    CHECK(format::compass_point(180) == "S");
    CHECK(format::compass_point(225) == "SW");
    CHECK(format::compass_point(270) == "W");
    CHECK(format::compass_point(293) == "WNW");
    CHECK(format::compass_point(337) == "NNW");
    CHECK(format::compass_point(348) == "NNW");
    CHECK(format::compass_point(349) == "N");
    CHECK(format::compass_point(360) == "N");
    CHECK(format::compass_point(-90) == "W");
    CHECK(format::compass_point(720 + 180) == "S");
}

TEST_CASE("condition symbols by code and day or night", "[format]") {
    CHECK(format::condition_symbol({ConditionKind::clear_sky, "Clear", "clear sky", "01d"}) == "☀");
    CHECK(format::condition_symbol({ConditionKind::clear_sky, "Clear", "clear sky", "01n"}) == "🌙");
    CHECK(format::condition_symbol({ConditionKind::thunderstorm, "Thunderstorm", "thunderstorm", "11d"}) ==
          "⛈");
    CHECK(format::condition_symbol({ConditionKind::moderate_rain, "Rain", "moderate rain", "10d"}) == "🌧");
    CHECK(format::condition_symbol({ConditionKind::snow, "Snow", "snow", "13d"}) == "❄");
    CHECK(format::condition_symbol({ConditionKind::overcast_clouds, "Clouds", "overcast clouds", "04d"}) ==
          "☁");
    CHECK(format::condition_symbol({ConditionKind::unknown, "", "", ""}).empty());
}

TEST_CASE("rounding and unit spacing", "[format]") {
    CHECK(format::rounded(26.850000000000023, 2) == 26.85);
    CHECK(format::rounded(-0.004, 2) == 0.0);
    CHECK(format::temperature_text(290.15, Units::metric) == "17°C");
    CHECK(format::temperature_text(289.9, Units::imperial) == "62°F");  // 62.15 °F
    CHECK(format::temperature_text(300.0, Units::standard) == "300 K");
    CHECK(format::temperature_text(273.0, Units::metric) == "0°C");  // -0.15 °C: no "-0"
    CHECK(format::temperature_text(272.5, Units::metric) == "-1°C");
    CHECK(format::visibility_text(10000, Units::metric) == "10.0 km");
    CHECK(format::visibility_text(1609, Units::imperial) == "1.0 mi");
    CHECK(format::capitalised("clear sky") == "Clear sky");
    CHECK(format::capitalised("").empty());
}

TEST_CASE("the place heading echoes a resolved place over the provider's name", "[format][places]") {
    const auto paris = city_location(48.85341, 2.3488, "Paris", "Île-de-France", "FR", 2988507);
    CHECK(format::place_heading(paris, "Paris 01 Louvre", "") ==
          "Paris, Île-de-France, FR (48.85341, 2.3488)");
    const auto vaduz = city_location(47.14151, 9.52154, "Vaduz", "", "LI", 3042030);
    CHECK(format::place_heading(vaduz, "", "") == "Vaduz, LI (47.14151, 9.52154)");
    const auto point = coordinates_location(37.7749, -122.4194);
    CHECK(format::place_heading(point, "San Francisco", "") == "San Francisco (37.7749, -122.4194)");
    CHECK(format::place_heading(point, "", "") == "37.7749, -122.4194");
    // One form for a point, moon's too (coordinates_text): 5 decimals at most, no trailing zero.
    CHECK(format::place_heading(coordinates_location(40.7, -74.0), "", "") == "40.7, -74");
    CHECK(coordinates_text(40.123456, -0.0) == "40.12346, 0");
    CHECK(format::place_heading(Location{"SW1A 1AA", "gb"}, "London", "SW1A") ==
          "London, GB SW1A 1AA (the SW1A area)");
    CHECK(format::place_heading(Location{"94107", "us"}, "", "") == "US 94107");

    const auto echo = format::place_echo(paris, "Paris 01 Louvre", 48.86, 2.35);
    CHECK(echo.name == "Paris");
    CHECK(echo.region == "Île-de-France");
    CHECK(echo.lat == 48.85341);
    CHECK(echo.lon == 2.3488);
    const auto provider = format::place_echo(Location{"94107", "us"}, "San Francisco", 37.7631, -122.3942);
    CHECK(provider.name == "San Francisco");
    CHECK(provider.region.empty());
    CHECK(provider.lat == 37.7631);
}

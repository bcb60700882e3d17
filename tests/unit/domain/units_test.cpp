#include <catch2/catch.hpp>

#include "tenki/domain/units.hpp"
#include "tenki/places/time_zone.hpp"

using namespace tenki;

TEST_CASE("units parse by name, case-insensitively", "[units]") {
    CHECK(parse_units("metric").value() == Units::metric);
    CHECK(parse_units("Imperial").value() == Units::imperial);
    CHECK(parse_units(" standard ").value() == Units::standard);
    auto bad = parse_units("kelvin");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().kind == ErrorKind::invalid_input);
    CHECK_THAT(bad.error().message, Catch::Contains("metric, imperial or standard"));
    for (auto units : {Units::standard, Units::metric, Units::imperial}) {
        CHECK(parse_units(to_string(units)).value() == units);
    }
}

TEST_CASE("imperial for US postal codes, metric elsewhere", "[units]") {
    CHECK(default_units(Location{"94107", "us"}) == Units::imperial);
    CHECK(default_units(Location{"SW1A 1AA", "gb"}) == Units::metric);
    CHECK(default_units(Location{"100-0001", "jp"}) == Units::metric);
}

TEST_CASE("temperature conversions are exact", "[units]") {
    CHECK(convert_temperature(300.0, Units::standard) == 300.0);
    CHECK(convert_temperature(300.0, Units::metric) == Approx(26.85).epsilon(1e-12));
    CHECK(convert_temperature(300.0, Units::imperial) == Approx(80.33).epsilon(1e-12));
    CHECK(convert_temperature(273.15, Units::metric) == 0.0);
    CHECK(convert_temperature(273.15, Units::imperial) == Approx(32.0).epsilon(1e-12));
    CHECK(convert_temperature(373.15, Units::imperial) == Approx(212.0).epsilon(1e-12));
    CHECK(convert_temperature(233.15, Units::metric) == Approx(convert_temperature(233.15, Units::imperial)));
    CHECK(convert_temperature(0.0, Units::imperial) == Approx(-459.67).epsilon(1e-12));
}

TEST_CASE("speed conversions are exact: 1 mph is 0.44704 m/s", "[units]") {
    CHECK(convert_speed(10.0, Units::standard) == 10.0);
    CHECK(convert_speed(10.0, Units::metric) == 10.0);
    CHECK(convert_speed(10.0, Units::imperial) == Approx(22.3694).margin(1e-4));
    CHECK(convert_speed(0.44704, Units::imperial) == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("unit symbols", "[units]") {
    CHECK(temperature_unit(Units::standard) == "K");
    CHECK(temperature_unit(Units::metric) == "°C");
    CHECK(temperature_unit(Units::imperial) == "°F");
    CHECK(speed_unit(Units::metric) == "m/s");
    CHECK(speed_unit(Units::standard) == "m/s");
    CHECK(speed_unit(Units::imperial) == "mph");
}

TEST_CASE("a point's usual units follow the country its time zone says", "[units]") {
    // San Francisco and Anchorage are US zones (America/Los_Angeles, America/Anchorage).
    CHECK(country_at(37.77, -122.42) == "US");
    CHECK(default_units(coordinates_location(37.77, -122.42)) == Units::imperial);
    CHECK(default_units(coordinates_location(61.2181, -149.9003)) == Units::imperial);
    // Across the border, Toronto (America/Toronto) and Vancouver: metric.
    CHECK(country_at(43.6532, -79.3832) == "CA");
    CHECK(default_units(coordinates_location(49.2827, -123.1207)) == Units::metric);
    CHECK(default_units(coordinates_location(48.8534, 2.3488)) == Units::metric);
    // At sea there is no country: metric.
    CHECK(country_at(30.0, -140.0).empty());
    CHECK(default_units(coordinates_location(30.0, -140.0)) == Units::metric);
}

#include <catch2/catch.hpp>

#include "format/presentation.hpp"

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
    CHECK(format::condition_symbol({800, "Clear", "clear sky", "01d"}) == "☀");
    CHECK(format::condition_symbol({800, "Clear", "clear sky", "01n"}) == "🌙");
    CHECK(format::condition_symbol({211, "Thunderstorm", "thunderstorm", "11d"}) == "⛈");
    CHECK(format::condition_symbol({501, "Rain", "moderate rain", "10d"}) == "🌧");
    CHECK(format::condition_symbol({601, "Snow", "snow", "13d"}) == "❄");
    CHECK(format::condition_symbol({804, "Clouds", "overcast clouds", "04d"}) == "☁");
    CHECK(format::condition_symbol({0, "", "", ""}).empty());
}

TEST_CASE("rounding and unit spacing", "[format]") {
    CHECK(format::rounded(26.850000000000023, 2) == 26.85);
    CHECK(format::rounded(-0.004, 2) == 0.0);
    CHECK(format::with_unit(62.006, "°F") == "62.0°F");
    CHECK(format::with_unit(300.0, "K") == "300.0 K");
    CHECK(format::visibility_text(10000, Units::metric) == "10.0 km");
    CHECK(format::visibility_text(1609, Units::imperial) == "1.0 mi");
    CHECK(format::capitalised("clear sky") == "Clear sky");
    CHECK(format::capitalised("").empty());
}

#include <catch2/catch.hpp>

#include "tenki/lang/cldr.hpp"

using namespace tenki;

TEST_CASE("territory names: CLDR's English name of an ISO 3166-1 alpha-2 code, in any case", "[lang][cldr]") {
    CHECK(territory_name("FR") == "France");
    CHECK(territory_name("fr") == "France");
    CHECK(territory_name("Us") == "United States");
    CHECK(territory_name("GB") == "United Kingdom");  // not the short "UK"
    CHECK(territory_name("CI") == "Côte d’Ivoire");   // UTF-8, CLDR's apostrophe
    CHECK(territory_name("XK") == "Kosovo");          // GeoNames' and CLDR's code
    // The table's first and last rows, found by the binary search like any other.
    CHECK(territory_name("AC") == "Ascension Island");
    CHECK(territory_name("ZW") == "Zimbabwe");
}

TEST_CASE("territory names: nothing for a code that names no country", "[lang][cldr]") {
    CHECK_FALSE(territory_name(""));
    CHECK_FALSE(territory_name("F"));
    CHECK_FALSE(territory_name("FRA"));  // alpha-3 is not looked up
    CHECK_FALSE(territory_name("EU"));   // a grouping, not a country
    CHECK_FALSE(territory_name("ZZ"));   // CLDR's "Unknown Region"
    CHECK_FALSE(territory_name("QQ"));
    CHECK_FALSE(territory_name("0A"));
    CHECK_FALSE(territory_name("AA"));  // before the first row
    CHECK_FALSE(territory_name("ZZZ"));
}

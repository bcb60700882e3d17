#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "tenki/places/zipdb.hpp"

using namespace tenki;

TEST_CASE("lookup_us_zip finds a ZIP code with its place, state and coordinates", "[zipdb]") {
    auto info = lookup_us_zip("94107");
    REQUIRE(info);
    CHECK(info->zip == "94107");
    CHECK(info->place == "San Francisco");
    CHECK(info->state == "CA");
    CHECK(info->lat == Approx(37.7621).margin(1e-9));
    CHECK(info->lon == Approx(-122.3971).margin(1e-9));
}

TEST_CASE("lookup_us_zip keeps leading zeros", "[zipdb]") {
    auto newton = lookup_us_zip("02462");
    REQUIRE(newton);
    CHECK(newton->zip == "02462");
    CHECK(newton->place == "Newton Lower Falls");
    CHECK(newton->state == "MA");

    auto holtsville = lookup_us_zip("00501");  // the lowest ZIP code: the first row of the table
    REQUIRE(holtsville);
    CHECK(holtsville->place == "Holtsville");
    CHECK(holtsville->state == "NY");
    CHECK(holtsville->lat == Approx(40.8154).margin(1e-9));
}

TEST_CASE("lookup_us_zip finds the first and last rows and every neighbour of the search", "[zipdb]") {
    CHECK(lookup_us_zip("00501"));
    CHECK(lookup_us_zip("99950"));  // Ketchikan, AK: the highest
    CHECK(lookup_us_zip("99950")->state == "AK");
    CHECK_FALSE(lookup_us_zip("99999"));
    CHECK_FALSE(lookup_us_zip("00000"));
    CHECK_FALSE(lookup_us_zip("00500"));
}

TEST_CASE("lookup_us_zip takes exactly five digits: ZIP+4 is reduced by the caller", "[zipdb]") {
    CHECK_FALSE(lookup_us_zip("94107-1234"));
    CHECK_FALSE(lookup_us_zip("941071234"));
    CHECK_FALSE(lookup_us_zip("9410"));
    CHECK_FALSE(lookup_us_zip(""));
    CHECK_FALSE(lookup_us_zip("9410a"));
    CHECK_FALSE(lookup_us_zip(" 94107"));
    // What parse_location makes of "94107-1234": the first five digits.
    std::string zip_plus_4 = "94107-1234";
    auto info = lookup_us_zip(std::string_view(zip_plus_4).substr(0, 5));
    REQUIRE(info);
    CHECK(info->place == "San Francisco");
}

TEST_CASE("military APO/FPO codes carry their USPS pseudo-state", "[zipdb]") {
    auto apo = lookup_us_zip("09007");
    REQUIRE(apo);
    CHECK(apo->place == "APO");
    CHECK(apo->state == "AE");
}

TEST_CASE("suggest_us_zips offers existing codes one typo away", "[zipdb]") {
    SECTION("two adjacent digits swapped") {
        CHECK_FALSE(lookup_us_zip("94170"));
        auto near = suggest_us_zips("94170", 10);
        CHECK(std::find(near.begin(), near.end(), "94107") != near.end());
    }
    SECTION("every suggestion exists, is one edit away, and is not the code itself") {
        for (auto zip : {"94170", "94107", "10001", "02462"}) {
            auto near = suggest_us_zips(zip, 50);
            CHECK_FALSE(near.empty());
            for (const auto& s : near) {
                CHECK(lookup_us_zip(s));
                CHECK(s != zip);
            }
        }
    }
    SECTION("those keeping the longest prefix come first") {
        auto near = suggest_us_zips("94170", 3);
        REQUIRE(near.size() == 3);
        CHECK(near[0].substr(0, 4) == "9417");
    }
    SECTION("at most max") {
        CHECK(suggest_us_zips("94107", 2).size() == 2);
        CHECK(suggest_us_zips("94107", 0).empty());
    }
    SECTION("nothing for what is not five digits, or has no neighbour") {
        CHECK(suggest_us_zips("9417", 3).empty());
        CHECK(suggest_us_zips("abcde", 3).empty());
        CHECK(suggest_us_zips("00000", 3).empty());
    }
}

TEST_CASE("find_us_zip rejects an unknown code, with a did-you-mean when one is near", "[zipdb]") {
    auto found = find_us_zip("94107");
    REQUIRE(found);
    CHECK(found->place == "San Francisco");

    auto near = find_us_zip("94170");
    REQUIRE_FALSE(near);
    CHECK(near.error().kind == ErrorKind::not_found);
    CHECK_THAT(near.error().message,
               Catch::Contains("unknown US ZIP code 94170") && Catch::Contains("did you mean"));
    // Five digits may be another country's: "75008" is Paris's, the form with its country is said.
    auto paris = find_us_zip("75008");
    REQUIRE_FALSE(paris);
    CHECK_THAT(paris.error().message, Catch::EndsWith("(another country's postal code goes after a comma: "
                                                      "\"75008,CC\", CC its ISO 3166 code)"));

    auto far = find_us_zip("00000");
    REQUIRE_FALSE(far);
    CHECK(far.error().kind == ErrorKind::not_found);
    CHECK_THAT(far.error().message, Catch::Contains("check the five digits"));
}

TEST_CASE("zip_label names the place and its state", "[zipdb]") {
    CHECK(zip_label(*lookup_us_zip("94107")) == "San Francisco, CA");
    CHECK(zip_label(*lookup_us_zip("09007")) == "APO, AE");
    CHECK(zip_label(ZipInfo{"96365", "APO STA", "", 26.3652, 127.7586}) == "APO STA");
}

TEST_CASE("the table is whole and credits its source", "[zipdb]") {
    CHECK(zipdb_size() > 40000);
    CHECK_THAT(std::string(zipdb_attribution()), Catch::Contains("GeoNames") && Catch::Contains("CC BY 4.0"));
}

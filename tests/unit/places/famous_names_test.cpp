// The famous ambiguous names (issue 25), against the real offline table: whether tenki answers
// or lists candidates, which place leads, and why that is what a person would want.
#include <catch2/catch.hpp>

#include <string>

#include <fmt/format.h>

#include "tenki/places/places.hpp"

using namespace tenki;

namespace {

struct FamousName {
    const char* name;
    bool answers;       // answered; else ambiguous, the candidates listed
    const char* leads;  // the place answered, or listed first: "Name, CC"
    const char* reason;
};

// clang-format off
constexpr FamousName k_famous_names[] = {
    {"Paris",       true,  "Paris, FR",                "86 times Paris, TX: the capital is meant"},
    {"London",      true,  "London, GB",               "22 times London, Ontario"},
    {"Moscow",      true,  "Moscow, RU",               "Moscow, Idaho is a small town"},
    {"Rome",        true,  "Rome, IT",                 "Rome, GA and NY are towns"},
    {"Berlin",      true,  "Berlin, DE",               "Kitchener's old name never outvotes the capital"},
    {"Dublin",      true,  "Dublin, IE",               "over 15 times Dublin, CA or OH"},
    {"Perth",       true,  "Perth, AU",                "40 times Perth, Scotland"},
    {"Alexandria",  true,  "Alexandria, EG",           "25 times Alexandria, VA"},
    {"Santiago",    true,  "Santiago, CL",             "Santiago de los Caballeros is so called, and smaller"},
    {"Frankfurt",   true,  "Frankfurt am Main, DE",    "no place has the name: GeoNames names it Frankfurt am Main"},
    {"Cologne",     true,  "Köln, DE",                 "137 times Cologne, Italy, a village: the English name answers"},
    {"Portland",    false, "Portland, US",             "Oregon's has 9 times Maine's: both are meant by someone"},
    {"Springfield", false, "Springfield, US",          "21 US towns, none dominant"},
    {"Birmingham",  false, "Birmingham, GB",           "England's has less than 5 times Alabama's"},
    {"Cambridge",   false, "Cambridge, GB",            "England's, Ontario's and Massachusetts' are alike"},
    {"Córdoba",     false, "Córdoba, AR",              "Argentina's and Spain's"},
    {"Valencia",    false, "Valencia, VE",             "Venezuela's and Spain's are alike"},
    {"San José",    false, "San Jose, US",             "California's and Costa Rica's capital"},
    {"Kingston",    false, "Kingston, JM",             "Jamaica's capital has 8 times Ontario's"},
    {"Newcastle",   false, "Newcastle, ZA",            "South Africa's, Australia's; Newcastle upon Tyne by name"},
    {"Victoria",    false, "Hong Kong, HK",            "never Hong Kong by its old name: listed with Victoria, BC"},
    {"Hamilton",    false, "Hamilton, CA",             "Ontario's and New Zealand's"},
    {"Athens",      false, "Athens, GR",               "Greece's has 6 times Georgia's"},
    {"Manchester",  false, "Manchester, GB",           "England's and New Hampshire's"},
    {"Richmond",    false, "Richmond, US",             "Virginia's and British Columbia's"},
    {"Columbia",    false, "Columbia, US",             "South Carolina's and Missouri's"},
    {"Florence",    false, "Florence, IT",             "Italy's has 9 times Alabama's"},
    {"Toledo",      false, "Toledo, US",               "Ohio's, the Philippines', Spain's"},
    {"Salem",       false, "Jerusalem, IL",            "Salem is an old name of Jerusalem, listed; Salem, IN and OR"},
    {"Georgetown",  false, "George Town, MY",          "Penang's capital so called, Guyana's capital, Texas'"},
    {"Mérida",      false, "Mérida, MX",               "Mexico's and Venezuela's"},
    {"Geneva",      false, "Genève, CH",               "Genève is Geneva in English: offered first, before US towns"},
    {"Canton",      false, "Guangzhou, CN",            "Canton is Guangzhou's old name: listed, never answered"},
    {"Batavia",     false, "Jakarta, ID",              "Batavia is Jakarta's old name: listed, never answered"},
};
// clang-format on

std::string famous_short_label(const City& city) { return fmt::format("{}, {}", city.name, city.country); }

}  // namespace

TEST_CASE("the famous ambiguous names: answered or listed, and which place leads", "[places]") {
    for (const auto& famous : k_famous_names) {
        auto query = parse_city_query(famous.name);
        REQUIRE(query);
        const auto match = match_city(*query, 5);
        INFO(famous.name << ": " << famous.reason);
        if (famous.answers) {
            REQUIRE(match.kind == CityMatch::Kind::found);
            CHECK(famous_short_label(*match.city) == famous.leads);
        } else {
            REQUIRE(match.kind == CityMatch::Kind::ambiguous);
            REQUIRE(match.candidates.size() >= 2);
            CHECK(famous_short_label(match.candidates.front()) == famous.leads);
            for (std::size_t i = 1; i < match.candidates.size(); ++i)
                CHECK(match.candidates[i - 1].population >= match.candidates[i].population);
        }
    }
}

TEST_CASE("an alternate name never answers in place of a city of that name", "[places]") {
    // Victoria, BC is listed beside Hong Kong (once "Victoria"); each is picked by its country.
    auto victoria = match_city(*parse_city_query("Victoria"), 5);
    REQUIRE(victoria.kind == CityMatch::Kind::ambiguous);
    CHECK(victoria.candidates.at(1).name == "Victoria");
    CHECK(victoria.candidates.at(1).country == "CA");
    CHECK(match_city(*parse_city_query("Victoria,BC")).city->country == "CA");
    // Geneva lists Genève first by population, then the US towns of the name.
    auto geneva = match_city(*parse_city_query("Geneva"), 5);
    REQUIRE(geneva.kind == CityMatch::Kind::ambiguous);
    CHECK(geneva.candidates.at(0).name == "Genève");
    CHECK(geneva.candidates.at(1).country == "US");
    CHECK(match_city(*parse_city_query("Geneva,CH")).city->name == "Genève");
    // The pick offered for an alternate-named place names it.
    auto canton = find_city(*parse_city_query("Canton"));
    REQUIRE_FALSE(canton);
    CHECK(canton.error().choices.at(0).pick == "Guangzhou,CN");
    CHECK_THAT(canton.error().message,
               Catch::Contains("Guangzhou, Guangdong, CN (pop. 11071424; also called Canton)"));
}

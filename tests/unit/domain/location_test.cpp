#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "tenki/domain/location.hpp"

using namespace tenki;

namespace {

Location valid_location(std::string_view text, std::string_view country = "us") {
    auto location = parse_location(text, country);
    INFO(text);
    REQUIRE(location);
    return *location;
}

ErrorKind rejected(std::string_view text, std::string_view country = "us") {
    auto location = parse_location(text, country);
    INFO(text);
    REQUIRE_FALSE(location);
    CHECK(location.error().message.find('\n') == std::string::npos);
    return location.error().kind;
}

}  // namespace

TEST_CASE("a US ZIP code is five digits, the default country is us", "[location]") {
    CHECK(valid_location("94107") == Location{"94107", "us"});
    CHECK(valid_location("94107").key() == "94107,us");
}

TEST_CASE("leading zeros survive", "[location]") {
    CHECK(valid_location("02462").postal_code == "02462");
    CHECK(valid_location("00501").postal_code == "00501");
}

TEST_CASE("ZIP+4 is reduced to the five-digit ZIP", "[location]") {
    CHECK(valid_location("94107-1234") == Location{"94107", "us"});
    CHECK(valid_location("02462-0001,us").postal_code == "02462");
}

TEST_CASE("input is trimmed and the country case-folded", "[location]") {
    CHECK(valid_location("  94107 \t\n") == Location{"94107", "us"});
    CHECK(valid_location("94107,US") == Location{"94107", "us"});
    CHECK(valid_location(" 94107 , Us ") == Location{"94107", "us"});
    CHECK(valid_location("SW1A 1AA", "GB") == Location{"SW1A 1AA", "gb"});
    CHECK(valid_location("SW1A 1AA", " gb ") == Location{"SW1A 1AA", "gb"});
}

TEST_CASE("a country after a comma wins over the default", "[location]") {
    CHECK(valid_location("SW1A 1AA,gb", "us") == Location{"SW1A 1AA", "gb"});
    CHECK(valid_location("94107,us", "gb") == Location{"94107", "us"});
    CHECK(valid_location("10115,DE").key() == "10115,de");
}

TEST_CASE("non-US codes keep their space, letters upper-cased and spaces folded", "[location]") {
    CHECK(valid_location("sw1a 1aa", "gb").postal_code == "SW1A 1AA");
    CHECK(valid_location("SW1A   1AA", "gb").postal_code == "SW1A 1AA");
    CHECK(valid_location("K1A 0B1", "ca").postal_code == "K1A 0B1");
    CHECK(valid_location("100-0001", "jp").postal_code == "100-0001");
    CHECK(valid_location("1012 AB", "nl").key() == "1012 AB,nl");
}

TEST_CASE("an empty default country means us", "[location]") {
    CHECK(valid_location("94107", "").country == "us");
}

TEST_CASE("what cannot be a postal code is invalid input", "[location]") {
    for (std::string_view text : {"",          "   ",           "9410;7",      "94107;rm -rf",
                                  "94107\x01", "941\x1b[31m07", "94107\t1",    "\xc3\xa9\x31\x32\x33\x34\x35",
                                  "94107/1",   "94107?",        "-",           "- -",
                                  "9410",      "941070",        "94107-12",    "94107-12345",
                                  "9410A",     "94107 1234",    "94107,us,gb", "94107,",
                                  "94107,usa", "94107,u1",      ",us"}) {
        CHECK(rejected(text) == ErrorKind::invalid_input);
    }
}

TEST_CASE("too long a postal code is rejected", "[location]") {
    CHECK(valid_location("1234567890", "ir").postal_code == "1234567890");  // Iran: 10 digits
    CHECK(rejected("1234567890123", "ir") == ErrorKind::invalid_input);
    CHECK(rejected(std::string(10000, '1'), "ir") == ErrorKind::invalid_input);
}

TEST_CASE("a bad default country is rejected", "[location]") {
    CHECK(rejected("SW1A 1AA", "g") == ErrorKind::invalid_input);
    CHECK(rejected("SW1A 1AA", "g1") == ErrorKind::invalid_input);
}

TEST_CASE("the message quotes the input without its control bytes and says what to do", "[location]") {
    auto bad = parse_location("9410\x1b[2J7");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find('\x1b') == std::string::npos);
    CHECK_THAT(bad.error().message, Catch::Contains("\\x1B") && Catch::Contains("letters, digits"));
    auto short_zip = parse_location("9410");
    REQUIRE_FALSE(short_zip);
    CHECK_THAT(short_zip.error().message,
               Catch::Contains("5 digits") && Catch::Contains("\"9410,CC\" (CC: its ISO 3166 code)"));
}

TEST_CASE("parse_location: half of a point given as two words says how to write a point", "[location]") {
    for (const char* text : {"37.7749", "-122.4194", "+48.85"}) {
        INFO(text);
        const auto parsed = parse_location(text, "us");
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::invalid_input);
        CHECK(parsed.error().message ==
              fmt::format("\"{}\" is a number, not a postal code: give a point as "
                          "latitude,longitude in one word, such as 37.7749,-122.4194",
                          text));
    }
    CHECK_THAT(parse_location("94.107a!", "us").error().message, Catch::Contains("use only letters"));
}

TEST_CASE("a code that is no ZIP code is told how to name its own country, never another's", "[location]") {
    // "10115 de": Berlin's code with its country after a space. The example is Germany's.
    auto berlin = parse_location("10115 de", "us");
    REQUIRE_FALSE(berlin);
    CHECK(berlin.error().kind == ErrorKind::invalid_input);
    CHECK(berlin.error().message ==
          "\"10115 DE\" is not a US ZIP code; for a postal code of Germany, put the country after a comma: "
          "\"10115,de\"");
    CHECK(valid_location("10115,de") == Location{"10115", "de"});  // what it suggests works
    // A code only one country's format fits names that country: Amsterdam's, London's, Ottawa's.
    for (const auto& [text, advice] : {std::pair{"1012 AB",
                                                 "for a postal code of Netherlands, put the country "
                                                 "after a comma: \"1012 AB,nl\""},
                                       std::pair{"SW1A 1AA",
                                                 "of United Kingdom, put the country after a comma: "
                                                 "\"SW1A 1AA,gb\""},
                                       std::pair{"K1A 0B1",
                                                 "of Canada, put the country after a comma: "
                                                 "\"K1A 0B1,ca\""}}) {
        auto fits = parse_location(text, "us");
        REQUIRE_FALSE(fits);
        CHECK_THAT(fits.error().message, Catch::EndsWith(advice));
    }
    // Without a country the rest fits, or with many, the example is neutral: no SW1A for a Dutch code.
    for (const char* text : {"123456", "10115 XX", "750"}) {
        auto other = parse_location(text, "us");
        REQUIRE_FALSE(other);
        INFO(other.error().message);
        CHECK(other.error().message.find("SW1A") == std::string::npos);
        CHECK(other.error().message.find(",CC\" (CC: its ISO 3166 code)") != std::string::npos);
    }
}

#include <catch2/catch.hpp>

#include <string_view>
#include <utility>

#include "tenki/domain/location.hpp"
#include "tenki/places/postal_format.hpp"

using namespace tenki;

namespace {

struct Sample {
    std::string_view country;
    std::string_view code;
    bool valid;
};

// The data package authors' own samples, generated beside the table.
constexpr Sample k_samples[] = {
#include "unit/places/postal/postal_samples.inc"
};

}  // namespace

TEST_CASE("every country's format agrees with its data package's own samples", "[postal]") {
    REQUIRE(std::size(k_samples) > 500);
    for (const auto& s : k_samples) {
        INFO(s.country << " " << s.code);
        // The package's one outward code alone, invalid as a full postcode: valid input for tenki,
        // which asks OpenWeatherMap by the outward code (the next test).
        const bool outward_code = s.country == "gb" && s.code == "WC2H";
        CHECK(bool(check_postal_code(s.country, s.code)) == (s.valid || outward_code));
    }
}

TEST_CASE("postal codes as people write them: any case, with or without the space or hyphen", "[postal]") {
    const std::pair<std::string_view, std::string_view> written[] = {
        {"gb", "SW1A 1AA"}, {"gb", "sw1a1aa"}, {"jp", "100-0001"}, {"jp", "1000001"},
        {"se", "114 55"},   {"ca", "K1A 0B1"}, {"de", "10115"},    {"kr", "03187"},  // five digits since 2015
    };
    for (const auto& [country, code] : written) {
        INFO(country << " " << code);
        CHECK(check_postal_code(country, code));
    }
}

TEST_CASE("a UK outward code and a Canadian forward sortation area are codes of their country", "[postal]") {
    const std::pair<std::string_view, std::string_view> partial[] = {
        {"gb", "SW1A"}, {"gb", "sw1a"}, {"gb", "M1"},  {"gb", "EC1A"}, {"gb", "DN55"},
        {"gb", "W1U"},  {"gb", "GIR"},  {"ca", "K1A"}, {"ca", "m5v"},  {"gb", "WC2H"},
    };
    for (const auto& [country, code] : partial) {
        INFO(country << " " << code);
        CHECK(check_postal_code(country, code));
    }
    const std::pair<std::string_view, std::string_view> not_codes[] = {
        {"gb", "SW1A1"}, {"gb", "SW1A 1A"}, {"gb", "QW1A"}, {"gb", "1SW"},
        {"ca", "K1"},    {"ca", "D1A"},     {"ca", "K1A0"}, {"de", "SW1A"},
    };
    for (const auto& [country, code] : not_codes) {
        INFO(country << " " << code);
        auto checked = check_postal_code(country, code);
        REQUIRE_FALSE(checked);
        CHECK(checked.error().kind == ErrorKind::invalid_input);
    }
    CHECK(parse_location("SW1A,gb") == Location{"SW1A", "gb"});
    CHECK(parse_location("k1a", "ca") == Location{"K1A", "ca"});
}

TEST_CASE("a code that cannot be the country's, an unknown country, a country without codes: invalid_input",
          "[postal]") {
    auto wrong = check_postal_code("de", "SW1A 1AA");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().kind == ErrorKind::invalid_input);
    CHECK(wrong.error().message.find("Germany") != std::string::npos);
    auto unknown = check_postal_code("zz", "12345");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().message.find("\"zz\" is not a country code") != std::string::npos);
    auto none = check_postal_code("hk", "999077");
    REQUIRE_FALSE(none);
    CHECK(none.error().message.find("has no postal codes") != std::string::npos);
    CHECK(find_country("gb")->name == "United Kingdom");
    CHECK_FALSE(find_country("uk"));  // the common mistake: GB is ISO's code
}

TEST_CASE("parse_location checks non-US codes offline before any call", "[postal][location]") {
    CHECK(parse_location("SW1A 1AA", "gb"));
    CHECK(parse_location("10115,de"));
    for (auto text : {"ABCDE,de", "12345,zz", "1234,jp"}) {
        INFO(text);
        auto parsed = parse_location(text);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::invalid_input);
    }
}

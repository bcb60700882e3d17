#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <variant>
#include <vector>

#include "tenki/places/place.hpp"
#include "tenki/places/places.hpp"

using namespace tenki;

namespace {

CityQuery query(const std::string& text) {
    auto parsed = parse_city_query(text);
    REQUIRE(parsed);
    return *parsed;
}

City found(const std::string& text) {
    auto match = match_city(query(text));
    INFO(text);
    REQUIRE(match.kind == CityMatch::Kind::found);
    return *match.city;
}

}  // namespace

TEST_CASE("find_city answers a place with its name, region, country, coordinates, population and id",
          "[places]") {
    auto paris = find_city(query("Paris"));
    REQUIRE(paris);
    CHECK(paris->name == "Paris");
    CHECK(paris->ascii_name == "Paris");
    CHECK(paris->country == "FR");
    CHECK(paris->region_code == "11");
    CHECK(paris->region_name == "Île-de-France");
    CHECK(paris->lat == Approx(48.85341).margin(1e-9));
    CHECK(paris->lon == Approx(2.3488).margin(1e-9));
    CHECK(paris->population == 2138551);
    CHECK(paris->geonames_id == 2988507);
    CHECK(city_label(*paris) == "Paris, Île-de-France, FR");
}

TEST_CASE("a region or a country narrows the name", "[places]") {
    CHECK(found("Paris,FR").geonames_id == 2988507);
    const auto texas = found("Paris,TX");
    CHECK(texas.country == "US");
    CHECK(texas.region_code == "TX");
    CHECK(city_label(texas) == "Paris, TX, US");
    CHECK(found("Paris, Texas").geonames_id == texas.geonames_id);  // a region by its name
    CHECK(found("paris , tx , us").geonames_id == texas.geonames_id);
    const auto illinois = found("Springfield, IL, US");
    CHECK(illinois.region_name == "Illinois");
    CHECK(illinois.geonames_id == 4250542);
    CHECK(found("London,Ontario").country == "CA");
    // Canada's and Australia's postal abbreviations, which GeoNames codes by number.
    CHECK(found("London,ON").geonames_id == found("London,Ontario").geonames_id);
    CHECK(found("London, ON, CA").region_name == "Ontario");
    CHECK(found("Sydney,NSW").country == "AU");
    CHECK(found("Perth,WA").country == "AU");            // no Perth in Washington State to compete
    CHECK(found("Paris,11,FR").geonames_id == 2988507);  // GeoNames' admin1 code outside the US
    CHECK(found("Paris,Ile-de-France").geonames_id == 2988507);
    // A country by its English name or short form.
    CHECK(found("Paris, France").geonames_id == 2988507);
    CHECK(found("Springfield, Illinois, United States").geonames_id == 4250542);
    CHECK(found("London, UK").country == "GB");
    // A name that is a country's and a region's: either matches (Georgia, US, here).
    CHECK(found("Athens, Georgia").region_code == "GA");
}

TEST_CASE("a two-letter qualifier that is a country and a US state is read both ways, never silently",
          "[places]") {
    // Paris,TX: TX is no country: Texas, and nothing to say.
    const auto texas = match_city(query("Paris,TX"));
    REQUIRE(texas.kind == CityMatch::Kind::found);
    CHECK(texas.city->region_code == "TX");
    CHECK(texas.reading.empty());
    // Salem,IN: India (ISO 3166-1) has a Salem, Indiana (USPS) has one: listed, each with its pick.
    auto salem = match_city(query("Salem,IN"), 3);
    REQUIRE(salem.kind == CityMatch::Kind::ambiguous);
    REQUIRE(salem.candidates.size() == 2);
    CHECK(salem.candidates[0].country == "IN");
    CHECK(salem.candidates[1].country == "US");
    CHECK(salem.candidates[1].region_code == "IN");
    CHECK(salem.reading == "IN is a country, India, and a US state, Indiana");
    auto error = find_city(query("Salem,IN"));
    REQUIRE_FALSE(error);
    CHECK(error.error().kind == ErrorKind::ambiguous_place);
    REQUIRE(error.error().choices.size() == 2);
    CHECK(error.error().choices[0].pick == "Salem,India");
    CHECK(error.error().choices[1].pick == "Salem,US-IN");
    CHECK_THAT(error.error().message, Catch::Contains("say Salem,India for Salem, Tamil Nadu, IN") &&
                                          Catch::Contains("or Salem,US-IN for Salem, IN, US"));
    for (const auto& choice : error.error().choices) {
        INFO(choice.pick);
        CHECK(found(choice.pick).geonames_id == choice.geonames_id);  // each pick picks its place
    }
    // Berlin,DE: Germany's; Delaware has no Berlin. Answered, with the reading said.
    const auto berlin = match_city(query("Berlin,DE"));
    REQUIRE(berlin.kind == CityMatch::Kind::found);
    CHECK(berlin.city->country == "DE");
    CHECK(berlin.reading == "DE read as the country Germany; no Berlin in the US state Delaware");
    // Vienna,VA: Virginia's; the Vatican has no Vienna.
    const auto vienna = match_city(query("Vienna,VA"));
    REQUIRE(vienna.kind == CityMatch::Kind::found);
    CHECK(vienna.city->country == "US");
    CHECK(vienna.city->region_code == "VA");
    CHECK(vienna.reading ==
          "VA read as the US state Virginia; no Vienna in the country Holy See Vatican City State");
    // The ISO 3166-2 form and three parts read one way only: nothing to say.
    CHECK(match_city(query("Salem,US-IN")).reading.empty());
    CHECK(found("Salem,IN,US").region_code == "IN");
    CHECK(found("Salem,India").country == "IN");
}

TEST_CASE("matching ignores case, accents and punctuation", "[places]") {
    CHECK(found("São Paulo").geonames_id == 3448439);
    CHECK(found("sao paulo").geonames_id == 3448439);
    CHECK(found("SAO PAULO").ascii_name == "Sao Paulo");
    const auto saint_lo = found("Saint-Lô");
    CHECK(saint_lo.name == "Saint-Lô");
    CHECK(saint_lo.ascii_name == "Saint-Lo");
    CHECK(found("saint lo").geonames_id == saint_lo.geonames_id);
    CHECK(found("Zurich").name == "Zürich");
    // GeoNames' ASCII name spells ü as ue: both spellings find the place.
    CHECK(found("Düsseldorf").geonames_id == found("Duesseldorf").geonames_id);
    CHECK(found("Dusseldorf").geonames_id == found("Duesseldorf").geonames_id);
    CHECK(fold_place_name("Saint-Lô") == "saint lo");
    CHECK(fold_place_name("  Val-d'Or ") == "val dor");
    CHECK(fold_place_name("Łódź") == "lodz");
    CHECK(fold_place_name("Straße") == "strasse");
}

TEST_CASE("an alternate name finds a populous place, but never outvotes a place of that name", "[places]") {
    const auto nyc = found("New York");  // GeoNames names it New York City
    CHECK(nyc.name == "New York City");
    CHECK(nyc.region_code == "NY");
    CHECK(found("Bombay").name == "Mumbai");
    CHECK(found("Berlin").country == "DE");  // Kitchener, Ontario, was once Berlin
    // Two villages have the name Cologne (Italy's, 7,032; Minnesota's): Köln, known so in English,
    // has k_clear_margin times their inhabitants and is answered (the report names it).
    const auto koeln = found("Cologne");
    CHECK(koeln.name == "Köln");
    CHECK(koeln.country == "DE");
    CHECK(found("Cologne,DE").name == "Köln");
    CHECK(found("Cologne,IT").country == "IT");  // the village, by its country
    CHECK(found("Cologne,MN").region_code == "MN");
}

TEST_CASE("an alternate name dwarfing villages of the name answers; one beside a town is listed",
          "[places]") {
    // The rule's two sides, with the numbers it reads: Köln against Cologne, Italy, a village;
    // Guangzhou ("Canton") against Canton, MI, a town of 86,825.
    const auto koeln = found("Cologne");
    const auto village = found("Cologne,IT");
    CHECK(village.population < k_town_population);
    CHECK(koeln.population >= k_clear_margin * village.population);
    auto canton = match_city(query("Canton"), 5);
    REQUIRE(canton.kind == CityMatch::Kind::ambiguous);
    CHECK(canton.candidates.at(0).name == "Guangzhou");
    CHECK(canton.candidates.at(1).population >= k_town_population);
    CHECK(canton.candidates.at(0).population >= k_clear_margin * canton.candidates.at(1).population);
    // A place of the name whose population GeoNames does not know (0) is never outvoted.
    auto mosca = match_city(query("Mosca"), 5);
    REQUIRE(mosca.kind == CityMatch::Kind::ambiguous);
    CHECK(mosca.candidates.at(0).name == "Moscow");
}

TEST_CASE("Salem and Victoria are near ties: listed, with a pick that names the place typed", "[places]") {
    auto salem = find_city(query("Salem"));
    REQUIRE_FALSE(salem);
    CHECK(salem.error().kind == ErrorKind::ambiguous_place);
    CHECK_THAT(salem.error().message, Catch::Contains("Salem, OR, US (pop. 164549)") &&
                                          Catch::Contains("Salem, Tamil Nadu, IN (pop. 778396)"));
    std::vector<std::string> picks;
    for (const auto& choice : salem.error().choices) picks.push_back(choice.pick);
    CHECK(std::find(picks.begin(), picks.end(), "Salem,OR") != picks.end());
    CHECK(found("Salem,OR").region_code == "OR");
    CHECK(found("Salem,US-OR").region_code == "OR");  // ISO 3166-2
    CHECK(found("Salem,us-ma").region_code == "MA");
    CHECK(found("Victoria,CA-BC").country == "CA");
    CHECK(found("Sydney,AU-NSW").region_name == "New South Wales");  // by the postal abbreviation
    CHECK(found("London,GB-ENG").country == "GB");
    CHECK(match_city(query("Paris,FR-IDF")).kind == CityMatch::Kind::not_found);  // GeoNames: 11

    auto victoria = find_city(query("Victoria"));
    REQUIRE_FALSE(victoria);
    CHECK(victoria.error().kind == ErrorKind::ambiguous_place);
    // The example pick is Victoria, BC's, not Hong Kong's: the place typed.
    CHECK_THAT(victoria.error().message, Catch::Contains("such as Victoria,CA"));
    CHECK(found("Victoria,CA").region_code == "02");
}

TEST_CASE("a city's region is its own, from the dump the region names come from", "[places]") {
    // cities1000 carried Vietnam's codes from before the 2025 provinces; the region names are
    // after it: "Ho Chi Minh City, Lạng Sơn Province", "Hanoi, Quang Tri", "Da Nang, 78".
    CHECK(city_label(found("Ho Chi Minh City")) == "Ho Chi Minh City, Ho Chi Minh City (HCMC), VN");
    CHECK(city_label(found("Hanoi")) == "Hanoi, Hanoi, VN");
    CHECK(city_label(found("Da Nang")) == "Da Nang, Da Nang City, VN");
    // Norway's counties split again in 2024: Tromsø is in Troms, Vardø in Finnmark.
    CHECK(found("Tromso").region_name == "Troms");
    CHECK(found("Vardø,NO").region_name == "Finnmark");
    for (const auto* name : {"Ho Chi Minh City", "Hanoi", "Da Nang", "Haiphong", "Can Tho", "Hue"}) {
        INFO(name);
        CHECK_FALSE(found(name).region_name.empty());
    }
}

TEST_CASE("the ambiguity rule: one clear candidate, else the most populous listed", "[places]") {
    // Paris, FR has 86 times the inhabitants of Paris, TX: clearly the one meant.
    CHECK(found("Paris").country == "FR");
    CHECK(found("London").country == "GB");

    auto portland = match_city(query("Portland"));
    REQUIRE(portland.kind == CityMatch::Kind::ambiguous);
    REQUIRE(portland.candidates.size() >= 2);
    CHECK(portland.candidates[0].region_code == "OR");
    CHECK(portland.candidates[1].region_code == "ME");
    // Oregon's has fewer than k_clear_margin times Maine's inhabitants: that is why.
    CHECK(portland.candidates[0].population < k_clear_margin * portland.candidates[1].population);

    auto springfield = match_city(query("Springfield"), 4);
    REQUIRE(springfield.kind == CityMatch::Kind::ambiguous);
    CHECK(springfield.candidate_count > 10);
    REQUIRE(springfield.candidates.size() == 4);
    for (std::size_t i = 1; i < springfield.candidates.size(); ++i) {
        CHECK(springfield.candidates[i - 1].population >= springfield.candidates[i].population);
    }
    CHECK(match_city(query("Springfield,US")).kind == CityMatch::Kind::ambiguous);
}

TEST_CASE("an ambiguous name is an ambiguous_place error listing the candidates and how to pick one",
          "[places]") {
    auto springfield = find_city(query("Springfield"));
    REQUIRE_FALSE(springfield);
    CHECK(springfield.error().kind == ErrorKind::ambiguous_place);
    REQUIRE(springfield.error().choices.size() == 3);
    CHECK(springfield.error().choices.at(0).label == "Springfield, MO, US");
    CHECK(springfield.error().choices.at(0).population == 166810);
    const auto& message = springfield.error().message;
    CHECK_THAT(message,
               Catch::Contains("ambiguous") && Catch::Contains("Springfield, MO, US (pop. 166810)") &&
                   Catch::Contains("Springfield, IL, US") && Catch::Contains("such as Springfield,MO"));
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("every candidate's pick_argument resolves to that very place", "[places]") {
    for (const char* name : {"Springfield", "Portland", "Athens", "San Jose"}) {
        auto match = match_city(query(name), 40);
        REQUIRE(match.kind == CityMatch::Kind::ambiguous);
        for (const auto& city : match.candidates) {
            const auto argument = pick_argument(city);
            INFO(argument);
            auto parsed = parse_place(argument);
            REQUIRE(parsed);
            if (const auto* coordinates = std::get_if<Coordinates>(&*parsed)) {
                // Two places of the name in one region: only their coordinates tell them apart.
                CHECK(coordinates->lat == Approx(city.lat).margin(1e-9));
                CHECK(coordinates->lon == Approx(city.lon).margin(1e-9));
                continue;
            }
            auto picked = match_city(std::get<CityQuery>(*parsed));
            REQUIRE(picked.kind == CityMatch::Kind::found);
            CHECK(picked.city->geonames_id == city.geonames_id);
        }
    }
    CHECK(pick_argument(found("Springfield,IL")) == "Springfield,IL");
    // London,CA is Canada's or California's (London, CA, US, a village): the country by its name.
    CHECK(pick_argument(found("London,Ontario")) == "London,Canada");
    CHECK(match_city(query("London,CA")).kind == CityMatch::Kind::ambiguous);
}

TEST_CASE("a misspelling gets a did you mean from the same table", "[places]") {
    auto londno = match_city(query("Londno"));
    REQUIRE(londno.kind == CityMatch::Kind::not_found);
    REQUIRE_FALSE(londno.suggestions.empty());
    CHECK(londno.suggestions[0].name == "London");
    CHECK(londno.suggestions[0].country == "GB");

    auto error = find_city(query("Springfeld"));
    REQUIRE_FALSE(error);
    CHECK(error.error().kind == ErrorKind::not_found);
    CHECK_THAT(error.error().message, Catch::Contains("did you mean Springfield, MO, US"));

    CHECK(match_city(query("Pairs")).suggestions.at(0).name == "Paris");   // two letters swapped
    CHECK(match_city(query("Pariss")).suggestions.at(0).name == "Paris");  // one too many
    CHECK(match_city(query("Tokio")).kind == CityMatch::Kind::found);      // an alternate name
}

TEST_CASE("a name that exists elsewhere than the region/country given suggests where", "[places]") {
    auto match = match_city(query("Paris,DE"));
    REQUIRE(match.kind == CityMatch::Kind::not_found);
    REQUIRE_FALSE(match.suggestions.empty());
    CHECK(match.suggestions[0].country == "FR");
    auto error = find_city(query("Paris,DE"));
    REQUIRE_FALSE(error);
    CHECK_THAT(error.error().message, Catch::Contains("no place named Paris in DE") &&
                                          Catch::Contains("did you mean Paris, Île-de-France, FR"));
}

TEST_CASE("a name nothing resembles is not found, with advice", "[places]") {
    auto error = find_city(query("Qqqqxz"));
    REQUIRE_FALSE(error);
    CHECK(error.error().kind == ErrorKind::not_found);
    CHECK_THAT(error.error().message, Catch::Contains("check the spelling"));
}

TEST_CASE("a region or country typed without its comma is pointed at the comma", "[places]") {
    for (const auto& [typed, reading] :
         {std::pair{"Springfield IL", "Springfield,IL"}, std::pair{"Paris TX", "Paris,TX"},
          std::pair{"London Ontario", "London,Ontario"}}) {
        auto error = find_city(query(typed));
        INFO(typed);
        REQUIRE_FALSE(error);
        CHECK(error.error().kind == ErrorKind::not_found);
        CHECK_THAT(error.error().message, Catch::Contains(std::string("did you mean \"") + reading +
                                                          "\"? (a region or country goes after a comma)"));
    }
    // A name of two words that is a place stays that place; one that reads as nothing keeps its advice.
    CHECK(find_city(query("New York")));
    CHECK_THAT(find_city(query("Qqqqxz Zzyzx")).error().message, Catch::Contains("check the spelling"));
}

TEST_CASE("a name in another script than Latin is told the table's names are in Latin letters", "[places]") {
    for (const char* name : {"東京", "Москва", "Αθήνα", "القاهرة", "서울"}) {
        auto error = find_city(query(name));
        INFO(name);
        REQUIRE_FALSE(error);
        CHECK(error.error().kind == ErrorKind::not_found);
        CHECK_THAT(error.error().message, Catch::Contains("names in Latin letters"));
    }
    // Latin letters with marks are Latin: a typo among them keeps the usual advice.
    CHECK_THAT(find_city(query("Qqqqxzō")).error().message, Catch::Contains("check the spelling"));
}

TEST_CASE("parse_city_query splits name, region and country", "[places]") {
    CHECK(query("Paris") == CityQuery{"Paris", "", "", false});
    CHECK(query(" Paris , fr ") == CityQuery{"Paris", "fr", "FR", true});
    CHECK(query("Paris,Texas") == CityQuery{"Paris", "Texas", "", false});
    CHECK(query("Paris,TX") == CityQuery{"Paris", "TX", "", false});  // TX is no country
    CHECK(query("London, UK") == CityQuery{"London", "UK", "GB", true});
    CHECK(query("Paris, IL, USA") == CityQuery{"Paris", "IL", "US", false});
    CHECK(query("Springfield, IL, us") == CityQuery{"Springfield", "IL", "US", false});
    auto with_default = parse_city_query("Paris,TX", "us");
    REQUIRE(with_default);
    CHECK(*with_default == CityQuery{"Paris", "TX", "US", false});
    auto narrowed = parse_city_query("Paris", "us");
    REQUIRE(narrowed);
    auto in_us = match_city(*narrowed);  // Paris, TX and Paris, TN are close in size
    REQUIRE(in_us.kind == CityMatch::Kind::ambiguous);
    for (const auto& city : in_us.candidates) CHECK(city.country == "US");
}

TEST_CASE("parse_city_query rejects what cannot be a city", "[places]") {
    for (const char* text :
         {"", " , ", "Paris,", ",FR", "a,b,c,d", "Paris,IL,Atlantis", "Paris,IL,ZZ", "---"}) {
        auto parsed = parse_city_query(text);
        INFO(text);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::invalid_input);
    }
    CHECK_FALSE(parse_city_query("Paris", "xx"));
}

TEST_CASE("the table credits GeoNames and holds its ~135,000 places", "[places]") {
    CHECK_THAT(std::string(places_attribution()),
               Catch::Contains("GeoNames") && Catch::Contains("CC BY 4.0"));
    CHECK(places_size() == 135233);
}

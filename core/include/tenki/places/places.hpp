#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

// City names resolved offline, from GeoNames' cities of at least 1,000 inhabitants compiled into
// tenki (core/src/places/SOURCE.md). Matching ignores case, accents and punctuation.
namespace tenki {

// One place of the table. The views point into static data and stay valid for the whole run.
struct City {
    std::uint32_t geonames_id = 0;  // GeoNames id, which is also OpenWeatherMap's city id
    std::string_view name;          // "São Paulo": UTF-8, as GeoNames writes it
    std::string ascii_name;         // "Sao Paulo": GeoNames' ASCII name
    std::string_view country;       // "BR": ISO 3166-1 alpha-2, upper-case
    // GeoNames' first-level region (admin1) code: the state for the US ("TX"), GeoNames' own code
    // elsewhere ("ENG" for England, "11" for Île-de-France, "08" for Ontario); "" when none.
    std::string_view region_code;
    std::string_view region_name;  // "Texas", "England"; "" where GeoNames names none
    double lat = 0;                // degrees north, WGS84 (5 decimals)
    double lon = 0;                // degrees east
    std::uint32_t population = 0;  // inhabitants; 0 where GeoNames does not know
    // IANA time zone, GeoNames' `timezone` column ("Europe/Paris"); "" where GeoNames gives none.
    std::string_view time_zone;
};

// A city name with what narrows it, as typed: "Springfield, IL, US" is
// {"Springfield", "IL", "US"}.
struct CityQuery {
    std::string name;
    // "" or a region: its admin1 code or its name ("IL", "Illinois", "ENG", "England"); for
    // Canada and Australia also its postal abbreviation ("ON", "NSW"), which GeoNames codes by number.
    std::string region;
    // "" or an ISO 3166-1 alpha-2 code, upper-case.
    std::string country;
    // A single qualifier that names a country may also name a region ("Paris,CA": Canada or
    // California; "Athens, Georgia"): then region holds it as typed, country the country's code,
    // and a place matching either is a candidate.
    bool region_or_country = false;
    friend bool operator==(const CityQuery&, const CityQuery&) = default;
};

// "Name", "Name,Q" or "Name,Region,Country" (spaces around commas ignored). A country is its
// ISO 3166-1 alpha-2 code or its English name or short form ("FR", "France", "USA", "UK"). Q is a
// region, or a region or a country when it names a country, or an ISO 3166-2 subdivision code
// ("Salem,US-OR": region OR of country US). default_country ("" for none; what
// `--country` gave) narrows a name given without a country; a country after a comma wins.
// invalid_input for an empty name or part, more than two commas, or a country that no place in
// the table has.
Result<CityQuery> parse_city_query(std::string_view text, std::string_view default_country = "");

// The ambiguity rule. The candidates are the places whose name or ASCII name folds to the
// query's name, in the query's region/country. A place's own name outranks an alternate name (a
// former or foreign name: "New York" for New York City, "Cologne" for Köln, "Victoria" for Hong
// Kong; kept for places of 150,000 or more): places known by it answer where no place has the
// name, or where they dwarf villages of the name (below). One candidate is clearly meant when it is the only
// one, or when it has at least k_clear_margin times the inhabitants of the next (Paris, FR over Paris, TX);
// otherwise the query is ambiguous (Springfield; Portland, OR vs Portland, ME; Salem, India vs Salem, OR vs
// Salem, MA). The most populous place known by the name as an alternate joins the list when it is larger than
// every place of the name. With k_clear_margin times their inhabitants it is answered when every place of the
// name is smaller than k_town_population ("Cologne" is Köln, 137 times Cologne, Italy, a village of 7,032),
// and listed first otherwise (also where GeoNames gives a place of the name no population: 0 is unknown, not
// none): a town of the name is meant by someone, and the population cannot tell a foreign name still in use
// (Cologne) from an old one (Canton for Guangzhou, 127 times Canton, MI, 86,825; Batavia for Jakarta).
// "Geneva" lists Genève, CH, then Geneva, IL; "Victoria" lists Hong Kong, Victoria, BC, ... Without a place
// of the name, "Frankfurt" is Frankfurt am Main.
//
// Why 15: with populations as the odds of who is meant, the answer is the one meant at least 15
// times in 16 (94%) against the next; Portland, OR (9.5 times Maine's) and Athens, GR (5.7 times
// Georgia's) stay lists, London (22 times Ontario's) and Paris (86 times Texas') are answered.
inline constexpr double k_clear_margin = 15;
// A town rather than a village: GeoNames' cities15000 threshold, in inhabitants.
inline constexpr std::uint32_t k_town_population = 15000;

struct CityMatch {
    enum class Kind { found, ambiguous, not_found };
    Kind kind = Kind::not_found;
    std::optional<City> city;  // found: the place meant
    // ambiguous: the most populous candidates first, at most max_listed of them (a place listed
    // by an alternate name among them: its name then differs from the query's).
    std::vector<City> candidates;
    std::size_t candidate_count = 0;  // ambiguous: how many candidates in all
    // not_found: "did you mean": places named so elsewhere when a region/country excluded them,
    // else names one edit away (a letter changed, added, dropped or two swapped), most
    // populous first, at most max_listed.
    std::vector<City> suggestions;
    // A single qualifier that names both a country and a US state ("Salem,IN": India, ISO 3166-1,
    // or Indiana, USPS; "Berlin,DE"; "Vienna,VA") is read both ways. Under both, the name is ambiguous
    // (whatever the populations: who means which is the reader's, not the table's) and this says
    // so ("IN is a country, India, and a US state, Indiana"); under one, the place of that
    // reading is answered and this says which was taken ("VA read as the US state Virginia; no Vienna in
    // the country Holy See Vatican City State"). "" for any other query.
    std::string reading;
};

CityMatch match_city(const CityQuery& query, std::size_t max_listed = 5);

// match_city as a result: the city, or an Error whose message is one line a user can act on:
// ambiguous_place for an ambiguous name (the candidates, with region, country and population, and
// an argument that picks one, e.g. "Springfield,IL"; for a qualifier read two ways, the argument
// of each: "Salem,India", "Salem,US-IN"), not_found with a "did you mean". Either lists those
// places in Error::choices too.
Result<City> find_city(const CityQuery& query);

// A city as an error offers it (label, pick_argument, region as city_label shows it, ...).
PlaceChoice place_choice(const City& city);

// How to echo a place: "Springfield, IL, US" (US states by their code), "Paris, Île-de-France, FR"
// (other regions by name, by code where GeoNames names none), "Vaduz, LI" (no region).
std::string city_label(const City& city);
// The region as city_label shows it: "IL", "Île-de-France", "" for none.
std::string_view city_region(const City& city);

// An argument that parse_city_query + match_city resolve to exactly this city: "Springfield,IL",
// "Salem,US-IN" (where "Salem,IN" is also India's), "London,GB", "Salem,India", "Paris,11,FR"; its
// coordinates ("39.80172,-89.64371") when no name form does.
std::string pick_argument(const City& city);

// fold_place_name("Saint-Lô") == "saint lo": the key that matching compares.
std::string fold_place_name(std::string_view name);

// The data's licence requires this credit wherever tenki lists what it contains.
std::string_view places_attribution();
std::size_t places_size();

}  // namespace tenki

#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/places/places.hpp"

// The ambiguity rule's parts (places.hpp), shared by match_city and the two readings of a
// qualifier that names a country and a region (readings.cpp).
namespace tenki::places {

// Whether city i is in the query's region and country.
class Filter {
public:
    explicit Filter(const CityQuery& query);
    bool any() const { return !m_query.region.empty() || !m_query.country.empty(); }
    bool operator()(std::size_t city) const;

private:
    CityQuery m_query;
    std::string m_folded_region;
};

// Whether city i's region is the folded region: its code, its name, or (Canada, Australia) its
// postal abbreviation.
bool region_matches(std::size_t city, std::string_view folded_region);

// The US states a folded qualifier names by code or name ("in", "indiana": "Indiana").
std::vector<std::string> us_regions_named(std::string_view folded_region);

void by_population(std::vector<std::size_t>& cities);
std::vector<std::size_t> kept(std::vector<std::size_t> cities, const Filter& filter);

struct Candidates {
    std::vector<std::size_t> named;       // in the filter, by their name or ASCII name
    std::vector<std::size_t> alternates;  // in the filter, by an alternate name only
    std::vector<std::size_t> unfiltered;  // every place of that name, for "did you mean"
    bool empty() const { return named.empty() && alternates.empty(); }
};

// Places named so (folded key), and those of which it is an alternate name (a former or foreign
// name), each most populous first.
Candidates candidates(const std::string& key, const Filter& filter);

// The place answered, or the candidates to list.
struct Ranked {
    std::optional<std::size_t> answer;
    std::vector<std::size_t> listed;
};
Ranked rank(const Candidates& found);

std::vector<City> listed(const std::vector<std::size_t>& cities, std::size_t max);

// The match for a ranking: found, or ambiguous with at most max_listed candidates.
CityMatch matched(const Ranked& ranked, std::size_t max_listed);

// A country's English name as a pick writes it ("India", "Holy See Vatican City State"); the code
// itself when the table names none.
std::string country_display(std::string_view code);

// A query whose one qualifier names a country and a US state ("Salem,IN": India, or Indiana)
// read both ways (readings.cpp): ambiguous when the name is under both, found under one with
// CityMatch::reading saying which; nullopt when the qualifier names no region, or when the name
// is under neither (match_city's not-found path then suggests).
std::optional<CityMatch> match_two_readings(const CityQuery& query, std::size_t max_listed);

}  // namespace tenki::places

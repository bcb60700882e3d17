#include "places/match.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/core.h>

#include "places/city_table.hpp"
#include "places/fold.hpp"
#include "util/ascii.hpp"

namespace tenki::places {
namespace {

// The postal abbreviations of Canada's provinces and Australia's states (Canada Post's, Australia
// Post's; ISO 3166-2's too), which people write and GeoNames codes by number.
struct RegionAbbreviation {
    std::string_view country, code, abbreviation;  // abbreviation folded (lower-case)
};
constexpr RegionAbbreviation k_region_abbreviations[] = {
    {"AU", "01", "act"}, {"AU", "02", "nsw"}, {"AU", "03", "nt"}, {"AU", "04", "qld"}, {"AU", "05", "sa"},
    {"AU", "06", "tas"}, {"AU", "07", "vic"}, {"AU", "08", "wa"}, {"CA", "01", "ab"},  {"CA", "02", "bc"},
    {"CA", "03", "mb"},  {"CA", "04", "nb"},  {"CA", "05", "nl"}, {"CA", "07", "ns"},  {"CA", "08", "on"},
    {"CA", "09", "pe"},  {"CA", "10", "qc"},  {"CA", "11", "sk"}, {"CA", "12", "yt"},  {"CA", "13", "nt"},
    {"CA", "14", "nu"},
};

bool names_region(const Region& region, std::string_view folded_region) {
    if (fold(region.code) == folded_region) return true;
    if (!region.name.empty() && fold(region.name) == folded_region) return true;
    return std::any_of(
        std::begin(k_region_abbreviations), std::end(k_region_abbreviations), [&](const auto& a) {
            return a.country == region.country && a.code == region.code && a.abbreviation == folded_region;
        });
}

// The cities whose key is `key` in table (names and ASCII names, or alternate names), most
// populous first.
void collect(const KeyTable& table, const std::string& key, bool alternates, std::vector<std::size_t>& out) {
    const auto [lo, hi] = key_range(table, key, true, 0, table.size());
    for (std::size_t i = lo; i < hi; ++i) {
        if (table.is_alternate(i) == alternates) out.push_back(table.city(i));
    }
}

bool clearly_first(const std::vector<std::size_t>& cities) {
    if (cities.size() == 1) return true;
    const double first = city_population(cities[0]);
    const double second = city_population(cities[1]);
    return first > 0 && first >= k_clear_margin * second;
}

}  // namespace

Filter::Filter(const CityQuery& query) : m_query(query), m_folded_region(fold(query.region)) {}

bool Filter::operator()(std::size_t city) const {
    const auto country = region_of(city).country;
    if (m_query.region_or_country) return country == m_query.country || region_matches(city, m_folded_region);
    if (!m_query.country.empty() && country != m_query.country) return false;
    return m_query.region.empty() || region_matches(city, m_folded_region);
}

std::vector<std::string> us_regions_named(std::string_view folded_region) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < region_count(); ++i) {
        const auto region = region_at(i);
        if (region.country != "US" || !names_region(region, folded_region)) continue;
        out.emplace_back(region.name.empty() ? region.code : region.name);
    }
    return out;
}

bool region_matches(std::size_t city, std::string_view folded_region) {
    return names_region(region_of(city), folded_region);
}

void by_population(std::vector<std::size_t>& cities) {
    std::sort(cities.begin(), cities.end(), [](std::size_t a, std::size_t b) {
        const auto pa = city_population(a), pb = city_population(b);
        return pa != pb ? pa > pb : a < b;
    });
    cities.erase(std::unique(cities.begin(), cities.end()), cities.end());
}

std::vector<std::size_t> kept(std::vector<std::size_t> cities, const Filter& filter) {
    std::erase_if(cities, [&](std::size_t city) { return !filter(city); });
    return cities;
}

// Places named so, and those of which it is an alternate name (a former or foreign name), each
// most populous first.
Candidates candidates(const std::string& key, const Filter& filter) {
    std::vector<std::size_t> names, alternates;
    collect(k_name_keys, key, false, names);
    collect(k_alias_keys, key, false, names);
    collect(k_alias_keys, key, true, alternates);
    by_population(names);
    by_population(alternates);
    std::erase_if(alternates,
                  [&](std::size_t city) { return std::count(names.begin(), names.end(), city) > 0; });
    Candidates out{kept(names, filter), kept(alternates, filter), names};
    if (out.unfiltered.empty()) out.unfiltered = alternates;
    return out;
}

Ranked rank(const Candidates& found) {
    if (found.named.empty()) {
        if (clearly_first(found.alternates)) return {found.alternates.front(), {}};
        return {std::nullopt, found.alternates};
    }
    const double named_first = city_population(found.named.front());
    // The most populous match by another name joins the list when it outnumbers every place of
    // the name. With k_clear_margin times their inhabitants it answers where the places of the
    // name are villages of a known population (Köln for "Cologne"), else the name is ambiguous.
    std::optional<std::size_t> larger;
    if (!found.alternates.empty() && city_population(found.alternates.front()) > named_first) {
        larger = found.alternates.front();
    }
    const bool dwarfed = larger && city_population(*larger) >= k_clear_margin * named_first;
    if (dwarfed && named_first > 0 && named_first < k_town_population) return {*larger, {}};
    if (clearly_first(found.named) && !dwarfed) return {found.named.front(), {}};
    Ranked ranked{std::nullopt, found.named};
    if (larger) ranked.listed.insert(ranked.listed.begin(), *larger);
    return ranked;
}

std::vector<City> listed(const std::vector<std::size_t>& cities, std::size_t max) {
    std::vector<City> out;
    for (std::size_t i = 0; i < cities.size() && i < max; ++i) out.push_back(city_at(cities[i]));
    return out;
}

CityMatch matched(const Ranked& ranked, std::size_t max_listed) {
    CityMatch match;
    if (ranked.answer) {
        match.kind = CityMatch::Kind::found;
        match.city = city_at(*ranked.answer);
    } else {
        match.kind = CityMatch::Kind::ambiguous;
        match.candidates = listed(ranked.listed, max_listed);
        match.candidate_count = ranked.listed.size();
    }
    return match;
}

std::string country_display(std::string_view code) {
    std::string name(country_name(code));
    if (name.empty()) return std::string(code);
    for (std::size_t i = 0; i < name.size(); ++i)
        if (i == 0 || name[i - 1] == ' ') name[i] = util::to_upper(name[i]);
    return name;
}

}  // namespace tenki::places

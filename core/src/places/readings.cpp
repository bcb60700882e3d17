#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "places/city_table.hpp"
#include "places/fold.hpp"
#include "places/match.hpp"
#include "util/ascii.hpp"

// "Salem,IN": IN is India (ISO 3166-1) and Indiana (USPS, ISO 3166-2 US-IN). Only US states are
// read so: a US reader writes the state's code after a city, as the USPS does; GeoNames' codes of
// other countries' regions (FR is also Fribourg, CH) are nobody's habit, and "Paris,FR" stays
// France's without a word. A reader in the US
// means the state, one in India the country; the population of the places cannot tell which,
// so a name under both readings is listed, and a name under one is answered with a word on
// which reading was taken.
namespace tenki::places {
namespace {

std::vector<std::size_t> reading_shown(const Ranked& ranked) {
    return ranked.answer ? std::vector<std::size_t>{*ranked.answer} : ranked.listed;
}

}  // namespace

std::optional<CityMatch> match_two_readings(const CityQuery& query, std::size_t max_listed) {
    if (!query.region_or_country) return std::nullopt;
    const auto folded = fold(query.region);
    const auto regions = us_regions_named(folded);
    if (regions.empty()) return std::nullopt;
    const auto key = fold(query.name);
    const auto as_country = candidates(key, Filter(CityQuery{query.name, "", query.country, false}));
    const auto as_region = candidates(key, Filter(CityQuery{query.name, query.region, "US", false}));
    if (as_country.empty() && as_region.empty()) return std::nullopt;
    const auto qualifier = util::printable(query.region);
    const auto country = country_display(query.country);
    const auto name = util::printable(query.name);
    const auto state = regions.front();
    if (as_country.empty() || as_region.empty()) {
        const bool by_country = !as_country.empty();
        auto match = matched(rank(by_country ? as_country : as_region), max_listed);
        match.reading = by_country ? fmt::format("{} read as the country {}; no {} in the US state {}",
                                                 qualifier, country, name, state)
                                   : fmt::format("{} read as the US state {}; no {} in the country {}",
                                                 qualifier, state, name, country);
        return match;
    }
    auto in_country = reading_shown(rank(as_country));
    auto in_region = reading_shown(rank(as_region));
    CityMatch match;
    match.kind = CityMatch::Kind::ambiguous;
    match.candidate_count = in_country.size() + in_region.size();
    // One of each reading at least, whatever max_listed.
    const auto half = std::max<std::size_t>(1, max_listed / 2);
    auto first = listed(in_country, std::max<std::size_t>(1, max_listed - std::min(half, in_region.size())));
    auto second = listed(in_region, std::max<std::size_t>(1, max_listed - first.size()));
    match.reading = fmt::format("{} is a country, {}, and a US state, {}", qualifier, country, state);
    match.candidates = std::move(first);
    match.candidates.insert(match.candidates.end(), second.begin(), second.end());
    return match;
}

}  // namespace tenki::places

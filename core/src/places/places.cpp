#include "tenki/places/places.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "places/city_table.hpp"
#include "places/fold.hpp"
#include "places/places_data.hpp"
#include "places/suggest.hpp"
#include "util/ascii.hpp"

namespace tenki {
namespace {

using places::KeyTable;

std::string in_quotes(std::string_view text) { return fmt::format("\"{}\"", util::printable(text)); }

bool is_two_letters(std::string_view text) {
    return text.size() == 2 && util::is_letter(text[0]) && util::is_letter(text[1]);
}

// "FR" for "fr", "France" or "france"; "GB" for "UK"; "" for what is no country tenki knows.
std::string country_code(std::string_view text) {
    if (is_two_letters(text) && places::known_country(util::upper(text))) return util::upper(text);
    return std::string(places::country_named(places::fold(text)));
}

// An ISO 3166-2 subdivision code, "US-OR" or "CA-BC": {"US", "OR"}, when the country is known.
std::optional<std::pair<std::string, std::string>> iso_subdivision(std::string_view text) {
    const auto dash = text.find('-');
    if (dash != 2 || text.size() < 4 || text.size() > 6 || !is_two_letters(text.substr(0, 2)))
        return std::nullopt;
    const auto code = text.substr(3);
    if (!std::all_of(code.begin(), code.end(),
                     [](char c) { return util::is_letter(c) || util::is_digit(c); }))
        return std::nullopt;
    auto country = util::upper(text.substr(0, 2));
    if (!places::known_country(country)) return std::nullopt;
    return std::pair(std::move(country), std::string(code));
}

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

bool region_matches(std::size_t city, std::string_view folded_region) {
    const auto region = places::region_of(city);
    if (places::fold(region.code) == folded_region) return true;
    if (!region.name.empty() && places::fold(region.name) == folded_region) return true;
    return std::any_of(
        std::begin(k_region_abbreviations), std::end(k_region_abbreviations), [&](const auto& a) {
            return a.country == region.country && a.code == region.code && a.abbreviation == folded_region;
        });
}

// Whether city i is in the query's region and country.
class Filter {
public:
    explicit Filter(const CityQuery& query) : m_query(query), m_folded_region(places::fold(query.region)) {}

    bool any() const { return !m_query.region.empty() || !m_query.country.empty(); }

    bool operator()(std::size_t city) const {
        const auto country = places::region_of(city).country;
        if (m_query.region_or_country) {
            return country == m_query.country || region_matches(city, m_folded_region);
        }
        if (!m_query.country.empty() && country != m_query.country) return false;
        return m_query.region.empty() || region_matches(city, m_folded_region);
    }

private:
    const CityQuery& m_query;
    std::string m_folded_region;
};

// The cities whose key is `key` in table (names and ASCII names, or alternate names), most
// populous first.
void collect(const KeyTable& table, const std::string& key, bool alternates, std::vector<std::size_t>& out) {
    const auto [lo, hi] = places::key_range(table, key, true, 0, table.size());
    for (std::size_t i = lo; i < hi; ++i) {
        if (table.is_alternate(i) == alternates) out.push_back(table.city(i));
    }
}

void by_population(std::vector<std::size_t>& cities) {
    std::sort(cities.begin(), cities.end(), [](std::size_t a, std::size_t b) {
        const auto pa = places::city_population(a), pb = places::city_population(b);
        return pa != pb ? pa > pb : a < b;
    });
    cities.erase(std::unique(cities.begin(), cities.end()), cities.end());
}

std::vector<std::size_t> kept(std::vector<std::size_t> cities, const Filter& filter) {
    std::erase_if(cities, [&](std::size_t city) { return !filter(city); });
    return cities;
}

struct Candidates {
    std::vector<std::size_t> named;       // in the filter, by their name or ASCII name
    std::vector<std::size_t> alternates;  // in the filter, by an alternate name only
    std::vector<std::size_t> unfiltered;  // every place of that name, for "did you mean"
};

// Places named so, and those of which it is an alternate name (a former or foreign name), each
// most populous first.
Candidates candidates(const std::string& key, const Filter& filter) {
    std::vector<std::size_t> names, alternates;
    collect(places::k_name_keys, key, false, names);
    collect(places::k_alias_keys, key, false, names);
    collect(places::k_alias_keys, key, true, alternates);
    by_population(names);
    by_population(alternates);
    std::erase_if(alternates,
                  [&](std::size_t city) { return std::count(names.begin(), names.end(), city) > 0; });
    Candidates out{kept(names, filter), kept(alternates, filter), names};
    if (out.unfiltered.empty()) out.unfiltered = alternates;
    return out;
}

bool clearly_first(const std::vector<std::size_t>& cities) {
    if (cities.size() == 1) return true;
    const double first = places::city_population(cities[0]);
    const double second = places::city_population(cities[1]);
    return first > 0 && first >= k_clear_margin * second;
}

// The ambiguity rule (places.hpp): the place answered, or the candidates to list.
struct Ranked {
    std::optional<std::size_t> answer;
    std::vector<std::size_t> listed;
};

Ranked rank(const Candidates& found) {
    if (found.named.empty()) {
        if (clearly_first(found.alternates)) return {found.alternates.front(), {}};
        return {std::nullopt, found.alternates};
    }
    const double named_first = places::city_population(found.named.front());
    // The most populous match by another name joins the list when it outnumbers every place of
    // the name. With k_clear_margin times their inhabitants it answers where the places of the
    // name are villages of a known population (Köln for "Cologne"), else the name is ambiguous.
    std::optional<std::size_t> larger;
    if (!found.alternates.empty() && places::city_population(found.alternates.front()) > named_first) {
        larger = found.alternates.front();
    }
    const bool dwarfed = larger && places::city_population(*larger) >= k_clear_margin * named_first;
    if (dwarfed && named_first > 0 && named_first < k_town_population) return {*larger, {}};
    if (clearly_first(found.named) && !dwarfed) return {found.named.front(), {}};
    Ranked ranked{std::nullopt, found.named};
    if (larger) ranked.listed.insert(ranked.listed.begin(), *larger);
    return ranked;
}

// The candidate a pick is shown for: the first known by the name as typed ("Victoria,CA", not
// Hong Kong's pick for "Victoria"), else the first.
const City& example_candidate(const std::vector<City>& candidates, std::string_view typed) {
    const auto key = places::fold(typed);
    for (const auto& city : candidates)
        if (places::fold(city.name) == key || places::fold(city.ascii_name) == key) return city;
    return candidates.front();
}

std::vector<City> listed(const std::vector<std::size_t>& cities, std::size_t max) {
    std::vector<City> out;
    for (std::size_t i = 0; i < cities.size() && i < max; ++i) out.push_back(places::city_at(cities[i]));
    return out;
}

// "Springfield, MO, US (pop. 166810)"; "Hong Kong, HK (pop. 7012738; also called Victoria)" for
// a place listed by another of its names.
std::string with_population(const City& city, std::string_view typed) {
    const auto key = places::fold(typed);
    const bool by_its_name = places::fold(city.name) == key || places::fold(city.ascii_name) == key;
    const auto also = by_its_name ? std::string() : fmt::format("also called {}", util::printable(typed));
    if (city.population == 0)
        return also.empty() ? city_label(city) : fmt::format("{} ({})", city_label(city), also);
    return fmt::format("{} (pop. {}{}{})", city_label(city), city.population, also.empty() ? "" : "; ", also);
}

}  // namespace

Result<CityQuery> parse_city_query(std::string_view text, std::string_view default_country) {
    std::vector<std::string_view> parts;
    for (std::string_view rest = text;;) {
        const auto comma = rest.find(',');
        parts.push_back(util::trim(rest.substr(0, comma)));
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    if (parts.size() > 3) {
        return fail(ErrorKind::invalid_input,
                    fmt::format("{} has too many commas; write a city as Name, Name,Country or "
                                "Name,Region,Country (Springfield,IL,US)",
                                in_quotes(text)));
    }
    if (std::any_of(parts.begin(), parts.end(), [](std::string_view p) { return p.empty(); }) ||
        places::fold(parts[0]).empty()) {
        return fail(ErrorKind::invalid_input,
                    fmt::format("{} has an empty part; write a city as Name, Name,Country or "
                                "Name,Region,Country (Springfield,IL,US)",
                                in_quotes(text)));
    }
    CityQuery query{std::string(parts[0]), "", "", false};
    const auto given_country = parts.size() == 3 ? parts[2] : util::trim(default_country);
    if (!given_country.empty()) {
        query.country = country_code(given_country);
        if (query.country.empty()) {
            return fail(ErrorKind::invalid_input,
                        fmt::format("{} is not a country tenki knows; use its ISO 3166 code (US, GB, JP) or "
                                    "its English name",
                                    in_quotes(given_country)));
        }
    }
    if (parts.size() >= 2) query.region = parts[1];
    if (auto subdivision = iso_subdivision(parts.size() == 2 ? parts[1] : "");
        subdivision && query.country.empty()) {
        query.country = subdivision->first;
        query.region = subdivision->second;
    } else if (parts.size() == 2 && query.country.empty()) {
        query.country = country_code(parts[1]);
        query.region_or_country = !query.country.empty();
    }
    return query;
}

CityMatch match_city(const CityQuery& query, std::size_t max_listed) {
    const auto key = places::fold(query.name);
    const Filter filter(query);
    const auto found = candidates(key, filter);
    CityMatch match;
    if (found.named.empty() && found.alternates.empty()) {
        match.kind = CityMatch::Kind::not_found;
        if (filter.any() && !found.unfiltered.empty()) {
            match.suggestions = listed(found.unfiltered, max_listed);
        } else {
            auto near = places::near_misses(key);
            by_population(near);
            if (filter.any() && std::any_of(near.begin(), near.end(), filter)) near = kept(near, filter);
            match.suggestions = listed(near, max_listed);
        }
        return match;
    }
    const auto ranked = rank(found);
    if (ranked.answer) {
        match.kind = CityMatch::Kind::found;
        match.city = places::city_at(*ranked.answer);
    } else {
        match.kind = CityMatch::Kind::ambiguous;
        match.candidates = listed(ranked.listed, max_listed);
        match.candidate_count = ranked.listed.size();
    }
    return match;
}

PlaceChoice place_choice(const City& city) {
    return PlaceChoice{city_label(city),
                       pick_argument(city),
                       std::string(city.name),
                       std::string(city_region(city)),
                       std::string(city.country),
                       city.lat,
                       city.lon,
                       city.population,
                       city.geonames_id};
}

Result<City> find_city(const CityQuery& query) {
    auto match = match_city(query, 3);
    const auto where = [&] {
        if (query.region_or_country) return fmt::format(" in {}", query.region);
        if (!query.region.empty() && !query.country.empty())
            return fmt::format(" in {}, {}", query.region, query.country);
        return query.region.empty() && query.country.empty()
                   ? std::string()
                   : fmt::format(" in {}{}", query.region, query.country);
    }();
    const auto name = util::printable(query.name);
    switch (match.kind) {
        case CityMatch::Kind::found: return std::move(*match.city);
        case CityMatch::Kind::ambiguous: {
            std::vector<std::string> listed;
            for (const auto& city : match.candidates) listed.push_back(with_population(city, query.name));
            Error error{ErrorKind::ambiguous_place,
                        fmt::format("{} is ambiguous: {} places{} have that name, the largest {}; name "
                                    "one with its region or country, such as {}",
                                    name, match.candidate_count, where, fmt::join(listed, "; "),
                                    pick_argument(example_candidate(match.candidates, query.name)))};
            for (const auto& city : match.candidates) error.choices.push_back(place_choice(city));
            return tl::unexpected(std::move(error));
        }
        case CityMatch::Kind::not_found: break;
    }
    std::string message = fmt::format("no place named {}{} (tenki knows places of 1,000 inhabitants or more)",
                                      name, util::printable(where));
    if (match.suggestions.empty()) {
        message += "; check the spelling, or give a postal code or coordinates (lat,lon)";
    } else {
        std::vector<std::string> listed;
        for (const auto& city : match.suggestions) listed.push_back(city_label(city));
        message += fmt::format(": did you mean {}?", fmt::join(listed, "; "));
    }
    Error error{ErrorKind::not_found, std::move(message)};
    for (const auto& city : match.suggestions) error.choices.push_back(place_choice(city));
    return tl::unexpected(std::move(error));
}

std::string_view city_region(const City& city) {
    return city.country == "US" || city.region_name.empty() ? city.region_code : city.region_name;
}

std::string city_label(const City& city) {
    const auto region = city_region(city);
    if (region.empty()) return fmt::format("{}, {}", city.name, city.country);
    return fmt::format("{}, {}, {}", city.name, region, city.country);
}

std::string pick_argument(const City& city) {
    std::vector<std::string> forms;
    if (city.country == "US" && !city.region_code.empty()) {
        forms.push_back(fmt::format("{},{}", city.ascii_name, city.region_code));
    }
    forms.push_back(fmt::format("{},{}", city.ascii_name, city.country));
    if (!city.region_code.empty()) {
        forms.push_back(fmt::format("{},{},{}", city.ascii_name, city.region_code, city.country));
    }
    for (const auto& form : forms) {
        auto query = parse_city_query(form);
        if (!query) continue;
        auto match = match_city(*query, 1);
        if (match.kind == CityMatch::Kind::found && match.city->geonames_id == city.geonames_id) return form;
    }
    return fmt::format("{:.5f},{:.5f}", city.lat, city.lon);
}

std::string fold_place_name(std::string_view name) { return places::fold(name); }

std::string_view places_attribution() { return places_data::k_places_attribution; }

std::size_t places_size() { return places::city_count(); }

}  // namespace tenki

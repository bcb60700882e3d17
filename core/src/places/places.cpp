#include "tenki/places/places.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "places/city_table.hpp"
#include "places/fold.hpp"
#include "places/match.hpp"
#include "places/places_data.hpp"
#include "places/suggest.hpp"
#include "util/ascii.hpp"

namespace tenki {
namespace {

std::string in_quotes(std::string_view text) { return fmt::format("\"{}\"", util::printable(text)); }

bool is_two_letters(std::string_view text) {
    return text.size() == 2 && util::is_letter(text[0]) && util::is_letter(text[1]);
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

// The candidate a pick is shown for: the first known by the name as typed ("Victoria,CA", not
// Hong Kong's pick for "Victoria"), else the first.
const City& example_candidate(const std::vector<City>& candidates, std::string_view typed) {
    const auto key = places::fold(typed);
    for (const auto& city : candidates)
        if (places::fold(city.name) == key || places::fold(city.ascii_name) == key) return city;
    return candidates.front();
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

// "Salem,IN is ambiguous: IN is a country, India, and a US state, Indiana; say Salem,India for
// Salem, Tamil Nadu, IN (pop. 778396) or Salem,US-IN for Salem, IN, US (pop. 6319)".
Error two_readings_error(const CityQuery& query, const CityMatch& match) {
    std::vector<std::string> picks;
    for (const auto& city : match.candidates)
        picks.push_back(fmt::format("{} for {}", pick_argument(city), with_population(city, query.name)));
    Error error{ErrorKind::ambiguous_place,
                fmt::format("{},{} is ambiguous: {}; say {}", util::printable(query.name),
                            util::printable(query.region), match.reading, fmt::join(picks, " or "))};
    for (const auto& city : match.candidates) error.choices.push_back(place_choice(city));
    return error;
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
        query.country = places::country_code(given_country);
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
        query.country = places::country_code(parts[1]);
        query.region_or_country = !query.country.empty();
    }
    return query;
}

CityMatch match_city(const CityQuery& query, std::size_t max_listed) {
    if (auto read = places::match_two_readings(query, max_listed)) return std::move(*read);
    const auto key = places::fold(query.name);
    const places::Filter filter(query);
    const auto found = places::candidates(key, filter);
    CityMatch match;
    if (found.named.empty() && found.alternates.empty()) {
        match.kind = CityMatch::Kind::not_found;
        if (filter.any() && !found.unfiltered.empty()) {
            match.suggestions = places::listed(found.unfiltered, max_listed);
        } else {
            auto near = places::near_misses(key);
            places::by_population(near);
            if (filter.any() && std::any_of(near.begin(), near.end(), filter))
                near = places::kept(near, filter);
            match.suggestions = places::listed(near, max_listed);
        }
        return match;
    }
    return places::matched(places::rank(found), max_listed);
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

namespace {

// "Springfield IL", "London Ontario": a name whose last word, after a comma, is a region or
// country that finds a place ("Springfield,IL"); nullopt when it does not (or there is no space).
std::optional<std::string> comma_reading(const CityQuery& query) {
    if (!query.region.empty() || !query.country.empty()) return std::nullopt;
    const auto name = util::trim(query.name);
    const auto space = name.rfind(' ');
    if (space == std::string_view::npos || space == 0) return std::nullopt;
    auto text = fmt::format("{},{}", util::trim(name.substr(0, space)), name.substr(space + 1));
    const auto reading = parse_city_query(text);
    if (!reading || match_city(*reading, 1).kind == CityMatch::Kind::not_found) return std::nullopt;
    return text;
}

// Whether the name has a letter of a script other than Latin (Greek, Cyrillic, Arabic, CJK, Hangul,
// ...): the table knows places by their names in Latin letters, as GeoNames writes them.
bool has_non_latin_letters(std::string_view name) {
    for (std::size_t i = 0; i < name.size();) {
        char32_t cp = 0;
        const auto n = util::utf8_sequence(name, i, cp);
        if (n == 0) return false;
        i += n;
        const bool latin_extended = cp >= 0x1E00 && cp <= 0x1EFF;  // Latin Extended Additional
        const bool punctuation = cp >= 0x2000 && cp <= 0x2BFF;     // general punctuation, symbols
        if (cp >= 0x0370 && !latin_extended && !punctuation) return true;
    }
    return false;
}

// What follows "no place named X": the near names, the comma a region wants, the table's script,
// or the spelling.
std::string not_found_advice(const CityQuery& query, const CityMatch& match) {
    if (!match.suggestions.empty()) {
        std::vector<std::string> listed;
        for (const auto& city : match.suggestions) listed.push_back(city_label(city));
        return fmt::format(": did you mean {}?", fmt::join(listed, "; "));
    }
    if (const auto reading = comma_reading(query))
        return fmt::format(": did you mean \"{}\"? (a region or country goes after a comma)",
                           util::printable(*reading));
    if (has_non_latin_letters(query.name))
        return "; tenki knows places by their names in Latin letters, as GeoNames writes them (Tokyo, "
               "Moscow, "
               "Athina), or give a postal code or coordinates (lat,lon)";
    return "; check the spelling, or give a postal code or coordinates (lat,lon)";
}

}  // namespace

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
            if (!match.reading.empty()) return tl::unexpected(two_readings_error(query, match));
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
    std::string message =
        fmt::format("no place named {}{} (tenki knows places of 1,000 inhabitants or more){}", name,
                    util::printable(where), not_found_advice(query, match));
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
        forms.push_back(fmt::format("{},US-{}", city.ascii_name, city.region_code));
    }
    forms.push_back(fmt::format("{},{}", city.ascii_name, city.country));
    forms.push_back(fmt::format("{},{}", city.ascii_name, places::country_display(city.country)));
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

#include "places/city_table.hpp"

#include <algorithm>

#include "places/fold.hpp"
#include "places/places_data.hpp"
#include "util/ascii.hpp"

namespace tenki::places {
namespace {

using namespace places_data;

constexpr std::uint64_t mask(unsigned bits) { return (std::uint64_t{1} << bits) - 1; }

// Where city i's text starts: "name" or "name\x1fascii name", NUL-terminated. The texts are
// short: a loop beats strlen's call here, the hottest path of every search.
const char* city_text_start(std::size_t i) {
    const char* text = k_city_text + k_city_text_block[i / k_text_block];
    for (std::size_t skip = i % k_text_block; skip > 0; --skip) {
        while (*text != '\0') ++text;
        ++text;
    }
    return text;
}

std::string_view city_text(std::size_t i) { return city_text_start(i); }

std::size_t region_index(std::size_t city) {
    return static_cast<std::size_t>(k_city_where[city] >> (k_lat_bits + k_lon_bits));
}

// zone: 0 for none, else the index into the zone names plus one.
std::string_view city_zone_name(std::size_t zone) {
    if (zone == 0 || zone > k_zone_count) return {};
    return k_zone_text + k_zone_offset[zone - 1];
}

}  // namespace

std::size_t city_count() { return k_city_count; }

std::size_t region_count() { return k_region_count; }

Region region_at(std::size_t i) {
    const char* text = k_region_text + k_region_offset[i];
    const std::string_view country = text;
    const std::string_view code = text + country.size() + 1;
    const std::string_view name = code.data() + code.size() + 1;
    return {country, code, name};
}

std::string_view country_name(std::string_view code) {
    std::string_view longest;
    for (std::size_t i = 0; i < k_country_name_count; ++i) {
        const std::string_view name = k_country_name_text + k_country_name_offset[i];
        if (std::string_view(k_country_name_code + 2 * i, 2) == code && name.size() > longest.size())
            longest = name;
    }
    return longest;
}

std::string_view city_name(std::size_t i) {
    const char* begin = city_text_start(i);
    const char* end = begin;
    while (*end != '\0' && *end != k_ascii_separator) ++end;
    return {begin, static_cast<std::size_t>(end - begin)};
}

std::uint32_t city_population(std::size_t i) {
    return static_cast<std::uint32_t>((k_city_who[i] >> k_id_bits) & mask(k_population_bits));
}

Region region_of(std::size_t city) { return region_at(region_index(city)); }

City city_at(std::size_t i) {
    const auto text = city_text(i);
    const auto separator = text.find(k_ascii_separator);
    const auto where = k_city_where[i];
    const auto lat = static_cast<std::int64_t>(where & mask(k_lat_bits)) - k_lat_bias;
    const auto lon = static_cast<std::int64_t>((where >> k_lat_bits) & mask(k_lon_bits)) - k_lon_bias;
    const auto region = region_of(i);
    City city;
    city.geonames_id = static_cast<std::uint32_t>(k_city_who[i] & mask(k_id_bits));
    city.name = text.substr(0, separator);
    city.ascii_name = separator == std::string_view::npos ? transliterate(city.name)
                                                          : std::string(text.substr(separator + 1));
    city.country = region.country;
    city.region_code = region.code;
    city.region_name = region.name;
    city.lat = static_cast<double>(lat) / 1e5;
    city.lon = static_cast<double>(lon) / 1e5;
    city.population = city_population(i);
    city.time_zone = city_zone_name(
        static_cast<std::size_t>((k_city_who[i] >> (k_id_bits + k_population_bits)) & mask(k_zone_bits)));
    return city;
}

std::string_view zone_country(std::string_view zone) {
    const auto* end = k_zone_offset + k_zone_count;
    const auto* it =
        std::lower_bound(k_zone_offset, end, zone, [](std::uint16_t offset, std::string_view name) {
            return std::string_view(k_zone_text + offset) < name;
        });
    if (it == end || std::string_view(k_zone_text + *it) != zone) return {};
    // The table stores a place's zone as its index + 1. The first place found is enough: 387 of
    // the 397 zones hold places of one country, and in the other 10 the first is of the country
    // with most of the zone's inhabitants. A scan of the whole table (to weigh them) cost 2.8 M
    // instructions, 40% of a cache hit for coordinates.
    const auto wanted = static_cast<std::uint64_t>(it - k_zone_offset) + 1;
    for (std::size_t i = 0; i < k_city_count; ++i)
        if (((k_city_who[i] >> (k_id_bits + k_population_bits)) & mask(k_zone_bits)) == wanted)
            return region_of(i).country;
    return {};
}

bool known_country(std::string_view country) {
    std::size_t lo = 0, hi = k_region_count;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (region_at(mid).country < country) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < k_region_count && region_at(lo).country == country;
}

std::string_view country_named(std::string_view folded_name) {
    const auto* end = k_country_name_offset + k_country_name_count;
    const auto* it =
        std::lower_bound(k_country_name_offset, end, folded_name, [](std::uint32_t offset, auto name) {
            return std::string_view(k_country_name_text + offset) < name;
        });
    if (it == end || std::string_view(k_country_name_text + *it) != folded_name) return {};
    return {k_country_name_code + 2 * (it - k_country_name_offset), 2};
}

std::string country_code(std::string_view text) {
    const bool two_letters = text.size() == 2 && util::is_letter(text[0]) && util::is_letter(text[1]);
    if (two_letters && known_country(util::upper(text))) return util::upper(text);
    return std::string(country_named(fold(text)));
}

std::size_t KeyTable::size() const { return kind == Kind::names ? k_city_count : k_alias_count; }

std::string KeyTable::key(std::size_t i) const {
    return kind == Kind::names ? fold(city_name(i)) : std::string(k_alias_text + k_alias_offset[i]);
}

int KeyTable::compare(std::size_t i, std::string_view key, std::size_t limit) const {
    if (kind == Kind::names) return compare_folded(city_name(i), key, limit);
    const char* entry = k_alias_text + k_alias_offset[i];
    for (std::size_t j = 0; j < limit; ++j) {
        const int a = entry[j] == '\0' ? -1 : static_cast<unsigned char>(entry[j]);
        const int b = j < key.size() ? static_cast<unsigned char>(key[j]) : -1;
        if (a != b) return a < b ? -1 : 1;
        if (a < 0) return 0;
    }
    return 0;
}

std::size_t KeyTable::city(std::size_t i) const {
    return kind == Kind::names ? i : static_cast<std::size_t>(k_alias_city[i] & 0x7FFFFFFFu);
}

bool KeyTable::is_alternate(std::size_t i) const {
    return kind == Kind::aliases && (k_alias_city[i] >> 31) != 0;
}

std::pair<std::size_t, std::size_t> key_range(const KeyTable& table, std::string_view prefix, bool exact,
                                              std::size_t first, std::size_t last) {
    const std::size_t limit = exact ? std::string_view::npos : prefix.size();
    auto partition = [&](std::size_t lo, std::size_t hi, bool or_equal) {
        while (lo < hi) {
            const std::size_t mid = lo + (hi - lo) / 2;
            const int c = table.compare(mid, prefix, limit);
            if (c < 0 || (or_equal && c == 0)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    };
    const std::size_t lo = partition(first, last, false);
    return {lo, partition(lo, last, true)};
}

}  // namespace tenki::places

#pragma once

#include <cstddef>
#include <cstdint>

// The generated city table (places_data.inc, from scripts/gen-places.py), defined in
// places_data.cpp alone: lint tools are told to skip that translation unit. Read only through
// city_table.hpp, which knows the layout below.
namespace tenki::places_data {

extern const char k_places_attribution[];
extern const std::size_t k_city_count;
extern const std::size_t k_alias_count;
extern const std::size_t k_region_count;
extern const std::size_t k_fold_count;
extern const std::size_t k_country_name_count;

// Cities sorted by folded name (bytes, unsigned), then population descending. City i is two words:
//   k_city_where[i]: bits 0-24 latitude + 90 degrees, 25-50 longitude + 180 degrees (both in
//                    1e-5 degrees), 51-62 index into the regions;
//   k_city_who[i]:   bits 0-23 GeoNames id, 24-48 population, 49-58 time zone (0: none, else
//                    zone index + 1).
inline constexpr unsigned k_lat_bits = 25, k_lon_bits = 26, k_region_bits = 12;
inline constexpr unsigned k_id_bits = 24, k_population_bits = 25, k_zone_bits = 10;
inline constexpr std::int64_t k_lat_bias = 9'000'000, k_lon_bias = 18'000'000;
extern const std::uint64_t k_city_where[];
extern const std::uint64_t k_city_who[];
// City i's text is NUL-terminated: its name, or its name, '\x1f' and its ASCII name where those
// differ. k_city_text_block[b] is where city k_text_block * b's text starts (plus one end entry).
inline constexpr std::size_t k_text_block = 8;
inline constexpr char k_ascii_separator = '\x1f';
extern const std::uint32_t k_city_text_block[];
extern const char k_city_text[];

// Extra search keys, sorted: the folded key k_alias_text + k_alias_offset[i] (NUL-terminated)
// finds city k_alias_city[i] & 0x7fffffff; the top bit is set for an alternate name (a former
// or foreign name), clear for an ASCII name that folds differently from the name.
extern const std::uint32_t k_alias_city[];
extern const std::uint32_t k_alias_offset[];
extern const char k_alias_text[];

// Region i: "CC\0code\0name\0" at k_region_text + k_region_offset[i]; sorted by country, code.
extern const std::uint32_t k_region_offset[];
extern const char k_region_text[];

// IANA time zone i (GeoNames' `timezone`, "Europe/Paris"): k_zone_text + k_zone_offset[i],
// NUL-terminated; sorted.
extern const std::size_t k_zone_count;
extern const std::uint16_t k_zone_offset[];
extern const char k_zone_text[];

// Countries by English name, folded and sorted ("united states", "usa"): name i is
// k_country_name_text + k_country_name_offset[i] (NUL-terminated), its ISO 3166-1 alpha-2 code
// k_country_name_code[2 * i, 2 * i + 2).
extern const std::uint32_t k_country_name_offset[];
extern const char k_country_name_text[];
extern const char k_country_name_code[];

// How a non-ASCII code point folds: k_fold_code_point sorted; code point i becomes
// k_fold_text[k_fold_offset[i], k_fold_offset[i + 1]) ("" drops it, " " separates words).
extern const std::uint32_t k_fold_code_point[];
extern const std::uint16_t k_fold_offset[];
extern const char k_fold_text[];

}  // namespace tenki::places_data

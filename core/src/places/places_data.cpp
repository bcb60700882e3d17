#include "places/places_data.hpp"

#include <iterator>

namespace tenki::places_data {

#include "places/places_data.inc"

// The generator's arrays agree with each other and with the layout.
static_assert(std::size(k_city_where) == k_city_count && std::size(k_city_who) == k_city_count);
static_assert(std::size(k_city_text_block) == (k_city_count + k_text_block - 1) / k_text_block + 1);
static_assert(std::size(k_alias_city) == k_alias_count && std::size(k_alias_offset) == k_alias_count);
static_assert(std::size(k_region_offset) == k_region_count);
static_assert(std::size(k_country_name_offset) == k_country_name_count &&
              sizeof(k_country_name_code) - 1 == 2 * k_country_name_count);
static_assert(std::size(k_fold_code_point) == k_fold_count && std::size(k_fold_offset) == k_fold_count + 1);
static_assert(std::size(k_zone_offset) == k_zone_count && k_zone_count < (1U << k_zone_bits) - 1);
static_assert(k_lat_bits + k_lon_bits + k_region_bits <= 64 &&
              k_id_bits + k_population_bits + k_zone_bits <= 64);

}  // namespace tenki::places_data

#include "places/zipdb/zipdb_data.hpp"

#include <iterator>

namespace tenki::zipdb_data {

#include "places/zipdb/zipdb_data.inc"

// The generator's arrays agree with each other.
static_assert(sizeof(k_zip_codes) - 1 == 5 * k_zip_count);
static_assert(std::size(k_zip_lat) == k_zip_count && std::size(k_zip_lon) == k_zip_count);
static_assert(std::size(k_zip_place) == k_zip_count && std::size(k_zip_state) == k_zip_count);

}  // namespace tenki::zipdb_data

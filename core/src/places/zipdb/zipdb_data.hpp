#pragma once

#include <cstddef>
#include <cstdint>

// The generated US ZIP table (zipdb_data.inc), defined in zipdb_data.cpp alone: that translation
// unit holds 200,000 numbers, which lint tools are told to skip (cppcheck takes minutes on it).
namespace tenki::zipdb_data {

extern const char k_zipdb_attribution[];
extern const std::size_t k_zip_count;
// Five characters a code, sorted ascending: code i is k_zip_codes[5 * i, 5 * i + 5).
extern const char k_zip_codes[];
// Latitude and longitude in units of 1e-4 degrees.
extern const std::int32_t k_zip_lat[];
extern const std::int32_t k_zip_lon[];
// Place i's name is k_place_pool[k_place_offsets[i], k_place_offsets[i + 1]).
extern const std::uint16_t k_zip_place[];
extern const std::uint32_t k_place_offsets[];
extern const char k_place_pool[];
// Index into k_states ("CA"; "" where the source has no state).
extern const std::uint8_t k_zip_state[];
extern const char k_states[][3];

}  // namespace tenki::zipdb_data

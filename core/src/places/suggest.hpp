#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace tenki::places {

// The cities (indices into the table) with a name, ASCII name or alternate name one edit away
// from the folded key (a byte changed, added or dropped, or two adjacent bytes swapped; the first
// byte only dropped or swapped), in no particular order, possibly repeated. Binary searches of
// the sorted keys, narrowed prefix by prefix, rather than a scan of the whole table.
std::vector<std::size_t> near_misses(std::string_view key);

// Damerau-Levenshtein (optimal string alignment) distance between a and b is at most 1.
bool within_one_edit(std::string_view a, std::string_view b);

}  // namespace tenki::places

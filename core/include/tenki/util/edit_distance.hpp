#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tenki {

// The optimal-string-alignment distance between a and b: the fewest single-byte insertions,
// deletions, substitutions and swaps of two adjacent bytes that turn a into b (Damerau's
// edits, each substring edited at most once). Bytes, not characters: meant for ASCII words.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidates near word, nearest first (ties keep the candidates' order), at most max of
// them: those within one edit per three letters of word (at least one), and those word begins
// (two letters or more), as git's "did you mean" does for its commands.
std::vector<std::string> nearest_words(std::string_view word, const std::vector<std::string>& candidates,
                                       std::size_t max = 3);

}  // namespace tenki

#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Folding place names so that matching ignores case and accents. The one definition is
// scripts/gen-places.py (transliterate, fold_ascii); its table of code points is in the generated
// data, so a name folds here exactly as the generator folded it to sort the table.
namespace tenki::places {

// "São Paulo" -> "Sao Paulo": each non-ASCII code point the table knows becomes its ASCII text;
// others (and bytes that are not UTF-8) are kept.
std::string transliterate(std::string_view utf8);

// Yields the folded bytes of a name one at a time, without allocating: "Saint-Lô" gives
// "saint lo". For binary searches that compare a stored name with a folded key.
class FoldCursor {
public:
    explicit FoldCursor(std::string_view utf8) : m_rest(utf8) {}
    // The next folded byte (0-255), or -1 at the end.
    int next();

private:
    // The next transliterated byte, or -1.
    int next_raw();

    std::string_view m_rest;
    std::string_view m_replacement;
    bool m_started = false;
    bool m_pending_space = false;
    int m_held = -1;
};

std::string fold(std::string_view utf8);

// Lexicographic comparison (bytes unsigned) of fold(name)'s first `limit` bytes with key's first
// `limit` bytes: <0, 0, >0. With limit = npos, of the whole strings.
int compare_folded(std::string_view name, std::string_view key, std::size_t limit = std::string_view::npos);

}  // namespace tenki::places

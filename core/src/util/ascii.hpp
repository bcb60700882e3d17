#pragma once

#include "tenki/util/printable.hpp"

#include <string>
#include <string_view>

// Locale-free character helpers: <cctype> depends on the C locale and is undefined for
// negative chars, and tenki's inputs are bytes from argv, query strings and upstream JSON.
namespace tenki::util {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
constexpr char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }
// Equal but for the case of ASCII letters.
constexpr bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (to_lower(a[i]) != to_lower(b[i])) return false;
    return true;
}

// Not empty, and nothing but the digits 0-9.
constexpr bool all_digits(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text)
        if (!is_digit(c)) return false;
    return true;
}

std::string_view trim(std::string_view text);

// The length of the UTF-8 sequence starting at text[i] and its code point; 0 when the bytes
// there are not well-formed UTF-8 (a stray byte, an overlong form, a surrogate).
std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code_point);
std::string lower(std::string_view text);
std::string upper(std::string_view text);

// Text from elsewhere (the upstream's place names) as it may be shown: C0 and C1 controls
// (so any terminal escape sequence), bidirectional overrides, embeddings and isolates
// (U+202A-U+202E, U+2066-U+2069), directional marks, line separators and bytes that are not
// UTF-8 removed; every other character kept.
std::string without_controls(std::string_view text);

// printable(): tenki/util/printable.hpp, included above (the CLI quotes with it too).

}  // namespace tenki::util

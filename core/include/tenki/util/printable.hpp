#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tenki::util {

// Text fit to quote in a one-line message: the bytes of C0 and C1 controls, DEL, the characters
// without_controls() removes (bidirectional overrides, marks, line separators) and bytes that are
// not UTF-8 become \xNN; every other character is kept ("☀ Paris" stays). Anything past
// `max_length` bytes is cut, at a character's boundary, and marked with "...".
std::string printable(std::string_view text, std::size_t max_length = 80);

}  // namespace tenki::util

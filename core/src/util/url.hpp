#pragma once

#include <string>
#include <string_view>

namespace tenki::util {

// RFC 3986's unreserved characters: ASCII letters, digits, "-", ".", "_" and "~".
bool is_unreserved(char c);

// Percent-encodes everything but RFC 3986's unreserved characters (letters, digits, "-._~"),
// so a space is "%20", never "+". Hex digits are upper-case.
std::string url_encode(std::string_view text);

}  // namespace tenki::util

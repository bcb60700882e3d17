// redact() of tenki/providers/api_key.hpp: the key in every spelling an upstream may echo it.
#include <algorithm>
#include <string>
#include <vector>

#include "tenki/providers/api_key.hpp"
#include "util/ascii.hpp"
#include "util/url.hpp"

namespace tenki {

namespace {

constexpr std::string_view k_redacted_text = "REDACTED";

bool starts_with_appid_at(std::string_view text, std::size_t at) {
    constexpr std::string_view k_appid = "appid=";
    if (text.size() - at < k_appid.size()) return false;
    for (std::size_t i = 0; i < k_appid.size(); ++i)
        if (util::to_lower(text[at + i]) != k_appid[i]) return false;
    return true;
}

// A character of an appid value as a URL carries it: RFC 3986's unreserved characters, and '%'
// and '+' of its encodings. Whatever follows the value in an upstream's message (")", ";", ",", a
// quote, a space) ends it and is kept.
bool in_appid_value(char c) { return util::is_unreserved(c) || c == '%' || c == '+'; }

int redact_hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The number `digits` hex digits (either case) at `at` spell, or -1.
long redact_hex_at(std::string_view text, std::size_t at, std::size_t digits) {
    if (at + digits > text.size()) return -1;
    long value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const int d = redact_hex_digit(text[at + i]);
        if (d < 0) return -1;
        value = value * 16 + d;
    }
    return value;
}

// The lengths of the spellings of one byte of the key at text[at]: itself; percent-encoded
// ("%4A", "%4a"), twice ("%254A"); '+' (form encoding), "%2B" and "%252B" for a space; "\x4A" as
// C and Python print a byte, and "\\x4A" as that is quoted in JSON; JSON's "\u004A" and its
// escapes "\/", "\"", "\\".
void byte_spellings(std::string_view text, std::size_t at, unsigned char byte,
                    std::vector<std::size_t>& out) {
    const std::string_view rest = text.substr(at);
    if (rest.empty()) return;
    const auto c = static_cast<char>(byte);
    if (rest[0] == c) out.push_back(1);
    if (byte == ' ' && rest[0] == '+') out.push_back(1);
    if (rest[0] == '%') {
        if (redact_hex_at(text, at + 1, 2) == byte) out.push_back(3);
        if (rest.substr(1, 2) == "25" && redact_hex_at(text, at + 3, 2) == byte) out.push_back(5);
        if (byte == ' ' && redact_hex_at(text, at + 1, 2) == '+') out.push_back(3);
        if (byte == ' ' && rest.substr(1, 2) == "25" && redact_hex_at(text, at + 3, 2) == '+')
            out.push_back(5);
    }
    if (rest[0] != '\\' || rest.size() < 2) return;
    if (rest[1] == 'x' && redact_hex_at(text, at + 2, 2) == byte) out.push_back(4);
    if (rest.substr(1, 2) == "\\x" && redact_hex_at(text, at + 3, 2) == byte) out.push_back(5);  // in JSON
    if (rest[1] == 'u' && byte < 0x80 && redact_hex_at(text, at + 2, 4) == byte) out.push_back(6);
    if ((c == '/' || c == '"' || c == '\\') && rest[1] == c) out.push_back(2);
}

// The length of JSON's \uXXXX spelling (a surrogate pair above U+FFFF) of a code point at text[at], or 0.
std::size_t json_code_point_at(std::string_view text, std::size_t at, char32_t cp) {
    auto unit_at = [&](std::size_t i) {
        return text.substr(i, 2) == "\\u" ? redact_hex_at(text, i + 2, 4) : -1L;
    };
    if (cp < 0x10000) return unit_at(at) == static_cast<long>(cp) ? 6 : 0;
    const long high = 0xD800 + static_cast<long>((cp - 0x10000) >> 10);
    const long low = 0xDC00 + static_cast<long>((cp - 0x10000) & 0x3FF);
    return unit_at(at) == high && unit_at(at + 6) == low ? 12 : 0;
}

// How many bytes of text at `at` spell the whole key, any character in any of its spellings (mixed
// freely, as a partly encoded echo is); 0 if none. reach[k] holds where in text the first k bytes
// of the key can end: every spelling is tried, so "%25" for a '%' is not taken for the '%' itself.
std::size_t key_spelled_at(std::string_view text, std::size_t at, std::string_view key) {
    const char first = text[at];
    if (first != key.front() && first != '+' && first != '%' && first != '\\') return 0;
    std::vector<std::vector<std::size_t>> reach(key.size() + 1);
    reach[0].push_back(at);
    std::vector<std::size_t> lengths;
    for (std::size_t k = 0; k < key.size(); ++k) {
        auto& here = reach[k];
        std::sort(here.begin(), here.end());
        here.erase(std::unique(here.begin(), here.end()), here.end());
        char32_t cp = 0;
        const std::size_t cp_bytes =
            static_cast<unsigned char>(key[k]) >= 0x80 ? util::utf8_sequence(key, k, cp) : 0;
        for (const std::size_t p : here) {
            lengths.clear();
            byte_spellings(text, p, static_cast<unsigned char>(key[k]), lengths);
            for (const std::size_t n : lengths) reach[k + 1].push_back(p + n);
            if (cp_bytes > 0)
                if (const std::size_t n = json_code_point_at(text, p, cp); n > 0)
                    reach[k + cp_bytes].push_back(p + n);
        }
    }
    const auto& whole = reach[key.size()];
    return whole.empty() ? 0 : *std::max_element(whole.begin(), whole.end()) - at;
}

}  // namespace

std::string redact(std::string_view text, std::string_view key) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (starts_with_appid_at(text, i)) {
            out.append(text.substr(i, 6));
            out.append(k_redacted_text);
            i += 6;
            // The key itself first, in any spelling (it may hold characters a value ends at).
            if (!key.empty()) i += key_spelled_at(text, i, key);
            while (i < text.size() && in_appid_value(text[i])) ++i;
        } else if (const std::size_t n = key.empty() ? 0 : key_spelled_at(text, i, key); n > 0) {
            out.append(k_redacted_text);
            i += n;
        } else {
            out.push_back(text[i++]);
        }
    }
    return out;
}

}  // namespace tenki

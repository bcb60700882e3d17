#include "util/ascii.hpp"

#include <fmt/core.h>

namespace tenki::util {

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = to_lower(c);
    return out;
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = to_upper(c);
    return out;
}

std::size_t utf8_sequence(std::string_view text, std::size_t i, char32_t& code_point) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, code_point = lead & 0x1Fu, minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, code_point = lead & 0x0Fu, minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, code_point = lead & 0x07u, minimum = 0x10000;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0u) != 0x80u) return 0;
        code_point = (code_point << 6) | (byte(i + k) & 0x3Fu);
    }
    if (code_point < minimum || code_point > 0x10FFFF || (code_point >= 0xD800 && code_point <= 0xDFFF))
        return 0;
    return length;
}

namespace {

// C0 and C1 controls and DEL (a terminal reads U+009B as CSI), and the invisible marks that
// reorder or break what follows them: bidirectional embeddings, overrides and isolates, the
// directional marks, and the line and paragraph separators.
bool is_hidden_control(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string without_controls(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        char32_t code_point = 0;
        const auto length = utf8_sequence(text, i, code_point);
        if (length == 0) {  // a byte that is not UTF-8 is dropped: a lone 0x9B is CSI too
            ++i;
            continue;
        }
        if (!is_hidden_control(code_point)) out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

std::string printable(std::string_view text, std::size_t max_length) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        char32_t code_point = 0;
        const auto length = utf8_sequence(text, i, code_point);
        const std::size_t taken = length == 0 ? 1 : length;
        if (i + taken > max_length) break;  // never half a character
        const bool shown =
            length > 0 && code_point >= 0x20 && code_point != 0x7F && !is_hidden_control(code_point);
        if (shown) {
            out.append(text.substr(i, length));
        } else {
            for (const char c : text.substr(i, taken))
                out += fmt::format("\\x{:02X}", static_cast<unsigned char>(c));
        }
        i += taken;
    }
    if (i < text.size()) out += "...";
    return out;
}

}  // namespace tenki::util

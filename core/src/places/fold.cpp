#include "places/fold.hpp"

#include <algorithm>
#include <cstdint>

#include "places/places_data.hpp"

namespace tenki::places {
namespace {

using namespace places_data;

// The code point starting text[0], and its length in bytes; {-1, 1} for a byte that does not
// start valid UTF-8 (it is then kept as it is).
struct Decoded {
    std::int32_t code_point;
    std::size_t length;
};

Decoded decode(std::string_view text) {
    const auto lead = static_cast<unsigned char>(text[0]);
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (lead < 0x80 || lead >= 0xF8 || length > text.size()) return {lead < 0x80 ? lead : -1, 1};
    std::int32_t cp = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte & 0xC0) != 0x80) return {-1, 1};
        cp = (cp << 6) | (byte & 0x3F);
    }
    return {cp, length};
}

// The table's ASCII text for a non-ASCII code point, or nullptr-like (data() == nullptr).
std::string_view replacement(std::int32_t cp) {
    const auto* end = k_fold_code_point + k_fold_count;
    const auto* it = std::lower_bound(k_fold_code_point, end, static_cast<std::uint32_t>(cp));
    if (it == end || *it != static_cast<std::uint32_t>(cp)) return {};
    const auto i = static_cast<std::size_t>(it - k_fold_code_point);
    return {k_fold_text + k_fold_offset[i],
            static_cast<std::size_t>(k_fold_offset[i + 1] - k_fold_offset[i])};
}

bool is_ascii_alnum(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string transliterate(std::string_view utf8) {
    std::string out;
    while (!utf8.empty()) {
        const auto [cp, length] = decode(utf8);
        const auto text = cp >= 0x80 ? replacement(cp) : std::string_view{};
        if (text.data() != nullptr) {
            out += text;
        } else {
            out += utf8.substr(0, length);
        }
        utf8.remove_prefix(length);
    }
    return out;
}

int FoldCursor::next_raw() {
    if (!m_replacement.empty()) {
        const auto c = static_cast<unsigned char>(m_replacement.front());
        m_replacement.remove_prefix(1);
        return c;
    }
    while (!m_rest.empty()) {
        const auto lead = static_cast<unsigned char>(m_rest.front());
        if (lead < 0x80) {
            m_rest.remove_prefix(1);
            return lead;
        }
        const auto [cp, length] = decode(m_rest);
        const auto text = cp >= 0x80 ? replacement(cp) : std::string_view{};
        if (text.data() == nullptr) {  // kept as it is: hand out its bytes one at a time
            m_replacement = m_rest.substr(0, length);
            m_rest.remove_prefix(length);
            // A kept byte is >= 0x80, so fold_ascii keeps it too.
            return next_raw();
        }
        m_rest.remove_prefix(length);
        if (!text.empty()) {
            m_replacement = text;
            return next_raw();
        }
    }
    return -1;
}

int FoldCursor::next() {
    if (m_held >= 0) {
        const int c = m_held;
        m_held = -1;
        return c;
    }
    for (int c = next_raw(); c >= 0; c = next_raw()) {
        if (c == '\'' || c == '`') continue;
        if (c < 0x80 && !is_ascii_alnum(c)) {
            m_pending_space = m_started;
            continue;
        }
        const int folded = (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
        m_started = true;
        if (m_pending_space) {
            m_pending_space = false;
            m_held = folded;
            return ' ';
        }
        return folded;
    }
    return -1;
}

std::string fold(std::string_view utf8) {
    std::string out;
    FoldCursor cursor(utf8);
    for (int c = cursor.next(); c >= 0; c = cursor.next()) out += static_cast<char>(c);
    return out;
}

int compare_folded(std::string_view name, std::string_view key, std::size_t limit) {
    FoldCursor cursor(name);
    for (std::size_t i = 0; i < limit; ++i) {
        const int a = cursor.next();
        const int b = i < key.size() ? static_cast<unsigned char>(key[i]) : -1;
        if (a != b) return a < b ? -1 : 1;
        if (a < 0) return 0;
    }
    return 0;
}

}  // namespace tenki::places

#include "util/ascii.hpp"

#include <fmt/format.h>

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

std::string without_controls(std::string_view text) {
    std::string out;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte != 0x7F) out += c;
    }
    return out;
}

std::string printable(std::string_view text, std::size_t max_length) {
    std::string out;
    const bool cut = text.size() > max_length;
    for (char c : text.substr(0, max_length)) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte >= 0x7F) {
            out += fmt::format("\\x{:02X}", byte);
        } else {
            out += c;
        }
    }
    if (cut) out += "...";
    return out;
}

}  // namespace tenki::util

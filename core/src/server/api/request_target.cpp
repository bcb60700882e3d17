#include "tenki/server/api/request_target.hpp"

namespace tenki::server {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// Appends the decoded text to out; false on bad encoding or a control character. Writes in place
// (decoding never lengthens): push_back a character was a cache hit's 4% (callgrind).
bool decode_into(std::string_view text, bool plus_is_space, std::string& out) {
    const std::size_t start = out.size();
    out.resize(start + text.size());
    char* to = out.data() + start;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return false;
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return false;
            c = static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (is_control(static_cast<unsigned char>(c))) return false;
        *to++ = c;
    }
    out.resize(static_cast<std::size_t>(to - out.data()));
    return true;
}

}  // namespace

std::optional<std::string_view> RequestTarget::param(std::string_view name) const {
    for (const auto& [k, v] : query)
        if (k == name) return std::string_view(v);
    return std::nullopt;
}

Result<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    if (!decode_into(text, plus_is_space, out))
        return fail(ErrorKind::invalid_input, "the request has bad percent-encoding or a control character");
    return out;
}

Result<void> parse_request_target(std::string_view target, RequestTarget& out) {
    out.path.clear();
    out.query.clear();
    auto bad = [] {
        return fail(ErrorKind::invalid_input,
                    "the request target has bad percent-encoding or a control character: check the URL");
    };
    if (target.empty() || target.front() != '/')
        return fail(ErrorKind::invalid_input, "the request target must be a path starting with '/'");
    auto question = target.find('?');
    std::string_view path = target.substr(0, question);
    if (auto hash = path.find('#'); hash != std::string_view::npos) path = path.substr(0, hash);
    if (!decode_into(path, false, out.path)) return bad();
    if (question == std::string_view::npos) return {};
    std::string_view query = target.substr(question + 1);
    if (auto hash = query.find('#'); hash != std::string_view::npos) query = query.substr(0, hash);
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto& [key, value] = out.query.emplace_back();
        if (!decode_into(pair.substr(0, eq), true, key)) return bad();
        if (eq != std::string_view::npos && !decode_into(pair.substr(eq + 1), true, value)) return bad();
    }
    return {};
}

Result<RequestTarget> parse_request_target(std::string_view target) {
    RequestTarget out;
    auto ok = parse_request_target(target, out);
    if (!ok) return tl::unexpected(ok.error());
    return out;
}

}  // namespace tenki::server

#include "server/wttr/request.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "server/wttr/terminal.hpp"
#include "tenki/server/api/request_target.hpp"
#include "tenki/server/api/routes.hpp"

namespace tenki::wttr {
namespace {

int wttr_hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// wttr.in's TolerantUnescape, '+' a space; nullopt for a control character.
std::optional<std::string> wttr_tolerant_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size() && wttr_hex_digit(text[i + 1]) >= 0 &&
            wttr_hex_digit(text[i + 2]) >= 0) {
            c = static_cast<char>(wttr_hex_digit(text[i + 1]) * 16 + wttr_hex_digit(text[i + 2]));
            i += 2;
        } else if (c == '+') {
            c = ' ';
        }
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) return std::nullopt;
        out.push_back(c);
    }
    return out;
}

Result<void> wttr_bad_target() {
    return fail(ErrorKind::invalid_input, "the request has bad percent-encoding or a control character");
}

// A valueless parameter's letters ("?0Tq"): false when one is not an option of wttr.in's.
bool wttr_apply_flags(std::string_view letters, WttrRequest& request) {
    for (char c : letters) {
        switch (c) {
            case 'm': request.units = LineUnits::metric; break;
            case 'u': request.units = LineUnits::uscs; break;
            case 'M': request.units = LineUnits::metric_ms; break;
            case 'T': request.no_colour = true; break;
            case 'q': request.quiet = true; break;
            case 'Q': request.super_quiet = true; break;
            case 'n': request.narrow = true; break;
            case 'A': request.terminal = true; break;
            case '0':
            case '1':
            case '2':
            case '3': request.days = c - '0'; break;
            default: return false;
        }
    }
    return true;
}

Result<void> wttr_parse_query(std::string_view query, WttrRequest& request) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto part = query.substr(0, amp);
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
        if (part.empty()) continue;
        const auto eq = part.find('=');
        auto key = wttr_tolerant_decode(part.substr(0, eq));
        auto value = wttr_tolerant_decode(eq == std::string_view::npos ? "" : part.substr(eq + 1));
        if (!key || !value) return wttr_bad_target();
        // A parameter given twice counts once, its first value, as Flask's request.args.get (wttr.in's,
        // and the /api routes') reads it.
        if (*key == "format") {
            if (!request.format) request.format = std::move(*value);
        } else if (*key == "lang") {
            if (!request.lang) request.lang = std::move(*value);
        } else if (eq == std::string_view::npos || value->empty()) {
            wttr_apply_flags(*key, request);  // wttr.in ignores what it does not know
        }
    }
    return {};
}

// Whether the query has format=, or (terminal) a valueless parameter with the letter A ("?A", "?0AT").
bool wttr_query_has(std::string_view query, bool terminal) {
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto part = query.substr(0, amp);
        if (!terminal && part.starts_with("format=")) return true;
        if (terminal && part.find('=') == std::string_view::npos && part.find('A') != std::string_view::npos)
            return true;
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
    }
    return false;
}

}  // namespace

bool is_wttr_target(std::string_view target, std::string_view user_agent) {
    const auto question = target.find('?');
    const auto path = target.substr(0, question);
    const auto query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
    if (path == "/")
        return wttr_query_has(query, false) || wttr_query_has(query, true) || is_terminal_agent(user_agent);
    // A path with nothing to decode is matched as it stands: percent_decode's copy was a fifth of
    // this check on a hit (callgrind).
    if (std::none_of(path.begin(), path.end(), [](char c) {
            const auto u = static_cast<unsigned char>(c);
            return c == '%' || u < 0x20 || u == 0x7f;
        })) {
        const auto found = server::match("GET", path);
        return found.route && found.route->id == server::RouteId::wttr;
    }
    auto decoded = server::percent_decode(path, false);
    if (!decoded) return path.find('/', 1) == std::string_view::npos;  // a bad place: this route says so
    const auto found = server::match("GET", *decoded);
    return found.route && found.route->id == server::RouteId::wttr;
}

Result<WttrRequest> parse_wttr_target(std::string_view target) {
    WttrRequest request;
    const auto question = target.find('?');
    auto path = target.substr(0, question);
    path.remove_prefix(1);
    while (!path.empty()) {
        const auto colon = path.find(':');
        auto place = server::percent_decode(path.substr(0, colon), true);
        if (!place) return tl::unexpected(place.error());
        if (place->empty())
            return fail(ErrorKind::invalid_input, "an empty place between colons: write /Paris:London");
        request.places.push_back(std::move(*place));
        if (colon == std::string_view::npos) break;
        path.remove_prefix(colon + 1);
        if (path.empty())
            return fail(ErrorKind::invalid_input, "an empty place after a colon: write /Paris:London");
    }
    if (question != std::string_view::npos) {
        if (auto parsed = wttr_parse_query(target.substr(question + 1), request); !parsed)
            return tl::unexpected(parsed.error());
    }
    return request;
}

std::optional<std::string> query_format(std::string_view target) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) return std::nullopt;
    auto query = target.substr(question + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto part = query.substr(0, amp);
        query.remove_prefix(amp == std::string_view::npos ? query.size() : amp + 1);
        const auto eq = part.find('=');
        if (wttr_tolerant_decode(part.substr(0, eq)) != "format") continue;
        const auto raw = eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1);
        return wttr_tolerant_decode(raw).value_or(std::string(raw));  // the first, as the parser's
    }
    return std::nullopt;
}

Result<void> supported_place_form(std::string_view place) {
    if (place.starts_with('~'))
        return fail(ErrorKind::not_found,
                    fmt::format("tenki does not look up landmarks ({}): name the city, or give its "
                                "coordinates as 48.8584,2.2945",
                                place));
    if (place.starts_with('@'))
        return fail(
            ErrorKind::not_found,
            fmt::format("tenki does not locate domains ({}): name the city, or give its coordinates", place));
    if (place.size() == 3 && std::all_of(place.begin(), place.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }))
        return fail(ErrorKind::not_found,
                    fmt::format("tenki does not know airport codes ({}): name the city; a city of three "
                                "letters takes its country, as Ulm,DE",
                                place));
    return {};
}

}  // namespace tenki::wttr

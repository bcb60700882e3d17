#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/wttr/line.hpp"
#include "tenki/error.hpp"

// wttr.in's URL language, parsed: GET /{place}, /{a}:{b}, / (chubin/wttr.in's README and :help).
namespace tenki::wttr {

struct WttrRequest {
    std::vector<std::string> places;    // as asked: percent-decoded, '+' a space; none: the default place
    std::optional<std::string> format;  // format=: "3", "j1", "%l:+%c" decoded
    std::optional<std::string> lang;    // lang=
    std::optional<LineUnits> units;     // ?m, ?u, ?M; none: the place's usual
    // The terminal view's options, each a letter of a valueless parameter ("?0Tq" is three).
    bool no_colour = false;    // T
    bool quiet = false;        // q
    bool super_quiet = false;  // Q
    bool narrow = false;       // n
    bool terminal = false;     // A: the terminal view whatever the client
    std::optional<int> days;   // 0 to 3
};

// Whether a GET target is wttr.in's: "/" with format=, "/" asked by a curl-like client
// (is_terminal_agent(user_agent)) or with ?A (the terminal view; a browser's "/" is the page), or
// a path the route table's match() gives to /{place} (its other rules win: /healthz, /metrics;
// /api and /:... are never places).
bool is_wttr_target(std::string_view target, std::string_view user_agent = {});

// The target split and decoded as wttr.in does: the path strictly (a place is text), the query
// tolerantly (format=%c+%t: a % not followed by two hex digits stays as written, as wttr.in's
// TolerantUnescape; '+' is a space). invalid_input for bad encoding in the path, a control
// character anywhere, or an empty place between colons.
Result<WttrRequest> parse_wttr_target(std::string_view target);

// The format= parameter of the target's query, decoded as parse_wttr_target does (the first one
// wins), read even when the target does not parse whole, so that an error can be told as the
// format's clients read one (JSON for j1 and j2). Only a parameter named exactly "format" counts:
// "/Paris?xformat=3" has none. nullopt: no format= (a value with a control character: as written).
std::optional<std::string> query_format(std::string_view target);

// not_found with a sentence for wttr.in's place forms tenki has no data for: a landmark
// ("~Eiffel Tower"), a domain ("@github.com") or a three-letter airport code ("muc": wttr.in reads
// any three letters so; a city of three letters is asked with its country, "Ulm,DE").
Result<void> supported_place_form(std::string_view place);

}  // namespace tenki::wttr

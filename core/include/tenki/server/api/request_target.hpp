#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tenki/error.hpp"

namespace tenki::server {

// A request target ("/api/v1/weather?postalcode=19021") split and percent-decoded.
struct RequestTarget {
    std::string path;
    std::vector<std::pair<std::string, std::string>> query;

    // The first value of a query parameter, if given.
    std::optional<std::string_view> param(std::string_view name) const;
};

// invalid_input for what no honest client sends: a target not starting with '/', bad
// percent-encoding, or control characters (raw or encoded) anywhere. '+' in the query is a space.
Result<RequestTarget> parse_request_target(std::string_view target);
// The same into `out`, reusing its storage (the server's hit path allocates nothing).
Result<void> parse_request_target(std::string_view target, RequestTarget& out);

// Percent-decodes one path segment or query component.
Result<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace tenki::server

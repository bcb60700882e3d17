#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

namespace tenki::server {

struct HttpError {
    int status = 500;
    std::string_view code;  // the "code" of the JSON error body
};

// The HTTP status for an error, from k_error_kinds: 400 invalid input, 404 not found, 429 this
// client's share of upstream calls spent, 502 bad or unreachable upstream, 503 key rejected or
// rate limited, 504 upstream timeout, 500 for the rest.
HttpError http_error(ErrorKind kind);

// {"error": {"code": "...", "message": "..."}}
std::string error_body(std::string_view code, std::string_view message);
// The same, with the places the error offers: "candidates" for an ambiguous_place (each
// {"label", "pick", "name", "region", "country", "lat", "lon", "population", "geonames_id"}),
// "did_you_mean" for a not_found; nothing more when there are none.
std::string error_body(std::string_view code, std::string_view message, ErrorKind kind,
                       const std::vector<PlaceChoice>& choices);

// "Not Found" for 404, "" when unknown.
std::string_view reason_phrase(int status);

}  // namespace tenki::server

#pragma once

#include <array>
#include <cstddef>
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

// What only the HTTP face answers, before or beside any use case: a request the transport
// cannot read, a path or method the route table does not have, no provider to ask.
enum class RequestErrorKind {
    bad_request,         // not valid HTTP/1.1, or refused (no Host, two, an unknown body length)
    not_implemented,     // a method longer than any tenki implements (RFC 9112 3.1)
    uri_too_long,        // a request line past max_url_bytes
    headers_too_large,   // a head past max_header_bytes
    unknown_route,       // nothing at the path
    method_not_allowed,  // the path is there, not for this method (the reply has Allow)
    no_api_key,          // no provider: the weather routes cannot answer
};

// The server's status table: each request error's HTTP status and JSON error code, in
// RequestErrorKind's order, beside k_error_kinds (which maps the use case's errors).
struct RequestErrorInfo {
    RequestErrorKind kind;
    HttpError http;
};
inline constexpr std::array k_request_error_kinds{
    RequestErrorInfo{RequestErrorKind::bad_request, {400, "bad_request"}},
    RequestErrorInfo{RequestErrorKind::not_implemented, {501, "not_implemented"}},
    RequestErrorInfo{RequestErrorKind::uri_too_long, {414, "uri_too_long"}},
    RequestErrorInfo{RequestErrorKind::headers_too_large, {431, "headers_too_large"}},
    RequestErrorInfo{RequestErrorKind::unknown_route, {404, "unknown_route"}},
    RequestErrorInfo{RequestErrorKind::method_not_allowed, {405, "method_not_allowed"}},
    RequestErrorInfo{RequestErrorKind::no_api_key, {503, "no_api_key"}},
};

// The status and code of a request error, from k_request_error_kinds.
constexpr HttpError http_error(RequestErrorKind kind) {
    return k_request_error_kinds[static_cast<std::size_t>(kind)].http;
}

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

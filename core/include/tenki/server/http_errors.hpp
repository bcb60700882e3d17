#pragma once

#include <string>
#include <string_view>

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

// "Not Found" for 404, "" when unknown.
std::string_view reason_phrase(int status);

}  // namespace tenki::server

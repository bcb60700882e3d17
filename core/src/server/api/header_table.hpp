#pragma once

#include <array>
#include <span>
#include <string_view>

#include "tenki/server/api/routes.hpp"

namespace tenki::server {

// HTTP's own framing, which every answer has and the OpenAPI document does not list as headers:
// Content-Type is said by each answer's `content`, the others are the protocol's.
inline constexpr std::array<std::string_view, 5> k_framing_headers{"Content-Type", "Content-Length", "Date",
                                                                   "Server", "Connection"};

// One header tenki serve's answers may carry besides the framing, and which answers carry it:
// `sent` says whether the answer of `route` to `method` ("GET", "OPTIONS": a CORS preflight) with
// `status` may carry it, as transport/response_head.cpp's build_head writes it. The OpenAPI
// document lists each answer's headers from this table; the integration tier holds real answers
// to the document both ways (sent but undocumented, documented but never sent).
struct ResponseHeader {
    std::string_view name;
    std::string_view description;
    std::string_view type;  // JSON Schema: "string" or "integer"
    bool (*sent)(const Route& route, std::string_view method, int status);
};

// The table, in the order build_head writes the headers.
std::span<const ResponseHeader> response_headers();

}  // namespace tenki::server

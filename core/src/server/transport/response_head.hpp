#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "server/api/reply.hpp"
#include "tenki/server/api/options.hpp"

namespace tenki::server {

// "Tue, 01 Dec 2026 07:10:42 GMT" (RFC 9110's IMF-fixdate) for unix seconds.
std::string http_date_of(std::int64_t unix_seconds);

// What the head of an answer says beside the reply itself.
struct HeadFacts {
    const ApiOptions& api;        // stale-if-error, the CORS origins
    std::string_view date;        // the Date header's value
    std::string_view request_id;  // X-Request-Id
    std::string_view target;      // the request's target: CORS covers /api/... only
    std::string_view cors;        // Access-Control-Allow-Origin's value; "": none
    bool keep_alive = false;
    int version = 11;  // the request's HTTP/1.x
};

// The status line and headers of `reply`, ending in the blank line, into `head` (reused).
void build_head(std::string& head, const Reply& reply, const HeadFacts& facts);

// Access-Control-Allow-Origin's value when the request's origin may read this answer: "*" when
// any origin may, else the origin itself; "" when none (or the path is not the API's).
std::string cors_origin(const ApiOptions& api, std::string_view target, std::string_view origin);

// A CORS preflight for one of the API's routes: 204 with the route's methods; false for a path
// the route table does not know (then the dispatcher answers as for any OPTIONS).
bool preflight(std::string_view target, Reply& reply);

}  // namespace tenki::server

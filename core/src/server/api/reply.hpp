#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "server/api/content_coding.hpp"
#include "server/api/metrics.hpp"
#include "tenki/error.hpp"
#include "tenki/server/api/http_errors.hpp"

namespace tenki::server {

inline constexpr std::string_view k_json_type = "application/json";
inline constexpr std::size_t k_unknown_route = Metrics::k_routes - 1;

// One answer, transport-free. The body points into `owned`, memoised bytes (kept alive by
// `anchor`) or static storage, so that a cache hit copies no bytes; a session reuses one Reply so
// its buffers keep their capacity.
struct Reply {
    int status = 200;
    std::size_t route = k_unknown_route;  // a RouteId as an index, for metrics
    std::string_view content_type = k_json_type;
    std::string_view body;
    std::string owned;
    std::shared_ptr<const void> anchor;
    std::string_view x_cache;                     // "HIT", "MISS", "STALE" or nothing
    std::string_view cache_control = "no-store";  // used when max_age < 0
    long max_age = -1;
    std::string_view allow;  // on a 405
    int retry_after = -1;
    bool stale = false;
    std::string_view error_code;  // the JSON error's code (static text) when an error, for the log
    // Validators of a 200 weather or forecast answer: its strong ETag (quoted), its Last-Modified
    // (the observation time, unix seconds; 0: none) and its Age (seconds since this instance got
    // it; -1: none). The transport answers a matching conditional request 304.
    std::string_view etag;
    std::string etag_owned;  // when the body is owned (a stale answer's)
    std::int64_t last_modified = 0;
    long age = -1;
    // Content negotiation: `document` is the memoised body (kept alive by `anchor`, or static)
    // whose compressed forms choose_coding may answer with; `vary_encoding` says the route's
    // answers depend on Accept-Encoding (Vary), even when this one is not compressible.
    const Document* document = nullptr;
    bool vary_encoding = false;
    bool vary_language = false;    // the answer follows Accept-Language (issue 27): Vary names it
    bool vary_user_agent = false;  // the route chose a view by the client (wttr.in's /{place}, /)
    ContentCoding coding = ContentCoding::identity;  // what choose_coding picked

    void reset();
    void set_owned(std::string text);
};

// Every error reply is one of these two, each read from its table: the use case's errors through
// k_error_kinds (status, code, message and the places it offers), the HTTP face's own through
// k_request_error_kinds. The body is {"error": {"code", "message", ...}}, as JSON.
void set_error(Reply& reply, const Error& error);
void set_error(Reply& reply, RequestErrorKind kind, std::string_view message);

// A 200 answer's body from a document: identity until choose_coding picks a coding.
void set_document(Reply& reply, const Document& document);

// A strong entity tag for these bytes: "\"<16 hex digits of FNV-1a 64>\"". The same bytes give
// the same tag in every instance and every run.
std::string strong_etag(std::string_view body);

// Answers in `accepted` (negotiate_coding's choice) when the reply has a compressible document:
// the compressed body, its ETag and `reply.coding`; else leaves the identity body.
void choose_coding(Reply& reply, ContentCoding accepted);

}  // namespace tenki::server

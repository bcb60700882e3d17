#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>

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

// What build_head reads of a reply and its facts, but the request id: two heads built from equal
// inputs differ in their X-Request-Id only. S is std::string_view (a request's) or std::string (a
// kept copy). A field build_head starts to read goes here, in fields() too.
template <typename S>
struct HeadInputs {
    int status = 0;
    std::size_t body_size = 0;
    ContentCoding coding = ContentCoding::identity;
    long max_age = -1;
    long age = -1;
    std::int64_t last_modified = 0;
    int retry_after = -1;
    bool stale = false, vary_encoding = false, vary_language = false, vary_user_agent = false;
    bool api_target = false;  // the target is under /api/ (Vary: Origin)
    bool keep_alive = false;
    int version = 11;
    const ApiOptions* api = nullptr;  // fixed for a server's life
    S content_type, etag, cache_control, x_cache, allow, cors, date;

    auto fields() {
        return std::tie(status, body_size, coding, max_age, age, last_modified, retry_after, stale,
                        vary_encoding, vary_language, vary_user_agent, api_target, keep_alive, version, api,
                        content_type, etag, cache_control, x_cache, allow, cors, date);
    }
};

// Writes a connection's answer heads, reusing the last one when only the request id differs: a
// keep-alive client asking the same again within the second (the same Date and Age) gets the last
// head with its new id written over the old one. Building a head was a sixth of a cache hit's
// instructions (callgrind); comparing its inputs is a tenth of that.
class HeadWriter {
public:
    // The head build_head would write for `reply` and `facts`; valid until the next call.
    const std::string& write(const Reply& reply, const HeadFacts& facts);
    const std::string& head() const { return m_head; }
    bool reused() const { return m_reused; }  // whether the last write() patched the head before it

private:
    std::string m_head;
    HeadInputs<std::string> m_built;  // what m_head was built from
    std::size_t m_id_at = 0;          // where its request id starts
    std::size_t m_id_size = 0;
    bool m_valid = false;
    bool m_reused = false;
};

// Access-Control-Allow-Origin's value when the request's origin may read this answer: "*" when
// any origin may, else the origin itself; "" when none (or the path is not the API's).
std::string cors_origin(const ApiOptions& api, std::string_view target, std::string_view origin);

// A CORS preflight for one of the API's routes: 204 with the route's methods; false for a path
// the route table does not know (then the dispatcher answers as for any OPTIONS).
bool preflight(std::string_view target, Reply& reply);

}  // namespace tenki::server

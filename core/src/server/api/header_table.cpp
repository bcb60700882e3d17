#include "server/api/header_table.hpp"

namespace tenki::server {

namespace {

bool answered(int status) { return status == 200 || status == 304; }
bool is_api(const Route& r) { return r.rule.starts_with("/api/"); }
bool is_preflight(std::string_view method) { return method == "OPTIONS"; }

constexpr std::array k_response_headers{
    ResponseHeader{"Content-Encoding", "gzip or br, as Accept-Encoding asked (a document's answers)",
                   "string",
                   [](const Route& r, std::string_view m, int s) {
                       return !is_preflight(m) && r.answer.conditional && s == 200;
                   }},
    ResponseHeader{"Cache-Control",
                   "public, max-age from the time left to live (and stale-if-error on a fresh answer); "
                   "no-cache for the page and this document; no-store otherwise",
                   "string", [](const Route&, std::string_view, int) { return true; }},
    ResponseHeader{"ETag",
                   "A strong entity tag of the bytes sent (the same bytes, the same tag, in every instance)",
                   "string",
                   [](const Route& r, std::string_view m, int s) {
                       return !is_preflight(m) && r.answer.conditional && answered(s);
                   }},
    ResponseHeader{"Last-Modified", "When the weather was observed", "string",
                   [](const Route& r, std::string_view m, int s) {
                       return !is_preflight(m) && r.answer.observed && answered(s);
                   }},
    ResponseHeader{"Age", "Seconds since this instance got the answer", "integer",
                   [](const Route& r, std::string_view m, int s) {
                       return !is_preflight(m) && r.answer.cached && answered(s);
                   }},
    ResponseHeader{"X-Request-Id", "The request's id, as the request gave it or made", "string",
                   [](const Route&, std::string_view, int) { return true; }},
    ResponseHeader{"Vary",
                   "Accept-Encoding on a document's answers, Accept-Language too on /api/v2's; Origin on the "
                   "API's answers when --cors-origin names origins; User-Agent on / and on /{place} without "
                   "format= (a text client's terminal view, a browser's page)",
                   "string",
                   [](const Route& r, std::string_view m, int s) {
                       return is_api(r) || (!is_preflight(m) && r.answer.conditional && answered(s));
                   }},
    ResponseHeader{"Access-Control-Allow-Origin", "The request's Origin, when --cors-origin allows it (or *)",
                   "string", [](const Route& r, std::string_view, int) { return is_api(r); }},
    ResponseHeader{"Access-Control-Allow-Methods", "A preflight's answer: the route's methods", "string",
                   [](const Route& r, std::string_view m, int) { return is_api(r) && is_preflight(m); }},
    ResponseHeader{"Access-Control-Allow-Headers",
                   "A preflight's answer: the request headers a page may send", "string",
                   [](const Route& r, std::string_view m, int) { return is_api(r) && is_preflight(m); }},
    ResponseHeader{"Access-Control-Max-Age", "A preflight's answer: seconds a browser may keep it", "integer",
                   [](const Route& r, std::string_view m, int) { return is_api(r) && is_preflight(m); }},
    ResponseHeader{"Access-Control-Expose-Headers",
                   "The headers a page's script may read, for an allowed Origin", "string",
                   [](const Route& r, std::string_view m, int) { return is_api(r) && !is_preflight(m); }},
    ResponseHeader{"X-Cache", "HIT, MISS or STALE: how the cache answered (an error it keeps too)", "string",
                   [](const Route& r, std::string_view m, int s) {
                       return !is_preflight(m) && r.answer.cached && s != 400 && s != 405;
                   }},
    ResponseHeader{"Warning", "110 - \"Response is Stale\": the last answer, while the weather service fails",
                   "string",
                   [](const Route& r, std::string_view m, int s) {
                       return !is_preflight(m) && r.answer.cached && answered(s);
                   }},
    ResponseHeader{"Allow", "The route's methods, on a 405 and a CORS preflight's answer", "string",
                   [](const Route&, std::string_view m, int s) { return is_preflight(m) || s == 405; }},
    ResponseHeader{"Retry-After",
                   "Seconds to wait: this client's share of upstream calls is spent (429), or the "
                   "weather service asks to slow down (503)",
                   "integer",
                   [](const Route& r, std::string_view m, int s) {
                       return !is_preflight(m) && r.answer.cached && (s == 429 || s == 503);
                   }},
};

}  // namespace

std::span<const ResponseHeader> response_headers() { return k_response_headers; }

}  // namespace tenki::server

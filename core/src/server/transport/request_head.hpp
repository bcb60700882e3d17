#pragma once

// The request head as the transport reads it: Beast's parser, kept to what dispatch, the access
// log and the response head need. Beast stays in the transport's private headers.
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "server/api/reply.hpp"

namespace tenki::server {

namespace beast = boost::beast;
namespace http = beast::http;

// What a request's head says beside its start line, kept by the session from one request to the
// next: cleared, not freed, so that a client's usual headers are copied into the capacity the last
// request's left, without allocating.
struct RequestFields {
    // What a proxy says of the client; client_address() decides whether to believe it.
    std::string x_real_ip, x_forwarded_for;
    // For the access log and the answer's X-Request-Id.
    std::string x_request_id, referer, user_agent;
    // Conditional request headers (RFC 9110 section 13).
    std::string if_none_match, if_modified_since;
    // CORS: the page's origin, and a preflight's method.
    std::string origin, access_control_request_method;
    // Content negotiation: the codings the client takes, and the languages it reads.
    std::string accept_encoding, accept_language;

    void clear();
};

// Reads only what dispatch needs from a request head, into the session's reused strings:
// nothing is allocated per request. One parser a request (Beast's parse one message each); the
// fields it names are the session's `fields`, cleared.
class RequestHead : public http::basic_parser<true> {
public:
    RequestHead(std::string& method, std::string& target, std::size_t max_url, RequestFields& fields)
        : x_real_ip(fields.x_real_ip),
          x_forwarded_for(fields.x_forwarded_for),
          x_request_id(fields.x_request_id),
          referer(fields.referer),
          user_agent(fields.user_agent),
          if_none_match(fields.if_none_match),
          if_modified_since(fields.if_modified_since),
          origin(fields.origin),
          access_control_request_method(fields.access_control_request_method),
          accept_encoding(fields.accept_encoding),
          accept_language(fields.accept_language),
          m_method(method),
          m_target(target),
          m_max_url(max_url) {
        fields.clear();
    }

    bool url_too_long = false;
    bool has_request_line = false;  // the start line was read whole: a header_limit is the fields'
    int version = 11;
    // Why a head that parsed is still refused (400 and close), empty when it is not.
    std::string_view refusal;
    // RequestFields' strings, by their names.
    std::string &x_real_ip, &x_forwarded_for, &x_request_id, &referer, &user_agent, &if_none_match,
        &if_modified_since, &origin, &access_control_request_method, &accept_encoding, &accept_language;

private:
    void on_request_impl(http::verb, beast::string_view method, beast::string_view target, int v,
                         beast::error_code& ec) override;
    void on_response_impl(int, beast::string_view, int, beast::error_code&) override {}
    void on_field_impl(http::field field, beast::string_view name, beast::string_view value,
                       beast::error_code&) override;
    void on_header_impl(beast::error_code& ec) override;
    void on_body_init_impl(const boost::optional<std::uint64_t>&, beast::error_code&) override {}
    std::size_t on_body_impl(beast::string_view body, beast::error_code&) override { return body.size(); }
    void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, beast::error_code&) override {
        return body.size();
    }
    void on_finish_impl(beast::error_code&) override {}

    std::string& m_method;
    std::string& m_target;
    std::size_t m_max_url;
    int m_hosts = 0;
    bool m_transfer_encoding = false;
};

// The error reply for a head that could not be read (`ec` from async_read_header, `buffer` what
// was read of it): 400 bad_request, 501 not_implemented, 414 uri_too_long or 431
// headers_too_large, each through the server's status table.
void set_read_error(Reply& reply, const RequestHead& head, beast::error_code ec,
                    const beast::flat_buffer& buffer);

// RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since; only a 200 that
// has validators (a weather or forecast answer) becomes a 304.
bool not_modified(const RequestHead& head, const Reply& reply);

}  // namespace tenki::server

#include "server/transport/request_head.hpp"

#include <algorithm>
#include <ctime>

#include "util/ascii.hpp"

namespace tenki::server {

namespace {

constexpr std::size_t k_max_logged_header = 512;

// Longer than any method tenki implements (or any registered one): RFC 9112 3.1 asks for 501.
constexpr std::size_t k_max_method = 20;

void assign_cut(std::string& to, beast::string_view value) {
    to.assign(value.data(), std::min<std::size_t>(value.size(), k_max_logged_header));
}

// Repeated fields are one list.
void append_listed(std::string& to, beast::string_view value, std::size_t most) {
    if (!to.empty()) to += ',';
    to.append(value.data(), std::min<std::size_t>(value.size(), most));
}

// The request line did not fit: a method that never ends (501) or an overlong URL (414).
bool method_too_long(const beast::flat_buffer& buffer) {
    std::string_view start(static_cast<const char*>(buffer.data().data()), buffer.data().size());
    return start.substr(0, k_max_method + 1).find(' ') == std::string_view::npos;
}

// Unix seconds of an IMF-fixdate; nullopt for anything else (RFC 9110: then the header is ignored).
std::optional<std::int64_t> parse_http_date(const std::string& text) {
    std::tm tm{};
    const char* end = ::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr || *end != '\0') return std::nullopt;
    return static_cast<std::int64_t>(::timegm(&tm));
}

// Whether If-None-Match lists the tag (or is "*"); weak comparison, as RFC 9110 13.1.2 asks.
bool tag_listed(std::string_view list, std::string_view etag) {
    while (!list.empty()) {
        const auto comma = list.find(',');
        auto item = util::trim(list.substr(0, comma));
        if (item.starts_with("W/")) item.remove_prefix(2);
        if (item == "*" || item == etag) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace

void RequestFields::clear() {
    for (auto* field :
         {&x_real_ip, &x_forwarded_for, &x_request_id, &referer, &user_agent, &if_none_match,
          &if_modified_since, &origin, &access_control_request_method, &accept_encoding, &accept_language})
        field->clear();
}

void RequestHead::on_request_impl(http::verb, beast::string_view method, beast::string_view target, int v,
                                  beast::error_code& ec) {
    version = v;
    has_request_line = true;
    m_method.assign(method.data(), method.size());
    if (target.size() > m_max_url) {
        url_too_long = true;
        ec = http::error::bad_target;
        return;
    }
    m_target.assign(target.data(), target.size());
}

void RequestHead::on_field_impl(http::field field, beast::string_view name, beast::string_view value,
                                beast::error_code&) {
    if (field == http::field::host) ++m_hosts;
    if (field == http::field::transfer_encoding) m_transfer_encoding = true;
    if (field == http::field::origin) {
        assign_cut(origin, value);
    } else if (field == http::field::access_control_request_method) {
        assign_cut(access_control_request_method, value);
    } else if (field == http::field::accept_encoding) {
        append_listed(accept_encoding, value, k_max_logged_header);
    } else if (field == http::field::accept_language) {
        append_listed(accept_language, value, k_max_logged_header);
    } else if (field == http::field::if_none_match) {
        append_listed(if_none_match, value, value.size());
    } else if (field == http::field::if_modified_since) {
        if_modified_since.assign(value.data(), value.size());
    } else if (field == http::field::referer) {
        assign_cut(referer, value);
    } else if (field == http::field::user_agent) {
        assign_cut(user_agent, value);
    } else if (field == http::field::unknown && beast::iequals(name, "x-request-id")) {
        x_request_id.assign(value.data(), value.size());
    } else if (field == http::field::unknown && beast::iequals(name, "x-real-ip")) {
        x_real_ip.assign(value.data(), value.size());
    } else if (field == http::field::unknown && beast::iequals(name, "x-forwarded-for")) {
        append_listed(x_forwarded_for, value, value.size());
    }
}

// RFC 9112: a body whose length cannot be known (3.3: a Transfer-Encoding that does not end in
// chunked) would be read as the next request; a Host is required once on HTTP/1.1 (3.2).
void RequestHead::on_header_impl(beast::error_code& ec) {
    if (m_transfer_encoding && !chunked())
        refusal = "the request's Transfer-Encoding does not end in chunked: its length is unknown";
    else if (m_hosts > 1)
        refusal = "the request has more than one Host header";
    else if (m_hosts == 0 && version >= 11)
        refusal = "an HTTP/1.1 request needs a Host header";
    if (!refusal.empty()) ec = http::error::bad_value;
}

void set_read_error(Reply& reply, const RequestHead& head, beast::error_code ec,
                    const beast::flat_buffer& buffer) {
    reply.reset();
    const bool in_request_line = ec == http::error::header_limit && !head.has_request_line;
    if (!head.refusal.empty())
        set_error(reply, RequestErrorKind::bad_request, head.refusal);
    else if (in_request_line && method_too_long(buffer))
        set_error(reply, RequestErrorKind::not_implemented, "the method is longer than any tenki implements");
    else if (head.url_too_long || in_request_line)
        set_error(reply, RequestErrorKind::uri_too_long,
                  "the URL is too long: a postal code needs only a few bytes");
    else if (ec == http::error::header_limit)
        set_error(reply, RequestErrorKind::headers_too_large, "the request's headers are too large");
    else
        set_error(reply, RequestErrorKind::bad_request, "the request is not valid HTTP/1.1");
}

bool not_modified(const RequestHead& head, const Reply& reply) {
    if (reply.status != 200 || reply.etag.empty()) return false;
    if (!head.if_none_match.empty()) return tag_listed(head.if_none_match, reply.etag);
    if (head.if_modified_since.empty() || reply.last_modified <= 0) return false;
    const auto since = parse_http_date(head.if_modified_since);
    return since && reply.last_modified <= *since;
}

}  // namespace tenki::server

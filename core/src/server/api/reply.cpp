#include "server/api/reply.hpp"

#include <fmt/format.h>

namespace tenki::server {

namespace {

void fill_error(Reply& reply, const HttpError& http, std::string body) {
    reply.status = http.status;
    reply.content_type = k_json_type;
    reply.error_code = http.code;
    reply.set_owned(std::move(body));
}

}  // namespace

void Reply::reset() {
    status = 200;
    route = k_unknown_route;
    content_type = k_json_type;
    body = {};
    owned.clear();
    anchor.reset();
    x_cache = {};
    cache_control = "no-store";
    max_age = -1;
    allow = {};
    retry_after = -1;
    stale = false;
    error_code = {};
    etag = {};
    etag_owned.clear();
    last_modified = 0;
    age = -1;
    document = nullptr;
    vary_encoding = false;
    vary_language = false;
    vary_user_agent = false;
    coding = ContentCoding::identity;
}

void Reply::set_owned(std::string text) {
    owned = std::move(text);
    body = owned;
}

void set_error(Reply& reply, const Error& error) {
    const auto http = http_error(error.kind);
    fill_error(reply, http, error_body(http.code, error.message, error.kind, error.choices));
}

void set_error(Reply& reply, RequestErrorKind kind, std::string_view message) {
    const auto http = http_error(kind);
    fill_error(reply, http, error_body(http.code, message));
}

void set_document(Reply& reply, const Document& document) {
    reply.body = document.identity();
    reply.document = &document;
    reply.vary_encoding = true;
}

std::string strong_etag(std::string_view body) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64's offset basis and prime
    for (char c : body) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return fmt::format("\"{:016x}\"", hash);
}

void choose_coding(Reply& reply, ContentCoding accepted) {
    reply.coding = ContentCoding::identity;
    if (reply.document == nullptr || accepted == ContentCoding::identity) return;
    reply.body = reply.document->body(accepted);
    if (accepted == ContentCoding::identity) return;
    reply.coding = accepted;
    reply.etag = reply.document->etag(accepted);
}

}  // namespace tenki::server

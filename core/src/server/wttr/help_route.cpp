#include "server/api/dispatch.hpp"
#include "server/wttr/help.hpp"

namespace tenki::server {

// /:help: the URL language's text, one document for every request (no-cache, its ETag).
void answer_wttr_help(Reply& reply) {
    static const Document document = [] {
        const auto& text = wttr::help_text();
        return Document(text, strong_etag(text), true);
    }();
    reply.content_type = "text/plain; charset=utf-8";
    reply.cache_control = "no-cache";
    set_document(reply, document);
    reply.etag = document.identity_etag();
}

}  // namespace tenki::server

#include "server/api/dispatch.hpp"
#include "server/wttr/job.hpp"

namespace tenki::server {

namespace {

void wttr_page(Reply& reply, Language language, const std::optional<Error>& error) {
    const auto& page = index_document(language);
    reply.content_type = "text/html; charset=utf-8";
    reply.cache_control = "no-cache";
    set_document(reply, page);
    if (error) {
        const auto http = http_error(error->kind);
        reply.status = http.status;
        reply.error_code = http.code;
    } else {
        reply.etag = page.identity_etag();
    }
    reply.vary_language = true;
}

}  // namespace

bool wttr_page_chosen(const WttrJob& job, Reply& reply) {
    reply.vary_user_agent = !job.request.format.has_value();
    if (!job.page) return false;
    wttr_page(reply, job.language, job.page_error);
    return true;
}

}  // namespace tenki::server

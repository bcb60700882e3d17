#include "server/api/documents.hpp"
#include "server/api/reply.hpp"

namespace tenki::server {

namespace {

#include "server/api/heading_glyphs.inc"  // k_heading_glyphs: 天気 as SVG outlines

// The whole page: HTML, CSS and script in page.html, no outside resource, so the binary serves it
// alone. Embedded at build time as k_page (cmake/embed_text.cmake).
#include "page_html.inc"

}  // namespace

// The page with its API list read from the route table, built once.
std::string_view index_page() {
    static const std::string page = [] {
        constexpr std::string_view k_slot = "@API_LIST@";
        constexpr std::string_view k_glyphs_slot = "@HEADING_GLYPHS@";
        std::string out(k_page);
        out.replace(out.find(k_slot), k_slot.size(), api_list_html());
        out.replace(out.find(k_glyphs_slot), k_glyphs_slot.size(), k_heading_glyphs);
        return out;
    }();
    return page;
}

const Document& index_document() {
    static const Document document(std::string(index_page()), strong_etag(index_page()), true);
    return document;
}

}  // namespace tenki::server

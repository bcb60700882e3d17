#include "tenki/server/api/http_errors.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki::server {

namespace {

// The status table is indexed by its kind: each row where its enumerator says.
constexpr bool request_errors_in_order() {
    for (std::size_t i = 0; i < k_request_error_kinds.size(); ++i)
        if (static_cast<std::size_t>(k_request_error_kinds[i].kind) != i) return false;
    return true;
}
static_assert(request_errors_in_order(), "k_request_error_kinds follows RequestErrorKind");
static_assert(k_request_error_kinds.size() == static_cast<std::size_t>(RequestErrorKind::no_api_key) + 1);

}  // namespace

HttpError http_error(ErrorKind kind) { return {info(kind).http_status, info(kind).http_code}; }

std::string error_body(std::string_view code, std::string_view message) {
    nlohmann::json doc = {{"error", {{"code", code}, {"message", message}}}};
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string error_body(std::string_view code, std::string_view message, ErrorKind kind,
                       const std::vector<PlaceChoice>& choices) {
    nlohmann::json doc = {{"error", {{"code", code}, {"message", message}}}};
    if (!choices.empty()) {
        auto listed = nlohmann::json::array();
        for (const auto& c : choices)
            listed.push_back(
                {{"label", c.label},
                 {"pick", c.pick},
                 {"name", c.name},
                 {"region", c.region.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.region)},
                 {"country", c.country},
                 {"lat", c.lat},
                 {"lon", c.lon},
                 {"population", c.population},
                 {"geonames_id", c.geonames_id}});
        doc["error"][kind == ErrorKind::ambiguous_place ? "candidates" : "did_you_mean"] = std::move(listed);
    }
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string_view reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 204: return "No Content";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 413: return "Content Too Large";
        case 414: return "URI Too Long";
        case 429: return "Too Many Requests";
        case 431: return "Request Header Fields Too Large";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "";
    }
}

}  // namespace tenki::server

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tenki/server/api/http_errors.hpp"

using namespace tenki;
using namespace tenki::server;

TEST_CASE("each error kind maps to a fitting HTTP status", "[server][errors]") {
    CHECK(http_error(ErrorKind::invalid_input).status == 400);
    CHECK(http_error(ErrorKind::not_found).status == 404);
    CHECK(http_error(ErrorKind::not_found).code == "not_found");
    CHECK(http_error(ErrorKind::bad_response).status == 502);
    CHECK(http_error(ErrorKind::unreachable).status == 502);
    CHECK(http_error(ErrorKind::rate_limited).status == 503);
    CHECK(http_error(ErrorKind::too_many_requests).status == 429);
    CHECK(http_error(ErrorKind::too_many_requests).code == "too_many_requests");
    CHECK(reason_phrase(429) == "Too Many Requests");
    CHECK(http_error(ErrorKind::unauthorized).status == 503);
    CHECK(http_error(ErrorKind::timeout).status == 504);
    CHECK(http_error(ErrorKind::internal).status == 500);
    CHECK(reason_phrase(431) == "Request Header Fields Too Large");
}

TEST_CASE("error bodies are {error: {code, message}}, even for bytes that are not UTF-8",
          "[server][errors]") {
    auto doc = nlohmann::json::parse(error_body("not_found", "no such place"));
    CHECK(doc == nlohmann::json{{"error", {{"code", "not_found"}, {"message", "no such place"}}}});
    auto odd = nlohmann::json::parse(error_body("invalid_input", "bad \xff byte"));
    CHECK(odd["error"]["code"] == "invalid_input");
}

TEST_CASE("the server's own errors are rows of its status table", "[server][errors]") {
    CHECK(http_error(RequestErrorKind::bad_request).status == 400);
    CHECK(http_error(RequestErrorKind::bad_request).code == "bad_request");
    CHECK(http_error(RequestErrorKind::not_implemented).status == 501);
    CHECK(http_error(RequestErrorKind::uri_too_long).status == 414);
    CHECK(http_error(RequestErrorKind::uri_too_long).code == "uri_too_long");
    CHECK(http_error(RequestErrorKind::headers_too_large).status == 431);
    CHECK(http_error(RequestErrorKind::unknown_route).status == 404);
    CHECK(http_error(RequestErrorKind::unknown_route).code == "unknown_route");
    CHECK(http_error(RequestErrorKind::method_not_allowed).status == 405);
    CHECK(http_error(RequestErrorKind::no_api_key).status == 503);
    CHECK(http_error(RequestErrorKind::no_api_key).code == "no_api_key");
    for (const auto& row : k_request_error_kinds) {
        CHECK_FALSE(reason_phrase(row.http.status).empty());
        CHECK(http_error(row.kind).code == row.http.code);
    }
}

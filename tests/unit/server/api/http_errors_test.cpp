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

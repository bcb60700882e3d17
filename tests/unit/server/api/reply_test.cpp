#include <catch2/catch.hpp>

#include "server/api/reply.hpp"

using namespace tenki;
using namespace tenki::server;

TEST_CASE("every error reply is read from a table: the use case's kinds or the server's own",
          "[server][errors]") {
    Reply reply;
    set_error(reply, RequestErrorKind::unknown_route, "there is nothing at /nope");
    CHECK(reply.status == 404);
    CHECK(reply.content_type == "application/json");
    CHECK(reply.error_code == "unknown_route");
    CHECK(reply.body == R"({"error":{"code":"unknown_route","message":"there is nothing at /nope"}})");

    reply.reset();
    set_error(reply, Error{ErrorKind::unauthorized, "the key was rejected"});
    CHECK(reply.status == 503);
    CHECK(reply.error_code == "upstream_unauthorized");
    CHECK(reply.body == R"({"error":{"code":"upstream_unauthorized","message":"the key was rejected"}})");
}

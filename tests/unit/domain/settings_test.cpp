#include <catch2/catch.hpp>

#include "tenki/domain/settings.hpp"
#include "tenki/error.hpp"

using namespace tenki;

TEST_CASE("environments parse by name and carry their settings", "[settings]") {
    CHECK(parse_environment("test").value() == Environment::test);
    auto bad = parse_environment("staging");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().kind == ErrorKind::invalid_input);
    CHECK(settings_for(Environment::test).cache_key_prefix == "test-");
    CHECK(settings_for(Environment::prod).default_postal_code == "19021");
}

TEST_CASE("every error kind has a name and a non-zero exit status; invalid input is 2", "[settings]") {
    for (auto kind : {ErrorKind::invalid_input, ErrorKind::not_found, ErrorKind::unauthorized,
                      ErrorKind::rate_limited, ErrorKind::unreachable, ErrorKind::timeout,
                      ErrorKind::bad_response, ErrorKind::io, ErrorKind::internal}) {
        CHECK_FALSE(to_string(kind).empty());
        CHECK(exit_status(kind) != 0);
    }
    CHECK(exit_status(ErrorKind::invalid_input) == 2);
}

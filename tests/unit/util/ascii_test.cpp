#include <catch2/catch.hpp>

#include "util/ascii.hpp"

using namespace tenki::util;

TEST_CASE("trim and case-folding touch ASCII only", "[util]") {
    CHECK(trim(" \t94107\r\n") == "94107");
    CHECK(trim("   ").empty());
    CHECK(lower("SW1A \xc3\x89") == "sw1a \xc3\x89");
    CHECK(upper("sw1a 1aa") == "SW1A 1AA");
}

TEST_CASE("text from elsewhere is made safe to print", "[util]") {
    CHECK(without_controls("Z\xc3\xbcrich\x1b[2J\x07") == "Z\xc3\xbcrich[2J");
    CHECK(printable("a\x1b\n") == "a\\x1B\\x0A");
    CHECK(printable(std::string(100, 'x'), 10) == "xxxxxxxxxx...");
}

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

TEST_CASE("printable keeps the characters a person reads and quotes the rest", "[util]") {
    // A new user found "☀ Paris" quoted as "\xE2\x98\x80 Paris".
    CHECK(printable("\u2600 Paris") == "\u2600 Paris");
    CHECK(printable("S\u00e3o Paulo, \u6771\u4eac") == "S\u00e3o Paulo, \u6771\u4eac");
    CHECK(printable("a\u009b31m") == "a\\xC2\\x9B31m");       // C1 CSI: both its bytes quoted
    CHECK(printable("\u202eevil") == "\\xE2\\x80\\xAEevil");  // a bidirectional override
    CHECK(printable("a\x7f\xff\xc3") == "a\\x7F\\xFF\\xC3");  // DEL, a stray byte, a cut sequence
    // Cut at a character's boundary, never inside one.
    CHECK(printable("ab\u2600", 4) == "ab...");
    CHECK(printable("ab\u2600", 5) == "ab\u2600");
}

TEST_CASE("without_controls drops C1 controls, bidirectional overrides and stray bytes", "[util]") {
    using tenki::util::without_controls;
    CHECK(without_controls("a\u009b31mb") == "a31mb");              // C1 CSI, as UTF-8
    CHECK(without_controls("a\u0085b\u009fc") == "abc");            // NEL, APC
    CHECK(without_controls("\u202eevil\u202c.txt") == "evil.txt");  // RLO ... PDF
    CHECK(without_controls("\u2066x\u2069\u200f\u061c") == "x");    // isolates, RLM, ALM
    CHECK(without_controls("a\u2028b") == "ab");                    // line separator
    CHECK(without_controls("a\x9b"
                           "b\xff") == "ab");  // not UTF-8
    CHECK(without_controls("S\u00e3o Paulo \u6771\u4eac \U0001F326") ==
          "S\u00e3o Paulo \u6771\u4eac \U0001F326");
    CHECK(without_controls("\xc0\xaf") == "");  // overlong '/'
}

#include <catch2/catch.hpp>

#include "util/url.hpp"

using tenki::util::url_encode;

TEST_CASE("URL encoding keeps unreserved characters and encodes the rest", "[util]") {
    CHECK(url_encode("AZaz09-._~") == "AZaz09-._~");
    CHECK(url_encode("SW1A 1AA") == "SW1A%201AA");
    CHECK(url_encode("a,b&c=d+e/f?g#h%") == "a%2Cb%26c%3Dd%2Be%2Ff%3Fg%23h%25");
    CHECK(url_encode("\xc3\xa9\n") == "%C3%A9%0A");
    CHECK(url_encode("").empty());
}

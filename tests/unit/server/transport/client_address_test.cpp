#include <catch2/catch.hpp>

#include "tenki/server/transport/client_address.hpp"

using namespace tenki;
using namespace tenki::server;

TEST_CASE("IP networks: v4 and v6 CIDR, one address, and what is not one", "[server][client]") {
    std::vector<IpNetwork> nets{*parse_ip_network("10.0.0.0/8"), *parse_ip_network("2001:db8::/32"),
                                *parse_ip_network("192.0.2.7")};
    CHECK(in_networks("10.255.1.2", nets));
    CHECK_FALSE(in_networks("11.0.0.1", nets));
    CHECK(in_networks("2001:db8:1::5", nets));
    CHECK_FALSE(in_networks("2001:db9::5", nets));
    CHECK(in_networks("192.0.2.7", nets));
    CHECK_FALSE(in_networks("192.0.2.8", nets));
    CHECK(in_networks("::ffff:10.1.2.3", nets));  // a v4 peer on a v6 socket
    CHECK_FALSE(in_networks("not-an-address", nets));
    CHECK(in_networks("0.0.0.0", {*parse_ip_network("0.0.0.0/0")}));
    for (auto bad : {"", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0/8", "example.com", "10.0.0.0/8x"}) {
        INFO(bad);
        auto parsed = parse_ip_network(bad);
        REQUIRE_FALSE(parsed);
        CHECK(parsed.error().kind == ErrorKind::invalid_input);
    }
}

TEST_CASE("the client is the peer unless a trusted proxy names it", "[server][client]") {
    const auto trusted = default_trusted_proxies();
    // Directly connected: headers are the client's own to write, never believed.
    CHECK(client_address("203.0.113.9", "198.51.100.1", "198.51.100.2", trusted) == "203.0.113.9");
    // Behind the shipped nginx (loopback): X-Real-IP.
    CHECK(client_address("127.0.0.1", "198.51.100.1", "1.2.3.4, 198.51.100.1", trusted) == "198.51.100.1");
    CHECK(client_address("::1", "2001:db8::1", "", trusted) == "2001:db8::1");
    // Without X-Real-IP: the rightmost X-Forwarded-For address not itself a proxy; the
    // leftmost, which the client wrote, is not believed.
    CHECK(client_address("127.0.0.1", "", "6.6.6.6, 198.51.100.3, 127.0.0.1", trusted) == "198.51.100.3");
    // Nothing usable: the peer.
    CHECK(client_address("127.0.0.1", "", "", trusted) == "127.0.0.1");
    CHECK(client_address("127.0.0.1", "garbage", "also garbage", trusted) == "127.0.0.1");
    CHECK(client_address("127.0.0.1", "", "127.0.0.2", trusted) == "127.0.0.1");
    // No trusted proxy configured: always the peer.
    CHECK(client_address("127.0.0.1", "198.51.100.1", "", {}) == "127.0.0.1");
}

TEST_CASE("an address has one spelling: ports, leading zeros, IPv4-mapped and upper-case IPv6",
          "[server][client]") {
    // 010.009.009.009 is decimal 10.9.9.9 (inet_aton would read 010 as octal 8 and refuse 009).
    for (auto spelling : {"10.9.9.9", "010.009.009.009", "::ffff:10.9.9.9", "::FFFF:10.9.9.9",
                          "10.9.9.9:1234", "[::ffff:10.9.9.9]:80", " 10.9.9.9 "}) {
        INFO(spelling);
        CHECK(canonical_address(spelling) == "10.9.9.9");
    }
    for (auto spelling : {"2001:db8::1", "2001:DB8::1", "2001:0db8:0000:0000:0000:0000:0000:0001",
                          "[2001:db8::1]", "[2001:DB8::1]:443"}) {
        INFO(spelling);
        CHECK(canonical_address(spelling) == "2001:db8::1");
    }
    CHECK(canonical_address("0.0.0.0") == "0.0.0.0");
    CHECK(canonical_address("000.000.000.001") == "0.0.0.1");
    for (auto bad : {"", "garbage", "10.9.9", "10.9.9.9.9", "256.1.1.1", "0256.1.1.1", "10.9.9.9:",
                     "10.9.9.9:x", "[2001:db8::1", "[2001:db8::1]x", "example.com:80", "1.2.3.4/8"}) {
        INFO(bad);
        CHECK_FALSE(canonical_address(bad));
    }
}

TEST_CASE("spellings of one client behind a trusted proxy are one client", "[server][client]") {
    const auto trusted = default_trusted_proxies();
    for (auto spelling : {"010.009.009.009", "::ffff:10.9.9.9", "10.9.9.9:1234"}) {
        INFO(spelling);
        CHECK(client_address("127.0.0.1", spelling, "", trusted) == "10.9.9.9");
        CHECK(client_address("127.0.0.1", "", spelling, trusted) == "10.9.9.9");
        CHECK(client_address("::ffff:127.0.0.1", "", std::string("6.6.6.6, ") + spelling, trusted) ==
              "10.9.9.9");
    }
    CHECK(client_address("::1", "2001:DB8:0:0:0:0:0:7", "", trusted) == "2001:db8::7");
    // A trusted proxy in another spelling is still a proxy: the client left of it is named.
    CHECK(client_address("127.0.0.1", "", "198.51.100.3, 127.000.000.001:8080", trusted) == "198.51.100.3");
    // A peer seen on a v6 socket is named as IPv4.
    CHECK(client_address("::ffff:203.0.113.9", "", "", trusted) == "203.0.113.9");
}

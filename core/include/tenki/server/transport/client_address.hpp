#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

namespace tenki::server {

// An IPv4 or IPv6 network in CIDR notation. IPv4 is kept as IPv4-mapped IPv6 (::ffff:a.b.c.d),
// so that a v4 peer seen on a v6 socket matches a v4 network.
struct IpNetwork {
    std::array<std::uint8_t, 16> address{};
    unsigned prefix = 128;  // in bits of the 128
};

// "127.0.0.0/8", "::1/128", "10.0.0.1" (one address); else invalid_input naming the text.
Result<IpNetwork> parse_ip_network(std::string_view text);

// Loopback, IPv4 and IPv6: where the shipped deploy/nginx/tenki.conf runs.
std::vector<IpNetwork> default_trusted_proxies();

// Whether the address (no port) is in one of the networks; false for what is not an address.
bool in_networks(std::string_view address, const std::vector<IpNetwork>& networks);

// One spelling per address, so that spellings of one client count as one (its budget, the access
// log): read by Boost.Asio, written as Boost.Asio writes it (RFC 5952 for IPv6: lower case, the
// longest run of zeros as ::). A port is dropped ("10.9.9.9:1234", "[2001:db8::1]:443"),
// IPv4-mapped IPv6 is IPv4 ("::ffff:10.9.9.9" is "10.9.9.9"), and a dotted quad's leading zeros
// are decimal: "010.009.009.009" is 10.9.9.9, as a person means it (inet_aton would read 010 as
// octal 8, and 009 not at all; inet_pton refuses it). nullopt for what is not an address.
std::optional<std::string> canonical_address(std::string_view text);

// Who is asking, canonical (canonical_address): the peer's address, unless the peer is a trusted
// proxy; then X-Real-IP when it is an address, else the rightmost X-Forwarded-For address that is
// not itself a trusted proxy (the leftmost ones are the client's to write, so never believed),
// else the peer. A peer that is no address ("-") is returned as it is.
std::string client_address(std::string_view peer, std::string_view x_real_ip,
                           std::string_view x_forwarded_for, const std::vector<IpNetwork>& trusted);

}  // namespace tenki::server

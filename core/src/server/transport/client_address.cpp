#include "tenki/server/transport/client_address.hpp"

#include <charconv>
#include <optional>

#include <fmt/format.h>
#include <boost/asio/ip/address.hpp>

#include "util/ascii.hpp"

namespace tenki::server {

namespace {

// "010.009.009.009" as "10.9.9.9": each of four dot-separated groups of digits without its
// leading zeros (decimal, never inet_aton's octal); any other text as it is.
std::string without_leading_zeros(const std::string_view original) {
    std::string_view text = original;
    std::string out;
    int groups = 0;
    while (true) {
        const auto dot = text.find('.');
        auto group = text.substr(0, dot);
        if (group.empty() || group.size() > 3 || !util::all_digits(group)) return std::string(original);
        while (group.size() > 1 && group.front() == '0') group.remove_prefix(1);
        out.append(group);
        ++groups;
        if (dot == std::string_view::npos) break;
        out.push_back('.');
        text.remove_prefix(dot + 1);
    }
    return groups == 4 ? out : std::string(original);
}

// One address, no port, by Boost.Asio (inet_pton's forms, IPv6 in any case and with a zone),
// dotted quads with leading zeros read as decimal; IPv4-mapped IPv6 (::ffff:a.b.c.d) as IPv4.
std::optional<boost::asio::ip::address> read_address(std::string_view text) {
    if (text.empty() || text.size() > 64) return std::nullopt;
    boost::system::error_code error;
    auto address = boost::asio::ip::make_address(without_leading_zeros(text), error);
    if (error) return std::nullopt;
    if (address.is_v6() && address.to_v6().is_v4_mapped())
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
    return address;
}

// A client's address as proxies write it: read_address's, or with a port ("10.9.9.9:1234",
// "[2001:db8::1]:443", "[2001:db8::1]").
std::optional<boost::asio::ip::address> read_client(std::string_view text) {
    text = util::trim(text);
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        const auto rest = text.substr(close + 1);
        if (!rest.empty() && (rest.size() < 2 || rest[0] != ':' || !util::all_digits(rest.substr(1))))
            return std::nullopt;
        return read_address(text.substr(1, close - 1));
    }
    if (const auto colon = text.find(':');
        colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
        if (!util::all_digits(text.substr(colon + 1))) return std::nullopt;
        return read_address(text.substr(0, colon));
    }
    return read_address(text);
}

std::array<std::uint8_t, 16> as_v6_bytes(const boost::asio::ip::address& address) {
    if (address.is_v4())
        return boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, address.to_v4()).to_bytes();
    return address.to_v6().to_bytes();
}

std::optional<std::array<std::uint8_t, 16>> parse_address(std::string_view text) {
    auto address = read_address(text);
    if (!address) return std::nullopt;
    return as_v6_bytes(*address);
}

bool is_v4_mapped(const std::array<std::uint8_t, 16>& a) {
    for (std::size_t i = 0; i < 10; ++i)
        if (a[i] != 0) return false;
    return a[10] == 0xff && a[11] == 0xff;
}

bool contains(const IpNetwork& network, const std::array<std::uint8_t, 16>& address) {
    unsigned bits = network.prefix;
    for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits = bits >= 8 ? bits - 8 : 0) {
        const auto mask = static_cast<std::uint8_t>(bits >= 8 ? 0xff : 0xff << (8 - bits));
        if ((network.address[i] & mask) != (address[i] & mask)) return false;
    }
    return true;
}

std::string_view last_item(std::string_view& list) {
    const auto comma = list.rfind(',');
    auto item = comma == std::string_view::npos ? list : list.substr(comma + 1);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(0, comma);
    return util::trim(item);
}

}  // namespace

Result<IpNetwork> parse_ip_network(std::string_view text) {
    const auto bad = [&] {
        return fail(
            ErrorKind::invalid_input,
            fmt::format("'{}' is not an IP network: write one such as 127.0.0.1/32, 10.0.0.0/8 or ::1/128",
                        util::printable(text)));
    };
    const auto slash = text.find('/');
    auto address = parse_address(text.substr(0, slash));
    if (!address) return bad();
    const bool v4 = is_v4_mapped(*address) && text.substr(0, slash).find(':') == std::string_view::npos;
    IpNetwork network{*address, 128};
    if (slash != std::string_view::npos) {
        const auto digits = text.substr(slash + 1);
        unsigned prefix = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
        if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() ||
            prefix > (v4 ? 32U : 128U))
            return bad();
        network.prefix = v4 ? prefix + 96 : prefix;
    }
    return network;
}

std::vector<IpNetwork> default_trusted_proxies() {
    return {*parse_ip_network("127.0.0.0/8"), *parse_ip_network("::1/128")};
}

bool in_networks(std::string_view address, const std::vector<IpNetwork>& networks) {
    auto parsed = parse_address(address);
    if (!parsed) return false;
    for (const auto& network : networks)
        if (contains(network, *parsed)) return true;
    return false;
}

std::optional<std::string> canonical_address(std::string_view text) {
    auto address = read_client(text);
    if (!address) return std::nullopt;
    return address->to_string();
}

std::string client_address(std::string_view peer, std::string_view x_real_ip,
                           std::string_view x_forwarded_for, const std::vector<IpNetwork>& trusted) {
    // The socket's peer is written by Boost.Asio already: only a v4 peer on a v6 socket needs
    // rewriting. Without a proxy's word the peer is the client, trusted or not (every request
    // passes here: no parse more than needed).
    std::string peer_address =
        peer.starts_with("::ffff:") ? canonical_address(peer).value_or(std::string(peer)) : std::string(peer);
    if (x_real_ip.empty() && x_forwarded_for.empty()) return peer_address;
    if (!in_networks(peer_address, trusted)) return peer_address;
    if (auto real_ip = canonical_address(x_real_ip)) return *real_ip;
    auto list = x_forwarded_for;
    while (!list.empty()) {
        const auto item = canonical_address(last_item(list));
        if (!item) break;  // garbage: believe nothing further left
        if (!in_networks(*item, trusted)) return *item;
    }
    return peer_address;
}

}  // namespace tenki::server

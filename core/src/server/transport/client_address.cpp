#include "tenki/server/transport/client_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "util/ascii.hpp"

namespace tenki::server {

namespace {

std::optional<std::array<std::uint8_t, 16>> parse_address(std::string_view text) {
    if (text.empty() || text.size() > 45) return std::nullopt;
    const std::string z(text);
    std::array<std::uint8_t, 16> out{};
    in_addr v4{};
    if (::inet_pton(AF_INET, z.c_str(), &v4) == 1) {
        out[10] = out[11] = 0xff;
        std::memcpy(out.data() + 12, &v4, 4);
        return out;
    }
    in6_addr v6{};
    if (::inet_pton(AF_INET6, z.c_str(), &v6) == 1) {
        std::memcpy(out.data(), &v6, 16);
        return out;
    }
    return std::nullopt;
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

std::string client_address(std::string_view peer, std::string_view x_real_ip,
                           std::string_view x_forwarded_for, const std::vector<IpNetwork>& trusted) {
    // Without a proxy's word the peer is the client, trusted or not (and parsing it is a cache
    // hit's cost).
    if (x_real_ip.empty() && x_forwarded_for.empty()) return std::string(peer);
    if (!in_networks(peer, trusted)) return std::string(peer);
    const auto real_ip = util::trim(x_real_ip);
    if (parse_address(real_ip)) return std::string(real_ip);
    auto list = x_forwarded_for;
    while (!list.empty()) {
        const auto item = last_item(list);
        if (!parse_address(item)) break;  // garbage: believe nothing further left
        if (!in_networks(item, trusted)) return std::string(item);
    }
    return std::string(peer);
}

}  // namespace tenki::server

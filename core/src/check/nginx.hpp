#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/check/check.hpp"

namespace tenki::check_detail {

// "http://host:port/path" or "host:port": the host (brackets of an IPv6 address removed) and the
// port, the scheme's (80, 443) when none is written; nullopt for what has no host.
struct HostPort {
    std::string host;
    std::uint16_t port = 80;
};
std::optional<HostPort> split_host_port(std::string_view text);

// Loopback by address (127.0.0.0/8, ::1) or the name localhost.
bool is_loopback_host(std::string_view host);

// `nginx -t` on the file: a whole nginx.conf as it is, an http {} snippet (deploy/nginx/tenki.conf)
// inside a main config whose pid, logs and temp files stay in a temporary prefix.
CheckFacts::NginxProbe probe_nginx(const std::filesystem::path& path);

}  // namespace tenki::check_detail

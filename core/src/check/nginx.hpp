#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// What nginx says of a file it could not create on a read-only mount.
inline constexpr std::string_view k_read_only_error = "(30: Read-only file system)";

// argv run in a private mount namespace (`unshare --mount`, with a user namespace when not root)
// where every mount is read-only but `keep`: nginx -t reads the config and what it includes, as
// root can, and creates nothing outside `keep` (it fails on the first file it would create, after
// parsing the whole config). Exit 97 with "tenki-sandbox: ..." when a mount cannot be made
// read-only; unshare's own "unshare: ..." when no namespace can be made.
std::vector<std::string> sandboxed(const std::filesystem::path& keep, std::vector<std::string> argv);

// nginx -t's stderr as its verdict, one line per error: "[emerg] unknown directive in FILE:LINE".
// Never a word of the config: quoted words are left out, and a message with any other word that
// is not nginx's own is "an error nginx -t explains itself". Errors on files the read-only
// sandbox kept nginx from creating (k_read_only_error) are left out; "" when nothing else failed.
std::string nginx_verdict(std::string_view errors);

// `nginx -t` on the file: a whole nginx.conf as it is, an http {} snippet (deploy/nginx/tenki.conf)
// inside a main config whose pid, logs and temp files stay in a temporary prefix.
CheckFacts::NginxProbe probe_nginx(const std::filesystem::path& path);

}  // namespace tenki::check_detail

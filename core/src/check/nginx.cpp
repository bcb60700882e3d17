// --nginx-conf: nginx -t on the file, and where it proxies to.
#include "check/nginx.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <vector>

#include "tenki/server/transport/client_address.hpp"
#include "tenki/util/file.hpp"
#include "util/ascii.hpp"
#include "util/subprocess.hpp"

namespace tenki {

namespace fs = std::filesystem;

namespace {

// The config's words, `{`, `}` and `;` each a word of its own; comments left out. Quotes are
// kept as they are (tenki's configs need none).
std::vector<std::string> nginx_words(std::string_view conf) {
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
    };
    bool comment = false;
    for (const char c : conf) {
        if (comment) {
            comment = c != '\n';
            continue;
        }
        if (c == '#') {
            flush();
            comment = true;
        } else if (c == '{' || c == '}' || c == ';') {
            flush();
            words.emplace_back(1, c);
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return words;
}

std::string host_port_text(const check_detail::HostPort& target) {
    const bool v6 = target.host.find(':') != std::string::npos;
    return (v6 ? "[" + target.host + "]" : target.host) + ":" + std::to_string(target.port);
}

bool has_http_block(std::string_view conf) {
    const auto words = nginx_words(conf);
    for (std::size_t i = 0; i + 1 < words.size(); ++i)
        if (words[i] == "http" && words[i + 1] == "{") return true;
    return false;
}

// A main config around an http {} snippet, everything nginx writes under `prefix` (as
// tests/support/nginx_server.cpp and bench/lib.sh do).
std::string main_conf(const fs::path& prefix, const fs::path& snippet) {
    const auto p = prefix.string();
    std::string conf = "pid " + p + "/nginx.pid;\nerror_log " + p + "/error.log warn;\n";
    conf += "events { worker_connections 64; }\nhttp {\n  access_log " + p + "/access.log;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        conf += std::string("  ") + temp + "_temp_path " + p + "/" + temp + ";\n";
    return conf + "  include " + fs::absolute(snippet).string() + ";\n}\n";
}

// nginx -t's verdict from what the sandboxed run printed, or why it could not run in one.
void read_verdict(const util::RunOutput& out, CheckFacts::NginxProbe& probe) {
    const std::string errors(util::trim(out.errors));
    if (out.timed_out) {
        probe.status = 124;
        probe.errors = "nginx -t took longer than 10 s";
    } else if (errors.starts_with("unshare:") || errors.starts_with("tenki-sandbox:")) {
        probe.status = 1;
        probe.ran = false;
        probe.errors =
            "nginx -t was not run: it needs a private mount namespace (unshare), where the files its "
            "config names cannot be created, and none could be made (" +
            errors.substr(0, errors.find('\n')) + ")";
    } else {
        probe.errors = check_detail::nginx_verdict(errors);
        // Failing only on what the read-only sandbox kept it from creating is nginx's "ok": the
        // whole config was parsed before it opens any file.
        const bool sandbox_only =
            probe.errors.empty() && errors.find(check_detail::k_read_only_error) != std::string::npos;
        probe.status = sandbox_only ? 0 : out.status;
    }
}

}  // namespace

std::vector<std::string> nginx_proxy_targets(std::string_view conf) {
    const auto words = nginx_words(conf);
    std::map<std::string, std::vector<std::string>, std::less<>> upstreams;
    std::vector<std::string> passes;
    std::string in_upstream;  // the upstream {} block being read
    int depth = 0, upstream_depth = -1;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (w == "{") {
            ++depth;
        } else if (w == "}") {
            if (--depth == upstream_depth) in_upstream.clear(), upstream_depth = -1;
        } else if (w == "upstream" && i + 2 < words.size() && words[i + 2] == "{") {
            in_upstream = words[i + 1];
            upstream_depth = depth;
            upstreams[in_upstream];
            ++i;
        } else if (w == "server" && !in_upstream.empty() && i + 1 < words.size() && words[i + 1] != ";") {
            upstreams[in_upstream].push_back(words[i + 1]);
        } else if (w == "proxy_pass" && i + 1 < words.size() && words[i + 1] != ";") {
            passes.push_back(words[i + 1]);
        }
        // Skip to the end of a directive's arguments so that its values are never read as names.
        if (w == "server" || w == "proxy_pass")
            while (i + 1 < words.size() && words[i + 1] != ";" && words[i + 1] != "{") ++i;
    }
    std::vector<std::string> targets;
    auto add = [&](const std::string& text) {
        const auto scheme = text.find("://");
        const auto rest = scheme == std::string::npos ? text : text.substr(scheme + 3);
        // A socket or a variable is kept as written: it reaches no host:port we can name.
        if (rest.starts_with("unix:") || text.find('$') != std::string::npos) {
            targets.push_back(rest);
            return;
        }
        if (auto target = check_detail::split_host_port(text)) targets.push_back(host_port_text(*target));
    };
    for (const auto& pass : passes) {
        const auto scheme = pass.find("://");
        const auto name_at = scheme == std::string::npos ? 0 : scheme + 3;
        const auto name = pass.substr(name_at, pass.find_first_of("/:", name_at) - name_at);
        const auto upstream = upstreams.find(name);
        if (upstream == upstreams.end()) {
            add(pass);
            continue;
        }
        for (const auto& server : upstream->second) add(server);
    }
    // Each target once, in the order first named (several locations pass to one upstream).
    std::vector<std::string> unique;
    for (auto& t : targets)
        if (std::find(unique.begin(), unique.end(), t) == unique.end()) unique.push_back(std::move(t));
    return unique;
}

namespace check_detail {

std::optional<HostPort> split_host_port(std::string_view text) {
    HostPort out;
    if (const auto scheme = text.find("://"); scheme != std::string_view::npos) {
        if (util::iequals(text.substr(0, scheme), "https")) out.port = 443;
        text.remove_prefix(scheme + 3);
    }
    text = text.substr(0, text.find_first_of("/?#"));
    if (const auto at = text.rfind('@'); at != std::string_view::npos) text.remove_prefix(at + 1);
    std::string_view port;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        out.host = std::string(text.substr(1, close - 1));
        if (close + 1 < text.size() && text[close + 1] == ':') port = text.substr(close + 2);
    } else {
        const auto colon = text.find(':');
        out.host = std::string(text.substr(0, colon));
        if (colon != std::string_view::npos) port = text.substr(colon + 1);
    }
    if (out.host.empty()) return std::nullopt;
    if (!port.empty()) {
        auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
        if (ec != std::errc() || end != port.data() + port.size()) return std::nullopt;
    }
    out.host = util::lower(out.host);
    return out;
}

bool is_loopback_host(std::string_view host) {
    if (util::iequals(host, "localhost")) return true;
    static const auto loopback = server::default_trusted_proxies();
    return server::in_networks(host, loopback);
}

CheckFacts::NginxProbe probe_nginx(const fs::path& path) {
    CheckFacts::NginxProbe probe;
    probe.path = path;
    const auto text = read_bounded_file(
        path, {"the nginx config " + path.string(), "an nginx config", k_max_nginx_conf_bytes});
    if (!text) {
        probe.status = 1;
        probe.ran = false;
        probe.unreadable = true;
        probe.errors = text.error().message;
        return probe;
    }
    probe.proxied = nginx_proxy_targets(*text);
    probe.wrapped = !has_http_block(*text);
    std::string prefix = (fs::temp_directory_path() / "tenki-check-nginx-XXXXXX").string();
    if (::mkdtemp(prefix.data()) == nullptr) {
        probe.status = 1;
        probe.ran = false;
        probe.errors = "cannot make a temporary directory for nginx -t";
        return probe;
    }
    // -q: only errors on stderr. A whole config is tested as it stands; -p and -e put what it names
    // by relative path, and nginx's own early log, in the prefix.
    std::vector<std::string> argv{"nginx", "-t", "-q", "-p", prefix + "/", "-e", prefix + "/error.log"};
    if (probe.wrapped) {
        const auto conf = fs::path(prefix) / "nginx.conf";
        std::ofstream(conf) << main_conf(prefix, path);
        argv.insert(argv.end(), {"-c", conf.string()});
    } else {
        argv.insert(argv.end(), {"-c", fs::absolute(path).string()});
    }
    util::RunOptions options;
    options.timeout = std::chrono::seconds(10);
    auto out = util::run_capture(sandboxed(prefix, std::move(argv)), options);
    std::error_code ignored;
    fs::remove_all(prefix, ignored);
    if (!out) {
        probe.status = 127;
        probe.ran = false;
        probe.errors = out.error().message;
        return probe;
    }
    read_verdict(*out, probe);
    return probe;
}

}  // namespace check_detail

}  // namespace tenki

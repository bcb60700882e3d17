#include "support/debian_nginx.hpp"

#include <unistd.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace tenki::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path k_debian_etc = "/etc/nginx";

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

// One file of the copy with the machine's ports and paths replaced; see DebianNginx.
std::string debian_rewritten(std::string text, const fs::path& dir, int port,
                             const std::map<int, int>& ports) {
    const std::string d = dir.string();
    text = std::regex_replace(text, std::regex(R"(listen\s+\[::\]:80\b[^;]*;)"), "# (IPv6 listen left out)");
    text =
        std::regex_replace(text, std::regex(R"(listen\s+80\b)"), "listen 127.0.0.1:" + std::to_string(port));
    text = std::regex_replace(text, std::regex(R"((^|\s)/etc/nginx/)"), "$1" + d + "/etc/nginx/");
    text = std::regex_replace(text, std::regex(R"(\bpid\s+/run/nginx\.pid;)"), "pid " + d + "/nginx.pid;");
    text = std::regex_replace(text, std::regex(R"((^|\s)/var/log/nginx/)"), "$1" + d + "/log/");
    text = std::regex_replace(text, std::regex(R"(load_module\s+modules/)"),
                              "load_module /usr/share/nginx/modules/");
    for (const auto& [from, to] : ports)
        text = std::regex_replace(text, std::regex("127\\.0\\.0\\.1:" + std::to_string(from) + "\\b"),
                                  "127.0.0.1:" + std::to_string(to));
    return text;
}

// nginx.conf's own lines: its user (root's workers could not read the copy as www-data) and the
// temp paths, which Debian's build puts under /var/lib/nginx.
std::string main_conf_lines(std::string text, const fs::path& dir) {
    const std::string user = ::geteuid() == 0 ? "user root;" : "# user (not root: ignored)";
    text = std::regex_replace(text, std::regex(R"((^|\n)\s*user\s+[^;]*;)"), "$1" + user);
    if (text.find("client_body_temp_path") != std::string::npos) return text;  // rewritten before
    std::string temps;
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        temps += std::string("\n\t") + temp + "_temp_path " + (dir / "tmp" / temp).string() + ";";
    return std::regex_replace(text, std::regex(R"((^|\n)http\s*\{)"), "$&" + temps,
                              std::regex_constants::format_first_only);
}

}  // namespace

bool DebianNginx::installed() { return fs::exists(k_debian_etc / "nginx.conf"); }

DebianNginx::DebianNginx() {
    if (!installed())
        throw std::runtime_error("no /etc/nginx/nginx.conf: install nginx (scripts/install-deps.sh)");
    fs::create_directories(m_dir / "etc");
    fs::create_directories(m_dir / "log");
    fs::create_directories(m_dir / "tmp");
    fs::copy(k_debian_etc, etc(), fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    // Symlinks into /etc/nginx (sites-enabled/default) point into the copy; others (modules)
    // are followed, as they name files outside /etc/nginx.
    for (const auto& entry : fs::recursive_directory_iterator(etc())) {
        if (!entry.is_symlink()) continue;
        const auto target = fs::read_symlink(entry.path());
        const auto target_text = target.string();
        fs::remove(entry.path());
        if (target_text.starts_with(k_debian_etc.string() + "/"))
            fs::create_symlink(etc() / fs::relative(target, k_debian_etc), entry.path());
        else
            fs::copy_file(target.is_absolute() ? target : entry.path().parent_path() / target, entry.path());
    }
}

DebianNginx::~DebianNginx() = default;

bool DebianNginx::default_site_enabled() const {
    return fs::exists(etc() / "sites-enabled/default") && fs::exists(etc() / "sites-available/default");
}

void DebianNginx::add_shipped_conf() {
    fs::create_directories(etc() / "conf.d");
    fs::copy_file(fs::path(TENKI_SOURCE_DIR) / "deploy/nginx/tenki.conf", etc() / "conf.d/tenki.conf",
                  fs::copy_options::overwrite_existing);
}

void DebianNginx::rewrite(const std::map<int, int>& ports) {
    for (const auto& entry : fs::recursive_directory_iterator(etc())) {
        if (!entry.is_regular_file() || entry.is_symlink()) continue;
        auto text = debian_rewritten(read_file(entry.path()), m_dir.path(), m_port, ports);
        if (entry.path() == etc() / "nginx.conf") text = main_conf_lines(std::move(text), m_dir.path());
        write_text(entry.path(), text);
    }
}

std::vector<std::string> DebianNginx::nginx_argv() const {
    return {"nginx", "-c", (etc() / "nginx.conf").string(), "-e", error_log().string()};
}

util::RunOutput DebianNginx::test(const std::map<int, int>& ports) {
    rewrite(ports);
    auto argv = nginx_argv();
    argv.push_back("-t");
    auto out = util::run_capture(argv);
    if (!out) throw std::runtime_error(out.error().message);
    return *out;
}

void DebianNginx::start(const std::map<int, int>& ports) {
    rewrite(ports);
    auto argv = nginx_argv();
    argv.insert(argv.end(), {"-g", "daemon off;"});
    m_child = std::make_unique<Child>(argv, util::RunOptions{}, m_dir.path());
    if (!wait_for_port(m_port, 10s))
        throw std::runtime_error("nginx did not start: " + m_child->stderr_text() + read_file(error_log()));
}

int start_debian_nginx(DebianNginx& nginx, int first, int second) {
    if (!nginx.default_site_enabled())
        throw std::runtime_error(
            "the copy of /etc/nginx has no sites-enabled/default: not Debian's as installed");
    nginx.add_shipped_conf();
    nginx.start({{5001, first}, {5002, second}});
    return nginx.port();
}

}  // namespace tenki::test

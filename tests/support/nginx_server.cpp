#include "support/nginx_server.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace tenki::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The main config around `http_conf`: everything nginx writes stays under the prefix.
std::string main_conf(const fs::path& prefix, const std::string& http_conf) {
    const auto p = prefix.string();
    // Workers drop privileges to `nobody` when started as root, and could not read the prefix.
    std::string conf = ::geteuid() == 0 ? "user root;\n" : "";
    conf += "worker_processes 2;\npid " + p + "/nginx.pid;\nerror_log " + p + "/error.log warn;\n";
    conf += "events { worker_connections 1024; }\nhttp {\n  access_log " + p + "/access.log;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        conf += std::string("  ") + temp + "_temp_path " + p + "/tmp/" + temp + ";\n";
    return conf + http_conf + "\n}\n";
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

}  // namespace

NginxServer::NginxServer(const std::string& http_conf, int port) : m_port(port) {
    fs::create_directories(m_dir / "tmp");
    auto conf = m_dir.write("nginx.conf", main_conf(m_dir.path(), http_conf));
    m_child = std::make_unique<Child>(std::vector<std::string>{"nginx", "-p", m_dir.path().string(), "-c",
                                                               conf.string(), "-g", "daemon off;"},
                                      util::RunOptions{}, m_dir.path());
    if (!wait_for_port(m_port, 10s)) {
        std::ifstream log(m_dir / "error.log");
        std::stringstream text;
        text << log.rdbuf();
        throw std::runtime_error("nginx did not start: " + m_child->stderr_text() + text.str());
    }
}

util::RunOutput NginxServer::check(const std::string& http_conf) {
    TempDir dir("tenki-nginx-t");
    fs::create_directories(dir / "tmp");
    auto conf = dir.write("nginx.conf", main_conf(dir.path(), http_conf));
    auto out = util::run_capture({"nginx", "-t", "-p", dir.path().string(), "-c", conf.string()});
    if (!out) throw std::runtime_error(out.error().message);
    return *out;
}

std::string render_deploy_conf(int listen_port, int first_instance, int second_instance) {
    std::ifstream in(fs::path(TENKI_SOURCE_DIR) / "deploy/nginx/tenki.conf");
    if (!in) throw std::runtime_error("cannot read deploy/nginx/tenki.conf");
    std::stringstream text;
    text << in.rdbuf();
    auto conf = text.str();
    replace_all(conf, "127.0.0.1:5001", "127.0.0.1:" + std::to_string(first_instance));
    replace_all(conf, "127.0.0.1:5002", "127.0.0.1:" + std::to_string(second_instance));
    replace_all(conf, "listen 80;", "listen 127.0.0.1:" + std::to_string(listen_port) + ";");
    replace_all(conf, "listen [::]:80;", "# (IPv6 listen left out: loopback's 127.0.0.1 only)");
    return conf;
}

}  // namespace tenki::test

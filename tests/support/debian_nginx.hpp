#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

namespace tenki::test {

// Debian's nginx as installed: a copy of the machine's /etc/nginx (its default site included,
// symlinks followed) in a temporary directory, where a test follows README's steps (copy a file
// into conf.d, remove a site) through etc(). Before `nginx -t` or a start, what would need root
// or port 80 is rewritten in the copy, and nothing else: every `listen 80` becomes
// 127.0.0.1:port (the IPv6 `listen [::]:80` lines are left out, as loopback has one address
// here), /etc/nginx paths point into the copy, and the pid file, logs and temp files live in the
// directory. `ports` maps the upstream ports a config names (5001) to the ones a test started.
// Stopped when destroyed.
class DebianNginx {
public:
    // Whether the machine has Debian's /etc/nginx/nginx.conf to copy.
    static bool installed();

    DebianNginx();
    ~DebianNginx();

    std::filesystem::path etc() const { return m_dir / "etc/nginx"; }
    int port() const { return m_port; }
    std::filesystem::path error_log() const { return m_dir / "log/error.log"; }
    // Whether the copy still has Debian's welcome site enabled (sites-enabled/default).
    bool default_site_enabled() const;

    // README's step: the shipped deploy/nginx/tenki.conf copied to conf.d/tenki.conf.
    void add_shipped_conf();

    // `nginx -t` on the copy, as it is now (after the rewrite above).
    util::RunOutput test(const std::map<int, int>& ports = {});
    // Starts nginx on the copy; throws with nginx's error log when it does not come up.
    void start(const std::map<int, int>& ports = {});

private:
    void rewrite(const std::map<int, int>& ports);
    std::vector<std::string> nginx_argv() const;

    TempDir m_dir{"tenki-debian-nginx"};
    int m_port = free_port();
    std::unique_ptr<Child> m_child;
};

// The cluster as README's "try it on one machine" runs it: Debian's nginx as installed (its
// welcome site still enabled, checked), the shipped tenki.conf in conf.d, the instances on 5001
// and 5002 mapped to `first` and `second`; started. The port nginx listens on.
int start_debian_nginx(DebianNginx& nginx, int first, int second);

}  // namespace tenki::test

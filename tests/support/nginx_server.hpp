#pragma once

#include <memory>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

namespace tenki::test {

// nginx as the current user, in a temporary prefix (pid, logs and temp files inside it), on
// a free port. `http_conf` is what goes in the http {} block, e.g. deploy/nginx/tenki.conf with
// its ports replaced (see render_deploy_conf). Stopped when destroyed.
class NginxServer {
public:
    NginxServer(const std::string& http_conf, int port);

    int port() const { return m_port; }
    const TempDir& dir() const { return m_dir; }

    // `nginx -t` on a config, as this class would write it.
    static util::RunOutput check(const std::string& http_conf);

private:
    TempDir m_dir{"tenki-nginx"};
    int m_port;
    std::unique_ptr<Child> m_child;
};

// deploy/nginx/tenki.conf, listening on 127.0.0.1:listen_port and proxying to two local tenki
// instances on the given ports instead of 5001 and 5002.
std::string render_deploy_conf(int listen_port, int first_instance, int second_instance);

}  // namespace tenki::test

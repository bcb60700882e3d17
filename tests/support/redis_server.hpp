#pragma once

#include <memory>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace tenki::test {

// A real redis-server on 127.0.0.1 and a free port, nothing saved to disk; stopped when
// destroyed. kill() and start() again on the same port stand for an outage and a recovery.
class RedisServer {
public:
    RedisServer();

    int port() const { return m_port; }
    std::string url() const;  // "redis://127.0.0.1:PORT/0"
    // SIGKILL, as a crash would; returns once it is gone.
    void kill();
    // Starts (again) on the same port and waits until it accepts connections.
    void start();

private:
    TempDir m_dir{"tenki-redis"};
    int m_port;
    std::unique_ptr<Child> m_child;
};

}  // namespace tenki::test

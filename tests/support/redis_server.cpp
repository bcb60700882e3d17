#include "support/redis_server.hpp"

#include <csignal>
#include <stdexcept>

namespace tenki::test {

using namespace std::chrono_literals;

RedisServer::RedisServer() : m_port(free_port()) { start(); }

std::string RedisServer::url() const { return "redis://127.0.0.1:" + std::to_string(m_port) + "/0"; }

void RedisServer::kill() {
    if (m_child) m_child->signal_and_wait(SIGKILL, 5s);
    m_child.reset();
}

void RedisServer::start() {
    m_child = std::make_unique<Child>(
        std::vector<std::string>{"redis-server", "--port", std::to_string(m_port), "--bind", "127.0.0.1",
                                 "--save", "", "--appendonly", "no", "--dir", m_dir.path().string()},
        util::RunOptions{}, m_dir.path());
    if (!wait_for_port(m_port, 10s))
        throw std::runtime_error("redis-server did not start on port " + std::to_string(m_port) + ": " +
                                 m_child->stdout_text());
}

}  // namespace tenki::test

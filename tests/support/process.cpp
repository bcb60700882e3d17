#include "support/process.hpp"
#include "support/fake_nws.hpp"
#include "support/temp_dir.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tenki/config/config.hpp"

extern char** environ;

namespace tenki::test {

namespace fs = std::filesystem;

fs::path tenki_binary() {
    if (const char* env = std::getenv("TENKI_BIN"); env && *env) return fs::path(env);
    return fs::path(TENKI_BINARY_DIR) / "tenki";
}

namespace {

// One fake NWS for every tenki a test starts without its own: no alert in force.
std::string shared_fake_nws_url() {
    static const FakeNws nws;
    return nws.base_url();
}

}  // namespace

std::vector<std::pair<std::string, std::optional<std::string>>> tenki_env(const TenkiEnv& e) {
    std::vector<std::pair<std::string, std::optional<std::string>>> env;
    // Every setting's variable unset first (the config key table names them all), then this test's.
    for (const auto& key : config_keys())
        if (!key.env.empty()) env.emplace_back(std::string(key.env), std::nullopt);
    for (const char* name : {"TENKI_ENV", "TENKI_CONFIG", "XDG_CONFIG_HOME"})
        env.emplace_back(name, std::nullopt);
    env.insert(env.end(), {{"HOME", e.home.string()},
                           {"XDG_CACHE_HOME", (e.home / "cache").string()},
                           {"TENKI_OWM_URL", e.owm_url},
                           {"TENKI_OPENMETEO_URL", e.open_meteo_url},
                           {"TENKI_OPENMETEO_GEOCODING_URL", e.open_meteo_url},
                           {"OWM_API_KEY", e.api_key},
                           // Never the real NWS nor air-quality API: the shared fake NWS
                           // (no alert in force: the report asks by default), and nothing.
                           {"TENKI_NWS_URL", shared_fake_nws_url()},
                           {"TENKI_OPENMETEO_AIR_URL", "http://127.0.0.1:1"},
                           {"TENKI_NWS_CONTACT", std::nullopt},
                           {"TENKI_NWS_RATE", std::nullopt},
                           {"NO_COLOR", "1"}});
    return env;
}

util::RunOutput run_tenki(const std::vector<std::string>& args, const util::RunOptions& options) {
    std::vector<std::string> argv{tenki_binary().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    auto out = util::run_capture(argv, options);
    if (!out) throw std::runtime_error(out.error().message);
    return *out;
}

Child::Child(const std::vector<std::string>& argv, const util::RunOptions& options, const fs::path& log_dir) {
    static int counter = 0;
    const std::string stem = fs::path(argv.at(0)).filename().string() + "-" + std::to_string(++counter);
    m_out = log_dir / (stem + ".out");
    m_err = log_dir / (stem + ".err");

    std::map<std::string, std::string> env_map;
    for (char** e = environ; e && *e; ++e) {
        std::string kv(*e);
        auto eq = kv.find('=');
        if (eq != std::string::npos) env_map[kv.substr(0, eq)] = kv.substr(eq + 1);
    }
    for (const auto& [k, v] : options.env) {
        if (v)
            env_map[k] = *v;
        else
            env_map.erase(k);
    }
    std::vector<std::string> env;
    for (const auto& [k, v] : env_map) env.push_back(k + "=" + v);
    std::vector<char*> c_env;
    for (auto& s : env) c_env.push_back(s.data());
    c_env.push_back(nullptr);
    auto args = argv;
    std::vector<char*> c_args;
    for (auto& s : args) c_args.push_back(s.data());
    c_args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, m_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, m_err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (options.cwd) posix_spawn_file_actions_addchdir_np(&actions, options.cwd->c_str());
    int rc = ::posix_spawnp(&m_pid, c_args[0], &actions, nullptr, c_args.data(), c_env.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("cannot start " + argv[0] + ": " + std::strerror(rc));
}

Child::~Child() {
    if (!m_status && m_pid > 0) {
        if (!signal_and_wait(SIGTERM, std::chrono::seconds(5)))
            signal_and_wait(SIGKILL, std::chrono::seconds(5));
    }
}

bool Child::running() { return !wait_exit(std::chrono::milliseconds(0)).has_value(); }

std::optional<int> Child::wait_exit(std::chrono::milliseconds wait) {
    if (m_status) return m_status;
    auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        int status = 0;
        pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid) {
            m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return m_status;
        }
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::optional<int> Child::signal_and_wait(int sig, std::chrono::milliseconds wait) {
    if (m_status) return m_status;
    ::kill(m_pid, sig);
    return wait_exit(wait);
}

std::string Child::stdout_text() const { return read_file(m_out); }
std::string Child::stderr_text() const { return read_file(m_err); }

int free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        ::close(fd);
        throw std::runtime_error("cannot find a free port");
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

bool wait_for_port(int port, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<uint16_t>(port));
        bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
        ::close(fd);
        if (ok) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

}  // namespace tenki::test

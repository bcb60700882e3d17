#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "util/subprocess.hpp"

namespace tenki::test {

// The tenki binary under test: $TENKI_BIN, else build/tenki beside the test binary.
std::filesystem::path tenki_binary();

// Where a test's tenki lives and which upstreams it asks.
struct TenkiEnv {
    std::filesystem::path home;  // HOME, and the disk cache below it
    std::string owm_url;
    std::string open_meteo_url =
        "http://127.0.0.1:1";            // nothing listens: never the real service; also its geocoding API
    std::optional<std::string> api_key;  // OWM_API_KEY; unset when empty
};

// The environment for a test's tenki: TenkiEnv's, no colour, and none of the developer's own
// TENKI_* settings nor config file (the one under `home` is used), so that a test passes the
// same in every shell.
std::vector<std::pair<std::string, std::optional<std::string>>> tenki_env(const TenkiEnv& e);

// Runs the built tenki to completion with extra environment, as a user's shell would.
util::RunOutput run_tenki(const std::vector<std::string>& args, const util::RunOptions& options = {});

// A child process running in the background (a server), its output in files;
// stopped (SIGTERM, then SIGKILL) when destroyed so no test leaves a process behind.
class Child {
public:
    Child(const std::vector<std::string>& argv, const util::RunOptions& options,
          const std::filesystem::path& log_dir);
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return m_pid; }
    bool running();
    // Sends a signal, then waits up to `wait` for the exit status (nullopt if still running).
    std::optional<int> signal_and_wait(int sig, std::chrono::milliseconds wait);
    std::optional<int> wait_exit(std::chrono::milliseconds wait);
    std::string stdout_text() const;
    std::string stderr_text() const;

private:
    pid_t m_pid = -1;
    std::optional<int> m_status;
    std::filesystem::path m_out;
    std::filesystem::path m_err;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();

// Waits until something accepts TCP connections on 127.0.0.1:port; false on timeout.
bool wait_for_port(int port, std::chrono::milliseconds timeout);

}  // namespace tenki::test

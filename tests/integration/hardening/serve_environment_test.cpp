// The environment a daemon lives in: a log reader that goes away, the signals operators and
// supervisors send. Nothing but SIGINT and SIGTERM stops `tenki serve`, and those stop it gracefully.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <optional>
#include <sstream>
#include <thread>

#include "hardening.hpp"

using namespace tenki::test;
using namespace tenki::test::hardening;
using namespace std::chrono_literals;

namespace {

// Waits until the child's stderr holds `text` (a line it logs), false after `timeout`.
bool wait_for_log(Child& child, const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (child.stderr_text().find(text) == std::string::npos) {
        if (std::chrono::steady_clock::now() > deadline || !child.running()) return false;
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

// `tenki serve 2>&1 | head -n 2`: stdout and stderr on a pipe whose reader goes away after two lines.
struct PipedServe {
    PipedServe() {
        REQUIRE(::pipe2(fds.data(), O_CLOEXEC) == 0);
        std::vector<std::string> argv{tenki_binary().string(), "serve",     "--port",
                                      std::to_string(port),    "--threads", "2"};
        std::vector<std::string> env_strings;
        for (const auto& [k, v] : tenki_env({dir.path(), owm.base_url(), "http://127.0.0.1:1", k_secret_key}))
            if (v) env_strings.push_back(k + "=" + *v);
        for (char** e = environ; *e; ++e) {
            std::string kv(*e);
            auto name = kv.substr(0, kv.find('=') + 1);
            bool overridden = std::any_of(env_strings.begin(), env_strings.end(),
                                          [&](const std::string& s) { return s.rfind(name, 0) == 0; });
            if (!overridden && name != "OWM_API_KEY=" && name.rfind("TENKI_", 0) != 0)
                env_strings.push_back(kv);
        }
        std::vector<char*> c_argv, c_env;
        for (auto& a : argv) c_argv.push_back(a.data());
        for (auto& e : env_strings) c_env.push_back(e.data());
        c_argv.push_back(nullptr);
        c_env.push_back(nullptr);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
        // As a shell starts it: SIGPIPE at its default (the test runner ignores it, and exec keeps that).
        posix_spawnattr_t attr;
        posix_spawnattr_init(&attr);
        sigset_t defaults;
        sigemptyset(&defaults);
        sigaddset(&defaults, SIGPIPE);
        posix_spawnattr_setsigdefault(&attr, &defaults);
        posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
        REQUIRE(::posix_spawn(&pid, c_argv[0], &actions, &attr, c_argv.data(), c_env.data()) == 0);
        posix_spawnattr_destroy(&attr);
        posix_spawn_file_actions_destroy(&actions);
        ::close(fds[1]);
    }
    ~PipedServe() {
        if (fds[0] >= 0) ::close(fds[0]);
        if (pid > 0 && !exited) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
    // What `head -n 2` does: read two lines, then close the pipe.
    std::string head_two_lines() {
        std::string text;
        char c = 0;
        while (std::count(text.begin(), text.end(), '\n') < 2 && ::read(fds[0], &c, 1) == 1)
            text.push_back(c);
        ::close(fds[0]);
        fds[0] = -1;
        return text;
    }
    bool running() { return ::waitpid(pid, &status, WNOHANG) == 0; }

    FakeOwm owm{k_secret_key};
    TempDir dir;
    int port = free_port();
    std::array<int, 2> fds{-1, -1};
    pid_t pid = -1;
    int status = 0;
    bool exited = false;
};

}  // namespace

TEST_CASE("tenki serve 2>&1 | head -n 2: a log write that fails never stops serving (SIGPIPE)",
          "[integration][hardening][server]") {
    PipedServe s;
    auto head = s.head_two_lines();
    CHECK(head.find("listening on") != std::string::npos);
    REQUIRE(wait_for_port(s.port, 10s));
    // Each answer writes an access-log line into the closed pipe; the first such write used to kill.
    for (int i = 0; i < 5; ++i) CHECK(http_get(s.port, "/api/v1/weather?postalcode=94107").status == 200);
    CHECK(s.running());
    REQUIRE(::kill(s.pid, SIGTERM) == 0);
    REQUIRE(::waitpid(s.pid, &s.status, 0) == s.pid);
    s.exited = true;
    CHECK(WIFEXITED(s.status));
    CHECK(WEXITSTATUS(s.status) == 0);
}

// Blocks `signals` in this thread while it lives: a child spawned meanwhile inherits them blocked,
// as from a supervisor or a CI runner that blocks them (the mask survives exec).
class BlockedSignals {
public:
    explicit BlockedSignals(std::initializer_list<int> signals) {
        sigset_t set;
        sigemptyset(&set);
        for (int s : signals) sigaddset(&set, s);
        ::pthread_sigmask(SIG_BLOCK, &set, &m_before);
    }
    ~BlockedSignals() { ::pthread_sigmask(SIG_SETMASK, &m_before, nullptr); }
    BlockedSignals(const BlockedSignals&) = delete;
    BlockedSignals& operator=(const BlockedSignals&) = delete;

private:
    sigset_t m_before{};
};

// Started with every signal it acts on blocked (a CI runner blocked SIGUSR2, and the server never
// saw it): tenki serve blocks them all itself and reads them from a signalfd, so an inherited
// mask changes nothing.
TEST_CASE("SIGHUP, SIGUSR1 and SIGUSR2 are logged and ignored; SIGINT still stops gracefully",
          "[integration][hardening][server]") {
    const bool inherited_blocked = GENERATE(false, true);
    INFO((inherited_blocked ? "started with them blocked" : "started with none blocked"));
    std::optional<BlockedSignals> blocked;
    if (inherited_blocked)
        blocked.emplace(std::initializer_list<int>{SIGHUP, SIGUSR1, SIGUSR2, SIGINT, SIGTERM});
    Served s;
    blocked.reset();
    for (auto [signal, name] : {std::pair{SIGHUP, "SIGHUP"}, {SIGUSR1, "SIGUSR1"}, {SIGUSR2, "SIGUSR2"}}) {
        INFO(name);
        REQUIRE(::kill(s.child->pid(), signal) == 0);
        CHECK(wait_for_log(*s.child, std::string(name) + " ignored", 5s));
        CHECK(http_get(s.port, "/healthz").status == 200);
        CHECK(s.child->running());
    }
    CHECK(s.child->signal_and_wait(SIGINT, 5s) == 0);
    CHECK(s.child->stderr_text().find("tenki serve: stopped") != std::string::npos);
}

// A line written in pieces (std::cerr << "SIG" << name << ...) let an access-log line from a
// serving thread land in its middle ("tenki serve: SIG127.0.0.1 - - [...]\nUSR1 ignored"), and
// the signal test above missed its line. Every line is one write: under load, none is cut.
TEST_CASE("tenki serve's log lines never interleave, whatever thread writes them",
          "[integration][hardening][server][log]") {
    Served s;
    std::atomic<bool> stop{false};
    std::atomic<int> answered{0};
    std::vector<std::thread> clients;
    for (int c = 0; c < 2; ++c)
        clients.emplace_back([&] {
            while (!stop.load()) {
                if (http_get(s.port, "/healthz").status == 200) answered.fetch_add(1);
            }
        });
    for (int i = 0; i < 40; ++i) {
        ::kill(s.child->pid(), i % 2 == 0 ? SIGHUP : SIGUSR1);
        std::this_thread::sleep_for(5ms);
    }
    CHECK(wait_for_log(*s.child, "SIGUSR1 ignored", 5s));
    stop = true;
    for (auto& t : clients) t.join();
    CHECK(answered.load() > 0);
    REQUIRE(s.child->signal_and_wait(SIGTERM, 5s) == 0);

    std::istringstream log(s.child->stderr_text());
    int signal_lines = 0;
    for (std::string line; std::getline(log, line);) {
        INFO(line);
        const bool ours = line.starts_with("tenki serve: ");
        CHECK((ours || line.starts_with("127.0.0.1 - - [")));
        if (ours && line.find("SIG") != std::string::npos)
            CHECK_THAT(line, Catch::Matches(R"(tenki serve: SIG(HUP|USR1) ignored: .*stops tenki\))"));
        signal_lines += line.find(" ignored: ") != std::string::npos;
    }
    CHECK(signal_lines >= 2);
}

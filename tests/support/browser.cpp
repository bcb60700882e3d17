#include "support/browser.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "tenki/devtools/web_tier.hpp"

namespace tenki::test {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::chrono::seconds k_driver_start_timeout{10};
constexpr std::chrono::seconds k_stop_timeout{2};

std::optional<std::string> env(std::string_view name) {
    const char* value = std::getenv(std::string(name).c_str());
    return value ? std::optional<std::string>(value) : std::nullopt;
}

// The flags these machines need: no sandbox (containers), no GPU, and nothing that reaches the
// network on its own (no QUIC, background fetches, component updates or sync).
json chrome_args(const std::optional<fs::path>& profile) {
    json args = {"--headless",
                 "--no-sandbox",
                 "--disable-gpu",
                 "--disable-quic",
                 "--no-first-run",
                 "--disable-background-networking",
                 "--disable-component-update",
                 "--disable-sync",
                 "--window-size=1024,768"};
    if (profile) args.push_back("--user-data-dir=" + profile->string());
    return args;
}

json capabilities(const std::optional<fs::path>& binary, const std::optional<fs::path>& profile) {
    json chrome = {{"args", chrome_args(profile)}};
    if (binary) chrome["binary"] = binary->string();
    return {{"browserName", "chrome"},
            {"goog:chromeOptions", chrome},
            // Collect the console so a test can require that it has no errors.
            {"goog:loggingPrefs", {{"browser", "ALL"}}}};
}

struct ProcInfo {
    pid_t ppid = 0;
    char state = '?';
};

std::optional<ProcInfo> proc_info(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'.
    auto close = stat.rfind(')');
    if (close == std::string::npos) return std::nullopt;
    std::istringstream rest(stat.substr(close + 1));
    ProcInfo info;
    rest >> info.state >> info.ppid;
    if (!rest) return std::nullopt;
    return info;
}

std::map<pid_t, ProcInfo> all_processes() {
    std::map<pid_t, ProcInfo> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/proc", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
        const auto pid = static_cast<pid_t>(std::stol(name));
        if (auto info = proc_info(pid)) found[pid] = *info;
    }
    return found;
}

std::string command_line(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline", std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Chromium's profile and its XDG_CONFIG_HOME, below the fixture's directory.
constexpr const char* k_profile_dir = "chromium-profile";
constexpr const char* k_config_dir = "chromium-config";

// The browser's live processes: those that name our chromium directories (chromium's crash
// handlers detach from the tree, but their database is under our XDG_CONFIG_HOME), and every
// process below chromedriver or below one of those (a helper of a chromium whose parent died).
std::set<pid_t> browser_processes(pid_t driver, const fs::path& dir) {
    const auto procs = all_processes();
    std::set<pid_t> found{driver};
    for (const char* sub : {k_profile_dir, k_config_dir}) {
        for (pid_t pid : processes_naming((dir / sub).string())) found.insert(pid);
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [pid, info] : procs) {
            if (info.state != 'Z' && found.count(info.ppid) && found.insert(pid).second) grew = true;
        }
    }
    found.erase(driver);
    return found;
}

void wait_until_dead(const std::set<pid_t>& pids, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (pid_t pid : pids) {
        while (process_alive(pid) && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
}

// Collects the exit status of each pid that ended as our child (we are a subreaper), so not even
// a zombie is left; pids that are not our children are someone else's to reap.
void reap(const std::set<pid_t>& pids, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (pid_t pid : pids) {
        while (std::chrono::steady_clock::now() < deadline) {
            const pid_t reaped = ::waitpid(pid, nullptr, WNOHANG);
            if (reaped == pid) break;
            // ECHILD while the process still exists: not this process's child yet (its parent, a
            // killed helper, has not finished dying, so it is not yet handed to this subreaper).
            // Under load that takes a while: keep asking until it is reaped or gone.
            if (reaped == -1 && errno == ECHILD && ::kill(pid, 0) != 0 && errno == ESRCH) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
}

std::string safe_file_name(const std::string& name) {
    std::string out;
    for (char c : name) {
        const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        out += ok ? c : '-';
    }
    return out.empty() ? "screenshot" : out;
}

std::vector<std::string> with_port(std::vector<std::string> argv, int port) {
    const std::string placeholder = "{port}";
    for (auto& arg : argv) {
        for (auto at = arg.find(placeholder); at != std::string::npos; at = arg.find(placeholder)) {
            arg.replace(at, placeholder.size(), std::to_string(port));
        }
    }
    return argv;
}

}  // namespace

Browser::Browser(const BrowserOptions& options) {
    const auto remote = options.webdriver_url ? options.webdriver_url : env(devtools::k_webdriver_url_env);
    if (remote && !remote->empty()) {
        // The driver's machine has its own chromium and makes its own fresh profile.
        m_driver = std::make_unique<WebDriver>(*remote, capabilities(std::nullopt, std::nullopt));
        return;
    }
    start_local(options.search_dirs ? *options.search_dirs
                                    : devtools::browser_search_dirs(env("PATH").value_or("")));
}

void Browser::start_local(const std::vector<fs::path>& search_dirs) {
    auto tools = devtools::find_browser_tools(search_dirs);
    if (!tools) throw std::runtime_error(tools.error().message);
    // Chromium's crash handlers daemonize and its helpers outlive a killed parent: as a subreaper
    // this process inherits them, so it can reap them instead of leaving zombies to init.
    ::prctl(PR_SET_CHILD_SUBREAPER, 1UL, 0UL, 0UL, 0UL);
    const int port = free_port();
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    // Chromium keeps its crash database under XDG_CONFIG_HOME: here, not in the user's home.
    util::RunOptions run{.env = {{"XDG_CONFIG_HOME", (m_dir / k_config_dir).string()}}};
    m_chromedriver.emplace(
        std::vector<std::string>{tools->chromedriver.string(), "--port=" + std::to_string(port)}, run,
        m_dir.path());
    try {
        // Listening comes first; "ready" in /status follows at once, so poll it briefly.
        const auto deadline = std::chrono::steady_clock::now() + k_driver_start_timeout;
        bool ready = wait_for_port(port, k_driver_start_timeout);
        while (ready && !driver_ready(base)) {
            ready = m_chromedriver->running() && std::chrono::steady_clock::now() < deadline;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (!ready) {
            throw std::runtime_error("chromedriver (" + tools->chromedriver.string() +
                                     ") was not ready on port " + std::to_string(port) + " within " +
                                     std::to_string(k_driver_start_timeout.count()) +
                                     " s: " + m_chromedriver->stderr_text() + m_chromedriver->stdout_text());
        }
        m_driver = std::make_unique<WebDriver>(base, capabilities(tools->chromium, m_dir / k_profile_dir));
    } catch (...) {
        stop_local({});
        throw;
    }
}

Browser::~Browser() {
    // Chromium's helpers outlive a killed parent: note them all while the browser still runs.
    std::set<pid_t> seen;
    if (m_chromedriver) {
        try {
            seen = browser_processes(m_chromedriver->pid(), m_dir.path());
        } catch (const std::exception&) {
            // stop_local() looks again.
        }
    }
    m_driver.reset();  // deletes the session: chromedriver quits chromium
    stop_local(std::move(seen));
}

void Browser::stop_local(std::set<pid_t> seen) noexcept {
    if (!m_chromedriver) return;
    try {
        const pid_t driver = m_chromedriver->pid();
        // A clean quit leaves nothing; a failed one leaves chromium running. Kill what is left
        // (a few rounds: a process may start children until it is killed).
        for (int round = 0; round < 5; ++round) {
            const auto left = browser_processes(driver, m_dir.path());
            if (left.empty()) break;
            seen.insert(left.begin(), left.end());
            for (pid_t pid : left) ::kill(pid, SIGKILL);
            wait_until_dead(left, k_stop_timeout);
        }
        m_chromedriver.reset();
        reap(seen, k_stop_timeout);
    } catch (const std::exception&) {
        // Stopping chromedriver below is still worth doing.
    }
    m_chromedriver.reset();
}

std::vector<pid_t> Browser::local_processes() const {
    if (!m_chromedriver) return {};
    auto found = browser_processes(m_chromedriver->pid(), m_dir.path());
    return {found.begin(), found.end()};
}

fs::path Browser::screenshot(const std::string& name) {
    fs::path path = screenshot_dir() / (safe_file_name(name) + ".screenshot.png");
    m_driver->screenshot(path);
    return path;
}

std::vector<LogEntry> Browser::console_errors() {
    std::vector<LogEntry> errors;
    for (auto& entry : m_driver->browser_log()) {
        if (entry.level == "SEVERE") errors.push_back(std::move(entry));
    }
    return errors;
}

std::optional<pid_t> Browser::browser_pid() const {
    if (!m_chromedriver || !m_driver) return std::nullopt;
    const auto& caps = m_driver->capabilities();
    if (!caps.contains("goog:processID") || !caps["goog:processID"].is_number_integer()) return std::nullopt;
    return caps["goog:processID"].get<pid_t>();
}

std::optional<pid_t> Browser::driver_pid() const {
    if (!m_chromedriver) return std::nullopt;
    return m_chromedriver->pid();
}

fs::path screenshot_dir() {
    if (auto dir = env(devtools::k_screenshot_dir_env); dir && !dir->empty()) return fs::path(*dir);
    return fs::path(TENKI_BINARY_DIR) / "screenshots";
}

std::string data_url(const std::string& html) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string url = "data:text/html;charset=utf-8,";
    for (char c : html) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || std::string_view("-_.~ <>=/:;()'\",!").find(c) != std::string_view::npos) {
            url += c;
        } else {
            url += '%';
            url += k_hex[byte >> 4];
            url += k_hex[byte & 0x0F];
        }
    }
    return url;
}

std::string describe(const std::vector<LogEntry>& entries) {
    std::string text;
    for (const auto& e : entries) text += e.level + " " + e.source + ": " + e.message + "\n";
    return text.empty() ? "(no entries)" : text;
}

bool process_alive(pid_t pid) {
    if (::kill(pid, 0) != 0 && errno == ESRCH) return false;
    auto info = proc_info(pid);
    return info && info->state != 'Z' && info->state != 'X';
}

std::vector<pid_t> processes_naming(const std::string& text) {
    std::vector<pid_t> found;
    if (text.empty()) return found;
    for (const auto& [pid, info] : all_processes()) {
        if (info.state == 'Z' || pid == ::getpid()) continue;
        if (command_line(pid).find(text) != std::string::npos) found.push_back(pid);
    }
    return found;
}

ServerProcess::ServerProcess(const std::vector<std::string>& argv, const fs::path& log_dir,
                             const util::RunOptions& options, std::chrono::milliseconds timeout)
    : m_port(free_port()), m_child(with_port(argv, m_port), options, log_dir) {
    if (!wait_for_port(m_port, timeout)) {
        throw std::runtime_error(argv.at(0) + " did not open port " + std::to_string(m_port) + " within " +
                                 std::to_string(timeout.count()) + " ms: " + m_child.stderr_text());
    }
}

std::string ServerProcess::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + (path.empty() || path[0] != '/' ? "/" : "") + path;
}

}  // namespace tenki::test

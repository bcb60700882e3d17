#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/webdriver.hpp"

namespace tenki::test {

struct BrowserOptions {
    // A running WebDriver server to use; default $WEBDRIVER_URL. Empty: start chromedriver here.
    std::optional<std::string> webdriver_url;
    // Where to look for chromium and chromedriver; default $PATH's directories, then /usr/bin.
    std::optional<std::vector<std::filesystem::path>> search_dirs;
};

// The web tier's browser: chromedriver on a free port (or the driver at $WEBDRIVER_URL) and one
// headless Chromium session in a fresh profile. When chromium or chromedriver is missing the
// constructor throws, so the test fails: a missing browser never passes. Destruction deletes the
// session, then kills whatever the browser left and stops chromedriver.
//
//   Browser browser;
//   ServerProcess site({tenki_binary().string(), "serve", "--port", "{port}"}, browser.dir());
//   browser->navigate(site.url("/"));
//   CHECK(browser->find("h1").text() == "tenki");
//   browser.screenshot("home");
//   INFO(describe(browser.console_errors()));
//   CHECK(browser.console_errors().empty());
class Browser {
public:
    explicit Browser(const BrowserOptions& options = {});
    ~Browser();
    Browser(const Browser&) = delete;
    Browser& operator=(const Browser&) = delete;

    WebDriver& driver() { return *m_driver; }
    WebDriver* operator->() { return m_driver.get(); }
    // This test's own directory: the browser profile, chromedriver's output, a server's logs.
    const TempDir& dir() const { return m_dir; }

    // Writes the viewport to screenshot_dir()/<name>.screenshot.png and returns the path.
    std::filesystem::path screenshot(const std::string& name);
    // SEVERE console entries (console.error, uncaught exceptions, failed loads) since the last call.
    std::vector<LogEntry> console_errors();

    // Chromium's main process and chromedriver, when they run here (not with a remote driver).
    std::optional<pid_t> browser_pid() const;
    std::optional<pid_t> driver_pid() const;
    // Every process of the browser's here: chromedriver's descendants and chromium's crash handlers.
    std::vector<pid_t> local_processes() const;

private:
    void start_local(const std::vector<std::filesystem::path>& search_dirs);
    // Kills what is left of the browser, stops chromedriver and reaps what `seen` noted.
    void stop_local(std::set<pid_t> seen) noexcept;

    TempDir m_dir{"tenki-web"};
    std::optional<Child> m_chromedriver;
    std::unique_ptr<WebDriver> m_driver;
};

// Where screenshots go: $TENKI_SCREENSHOT_DIR, else screenshots/ in the build tree.
std::filesystem::path screenshot_dir();

// A data: URL for an inline HTML page.
std::string data_url(const std::string& html);

// Log entries one per line, for INFO and failure messages.
std::string describe(const std::vector<LogEntry>& entries);

// Whether a process exists and has not exited (a zombie has).
bool process_alive(pid_t pid);

// Live processes whose command line contains text (a profile directory, say).
std::vector<pid_t> processes_naming(const std::string& text);

// A local server for a browser to visit, run as a Child: each "{port}" in argv becomes a free
// port. Ready when constructed: throws with the server's stderr if the port does not open in time.
class ServerProcess {
public:
    ServerProcess(const std::vector<std::string>& argv, const std::filesystem::path& log_dir,
                  const util::RunOptions& options = {},
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));

    int port() const { return m_port; }
    // http://127.0.0.1:PORT followed by path.
    std::string url(const std::string& path = "/") const;
    Child& child() { return m_child; }

private:
    int m_port;
    Child m_child;
};

}  // namespace tenki::test

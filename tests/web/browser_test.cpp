#include <catch2/catch.hpp>

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>
#include <string>

#include "support/browser.hpp"
#include "support/temp_dir.hpp"
#include "tenki/devtools/web_tier.hpp"

using namespace tenki::test;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

TEST_CASE("without chromium and chromedriver the fixture fails with what to install", "[web][browser]") {
    TempDir empty;
    BrowserOptions options{.webdriver_url = "", .search_dirs = std::vector<fs::path>{empty.path()}};
    CHECK_THROWS_WITH(Browser(options), std::string(tenki::devtools::k_browser_missing));
}

TEST_CASE("the fixture leaves no chromium or chromedriver behind", "[web][browser]") {
    if (const char* remote = std::getenv("WEBDRIVER_URL"); remote && *remote) {
        WARN("WEBDRIVER_URL is set: the browser runs elsewhere, nothing to check here");
        return;
    }
    std::optional<pid_t> chromium, driver;
    std::vector<pid_t> processes;
    std::string dir;
    {
        Browser browser;
        browser->navigate(data_url("<title>bye</title>"));
        chromium = browser.browser_pid();
        driver = browser.driver_pid();
        dir = browser.dir().path().string();
        REQUIRE(chromium);
        REQUIRE(driver);
        processes = browser.local_processes();
        CHECK(std::count(processes.begin(), processes.end(), *chromium) == 1);
        CHECK(processes.size() > 2);
    }
    CHECK(processes_naming(dir).empty());
    // Gone, not even a zombie: nothing for `pgrep chromium` to find.
    processes.push_back(*driver);
    for (pid_t pid : processes) {
        INFO("pid " << pid);
        CHECK((::kill(pid, 0) == -1 && errno == ESRCH));
    }
}

TEST_CASE("a browser visits a server started as a child process", "[web][browser]") {
    // The pattern for `tenki serve`: a ServerProcess on a free port, the browser pointed at it.
    // chromedriver's own /status page stands in for the site here.
    Browser browser;
    const auto driver = tenki::devtools::find_executable(
        "chromedriver", tenki::devtools::browser_search_dirs(std::getenv("PATH") ? std::getenv("PATH") : ""));
    REQUIRE(driver);
    ServerProcess site({driver->string(), "--port={port}"}, browser.dir().path());
    CHECK(site.url("/status") == "http://127.0.0.1:" + std::to_string(site.port()) + "/status");
    browser->navigate(site.url("/status"));
    CHECK_THAT(browser->find("body").text(), Contains("\"ready\":true"));
    CHECK(site.child().running());
}

TEST_CASE("the fixture cleans up after a chromedriver that died", "[web][browser]") {
    if (const char* remote = std::getenv("WEBDRIVER_URL"); remote && *remote) {
        WARN("WEBDRIVER_URL is set: the browser runs elsewhere, nothing to check here");
        return;
    }
    std::vector<pid_t> processes;
    {
        Browser browser;
        browser->navigate(data_url("<title>orphan</title>"));
        processes = browser.local_processes();
        REQUIRE(browser.driver_pid());
        // Chromium is orphaned and the session can no longer be deleted.
        ::kill(*browser.driver_pid(), SIGKILL);
        CHECK_THROWS_WITH(browser->title(), Contains("title") && Contains("transport"));
    }
    for (pid_t pid : processes) {
        INFO("pid " << pid);
        CHECK((::kill(pid, 0) == -1 && errno == ESRCH));
    }
}

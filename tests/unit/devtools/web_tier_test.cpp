#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>

#include "support/temp_dir.hpp"
#include "tenki/devtools/web_tier.hpp"

using namespace tenki::devtools;
namespace fs = std::filesystem;

namespace {

fs::path make_executable(const tenki::test::TempDir& dir, const fs::path& relative) {
    auto p = dir.write(relative, "#!/bin/sh\n");
    ::chmod(p.c_str(), 0755);
    return p;
}

}  // namespace

TEST_CASE("browser_search_dirs splits PATH and ends with /usr/bin", "[devtools][web_tier]") {
    CHECK(browser_search_dirs("/a:/b::/c") == std::vector<fs::path>{"/a", "/b", "/c", "/usr/bin"});
    CHECK(browser_search_dirs("") == std::vector<fs::path>{"/usr/bin"});
}

TEST_CASE("find_browser_tools finds both executables in the first directory that has each",
          "[devtools][web_tier]") {
    tenki::test::TempDir dir;
    auto chromium = make_executable(dir, "one/chromium");
    make_executable(dir, "two/chromium");
    auto driver = make_executable(dir, "two/chromedriver");
    dir.write("one/chromedriver", "not executable");

    auto tools = find_browser_tools({dir / "one", dir / "two"});
    REQUIRE(tools);
    CHECK(tools->chromium == chromium);
    CHECK(tools->chromedriver == driver);
}

TEST_CASE("the web tier pre-flight names the packages when a browser executable is missing",
          "[devtools][web_tier]") {
    tenki::test::TempDir dir;
    make_executable(dir, "bin/chromium");
    const std::vector<fs::path> dirs{dir / "bin"};

    auto missing = check_web_tier(std::nullopt, dirs);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message == k_browser_missing);
    CHECK(missing.error().message.find("chromium-driver") != std::string::npos);
    CHECK(missing.error().message.find("scripts/install-deps.sh") != std::string::npos);
    CHECK_FALSE(check_web_tier(std::string(), dirs));

    // A remote driver needs nothing local.
    CHECK(check_web_tier(std::string("http://127.0.0.1:4444"), dirs));

    make_executable(dir, "bin/chromedriver");
    CHECK(check_web_tier(std::nullopt, dirs));
}

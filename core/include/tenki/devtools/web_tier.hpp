#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

namespace tenki::devtools {

// A WebDriver server to use instead of starting chromedriver (a driver in a container or elsewhere).
inline constexpr std::string_view k_webdriver_url_env = "WEBDRIVER_URL";
// Where the web tier writes its *.screenshot.png files (default: build/screenshots).
inline constexpr std::string_view k_screenshot_dir_env = "TENKI_SCREENSHOT_DIR";

inline constexpr std::string_view k_browser_missing =
    "chromium and chromedriver are needed for the web tier: run scripts/install-deps.sh "
    "(Debian packages chromium chromium-driver)";

struct BrowserTools {
    std::filesystem::path chromium;
    std::filesystem::path chromedriver;
};

// The directories of a PATH value, in order, then /usr/bin (where Debian puts both).
std::vector<std::filesystem::path> browser_search_dirs(std::string_view path_env);

// The first executable `name` in dirs.
std::optional<std::filesystem::path> find_executable(std::string_view name,
                                                     const std::vector<std::filesystem::path>& dirs);

// Both browser executables, or an error that says which packages to install.
Result<BrowserTools> find_browser_tools(const std::vector<std::filesystem::path>& dirs);

// The web tier's pre-flight: ready when a remote driver is given, or both executables are found.
Result<void> check_web_tier(const std::optional<std::string>& webdriver_url,
                            const std::vector<std::filesystem::path>& dirs);

}  // namespace tenki::devtools

#include "tenki/devtools/web_tier.hpp"

#include <unistd.h>

namespace tenki::devtools {

namespace fs = std::filesystem;

std::vector<fs::path> browser_search_dirs(std::string_view path_env) {
    std::vector<fs::path> dirs;
    while (!path_env.empty()) {
        auto colon = path_env.find(':');
        auto dir = path_env.substr(0, colon);
        if (!dir.empty()) dirs.emplace_back(dir);
        if (colon == std::string_view::npos) break;
        path_env.remove_prefix(colon + 1);
    }
    dirs.emplace_back("/usr/bin");
    return dirs;
}

std::optional<fs::path> find_executable(std::string_view name, const std::vector<fs::path>& dirs) {
    for (const auto& dir : dirs) {
        fs::path candidate = dir / name;
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

Result<BrowserTools> find_browser_tools(const std::vector<fs::path>& dirs) {
    auto chromium = find_executable("chromium", dirs);
    auto chromedriver = find_executable("chromedriver", dirs);
    if (!chromium || !chromedriver) return fail(ErrorKind::io, std::string(k_browser_missing));
    return BrowserTools{*chromium, *chromedriver};
}

Result<void> check_web_tier(const std::optional<std::string>& webdriver_url,
                            const std::vector<fs::path>& dirs) {
    if (webdriver_url && !webdriver_url->empty()) return {};
    auto tools = find_browser_tools(dirs);
    if (!tools) return tl::unexpected(tools.error());
    return {};
}

}  // namespace tenki::devtools

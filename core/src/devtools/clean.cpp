#include "tenki/devtools/clean.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

#include "util/ascii.hpp"
#include "util/subprocess.hpp"

namespace tenki::devtools {

namespace fs = std::filesystem;

namespace {

// Directories whose whole content is litter (reports written by the Makefile and the tests).
constexpr std::array<std::string_view, 4> k_litter_dirs{"coverage-html", "test-reports", "screenshots",
                                                        "fuzz-artifacts"};
constexpr std::array<std::string_view, 10> k_litter_suffixes{
    ".gcda",      ".gcno",           ".gcov", ".profraw", ".profdata",
    ".junit.xml", ".screenshot.png", ".orig", ".rej",     ".bak"};
constexpr std::array<std::string_view, 12> k_source_suffixes{
    ".cpp", ".hpp", ".h", ".c", ".cc", ".cxx", ".cmake", ".txt", ".md", ".json", ".yaml", ".sh"};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

bool is_source_name(std::string_view name) {
    return std::any_of(k_source_suffixes.begin(), k_source_suffixes.end(),
                       [&](std::string_view s) { return ends_with(name, s); });
}

bool is_core_dump_name(std::string_view name) {
    if (name == "core") return true;
    if (starts_with(name, "core.")) return util::all_digits(name.substr(5));
    if (starts_with(name, "vgcore.")) return util::all_digits(name.substr(7));
    return false;
}

bool is_elf(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::array<char, 4> magic{};
    in.read(magic.data(), magic.size());
    return in.gcount() == 4 && magic == std::array<char, 4>{'\x7f', 'E', 'L', 'F'};
}

bool under_litter_dir(const fs::path& relative) {
    for (const auto& part : relative.parent_path()) {
        auto s = part.string();
        if (std::find(k_litter_dirs.begin(), k_litter_dirs.end(), s) != k_litter_dirs.end()) return true;
    }
    return false;
}

bool is_litter_dir_name(std::string_view name) {
    return std::find(k_litter_dirs.begin(), k_litter_dirs.end(), name) != k_litter_dirs.end();
}

}  // namespace

bool is_litter_name(const fs::path& relative) {
    const std::string name = relative.filename().string();
    if (name.empty() || is_source_name(name)) return false;
    if (under_litter_dir(relative)) return true;
    if (is_core_dump_name(name)) return true;
    if (std::any_of(k_litter_suffixes.begin(), k_litter_suffixes.end(),
                    [&](std::string_view s) { return ends_with(name, s); }))
        return true;
    if (ends_with(name, "~")) return true;                                               // emacs, gedit
    if (starts_with(name, "#") && ends_with(name, "#") && name.size() > 1) return true;  // emacs autosave
    if (starts_with(name, ".") && (ends_with(name, ".swp") || ends_with(name, ".swo"))) return true;  // vim
    if (starts_with(name, "coverage") &&
        (ends_with(name, ".html") || ends_with(name, ".xml") || ends_with(name, ".css")))
        return true;  // gcovr reports
    return false;
}

std::vector<fs::path> find_litter(const fs::path& root, const std::set<fs::path>& tracked) {
    std::vector<fs::path> found;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto& entry = *it;
        if (entry.is_symlink(ec)) {
            if (entry.is_directory(ec)) it.disable_recursion_pending();
            continue;  // never follow a link, never remove one
        }
        if (entry.is_directory(ec)) {
            if (entry.path().filename() == ".git") it.disable_recursion_pending();
            continue;
        }
        if (!entry.is_regular_file(ec)) continue;
        fs::path relative = entry.path().lexically_relative(root);
        if (!is_litter_name(relative) || tracked.count(relative) != 0) continue;
        if (is_core_dump_name(relative.filename().string()) && !under_litter_dir(relative) &&
            !is_elf(entry.path()))
            continue;
        found.push_back(relative);
    }
    std::sort(found.begin(), found.end());
    return found;
}

std::set<fs::path> git_tracked_files(const fs::path& root) {
    std::set<fs::path> tracked;
    auto out = util::run_capture({"git", "-C", root.string(), "ls-files", "-z", "--full-name"});
    auto prefix = util::run_capture({"git", "-C", root.string(), "rev-parse", "--show-prefix"});
    if (!out || !prefix || out->status != 0 || prefix->status != 0) return tracked;
    std::string pre = prefix->output;
    while (!pre.empty() && (pre.back() == '\n' || pre.back() == '\r')) pre.pop_back();
    std::string_view rest = out->output;
    while (!rest.empty()) {
        auto end = rest.find('\0');
        std::string_view name = rest.substr(0, end);
        if (starts_with(name, pre)) tracked.insert(fs::path(std::string(name.substr(pre.size()))));
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    return tracked;
}

Result<void> remove_litter(const fs::path& root, const std::vector<fs::path>& litter, bool dry_run,
                           const std::function<void(const fs::path&)>& on_remove) {
    std::set<fs::path> dirs;
    for (const auto& relative : litter) {
        on_remove(relative);
        for (fs::path p = relative.parent_path(); !p.empty(); p = p.parent_path())
            if (is_litter_dir_name(p.filename().string())) dirs.insert(p);
        if (dry_run) continue;
        std::error_code ec;
        fs::remove(root / relative, ec);
        if (ec) return fail(ErrorKind::io, "cannot remove " + relative.string() + ": " + ec.message());
    }
    if (dry_run) return {};
    // Deepest first, and only when nothing (tracked or not) is left in them.
    for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
        std::error_code ec;
        if (fs::is_empty(root / *it, ec) && !ec) fs::remove(root / *it, ec);
    }
    return {};
}

}  // namespace tenki::devtools

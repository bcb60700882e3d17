#include "tenki/devtools/clean.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "devtools/git_tracked.hpp"
#include "tenki/util/file.hpp"
#include "util/ascii.hpp"

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
    auto magic = read_bounded_file(p, {p.string(), "a program", 4, true});
    return magic && *magic ==
                        "\x7f"
                        "ELF";
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

namespace {

struct Walker {
    const fs::path& root;
    const std::function<void(const fs::path&)>& on_enter;
    LitterWalk found;

    void error(const fs::path& relative, const std::error_code& ec) {
        found.errors.push_back("cannot read " + (relative.empty() ? root : relative).string() + ": " +
                               ec.message());
    }

    // Lists a folder whole before looking at its entries, so a listing error is never half-seen.
    std::optional<std::vector<fs::directory_entry>> list(const fs::path& relative) {
        std::error_code ec;
        std::vector<fs::directory_entry> entries;
        fs::directory_iterator it(root / relative, ec);
        for (; !ec && it != fs::directory_iterator(); it.increment(ec)) entries.push_back(*it);
        if (ec) {
            error(relative, ec);
            return std::nullopt;
        }
        std::sort(entries.begin(), entries.end());
        return entries;
    }

    void walk(const fs::path& relative) {
        if (on_enter) on_enter(relative);
        auto entries = list(relative);
        if (!entries) return;
        for (const auto& entry : *entries) {
            const fs::path child = relative / entry.path().filename();
            std::error_code ec;
            const auto status = entry.symlink_status(ec);
            if (ec) {
                error(child, ec);  // gone meanwhile: whatever it held was not looked at
                continue;
            }
            if (fs::is_symlink(status)) continue;  // never follow a link, never remove one
            if (entry.path().filename() == ".git") {
                found.repositories.push_back(relative);  // a folder (a repository) or a file (a submodule)
                continue;
            }
            if (fs::is_directory(status)) {
                walk(child);
                continue;
            }
            if (!fs::is_regular_file(status) || !is_litter_name(child)) continue;
            if (is_core_dump_name(child.filename().string()) && !under_litter_dir(child) &&
                !is_elf(entry.path()))
                continue;
            found.candidates.push_back(child);
        }
    }
};

// Adds every file the repositories below root track, relative to root.
Result<void> add_nested_tracked(const fs::path& root, const LitterWalk& walk, std::set<fs::path>& tracked) {
    for (const auto& repo : walk.repositories) {
        if (repo.empty()) continue;  // root's own repository: already asked
        auto files = git_tracked_files(root / repo);
        if (!files) return tl::unexpected(files.error());
        for (const auto& file : *files) tracked.insert(repo / file);
    }
    return {};
}

Error refusal(Error error) {
    error.message = "clean removed nothing: " + error.message;
    return error;
}

}  // namespace

LitterWalk walk_for_litter(const fs::path& root, const std::function<void(const fs::path&)>& on_enter) {
    Walker walker{root, on_enter, {}};
    walker.walk(fs::path());
    std::sort(walker.found.candidates.begin(), walker.found.candidates.end());
    return std::move(walker.found);
}

Result<CleanPlan> plan_clean(const fs::path& start, const std::function<void(const fs::path&)>& on_enter) {
    std::error_code ec;
    const fs::path root = fs::canonical(start, ec);
    if (ec) return fail(ErrorKind::io, "cannot read " + start.string() + ": " + ec.message());
    auto top = git_work_tree(root);
    if (!top) return tl::unexpected(refusal(top.error()));
    auto top_tracked = git_tracked_files(*top);
    if (!top_tracked) return tl::unexpected(refusal(top_tracked.error()));
    // What the work tree tracks below root, relative to root.
    const fs::path below = root.lexically_relative(fs::canonical(*top, ec));
    if (ec || below.empty() || *below.begin() == "..")
        return tl::unexpected(
            refusal({ErrorKind::io, root.string() + " is not inside its work tree " + top->string()}));
    std::set<fs::path> tracked;
    if (below == ".") tracked = std::move(*top_tracked);
    for (const auto& file : below == "." ? std::set<fs::path>() : *top_tracked) {
        auto relative = file.lexically_relative(below);
        if (!relative.empty() && *relative.begin() != "..") tracked.insert(relative);
    }
    LitterWalk walk = walk_for_litter(root, on_enter);
    if (auto nested = add_nested_tracked(root, walk, tracked); !nested)
        return tl::unexpected(refusal(nested.error()));
    CleanPlan plan{root, {}, std::move(walk.errors)};
    for (auto& candidate : walk.candidates)
        if (tracked.count(candidate) == 0) plan.litter.push_back(std::move(candidate));
    return plan;
}

Result<void> remove_litter(const CleanPlan& plan, bool dry_run,
                           const std::function<void(const fs::path&)>& on_remove) {
    std::set<fs::path> dirs;
    for (const auto& relative : plan.litter) {
        const fs::path path = plan.root / relative;
        std::error_code ec;
        if (!fs::is_regular_file(fs::symlink_status(path, ec))) continue;  // changed since the walk
        on_remove(relative);
        for (fs::path p = relative.parent_path(); !p.empty(); p = p.parent_path())
            if (is_litter_dir_name(p.filename().string())) dirs.insert(p);
        if (dry_run) continue;
        fs::remove(path, ec);
        if (ec) return fail(ErrorKind::io, "cannot remove " + relative.string() + ": " + ec.message());
    }
    if (dry_run) return {};
    // Deepest first, and only when nothing (tracked or not) is left in them.
    for (auto it = dirs.rbegin(); it != dirs.rend(); ++it) {
        std::error_code ec;
        const fs::path dir = plan.root / *it;
        if (fs::is_directory(fs::symlink_status(dir, ec)) && fs::is_empty(dir, ec) && !ec)
            fs::remove(dir, ec);
    }
    return {};
}

}  // namespace tenki::devtools

#pragma once

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "tenki/error.hpp"

namespace tenki::devtools {

// Whether a path (relative to the cleaned root) is build or test litter by its name and place
// alone: coverage data and reports, test reports, web-test screenshots, core dumps, editor backups.
bool is_litter_name(const std::filesystem::path& relative);

// What one walk of a folder found, every path relative to the folder walked.
struct LitterWalk {
    std::vector<std::filesystem::path> candidates;    // litter by name (cores: real ELF files), sorted
    std::vector<std::filesystem::path> repositories;  // folders holding a .git (submodules, nested repos)
    std::vector<std::string> errors;  // "cannot read a/b: No such file or directory", one a folder
};

// Walks root without following a symlink or entering .git; a folder that cannot be read (gone,
// unreadable) is an error and the walk goes on. `on_enter` is told each folder (relative) just
// before it is read.
LitterWalk walk_for_litter(const std::filesystem::path& root,
                           const std::function<void(const std::filesystem::path&)>& on_enter = {});

// What `tenki clean` may remove: the one place that decides it.
struct CleanPlan {
    std::filesystem::path root;                 // the folder cleaned, absolute
    std::vector<std::filesystem::path> litter;  // relative to root, sorted; never a tracked file
    std::vector<std::string> walk_errors;       // folders that could not be read
};

// Plans the cleaning of `start`, which must be inside a git work tree. Everything git tracks is
// spared: the work tree's files, its submodules' (git ls-files --recurse-submodules) and those of
// every repository found below start. invalid_input when start is in no git work tree; io when git
// cannot be run or refuses a repository (e.g. "dubious ownership"), naming why. On error nothing
// may be removed.
Result<CleanPlan> plan_clean(const std::filesystem::path& start,
                             const std::function<void(const std::filesystem::path&)>& on_enter = {});

// Removes each path of the plan (still a regular file, never a link), then the litter folders
// left empty. `on_remove` is told each path before it goes; nothing is removed when dry_run.
Result<void> remove_litter(const CleanPlan& plan, bool dry_run,
                           const std::function<void(const std::filesystem::path&)>& on_remove);

}  // namespace tenki::devtools

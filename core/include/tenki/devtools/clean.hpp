#pragma once

#include <filesystem>
#include <functional>
#include <set>
#include <vector>

#include "tenki/error.hpp"

namespace tenki::devtools {

// Whether a path (relative to the cleaned root) is build or test litter by its name and place
// alone: coverage data and reports, test reports, web-test screenshots, core dumps, editor backups.
bool is_litter_name(const std::filesystem::path& relative);

// Litter under root, relative to it, sorted. Never a path in `tracked` (relative to root), never
// a source file, never through a symlink, never inside .git; core dumps must really be ELF files.
std::vector<std::filesystem::path> find_litter(const std::filesystem::path& root,
                                               const std::set<std::filesystem::path>& tracked);

// The files git tracks under root, relative to root; empty when root is not in a git work tree.
std::set<std::filesystem::path> git_tracked_files(const std::filesystem::path& root);

// Removes each path (relative to root), then the litter directories left empty.
// `on_remove` is told each path before it goes; nothing is removed when dry_run.
Result<void> remove_litter(const std::filesystem::path& root,
                           const std::vector<std::filesystem::path>& litter, bool dry_run,
                           const std::function<void(const std::filesystem::path&)>& on_remove);

}  // namespace tenki::devtools

// What git tracks, asked of git itself: clean's only source for "may this file go".
#pragma once

#include <filesystem>
#include <set>

#include "tenki/error.hpp"

namespace tenki::devtools {

// The top of the git work tree holding `dir` (as git prints it: symlinks resolved). invalid_input
// when dir is in no work tree; io when git cannot be run or refuses the repository.
Result<std::filesystem::path> git_work_tree(const std::filesystem::path& dir);

// Every file git tracks in the work tree whose top is `top`, its submodules' included, relative to
// top. io when git cannot be run or refuses the repository, with git's reason.
Result<std::set<std::filesystem::path>> git_tracked_files(const std::filesystem::path& top);

}  // namespace tenki::devtools

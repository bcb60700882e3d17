#include "devtools/git_tracked.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "util/subprocess.hpp"

namespace tenki::devtools {

namespace fs = std::filesystem;

namespace {

// Whatever the caller's shell says, git is asked about the repository at `dir` and nothing else.
util::RunOptions git_options() {
    util::RunOptions options;
    for (const char* name : {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"})
        options.env.emplace_back(name, std::nullopt);
    return options;
}

// git's own reason, one line: its first "fatal:" line, else its first line.
std::string git_reason(const std::string& errors) {
    std::string_view rest = errors;
    std::string_view first;
    while (!rest.empty()) {
        auto end = rest.find('\n');
        std::string_view line = rest.substr(0, end);
        if (first.empty()) first = line;
        if (line.starts_with("fatal: ")) return std::string(line.substr(7));
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    return first.empty() ? std::string("git failed without saying why") : std::string(first);
}

Result<std::string> run_git(const fs::path& dir, std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", dir.string()});
    auto out = util::run_capture(args, git_options());
    if (!out)
        return fail(ErrorKind::io, out.error().message +
                                       ", so which files git tracks is unknown; install git "
                                       "or put it on PATH");
    if (out->status == 0) return out->output;
    const std::string reason = git_reason(out->errors);
    if (reason.find("not a git repository") != std::string::npos)
        return fail(ErrorKind::invalid_input,
                    dir.string() + " is in no git work tree, and tenki clean works only inside one");
    return fail(ErrorKind::io,
                "git refuses " + dir.string() + " (" + reason + "), so which files it tracks is unknown");
}

}  // namespace

Result<fs::path> git_work_tree(const fs::path& dir) {
    auto out = run_git(dir, {"rev-parse", "--show-toplevel"});
    if (!out) return tl::unexpected(out.error());
    std::string top = *out;
    while (!top.empty() && (top.back() == '\n' || top.back() == '\r')) top.pop_back();
    if (top.empty())
        return fail(ErrorKind::invalid_input,
                    dir.string() + " is in no git work tree, and tenki clean works only inside one");
    return fs::path(top);
}

Result<std::set<fs::path>> git_tracked_files(const fs::path& top) {
    auto out = run_git(top, {"ls-files", "-z", "--recurse-submodules"});
    if (!out) return tl::unexpected(out.error());
    std::set<fs::path> tracked;
    std::string_view rest = *out;
    while (!rest.empty()) {
        auto end = rest.find('\0');
        if (end != 0) tracked.insert(fs::path(std::string(rest.substr(0, end))));
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    return tracked;
}

}  // namespace tenki::devtools

// Which folder the CLI's disk cache lives in, and why a folder cannot be it: said once a run and
// by `tenki check`, rather than every answer silently asked again (a status bar's quota spent).
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include <fmt/format.h>

#include "cache/private_dir.hpp"
#include "tenki/cache/disk_cache.hpp"

namespace tenki {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_elsewhere = "set XDG_CACHE_HOME to a folder of yours";

const char* absolute_env(const char* name) {
    const char* value = std::getenv(name);
    return (value != nullptr && *value == '/') ? value : nullptr;
}

// The nearest existing ancestor of `dir` when it is not a directory (a file where a folder should
// be): creating `dir` cannot succeed. nullopt when the nearest one is a directory.
std::optional<fs::path> file_in_the_way(const fs::path& dir) {
    for (auto p = dir.parent_path(); !p.empty(); p = p.parent_path()) {
        struct stat st {};
        if (::stat(p.c_str(), &st) == 0) return S_ISDIR(st.st_mode) ? std::nullopt : std::optional(p);
        if (p == p.parent_path()) break;
    }
    return std::nullopt;
}

// The first folder that creating `dir` would make: `dir` itself or its highest missing ancestor.
fs::path first_missing(const fs::path& dir) {
    auto p = dir;
    std::error_code ec;
    while (p.has_relative_path() && !fs::exists(p.parent_path(), ec)) p = p.parent_path();
    return p;
}

using Problem = DiskCache::DirProblem;

std::optional<Problem> missing_dir_problem(const fs::path& dir, bool create) {
    if (auto in_way = file_in_the_way(dir))
        return Problem{fmt::format("cannot be created: {} is not a folder", in_way->string()),
                       fmt::format("move it away, or {}", k_elsewhere)};
    if (create) {
        if (auto failed = cache_detail::create_private_dir(dir))
            return Problem{fmt::format("cannot be created ({})", *failed), k_elsewhere};
        return std::nullopt;
    }
    // Only looking: the first folder on the way made and removed again meets what creating it would
    // (EACCES, EROFS, and the EPERM of /proc or /sys, which no access() check tells), and leaves nothing.
    const auto first = first_missing(dir);
    if (::mkdir(first.c_str(), S_IRWXU) != 0)
        return errno == EEXIST
                   ? std::nullopt
                   : std::optional(
                         Problem{fmt::format("cannot be created ({})", std::strerror(errno)), k_elsewhere});
    ::rmdir(first.c_str());
    return std::nullopt;
}

// The problems of a folder that exists: its ownership's, then whether this user can write it.
std::optional<Problem> existing_dir_problem(const fs::path& dir, const struct stat& st) {
    if (auto problem = cache_detail::ownership_problem(st)) return problem;
    if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
        return Problem{fmt::format("cannot be written ({})", std::strerror(errno)),
                       fmt::format("chmod 700 it, or {}", k_elsewhere)};
    return std::nullopt;
}

}  // namespace

namespace cache_detail {

std::optional<DiskCache::DirProblem> ownership_problem(const struct stat& st) {
    if (S_ISLNK(st.st_mode))
        return Problem{"is a symbolic link", fmt::format("make it a folder of your own, or {}", k_elsewhere)};
    if (!S_ISDIR(st.st_mode))
        return Problem{"is not a folder", fmt::format("move it away, or {}", k_elsewhere)};
    if (st.st_uid != ::geteuid())
        return Problem{fmt::format("belongs to another user (uid {})", st.st_uid), k_elsewhere};
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        return Problem{fmt::format("is not private (mode {:04o})", st.st_mode & 07777),
                       fmt::format("chmod 700 it, or {}", k_elsewhere)};
    return std::nullopt;
}

std::optional<std::string> create_private_dir(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir.parent_path(), ec);
    if (ec) return ec.message();
    if (::mkdir(dir.c_str(), S_IRWXU) != 0 && errno != EEXIST) return std::strerror(errno);
    return std::nullopt;
}

}  // namespace cache_detail

std::vector<fs::path> DiskCache::candidate_dirs() {
    std::vector<fs::path> out;
    auto add = [&out](fs::path dir) {
        if (std::find(out.begin(), out.end(), dir) == out.end()) out.push_back(std::move(dir));
    };
    if (const char* xdg = absolute_env("XDG_CACHE_HOME")) add(fs::path(xdg) / "tenki");
    // $HOME when set: the passwd home is not this user's choice then.
    if (const char* home = absolute_env("HOME"))
        add(fs::path(home) / ".cache" / "tenki");
    else if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_dir != nullptr)
        add(fs::path(pw->pw_dir) / ".cache" / "tenki");
    // $TMPDIR when it is a directory, else /tmp; one that is not is skipped unless it is the only one.
    const auto name = "tenki-cache-" + std::to_string(::getuid());
    std::error_code ec;
    const auto tmp = fs::temp_directory_path(ec);
    if (!ec)
        add(tmp / name);
    else if (out.empty())
        add(fs::path("/tmp") / name);
    return out;
}

std::optional<DiskCache::DirProblem> DiskCache::dir_problem(const fs::path& dir, bool create) {
    try {
        struct stat st {};
        if (::lstat(dir.c_str(), &st) != 0) {
            if (errno != ENOENT && errno != ENOTDIR)
                return Problem{fmt::format("cannot be read ({})", std::strerror(errno)), k_elsewhere};
            if (auto problem = missing_dir_problem(dir, create)) return problem;
            if (!create) return std::nullopt;
            if (::lstat(dir.c_str(), &st) != 0)
                return Problem{fmt::format("cannot be created ({})", std::strerror(errno)), k_elsewhere};
        }
        return existing_dir_problem(dir, st);
    } catch (const std::exception& e) {
        return Problem{fmt::format("cannot be used ({})", e.what()), k_elsewhere};
    }
}

DiskCache::DirChoice DiskCache::choose_dir(bool create) {
    const auto candidates = candidate_dirs();
    DirChoice choice{candidates.front(), candidates.front(), dir_problem(candidates.front(), create)};
    if (!choice.problem) return choice;
    for (auto it = candidates.begin() + 1; it != candidates.end(); ++it) {
        if (!dir_problem(*it, create)) {
            choice.dir = *it;
            return choice;
        }
    }
    choice.usable = false;
    return choice;
}

std::string cache_dir_warning(const DiskCache::DirChoice& choice) {
    if (!choice.problem) return {};
    const auto consequence =
        choice.usable ? fmt::format("using {} instead", choice.dir.string())
                      : std::string(
                            "not used: every run asks the upstream, and no earlier answer stands in "
                            "when it fails");
    return fmt::format("the cache folder {} {}: {}", choice.preferred.string(), choice.problem->reason,
                       consequence);
}

}  // namespace tenki

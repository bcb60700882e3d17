#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <string>

#include "tenki/cache/disk_cache.hpp"

// The rules of a folder tenki keeps its files in (answers, breakers.json, the skies), one piece for
// DiskCache's reads and writes (a bool) and for DiskCache::dir_problem (the reason, said to the user).
namespace tenki::cache_detail {

// Why a folder, as lstat found it, may not hold tenki's files: a symbolic link, not a directory,
// another user's, or writable by its group or others (anyone could have put entries there);
// nullopt when it may.
std::optional<DiskCache::DirProblem> ownership_problem(const struct stat& st);

// Creates the missing folder mode 0700, its parents as the umask says; the failure's text, or
// nullopt when it was made (or already there).
std::optional<std::string> create_private_dir(const std::filesystem::path& dir);

}  // namespace tenki::cache_detail

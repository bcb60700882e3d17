// DiskCache's folder: why one cannot be used, and the order a run falls back in.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "support/temp_dir.hpp"
#include "tenki/cache/disk_cache.hpp"

using tenki::DiskCache;
using tenki::test::TempDir;
namespace fs = std::filesystem;

namespace {

// Sets an environment variable for one scope, restoring the old value.
class CacheDirEnv {
public:
    CacheDirEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~CacheDirEnv() {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    CacheDirEnv(const CacheDirEnv&) = delete;
    CacheDirEnv& operator=(const CacheDirEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

std::string reason_of(const fs::path& dir, bool create) {
    const auto problem = DiskCache::dir_problem(dir, create);
    return problem ? problem->reason : "";
}

}  // namespace

TEST_CASE("a cache folder's problem is named, and a healthy one has none", "[cache]") {
    TempDir dir;
    CHECK(reason_of(dir / "new", false).empty());
    CHECK_FALSE(fs::exists(dir / "new"));  // looking creates nothing
    CHECK(reason_of(dir / "new", true).empty());
    CHECK((fs::status(dir / "new").permissions() & fs::perms::all) == fs::perms::owner_all);

    fs::create_directory(dir / "open");
    ::chmod((dir / "open").c_str(), 0777);
    CHECK(reason_of(dir / "open", true) == "is not private (mode 0777)");
    ::chmod((dir / "open").c_str(), 0720);
    CHECK(reason_of(dir / "open", false) == "is not private (mode 0720)");

    const auto file = dir.write("file", "x");
    CHECK(reason_of(file, true) == "is not a folder");
    for (bool create : {false, true}) {
        CHECK(reason_of(file / "tenki", create) ==
              "cannot be created: " + file.string() + " is not a folder");
        CHECK(reason_of(file / "a" / "tenki", create) ==
              "cannot be created: " + file.string() + " is not a folder");
    }
    fs::create_directory_symlink(dir / "new", dir / "link");
    CHECK(reason_of(dir / "link", true) == "is a symbolic link");
    CHECK(DiskCache::dir_problem(dir / "open", true)->fix ==
          "chmod 700 it, or set XDG_CACHE_HOME to a folder of yours");
}

TEST_CASE("a run's cache folder falls back in the documented order and says why", "[cache]") {
    TempDir dir;
    CacheDirEnv home("HOME", (dir / "home").c_str());
    CacheDirEnv tmp("TMPDIR", dir.path().c_str());
    const auto xdg_file = dir.write("xdg", "x");
    CacheDirEnv xdg("XDG_CACHE_HOME", xdg_file.c_str());
    const auto tmp_dir = dir / ("tenki-cache-" + std::to_string(::getuid()));
    CHECK(DiskCache::candidate_dirs() ==
          std::vector<fs::path>{xdg_file / "tenki", dir / "home" / ".cache" / "tenki", tmp_dir});
    CHECK(DiskCache::default_dir() == xdg_file / "tenki");

    auto choice = DiskCache::choose_dir();
    CHECK(choice.usable);
    CHECK(choice.preferred == xdg_file / "tenki");
    CHECK(choice.dir == dir / "home" / ".cache" / "tenki");
    REQUIRE(choice.problem);
    CHECK(tenki::cache_dir_warning(choice) ==
          "the cache folder " + (xdg_file / "tenki").string() + " cannot be created: " + xdg_file.string() +
              " is not a folder: using " + choice.dir.string() + " instead");

    fs::remove_all(dir / "home");
    dir.write("home", "x");  // ~/.cache cannot be made either: $TMPDIR's
    choice = DiskCache::choose_dir();
    CHECK(choice.dir == tmp_dir);

    ::chmod(tmp_dir.c_str(), 0777);
    choice = DiskCache::choose_dir();
    CHECK_FALSE(choice.usable);
    CHECK(choice.dir == xdg_file / "tenki");
    CHECK(tenki::cache_dir_warning(choice).ends_with(
        ": not used: every run asks the upstream, and no earlier answer stands in when it fails"));

    CacheDirEnv healthy("XDG_CACHE_HOME", (dir / "cache").c_str());
    choice = DiskCache::choose_dir();
    CHECK(choice.dir == dir / "cache" / "tenki");
    CHECK_FALSE(choice.problem);
    CHECK(tenki::cache_dir_warning(choice).empty());
}

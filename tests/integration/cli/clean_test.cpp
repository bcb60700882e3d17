#include <catch2/catch.hpp>

#include <pwd.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

using tenki::test::run_tenki;
using tenki::test::TempDir;
namespace fs = std::filesystem;

namespace {

void git(const fs::path& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"git",
                                  "-C",
                                  dir.string(),
                                  "-c",
                                  "user.name=t",
                                  "-c",
                                  "user.email=t@t",
                                  "-c",
                                  "protocol.file.allow=always"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = tenki::util::run_capture(argv);
    REQUIRE(r);
    INFO(r->errors);
    REQUIRE(r->status == 0);
}

void commit_all(const fs::path& dir) {
    git(dir, {"init", "-q"});
    git(dir, {"add", "-A"});
    git(dir, {"commit", "-q", "-m", "files"});
}

// One line on stderr, nothing on stdout: a refusal that removed nothing.
void check_refused(const tenki::util::RunOutput& r, const std::string& why) {
    INFO(r.output << r.errors);
    CHECK(r.status != 0);
    CHECK(r.output.empty());
    CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
    CHECK(r.errors.find("removed nothing") != std::string::npos);
    CHECK(r.errors.find(why) != std::string::npos);
}

}  // namespace

TEST_CASE("tenki clean removes litter and never a tracked file", "[integration][clean]") {
    TempDir dir;
    dir.write("core/src/domain/weather.cpp", "int x;\n");
    dir.write("notes.md~", "a tracked backup someone committed");
    dir.write("tracked.gcda", "tracked on purpose");
    commit_all(dir.path());
    dir.write("build/core/src/domain/weather.cpp.gcda", "x");
    dir.write("coverage-html/index.html", "x");
    dir.write("core/src/domain/weather.cpp~", "x");
    dir.write("web.screenshot.png", "x");

    auto dry = run_tenki({"clean", "--dry-run"}, {.cwd = dir.path()});
    CHECK(dry.status == 0);
    CHECK(dry.output.find("Would remove build/core/src/domain/weather.cpp.gcda\n") != std::string::npos);
    CHECK(fs::exists(dir / "coverage-html/index.html"));

    auto r = run_tenki({"clean"}, {.cwd = dir.path()});
    CHECK(r.status == 0);
    CHECK(r.output.find("Removing core/src/domain/weather.cpp~\n") != std::string::npos);
    CHECK(r.output.find("notes.md~") == std::string::npos);
    CHECK_FALSE(fs::exists(dir / "build/core/src/domain/weather.cpp.gcda"));
    CHECK_FALSE(fs::exists(dir / "coverage-html"));
    CHECK_FALSE(fs::exists(dir / "web.screenshot.png"));
    CHECK(fs::exists(dir / "core/src/domain/weather.cpp"));
    CHECK(fs::exists(dir / "notes.md~"));
    CHECK(fs::exists(dir / "tracked.gcda"));

    // Run from a subdirectory, it cleans only below it.
    dir.write("a.gcda", "x");
    dir.write("core/b.gcda", "x");
    dir.write("core/tracked.orig", "x");
    git(dir.path(), {"add", "core/tracked.orig"});
    auto sub = run_tenki({"clean"}, {.cwd = dir / "core"});
    CHECK(sub.status == 0);
    CHECK(fs::exists(dir / "a.gcda"));
    CHECK(fs::exists(dir / "core/tracked.orig"));  // tracked (staged), seen from below the top
    CHECK_FALSE(fs::exists(dir / "core/b.gcda"));
}

TEST_CASE("tenki clean spares what submodules and nested repositories track", "[integration][clean]") {
    TempDir lib("tenki-clean-lib");
    lib.write("config.bak", "the library's tracked config");
    lib.write("golden.junit.xml", "<testsuites/>");
    commit_all(lib.path());
    TempDir dir;
    dir.write("README.md", "x");
    commit_all(dir.path());
    git(dir.path(), {"submodule", "add", "-q", lib.path().string(), "vendor/lib"});
    git(dir.path(), {"commit", "-q", "-m", "submodule"});
    dir.write("vendor/lib/untracked.orig", "x");
    dir.write("nested/tracked.bak", "a nested repository's file");
    commit_all(dir / "nested");
    dir.write("nested/untracked.bak", "x");

    auto r = run_tenki({"clean"}, {.cwd = dir.path()});
    INFO(r.output << r.errors);
    CHECK(r.status == 0);
    CHECK(fs::exists(dir / "vendor/lib/config.bak"));
    CHECK(fs::exists(dir / "vendor/lib/golden.junit.xml"));
    CHECK(fs::exists(dir / "nested/tracked.bak"));
    CHECK_FALSE(fs::exists(dir / "vendor/lib/untracked.orig"));
    CHECK_FALSE(fs::exists(dir / "nested/untracked.bak"));
}

TEST_CASE("without git on PATH tenki clean refuses and removes nothing", "[integration][clean]") {
    TempDir dir;
    dir.write("notes.bak", "committed");
    commit_all(dir.path());
    dir.write("notes.bak", "committed, then edited");
    dir.write("litter.gcda", "x");
    TempDir bin("tenki-clean-bin");
    for (const char* tool : {"ls", "rm", "find"}) {
        auto found = tenki::util::run_capture({"sh", "-c", std::string("command -v ") + tool});
        REQUIRE(found);
        std::string path = found->output.substr(0, found->output.find('\n'));
        fs::create_symlink(path, bin / tool);
    }
    auto r = run_tenki({"clean"}, {.env = {{"PATH", bin.path().string()}}, .cwd = dir.path()});
    check_refused(r, "cannot run git");
    CHECK(tenki::test::read_file(dir / "notes.bak") == "committed, then edited");
    CHECK(fs::exists(dir / "litter.gcda"));
}

TEST_CASE("in a repository git refuses (dubious ownership) tenki clean removes nothing",
          "[integration][clean]") {
    // The repository belongs to another user, and no safe.directory applies (a fresh HOME, no system config).
    REQUIRE(::geteuid() == 0);  // chown needs root; the tests run as root in CI and here
    const passwd* nobody = ::getpwnam("nobody");
    REQUIRE(nobody != nullptr);
    TempDir dir;
    dir.write("notes.bak", "committed");
    commit_all(dir.path());
    dir.write("notes.bak", "committed, then edited");
    for (const auto& entry : fs::recursive_directory_iterator(dir.path()))
        REQUIRE(::lchown(entry.path().c_str(), nobody->pw_uid, nobody->pw_gid) == 0);
    REQUIRE(::chown(dir.path().c_str(), nobody->pw_uid, nobody->pw_gid) == 0);
    TempDir home("tenki-clean-home");
    auto r = run_tenki({"clean"}, {.env = {{"HOME", home.path().string()},
                                           {"XDG_CONFIG_HOME", home.path().string()},
                                           {"GIT_CONFIG_NOSYSTEM", "1"}},
                                   .cwd = dir.path()});
    check_refused(r, "dubious ownership");
    CHECK(tenki::test::read_file(dir / "notes.bak") == "committed, then edited");
}

TEST_CASE("outside any git work tree tenki clean refuses, even a dry run", "[integration][clean]") {
    TempDir documents("tenki-clean-documents");
    for (const char* name : {"letter.bak", "draft~", "essay.orig", "patch.rej", "taxes/2025.bak"})
        documents.write(name, "a person's file");
    auto r = run_tenki({"clean"}, {.cwd = documents.path()});
    check_refused(r, "git work tree");
    for (const char* name : {"letter.bak", "draft~", "essay.orig", "patch.rej", "taxes/2025.bak"})
        CHECK(fs::exists(documents / name));

    check_refused(run_tenki({"clean", "--dry-run"}, {.cwd = fs::path("/")}), "git work tree");
}

TEST_CASE("tenki clean never follows a symlink out of the work tree", "[integration][clean]") {
    TempDir outside("tenki-clean-outside");
    outside.write("far.bak", "x");
    TempDir dir;
    dir.write("README.md", "x");
    commit_all(dir.path());
    fs::create_directory_symlink(outside.path(), dir / "link");
    fs::create_symlink(outside / "far.bak", dir / "near.bak");
    auto r = run_tenki({"clean"}, {.cwd = dir.path()});
    CHECK(r.status == 0);
    CHECK(r.output.empty());
    CHECK(fs::exists(outside / "far.bak"));
    CHECK(fs::is_symlink(dir / "near.bak"));
}

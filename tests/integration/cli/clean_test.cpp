#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/process.hpp"
#include "support/temp_dir.hpp"

using tenki::test::run_tenki;
namespace fs = std::filesystem;

namespace {

void git(const tenki::test::TempDir& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"git",         "-C", dir.path().string(), "-c",
                                  "user.name=t", "-c", "user.email=t@t"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = tenki::util::run_capture(argv);
    REQUIRE(r);
    REQUIRE(r->status == 0);
}

}  // namespace

TEST_CASE("tenki clean removes litter and never a tracked file", "[integration][clean]") {
    tenki::test::TempDir dir;
    dir.write("core/src/weather.cpp", "int x;\n");
    dir.write("notes.md~", "a tracked backup someone committed");
    dir.write("tracked.gcda", "tracked on purpose");
    git(dir, {"init", "-q"});
    git(dir, {"add", "-A"});
    git(dir, {"commit", "-q", "-m", "sources"});
    dir.write("build/core/src/weather.cpp.gcda", "x");
    dir.write("coverage-html/index.html", "x");
    dir.write("core/src/weather.cpp~", "x");
    dir.write("web.screenshot.png", "x");

    auto dry = run_tenki({"clean", "--dry-run"}, {.cwd = dir.path()});
    CHECK(dry.status == 0);
    CHECK(dry.output.find("build/core/src/weather.cpp.gcda") != std::string::npos);
    CHECK(fs::exists(dir / "coverage-html/index.html"));

    auto r = run_tenki({"clean"}, {.cwd = dir.path()});
    CHECK(r.status == 0);
    CHECK(r.output.find("Removing core/src/weather.cpp~\n") != std::string::npos);
    CHECK(r.output.find("notes.md~") == std::string::npos);
    CHECK_FALSE(fs::exists(dir / "build/core/src/weather.cpp.gcda"));
    CHECK_FALSE(fs::exists(dir / "coverage-html"));
    CHECK_FALSE(fs::exists(dir / "web.screenshot.png"));
    CHECK(fs::exists(dir / "core/src/weather.cpp"));
    CHECK(fs::exists(dir / "notes.md~"));
    CHECK(fs::exists(dir / "tracked.gcda"));

    // Run from a subdirectory, it cleans only below it.
    dir.write("a.gcda", "x");
    dir.write("core/b.gcda", "x");
    auto sub = run_tenki({"clean"}, {.cwd = dir / "core"});
    CHECK(sub.status == 0);
    CHECK(fs::exists(dir / "a.gcda"));
    CHECK_FALSE(fs::exists(dir / "core/b.gcda"));
}

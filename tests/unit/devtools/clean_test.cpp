#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "tenki/devtools/clean.hpp"

using namespace tenki::devtools;
namespace fs = std::filesystem;

TEST_CASE("litter is recognised by name and place", "[devtools][clean]") {
    for (const char* p :
         {"build/core/src/x.cpp.gcda", "a.gcno", "coverage.html", "coverage.xml", "coverage-html/index.html",
          "test-reports/unit.xml", "unit.junit.xml", "build/screenshots/result.png", "result.screenshot.png",
          "core", "core.1234", "vgcore.77", "main.cpp~", "#notes#", ".app.cpp.swp", "x.orig", "x.rej"}) {
        INFO(p);
        CHECK(is_litter_name(p));
    }
    for (const char* p :
         {"core/src/main.cpp", "core.cpp", "core/CMakeLists.txt", "README.md", "coverage-html/keep.cpp",
          "corefile", "core.txt", "screenshot.png", "test-reports.md", "cli/main.cpp"}) {
        INFO(p);
        CHECK_FALSE(is_litter_name(p));
    }
}

TEST_CASE("find_litter spares tracked files, sources, links, .git and non-ELF cores", "[devtools][clean]") {
    tenki::test::TempDir dir;
    dir.write("core/src/weather.cpp", "int x;\n");
    dir.write("core/src/weather.cpp.gcda", "x");
    dir.write("tracked.orig", "tracked by git");
    dir.write("untracked.orig", "x");
    dir.write("core.42", "not a core dump");
    dir.write("core.43", std::string("\x7f"
                                     "ELF rest",
                                     8));
    dir.write(".git/objects/x.orig", "x");
    dir.write("coverage-html/index.html", "x");
    tenki::test::TempDir outside;
    outside.write("far.gcda", "x");
    fs::create_directory_symlink(outside.path(), dir / "link");

    auto litter = find_litter(dir.path(), {fs::path("tracked.orig")});
    // fs::path orders element by element: "core" sorts before "core.43".
    CHECK(litter == std::vector<fs::path>{"core/src/weather.cpp.gcda", "core.43", "coverage-html/index.html",
                                          "untracked.orig"});
}

TEST_CASE("remove_litter removes, reports each path, and removes nothing in a dry run", "[devtools][clean]") {
    tenki::test::TempDir dir;
    dir.write("a.gcda", "x");
    dir.write("coverage-html/index.html", "x");
    std::vector<fs::path> litter{"a.gcda", "coverage-html/index.html"};

    std::vector<fs::path> told;
    REQUIRE(remove_litter(dir.path(), litter, true, [&](const fs::path& p) { told.push_back(p); }));
    CHECK(told == litter);
    CHECK(fs::exists(dir / "a.gcda"));
    CHECK(fs::exists(dir / "coverage-html/index.html"));

    REQUIRE(remove_litter(dir.path(), litter, false, [](const fs::path&) {}));
    CHECK_FALSE(fs::exists(dir / "a.gcda"));
    CHECK_FALSE(fs::exists(dir / "coverage-html"));
}

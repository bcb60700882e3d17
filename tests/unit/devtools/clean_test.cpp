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

TEST_CASE("walk_for_litter spares sources, links, .git and non-ELF cores, and notes repositories",
          "[devtools][clean]") {
    tenki::test::TempDir dir;
    dir.write("core/src/domain/weather.cpp", "int x;\n");
    dir.write("core/src/domain/weather.cpp.gcda", "x");
    dir.write("untracked.orig", "x");
    dir.write("core.42", "not a core dump");
    dir.write("core.43", std::string("\x7f"
                                     "ELF rest",
                                     8));
    dir.write(".git/objects/x.orig", "x");
    dir.write("vendor/lib/.git", "gitdir: ../../.git/modules/lib\n");
    dir.write("vendor/lib/x.rej", "x");
    dir.write("coverage-html/index.html", "x");
    tenki::test::TempDir outside;
    outside.write("far.gcda", "x");
    fs::create_directory_symlink(outside.path(), dir / "link");
    fs::create_symlink(outside / "far.gcda", dir / "near.gcda");

    auto walk = walk_for_litter(dir.path());
    // fs::path orders element by element: "core" sorts before "core.43".
    CHECK(walk.candidates == std::vector<fs::path>{"core/src/domain/weather.cpp.gcda", "core.43",
                                                   "coverage-html/index.html", "untracked.orig",
                                                   "vendor/lib/x.rej"});
    CHECK(walk.repositories == std::vector<fs::path>{"", "vendor/lib"});
    CHECK(walk.errors.empty());
}

TEST_CASE("a folder that disappears during the walk is reported and the walk goes on", "[devtools][clean]") {
    tenki::test::TempDir dir;
    dir.write("a/x.gcda", "x");
    dir.write("b/gone.gcda", "x");
    dir.write("c/y.gcda", "x");
    auto walk = walk_for_litter(dir.path(), [&](const fs::path& entering) {
        if (entering == "a") fs::remove_all(dir / "b");
    });
    CHECK(walk.candidates == std::vector<fs::path>{"a/x.gcda", "c/y.gcda"});
    REQUIRE(walk.errors.size() == 1);
    CHECK(walk.errors[0].find("cannot read b: ") == 0);
}

TEST_CASE("remove_litter removes, reports each path, and removes nothing in a dry run", "[devtools][clean]") {
    tenki::test::TempDir dir;
    dir.write("a.gcda", "x");
    dir.write("coverage-html/index.html", "x");
    CleanPlan plan{dir.path(), {"a.gcda", "coverage-html/index.html"}, {}};

    std::vector<fs::path> told;
    REQUIRE(remove_litter(plan, true, [&](const fs::path& p) { told.push_back(p); }));
    CHECK(told == plan.litter);
    CHECK(fs::exists(dir / "a.gcda"));
    CHECK(fs::exists(dir / "coverage-html/index.html"));

    REQUIRE(remove_litter(plan, false, [](const fs::path&) {}));
    CHECK_FALSE(fs::exists(dir / "a.gcda"));
    CHECK_FALSE(fs::exists(dir / "coverage-html"));
}

TEST_CASE("remove_litter never removes what became a link or a folder since the walk", "[devtools][clean]") {
    tenki::test::TempDir dir;
    tenki::test::TempDir outside;
    outside.write("target.gcda", "x");
    fs::create_symlink(outside / "target.gcda", dir / "a.gcda");
    dir.write("b.gcda/inside.cpp", "int x;");
    CleanPlan plan{dir.path(), {"a.gcda", "b.gcda"}, {}};
    std::vector<fs::path> told;
    REQUIRE(remove_litter(plan, false, [&](const fs::path& p) { told.push_back(p); }));
    CHECK(told.empty());
    CHECK(fs::is_symlink(dir / "a.gcda"));
    CHECK(fs::exists(outside / "target.gcda"));
    CHECK(fs::exists(dir / "b.gcda/inside.cpp"));
}

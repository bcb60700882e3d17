// plan_clean asks the real git: these run it in real repositories.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "tenki/devtools/clean.hpp"
#include "util/subprocess.hpp"

using namespace tenki::devtools;
namespace fs = std::filesystem;

namespace {

void run_git(const fs::path& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv{"git", "-C", dir.string(), "-c", "user.name=t", "-c", "user.email=t@t"};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = tenki::util::run_capture(argv);
    REQUIRE(r);
    REQUIRE(r->status == 0);
}

}  // namespace

TEST_CASE("plan_clean plans around a folder that disappears during the walk, and reports it",
          "[integration][clean]") {
    tenki::test::TempDir dir;
    dir.write("a/tracked.bak", "x");
    run_git(dir.path(), {"init", "-q"});
    run_git(dir.path(), {"add", "-A"});
    dir.write("a/x.gcda", "x");
    dir.write("b/gone.gcda", "x");
    dir.write("c/y.gcda", "x");
    auto plan = plan_clean(dir.path(), [&](const fs::path& entering) {
        if (entering == "a") fs::remove_all(dir / "b");
    });
    REQUIRE(plan);
    CHECK(plan->litter == std::vector<fs::path>{"a/x.gcda", "c/y.gcda"});
    REQUIRE(plan->walk_errors.size() == 1);
    CHECK(plan->walk_errors[0].find("cannot read b: No such file or directory") == 0);
}

TEST_CASE("plan_clean refuses where git cannot say what it tracks", "[integration][clean]") {
    tenki::test::TempDir dir;
    dir.write("x.bak", "x");
    auto outside = plan_clean(dir.path());
    REQUIRE_FALSE(outside);
    CHECK(outside.error().kind == tenki::ErrorKind::invalid_input);

    // A nested repository git refuses: the repository's own metadata is broken.
    run_git(dir.path(), {"init", "-q"});
    dir.write("nested/.git", "gitdir: /nonexistent/tenki\n");
    dir.write("nested/kept.bak", "x");
    auto nested = plan_clean(dir.path());
    REQUIRE_FALSE(nested);
    CHECK(nested.error().message.find("nested") != std::string::npos);
    CHECK(nested.error().message.find("removed nothing") != std::string::npos);
}

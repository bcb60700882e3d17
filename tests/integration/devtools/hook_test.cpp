// The project's own pre-commit hooks (`make install-hook`) as a developer meets them: installed in
// a real git repository with the project's .pre-commit-config.yaml, then `git commit`.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

namespace fs = std::filesystem;

namespace {

bool hook_tool_missing(const std::string& tool) {
    auto found = tenki::util::run_capture({"sh", "-c", "command -v " + tool});
    return !found || found->status != 0;
}

// A repository with the project's hook config, the hooks installed; pre-commit's own store in
// a directory of its own.
struct HookRepo {
    HookRepo() {
        repo.write(".pre-commit-config.yaml",
                   tenki::test::read_file(fs::path(TENKI_SOURCE_DIR) / ".pre-commit-config.yaml"));
        REQUIRE(git({"init", "-q"}).status == 0);
        auto installed = run({"pre-commit", "install"});
        INFO(installed.output << installed.errors);
        REQUIRE(installed.status == 0);
    }

    tenki::util::RunOutput run(const std::vector<std::string>& argv) const {
        tenki::util::RunOptions options;
        options.cwd = repo.path();
        options.env = {{"PRE_COMMIT_HOME", store.path().string()}};
        options.timeout = std::chrono::minutes(2);
        auto ran = tenki::util::run_capture(argv, options);
        REQUIRE(ran);
        return *ran;
    }

    tenki::util::RunOutput git(const std::vector<std::string>& args) const {
        std::vector<std::string> argv{"git", "-c", "user.name=t", "-c", "user.email=t@t"};
        argv.insert(argv.end(), args.begin(), args.end());
        return run(argv);
    }

    // Stages the files and commits them, hooks and all.
    tenki::util::RunOutput commit(const std::vector<std::string>& files) const {
        std::vector<std::string> add{"add", ".pre-commit-config.yaml"};
        add.insert(add.end(), files.begin(), files.end());
        REQUIRE(git(add).status == 0);
        return git({"commit", "-q", "-m", "regenerated"});
    }

    tenki::test::TempDir repo{"tenki-hook"};
    tenki::test::TempDir store{"tenki-hook-store"};
};

const std::string k_over_limit(600 * 1024, 'x');  // the hook's limit is 512 KB

}  // namespace

TEST_CASE(
    "the pre-commit hook lets the regenerated data tables in and still stops any other file over 512 KB",
    "[integration][hook]") {
    if (hook_tool_missing("pre-commit") || hook_tool_missing("git")) {
        WARN("SKIP: pre-commit or git is not installed (scripts/install-deps.sh installs them): not checked");
        return;
    }
    HookRepo hooks;
    const std::vector<std::string> tables{"core/src/places/places_data.inc",
                                          "core/src/places/zipdb/zipdb_data.inc"};
    for (const auto& table : tables) hooks.repo.write(table, "// generated\n" + k_over_limit + "\n");
    auto tables_in = hooks.commit(tables);
    INFO(tables_in.output << tables_in.errors);
    CHECK(tables_in.status == 0);

    hooks.repo.write("core/src/places/other_data.inc", k_over_limit);
    auto other = hooks.commit({"core/src/places/other_data.inc"});
    INFO(other.output << other.errors);
    CHECK(other.status != 0);
    CHECK((other.output + other.errors).find("core/src/places/other_data.inc is 614400 bytes") !=
          std::string::npos);
}

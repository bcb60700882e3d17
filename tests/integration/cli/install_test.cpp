#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "tenki/version.hpp"
#include "util/subprocess.hpp"

using namespace tenki::test;
namespace fs = std::filesystem;

TEST_CASE("cmake --install puts a working tenki, its man page and completions under a prefix",
          "[integration][install]") {
    TempDir prefix("tenki-install");
    auto installed = tenki::util::run_capture(
        {"cmake", "--install", TENKI_BINARY_DIR, "--prefix", prefix.path().string()});
    REQUIRE(installed);
    INFO(installed->output << installed->errors);
    REQUIRE(installed->status == 0);

    const auto tenki = prefix / "bin/tenki";
    REQUIRE(fs::exists(tenki));
    auto version = tenki::util::run_capture({tenki.string(), "--version"});
    REQUIRE(version);
    CHECK(version->status == 0);
    CHECK(version->output.find("tenki " + std::string(tenki::version())) == 0);
    // Its time-zone module under the prefix (lib/tenki), found from bin/.
    CHECK(fs::exists(prefix / "lib/tenki/tenki_tz.so"));
    auto moon = tenki::util::run_capture({tenki.string(), "moon", "Paris", "--date", "2026-12-12"});
    REQUIRE(moon);
    INFO(moon->output << moon->errors);
    CHECK(moon->status == 0);
    CHECK(moon->output.find("+01:00") != std::string::npos);  // Paris in December

    // Installed without its tests: --help lists the user's commands first, and says in one line what
    // the developer commands need; a developer command says it too.
    tenki::util::RunOptions no_tests;
    no_tests.env = {{"TENKI_TEST_BINARY", std::nullopt}, {"COLUMNS", "1000"}};  // the note unwrapped
    auto help = tenki::util::run_capture({tenki.string(), "--help"}, no_tests);
    REQUIRE(help);
    CHECK(help->status == 0);
    const auto& h = help->output;
    CHECK(h.find("\n  weather ") < h.find("\n  serve "));
    CHECK(h.find("\n  serve ") < h.find("\n  urls"));
    CHECK(h.find("\n  urls") < h.find("Developer commands"));
    CHECK(h.find("Developer commands") < h.find("\n  test "));
    CHECK(h.find("\n  test ") < h.find("\n  clean "));
    CHECK(
        h.find("\nDeveloper commands: this tenki has no tenki_tests beside it; test, integration and webtest "
               "need a build tree") != std::string::npos);
    auto test = tenki::util::run_capture({tenki.string(), "test"}, no_tests);
    REQUIRE(test);
    CHECK(test->status != 0);
    CHECK(std::count(test->errors.begin(), test->errors.end(), '\n') == 1);
    CHECK(test->errors.find("no test binary") != std::string::npos);

    CHECK(fs::exists(prefix / "share/bash-completion/completions/tenki"));
    CHECK(fs::exists(prefix / "share/zsh/vendor-completions/_tenki"));
    CHECK(fs::exists(prefix / "share/fish/vendor_completions.d/tenki.fish"));
    // The units where systemd looks under the prefix (the package's prefix /usr puts them in
    // /lib/systemd/system: package_test), their key drop-in as an example.
    CHECK(fs::exists(prefix / "lib/systemd/system/tenki@.service"));
    CHECK(fs::exists(prefix / "lib/systemd/system/tenki.service"));
    CHECK(fs::exists(prefix / "share/doc/tenki/examples/key.conf"));

    tenki::util::RunOptions options;
    options.env = {{"MANPATH", (prefix / "share/man").string()}, {"MANPAGER", "cat"}, {"MANWIDTH", "80"}};
    auto man = tenki::util::run_capture({"man", "tenki"}, options);
    REQUIRE(man);
    INFO(man->errors);
    CHECK(man->status == 0);
    CHECK(man->output.find("tenki") != std::string::npos);
    CHECK(man->output.find("serve") != std::string::npos);
}

TEST_CASE("bash-completion's loader finds the installed tenki completion", "[integration][install]") {
    const fs::path loader = "/usr/share/bash-completion/bash_completion";
    if (!fs::exists(loader)) {
        WARN("SKIP: the bash-completion package is not installed (make deps installs it): not checked");
        return;
    }
    TempDir prefix("tenki-install-completion");
    auto installed = tenki::util::run_capture(
        {"cmake", "--install", TENKI_BINARY_DIR, "--prefix", prefix.path().string()});
    REQUIRE(installed);
    REQUIRE(installed->status == 0);
    tenki::util::RunOptions options;
    options.env = {{"XDG_DATA_DIRS", (prefix / "share").string()}};
    auto loaded = tenki::util::run_capture(
        {"bash", "-c", ". " + loader.string() + " && __load_completion tenki && complete -p tenki"}, options);
    REQUIRE(loaded);
    INFO(loaded->errors);
    CHECK(loaded->status == 0);
    CHECK(loaded->output == "complete -F _tenki tenki\n");
}

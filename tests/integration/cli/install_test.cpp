#include <catch2/catch.hpp>

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

    CHECK(fs::exists(prefix / "share/bash-completion/completions/tenki"));
    CHECK(fs::exists(prefix / "share/zsh/vendor-completions/_tenki"));
    CHECK(fs::exists(prefix / "share/fish/vendor_completions.d/tenki.fish"));
    CHECK(fs::exists(prefix / "share/doc/tenki/examples/tenki@.service"));

    tenki::util::RunOptions options;
    options.env = {{"MANPATH", (prefix / "share/man").string()}, {"MANPAGER", "cat"}, {"MANWIDTH", "80"}};
    auto man = tenki::util::run_capture({"man", "tenki"}, options);
    REQUIRE(man);
    INFO(man->errors);
    CHECK(man->status == 0);
    CHECK(man->output.find("tenki") != std::string::npos);
    CHECK(man->output.find("serve") != std::string::npos);
}

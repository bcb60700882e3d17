// `make dist`: the source tarball, named with the version, with the licence at its top.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "support/temp_dir.hpp"
#include "tenki/version.hpp"
#include "util/subprocess.hpp"

using namespace tenki::test;
namespace fs = std::filesystem;

namespace {}  // namespace

TEST_CASE("make dist writes tenki-VERSION.tar.gz with the MIT LICENSE at its top",
          "[integration][deploy][dist]") {
    const fs::path source = TENKI_SOURCE_DIR;
    const std::string license = read_file(source / "LICENSE");
    REQUIRE(license.starts_with("MIT License\n"));

    auto in_git = tenki::util::run_capture({"git", "-C", source.string(), "rev-parse", "--git-dir"});
    if (!in_git || in_git->status != 0) {
        WARN("the sources are not a git checkout (make dist archives git's HEAD): not checked");
        return;
    }
    TempDir dir("tenki-dist");
    auto made =
        tenki::util::run_capture({"make", "-C", source.string(), "dist", "DIST_DIR=" + dir.path().string()});
    REQUIRE(made);
    INFO(made->output << made->errors);
    REQUIRE(made->status == 0);

    const std::string stem = "tenki-" + std::string(tenki::version());
    const fs::path tarball = dir / (stem + ".tar.gz");
    REQUIRE(fs::exists(tarball));
    auto unpacked = tenki::util::run_capture({"tar", "-xzf", tarball.string(), "-C", dir.path().string()});
    REQUIRE(unpacked);
    REQUIRE(unpacked->status == 0);
    // HEAD's LICENSE, which is the working tree's unless it has uncommitted changes.
    auto committed = tenki::util::run_capture({"git", "-C", source.string(), "show", "HEAD:LICENSE"});
    REQUIRE(committed);
    CHECK(read_file(dir / stem / "LICENSE") == committed->output);
    CHECK(fs::exists(dir / stem / "CMakeLists.txt"));
}

TEST_CASE("make dist DIST_DIR=a/missing/dir creates the directory", "[integration][deploy][dist]") {
    const fs::path source = TENKI_SOURCE_DIR;
    auto in_git = tenki::util::run_capture({"git", "-C", source.string(), "rev-parse", "--git-dir"});
    if (!in_git || in_git->status != 0) {
        WARN("SKIP: the sources are not a git checkout (make dist archives git's HEAD): not checked");
        return;
    }
    TempDir dir("tenki-dist-missing");
    const fs::path missing = dir / "missing/dir";
    REQUIRE_FALSE(fs::exists(missing));
    auto made =
        tenki::util::run_capture({"make", "-C", source.string(), "dist", "DIST_DIR=" + missing.string()});
    REQUIRE(made);
    INFO(made->output << made->errors);
    CHECK(made->status == 0);
    CHECK(fs::exists(missing / ("tenki-" + std::string(tenki::version()) + ".tar.gz")));
}

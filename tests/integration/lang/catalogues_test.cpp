// The catalogues' tooling (issue 27): po/tenki.pot is what the sources mark, so a string added
// to the code without scripts/update-po.py is named here, and `tenki check` lists what a
// catalogue lacks.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/tenki_shell.hpp"
#include "util/subprocess.hpp"

namespace fs = std::filesystem;

TEST_CASE("po/tenki.pot holds every string the sources mark for translation", "[integration][lang]") {
    tenki::util::RunOptions options;
    options.cwd = fs::path(TENKI_SOURCE_DIR);
    auto check = tenki::util::run_capture({"python3", "scripts/update-po.py", "--check"}, options);
    REQUIRE(check);
    INFO(check->errors);
    CHECK(check->status == 0);
}

TEST_CASE("tenki check says nothing of languages while every catalogue is complete", "[integration][lang]") {
    tenki::test::TenkiShell sh("tenki-lang-check");
    const auto r = sh.run("check", {});
    INFO(r.output << r.errors);
    CHECK(r.output.find("lang.untranslated") == std::string::npos);
    CHECK(r.output.find("strings shown in English") == std::string::npos);
    const auto list = sh.run("check", {"--list"});
    CHECK(list.output.find("lang.untranslated") != std::string::npos);
}

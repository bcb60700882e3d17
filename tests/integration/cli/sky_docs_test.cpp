// Issue 26's conventions as the docs state them: --help, the man page, README and the completions
// say the same of the wind's arrows and of --icons.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "support/process.hpp"
#include "util/subprocess.hpp"

namespace {

const std::string k_sky_docs_src = TENKI_SOURCE_DIR;

std::string sky_docs_file(const std::string& path) {
    std::ifstream in(k_sky_docs_src + "/" + path);
    REQUIRE(in.is_open());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string weather_help() {
    auto r = tenki::util::run_capture({tenki::test::tenki_binary().string(), "weather", "--help"},
                                      {.env = {{"COLUMNS", "1000"}}});
    REQUIRE(r);
    REQUIRE(r->status == 0);
    return r->output;
}

}  // namespace

TEST_CASE("--help, the man page and README say the wind arrow points where the wind goes",
          "[integration][docs]") {
    CHECK(weather_help().find("{wind_arrow} points where the wind goes") != std::string::npos);
    CHECK(sky_docs_file("man/tenki.1").find("\\fBwind_arrow\\fR points where the wind goes") !=
          std::string::npos);
    CHECK(sky_docs_file("README.md").find("`{wind_arrow}` points where the wind **goes**") !=
          std::string::npos);
}

TEST_CASE("--icons and its sets are in --help, the man page, README and each completion",
          "[integration][docs]") {
    const auto help = weather_help();
    const auto help_at = help.find("--icons");
    REQUIRE(help_at != std::string::npos);
    CHECK(help.find("emoji, nerd (Nerd Fonts 3) or ascii", help_at) != std::string::npos);
    CHECK(help.find("the report", help_at) != std::string::npos);
    const auto man = sky_docs_file("man/tenki.1");
    const auto man_at = man.find(".BI \\-\\-icons \" SET\"");
    REQUIRE(man_at != std::string::npos);
    CHECK(man.find("text report", man_at) < man.find(".TP", man_at));
    CHECK(sky_docs_file("README.md").find("`--icons emoji|nerd|ascii`") != std::string::npos);
    for (const char* completion :
         {"completions/tenki.bash", "completions/_tenki", "completions/tenki.fish"}) {
        INFO(completion);
        const auto text = sky_docs_file(completion);
        CHECK(text.find("icons") != std::string::npos);
        CHECK(text.find("auto emoji nerd ascii") != std::string::npos);
    }
}

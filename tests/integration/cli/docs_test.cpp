#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "support/process.hpp"
#include "tenki/error.hpp"
#include "util/subprocess.hpp"

namespace {

tenki::util::RunOutput run(const std::vector<std::string>& argv) {
    auto r = tenki::util::run_capture(argv, {.env = {{"MANWIDTH", "80"}, {"LC_ALL", "C.UTF-8"}}});
    REQUIRE(r);
    return *r;
}

const std::string k_src = TENKI_SOURCE_DIR;

std::string file_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("the man page renders without warnings", "[integration][docs]") {
    auto r = run({"man", "--warnings", "-l", k_src + "/man/tenki.1"});
    CHECK(r.status == 0);
    CHECK(r.errors.empty());
    CHECK(r.output.find("EXIT STATUS") != std::string::npos);
}

TEST_CASE("the completion files are valid for their shells", "[integration][docs]") {
    CHECK(run({"bash", "-n", k_src + "/completions/tenki.bash"}).status == 0);
    CHECK(run({"zsh", "-n", k_src + "/completions/_tenki"}).status == 0);
    CHECK(run({"fish", "--no-execute", k_src + "/completions/tenki.fish"}).status == 0);
}

TEST_CASE("--help, the man page and README name every exit status alike, 9 for a port in use",
          "[integration][docs]") {
    auto help_run = tenki::util::run_capture({tenki::test::tenki_binary().string(), "--help"},
                                             {.env = {{"COLUMNS", "1000"}}});  // one line: no wrap
    REQUIRE(help_run);
    const auto help = help_run->output;
    const auto man = file_text(k_src + "/man/tenki.1");
    const auto readme = file_text(k_src + "/README.md");
    const auto statuses_at = man.find(".SH EXIT STATUS");
    REQUIRE(statuses_at != std::string::npos);
    const auto man_statuses = man.substr(statuses_at, man.find(".SH ", statuses_at + 1) - statuses_at);
    std::set<int> statuses;
    for (const auto& kind : tenki::k_error_kinds) statuses.insert(kind.exit_status);
    for (int status : statuses) {
        INFO(status);
        CHECK(help.find(" " + std::to_string(status) + " ") != std::string::npos);
        CHECK(man_statuses.find(".B " + std::to_string(status) + "\n") != std::string::npos);
    }
    CHECK(tenki::exit_status(tenki::ErrorKind::cannot_listen) == 9);
    CHECK(help.find("9 cannot listen (serve: address already") != std::string::npos);
    CHECK(man_statuses.find(".B 9\n\\fBserve\\fR cannot listen: another program holds the port (\"address "
                            "already in use\")") != std::string::npos);
    CHECK(readme.find("9 `tenki serve` cannot listen") != std::string::npos);
}

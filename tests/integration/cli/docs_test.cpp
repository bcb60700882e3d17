#include <catch2/catch.hpp>

#include <string>

#include "util/subprocess.hpp"

namespace {

tenki::util::RunOutput run(const std::vector<std::string>& argv) {
    auto r = tenki::util::run_capture(argv, {.env = {{"MANWIDTH", "80"}, {"LC_ALL", "C.UTF-8"}}});
    REQUIRE(r);
    return *r;
}

const std::string k_src = TENKI_SOURCE_DIR;

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

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <filesystem>

#include "support/temp_dir.hpp"
#include "support/tier_filter.hpp"
#include "tenki/devtools/test_runner.hpp"

using namespace tenki::devtools;
namespace fs = std::filesystem;

TEST_CASE("test_command passes the tier and every extra argument through", "[devtools]") {
    auto argv = test_command("/b/tenki_tests", Tier::integration, {"postal*", "-r", "junit"});
    CHECK(argv ==
          std::vector<std::string>{"/b/tenki_tests", "--tier", "integration", "postal*", "-r", "junit"});
}

TEST_CASE("find_test_binary prefers the option, then looks beside tenki", "[devtools]") {
    tenki::test::TempDir dir;
    auto beside = dir.write("tenki_tests", "#!/bin/sh\n");
    ::chmod(beside.c_str(), 0755);
    auto other = dir.write("other/custom_tests", "#!/bin/sh\n");
    ::chmod(other.c_str(), 0755);

    CHECK(find_test_binary({std::nullopt, std::nullopt, dir.path()}).value() == beside);
    CHECK(find_test_binary({other, std::nullopt, dir.path()}).value() == other);
    CHECK(find_test_binary({std::nullopt, other, dir.path()}).value() == other);
}

TEST_CASE("find_test_binary says so in one line when there is no test binary", "[devtools]") {
    tenki::test::TempDir dir;
    auto missing = find_test_binary({std::nullopt, std::nullopt, dir.path()});
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message.find("no test binary") != std::string::npos);
    CHECK(missing.error().message.find('\n') == std::string::npos);

    auto not_exec = dir.write("plain", "");
    auto bad = find_test_binary({not_exec, std::nullopt, dir.path()});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("not executable") != std::string::npos);
}

TEST_CASE("tier filters AND the tier into every alternative of a user filter", "[devtools]") {
    using tenki::test::apply_tier;
    CHECK(apply_tier("unit", {}).value() == std::vector<std::string>{"~[integration]~[web] "});
    CHECK(apply_tier("integration", {"a,b"}).value() ==
          std::vector<std::string>{"[integration] ", "a, [integration] b"});
    // Commas inside quotes and tags are not alternatives.
    CHECK(apply_tier("web", {"\"x,y\",[a,b]"}).value() ==
          std::vector<std::string>{"[web] ", "\"x,y\", [web] [a,b]"});
    CHECK_FALSE(apply_tier("everything", {}));
}

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <utility>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "tenki/version.hpp"

using tenki::test::run_tenki;
namespace fs = std::filesystem;

TEST_CASE("tenki --version prints the project version", "[integration][cli]") {
    auto r = run_tenki({"--version"});
    CHECK(r.status == 0);
    CHECK(r.output.find(std::string(tenki::version())) != std::string::npos);
}

TEST_CASE("tenki --version --verbose credits the ZIP code data", "[integration][cli]") {
    for (auto args :
         {std::vector<std::string>{"--version", "--verbose"}, std::vector<std::string>{"-v", "--version"}}) {
        auto r = run_tenki(args);
        CHECK(r.status == 0);
        CHECK(r.output.find("GeoNames") != std::string::npos);
        CHECK(r.output.find("CC BY 4.0") != std::string::npos);
    }
    CHECK(run_tenki({"--version"}).output.find("GeoNames") == std::string::npos);
}

TEST_CASE("tenki --help lists the subcommands and the exit statuses", "[integration][cli]") {
    auto r = run_tenki({"--help"});
    CHECK(r.status == 0);
    for (const char* word : {"test", "integration", "webtest", "clean", "--env", "Exit status"}) {
        INFO(word);
        CHECK(r.output.find(word) != std::string::npos);
    }
}

TEST_CASE("tenki --help wraps to 80 columns when not on a terminal, and to $COLUMNS", "[integration][cli]") {
    // The output is a pipe here; the heading's two CJK characters are 6 bytes and 4 columns.
    for (auto [columns, width] :
         {std::pair<const char*, std::size_t>{nullptr, 80}, {"100", 100}, {"60", 60}}) {
        auto r =
            run_tenki({"weather", "--help"},
                      {.env = {{"COLUMNS", columns ? std::optional<std::string>(columns) : std::nullopt}}});
        CHECK(r.status == 0);
        std::istringstream lines(r.output);
        std::size_t widest = 0;
        for (std::string line; std::getline(lines, line);) widest = std::max(widest, line.size());
        INFO("COLUMNS " << (columns ? columns : "unset") << "\n" << r.output);
        CHECK(widest <= width);
        CHECK(widest > width - 12);  // the page fills the width: it is wrapped, not cut short
    }
}

TEST_CASE("an unknown subcommand is named, with the near ones", "[integration][cli]") {
    auto typo = run_tenki({"--env", "dev", "waether", "94107"});
    CHECK(typo.status == 2);
    CHECK(typo.output.empty());
    CHECK(typo.errors == "tenki: unknown command 'waether'; did you mean weather? (see tenki --help)\n");

    auto bogus = run_tenki({"bogus"});
    CHECK(bogus.status == 2);
    CHECK(bogus.errors.starts_with(
        "tenki: unknown command 'bogus'; the commands are weather, forecast, moon, serve, check, urls, "
        "show-urls, config, test, integration, webtest, clean"));
}

TEST_CASE("a subcommand's usage error points at its own help; a bad duration names the range",
          "[integration][cli]") {
    const auto bogus = run_tenki({"weather", "--bogus"});
    CHECK(bogus.status == 2);
    CHECK(bogus.errors ==
          "tenki: The following argument was not expected: --bogus (see tenki weather --help)\n");
    for (const std::string bad : {"8m", "8 s", "0", "121s", "abc", ""}) {
        INFO(bad);
        const auto r = run_tenki({"weather", "--timeout", bad, "94107"});
        CHECK(r.status == 2);
        CHECK(r.errors.find("is not a time from 0.1 s to 120 s (seconds: 8, 8s or 500ms)") !=
              std::string::npos);
        CHECK(r.errors.ends_with("(see tenki weather --help)\n"));
    }
    const auto connect = run_tenki({"forecast", "--connect-timeout", "61", "94107"});
    CHECK(connect.errors.find("\"61\" is not a time from 0.1 s to 60 s") != std::string::npos);
}

TEST_CASE("usage errors are one line on stderr and exit 2", "[integration][cli]") {
    for (auto args : {std::vector<std::string>{"frobnicate"}, std::vector<std::string>{},
                      std::vector<std::string>{"--env", "staging", "clean", "--dry-run"}}) {
        auto r = run_tenki(args);
        CHECK(r.status == 2);
        CHECK(r.output.empty());
        CHECK(r.errors.find('\n') == r.errors.size() - 1);
    }
}

TEST_CASE("TENKI_ENV picks the environment and a bad one is a usage error of the commands it sets up",
          "[integration][cli]") {
    auto r = run_tenki({"weather", "94107"}, {.env = {{"TENKI_ENV", "nowhere"}}});
    CHECK(r.status == 2);
    CHECK(r.errors == "tenki: TENKI_ENV is \"nowhere\": use dev, test or prod (or unset it)\n");
    // clean reads no setting of the environment's: it runs (before, every command failed).
    CHECK(run_tenki({"clean", "--dry-run"}, {.env = {{"TENKI_ENV", "nowhere"}}}).status == 0);
}

TEST_CASE("tenki test runs one named test, and a filter matching nothing fails", "[integration][cli]") {
    auto one = run_tenki({"test", "find_test_binary says so in one line when there is no test binary"});
    CHECK(one.status == 0);
    CHECK(one.output.find("1 test case") != std::string::npos);
    // The filter as the user gave it, never the tier's tags ANDed into it.
    CHECK(one.output.rfind("Filters: find_test_binary says so in one line when there is no test binary\n",
                           0) == 0);
    CHECK(one.output.find("[integration]") == std::string::npos);

    auto none = run_tenki({"test", "no test is called this"});
    CHECK(none.status != 0);
    CHECK(none.errors == "tenki_tests: no test matches 'no test is called this' in the unit tier\n");
    auto none_integration = run_tenki({"integration", "no test is called this"});
    CHECK(none_integration.errors ==
          "tenki_tests: no test matches 'no test is called this' in the integration tier\n");

    auto all = run_tenki({"test", "[settings]"});
    CHECK(all.output.rfind("Filters: [settings]\n", 0) == 0);

    // An integration test is not in the unit tier, even when named.
    auto other_tier = run_tenki({"test", "tenki --version prints the project version"});
    CHECK(other_tier.status != 0);
}

TEST_CASE("tenki test writes a JUnit report when asked", "[integration][cli]") {
    tenki::test::TempDir dir;
    auto report = dir / "unit.junit.xml";
    auto r = run_tenki({"test", "[settings]", "-r", "junit", "-o", report.string()});
    CHECK(r.status == 0);
    REQUIRE(fs::exists(report));
    CHECK(fs::file_size(report) > 0);
}

TEST_CASE("tenki test without a test binary says so in one line", "[integration][cli]") {
    tenki::test::TempDir dir;
    auto r = run_tenki({"test", "--test-binary", (dir / "missing").string()});
    CHECK(r.status != 0);
    CHECK(r.errors.find("test binary") != std::string::npos);
}

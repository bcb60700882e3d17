// A bad TENKI_* variable fails only the commands that read it, with one line naming the variable,
// its value and the form it takes; every other command runs. The built binary as a child process.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/tenki_shell.hpp"

namespace {

bool env_test_has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// What needs no setting of the variable's: help, version, the route table, and the sky.
void env_test_unread_commands_run(const tenki::test::TenkiShell& sh) {
    for (const auto& args :
         std::vector<std::vector<std::string>>{{"--help"},
                                               {"--version"},
                                               {"urls"},
                                               {"weather", "--help"},
                                               {"moon", "Paris", "--date", "2026-12-12"}}) {
        INFO(args.front() << " " << (args.size() > 1 ? args[1] : ""));
        auto r = sh.run(args);
        INFO(r.errors);
        CHECK(r.status == 0);
        CHECK(r.errors.empty());
    }
}

}  // namespace

TEST_CASE(
    "a bad duration or choice variable fails weather and forecast only, naming it, its value and its form",
    "[integration][config]") {
    tenki::test::TenkiShell sh;
    struct Bad {
        const char* variable;
        const char* value;
        const char* form;
    };
    for (const auto& bad : {Bad{"TENKI_CACHE_TTL", "@@", "a duration like 90s, 10m, 6h, 1d"},
                            Bad{"TENKI_FORECAST_TTL", "soon", "a duration like 90s, 10m, 6h, 1d"},
                            Bad{"TENKI_STALE_WINDOW", "-5", ""},
                            Bad{"TENKI_UNITS", "furlongs", "one of auto,metric,imperial,standard"},
                            Bad{"TENKI_PROVIDER", "accuweather", "one of auto,owm"},
                            Bad{"TENKI_ICONS", "clipart", "one of auto,emoji,nerd,ascii"},
                            Bad{"TENKI_FAILOVER_BACKOFF", "10x", "a duration like 90s, 10m, 6h, 1d"}}) {
        INFO(bad.variable);
        sh.extra = {{bad.variable, bad.value}};
        env_test_unread_commands_run(sh);
        for (const char* command : {"weather", "forecast"}) {
            auto r = sh.run(command, {"94107"});
            INFO(r.errors);
            CHECK(r.status == 2);
            CHECK(env_test_has(r.errors, std::string("tenki: ") + bad.variable));
            CHECK(env_test_has(r.errors, std::string("\"") + bad.value + "\""));
            CHECK(env_test_has(r.errors, bad.form));
            CHECK(r.output.empty());
        }
    }
    CHECK(sh.owm.request_count() == 0);
}

TEST_CASE("a bad TENKI_LANG or TENKI_COUNTRY fails moon too, which reads them", "[integration][config]") {
    tenki::test::TenkiShell sh;
    sh.extra = {{"TENKI_LANG", "xx-bogus"}};
    auto lang = sh.run("moon", {"Paris", "--date", "2026-12-12"});
    CHECK(lang.status == 2);
    CHECK(env_test_has(lang.errors, "TENKI_LANG (lang): lang must be a language tenki speaks"));
    CHECK(env_test_has(lang.errors, "\"xx-bogus\""));
    CHECK(sh.run({"urls"}).status == 0);
    sh.extra = {{"TENKI_COUNTRY", "Atlantis"}};
    auto country = sh.run("moon", {"Paris", "--date", "2026-12-12"});
    INFO(country.errors);
    CHECK(country.status == 2);
    CHECK(env_test_has(country.errors, "TENKI_COUNTRY (country): \"Atlantis\" is not a country tenki knows"));
    CHECK(sh.run({"--version"}).status == 0);
}

TEST_CASE("a bad TENKI_ENV fails the commands whose settings it chooses, naming it; --help and urls run",
          "[integration][config]") {
    tenki::test::TenkiShell sh;
    sh.extra = {{"TENKI_ENV", "staging"}};
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"--version"}, {"urls"}, {"moon", "--help"}, {"config"}}) {
        INFO(args.front());
        CHECK(sh.run(args).status == 0);
    }
    for (const char* command : {"weather", "forecast"}) {
        auto r = sh.run(command, {"94107"});
        CHECK(r.status == 2);
        CHECK(env_test_has(r.errors, "tenki: TENKI_ENV is \"staging\": use dev, test or prod"));
    }
    sh.extra = {{"TENKI_ENV", "test"}};
    CHECK(sh.run("weather", {"94107"}).status == 0);
    sh.extra = {{"TENKI_ENV", "staging"}};
    CHECK(sh.run("weather", {"--env", "dev", "94107"}).status == 0);  // the option wins over the variable
}

TEST_CASE(
    "a bad TENKI_FAILOVER_BACKOFF fails the commands that build breakers, serve and check too, naming it",
    "[integration][config][failover]") {
    tenki::test::TenkiShell sh;
    const std::string named = "tenki: TENKI_FAILOVER_BACKOFF (failover_backoff): failover_backoff must be ";
    for (const char* value : {"abc", "-5", "10x"}) {
        INFO(value);
        sh.extra = {{"TENKI_FAILOVER_BACKOFF", value}};
        env_test_unread_commands_run(sh);
        for (const char* command : {"weather", "forecast", "check"}) {
            auto r = sh.run(command, {});
            INFO(command << ": " << r.errors);
            CHECK(r.status == 2);
            CHECK(env_test_has(
                r.errors, named + "seconds or a duration like 90s, 10m, 6h, 1d, not \"" + value + "\"\n"));
        }
    }
    sh.extra = {{"TENKI_FAILOVER_BACKOFF", "2d"}};
    auto serve = sh.run({"serve", "--port", "0"});  // before it listens
    CHECK(serve.status == 2);
    CHECK(env_test_has(serve.errors, named + "from 0 to 86400 seconds, not 172800"));
    CHECK(sh.owm.request_count() == 0);
    sh.extra = {{"TENKI_FAILOVER_BACKOFF", "90s"}};
    auto config = sh.run({"config"});
    CHECK(config.status == 0);
    CHECK(env_test_has(config.output, "\nfailover_backoff "));
    CHECK(env_test_has(config.output, "# environment TENKI_FAILOVER_BACKOFF\n"));
}

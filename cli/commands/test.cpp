#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/commands.hpp"
#include "environment.hpp"
#include "tenki/devtools/test_runner.hpp"
#include "tenki/devtools/web_tier.hpp"

namespace tenki::cli {

namespace {

namespace fs = std::filesystem;
using devtools::Tier;

struct TestOptions {
    Tier tier = Tier::unit;
    std::optional<fs::path> binary;
    std::optional<fs::path> screenshot_dir;  // web tier only
    std::vector<std::string> extra;
};

fs::path self_path() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : p;
}

// Fails before any test runs when the web tier has no browser, so a missing one is never a pass.
Result<void> prepare_web_tier(const TestOptions& opt) {
    auto ready = devtools::check_web_tier(env(devtools::k_webdriver_url_env),
                                          devtools::browser_search_dirs(env("PATH").value_or("")));
    if (!ready) return ready;
    if (opt.screenshot_dir) {
        std::error_code ec;
        auto dir = fs::absolute(*opt.screenshot_dir, ec);
        ::setenv(std::string(devtools::k_screenshot_dir_env).c_str(),
                 (ec ? *opt.screenshot_dir : dir).c_str(), 1);
    }
    return {};
}

CommandResult run_tests(const TestOptions& opt) {
    if (opt.tier == Tier::web) {
        if (auto ready = prepare_web_tier(opt); !ready) return tl::unexpected(ready.error());
    }
    const fs::path self = self_path();
    auto binary = devtools::find_test_binary({opt.binary, std::nullopt, self.parent_path()});
    if (!binary) return tl::unexpected(binary.error());
    // The integration tier runs this very binary as a child process.
    if (!self.empty()) ::setenv("TENKI_BIN", self.c_str(), 0);
    auto argv = devtools::test_command(*binary, opt.tier, opt.extra);
    std::vector<char*> c_argv;
    for (auto& a : argv) c_argv.push_back(a.data());
    c_argv.push_back(nullptr);
    std::cout.flush();
    ::execv(c_argv[0], c_argv.data());
    return fail(ErrorKind::io, "cannot run " + argv[0] + ": " + std::strerror(errno));
}

void add_tier(CLI::App& app, Context& ctx, const std::string& name, Tier tier,
              const std::string& description) {
    auto opt = std::make_shared<TestOptions>();
    opt->tier = tier;
    auto* sub = app.add_subcommand(name, description);
    sub->add_option("--test-binary", opt->binary, "The Catch2 test binary to run (default: beside tenki)")
        ->envname(std::string(devtools::k_test_binary_env));
    if (tier == Tier::web) {
        sub->add_option("--screenshot-dir", opt->screenshot_dir,
                        "Where the browser tests write their *.screenshot.png (default: build/screenshots)")
            ->envname(std::string(devtools::k_screenshot_dir_env));
    }
    // Everything from the first argument tenki does not know goes to Catch2 untouched.
    sub->prefix_command();
    sub->fallthrough(false);
    sub->footer(
        "Arguments after the options go to Catch2: a test name or pattern, a [tag], "
        "-r junit -o FILE, --list-tests, ... A filter that matches no test is an error.");
    sub->callback([opt, sub, &ctx] {
        opt->extra = sub->remaining();
        ctx.run = [opt] { return run_tests(*opt); };
    });
}

}  // namespace

std::string developer_commands_note() {
    const fs::path self = self_path();
    auto binary =
        devtools::find_test_binary({std::nullopt, env(devtools::k_test_binary_env), self.parent_path()});
    if (binary) return "";
    return "\nDeveloper commands: this tenki has no " + std::string(devtools::k_test_binary_name) +
           " beside it; test, integration and webtest need a build tree (make build) or " +
           std::string(devtools::k_test_binary_env) + ", and clean a git work tree.";
}

void register_test(CLI::App& app, Context& ctx) {
    add_tier(app, ctx, "test", Tier::unit, "Run the unit tests (untagged: no network, no processes)");
    add_tier(app, ctx, "integration", Tier::integration,
             "Run the [integration] tests against real local servers and processes");
    add_tier(app, ctx, "webtest", Tier::web, "Run the [web] tests in a real headless browser");
}

}  // namespace tenki::cli

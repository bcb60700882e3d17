#include "app.hpp"

#include <exception>
#include <iostream>
#include <string>

#include "commands/commands.hpp"
#include "tenki/version.hpp"

namespace tenki::cli {

namespace {

constexpr const char* k_exit_statuses =
    "Exit status: 0 success; 1 tests failed (test tiers); 2 usage error or invalid input; "
    "3 place not found; 4 API key missing or rejected; 5 rate limited; 6 upstream unreachable "
    "or timed out; 7 bad upstream answer; 8 local file error; 70 internal error.";

int report(const Error& error) {
    std::cerr << "tenki: " << error.message << '\n';
    return exit_status(error.kind);
}

}  // namespace

void build_app(CLI::App& app, Context& ctx) {
    app.description("tenki (天気): the current weather for a postal code, at the shell and as a service");
    app.footer(k_exit_statuses);
    app.set_version_flag("--version", std::string(version()));
    app.add_flag("-v,--verbose", ctx.verbose, "Say more about what tenki does (never the API key)");
    app.add_option("--env", ctx.env_name, "Settings to use: dev, test or prod")
        ->envname("TENKI_ENV")
        ->check(CLI::IsMember({"dev", "test", "prod"}))
        ->capture_default_str();
    app.require_subcommand(1);

    register_test(app, ctx);
    register_clean(app, ctx);
    register_weather(app, ctx);
    register_serve(app, ctx);
    register_urls(app, ctx);
}

int run_app(int argc, char** argv) {
    CLI::App app;
    Context ctx;
    try {
        build_app(app, ctx);
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        std::cerr << "tenki: " << e.what() << " (see tenki --help)\n";
        return 2;
    }
    try {
        auto env = parse_environment(ctx.env_name);
        if (!env) return report(env.error());
        ctx.settings = settings_for(*env);
        if (!ctx.run) return report({ErrorKind::internal, "no subcommand to run"});
        auto result = ctx.run();
        if (!result) return report(result.error());
        return *result;
    } catch (const std::exception& e) {
        return report({ErrorKind::internal, std::string("unexpected error: ") + e.what()});
    }
}

}  // namespace tenki::cli

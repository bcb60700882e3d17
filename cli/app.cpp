#include "app.hpp"

#include <exception>
#include <iostream>
#include <string>
#include <string_view>

#include "commands/commands.hpp"
#include "tenki/postal_format.hpp"
#include "tenki/version.hpp"
#include "tenki/zipdb.hpp"

namespace tenki::cli {

namespace {

constexpr const char* k_exit_statuses =
    "Exit status: 0 success; 1 tests failed (test tiers); 2 usage error or invalid input; "
    "3 place not found; 4 API key missing or rejected; 5 rate limited; 6 upstream unreachable "
    "or timed out; 7 bad upstream answer; 8 local file error; 70 internal error.";

// --version is printed while parsing, before -v is seen, so look for a global -v by hand.
bool verbose_before_subcommand(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "-v" || arg == "--verbose") return true;
        if (!arg.starts_with('-')) return false;
    }
    return false;
}

std::string version_text(bool verbose) {
    std::string text = "tenki " + std::string(version());
    if (!verbose) return text;
    text += "\nUS ZIP codes known offline: " + std::to_string(zipdb_size());
    text += "\n" + std::string(zipdb_attribution());
    text += "\n" + std::string(postal_formats_attribution());
    return text;
}

int report(const Error& error) {
    std::cerr << "tenki: " << error.message << '\n';
    return exit_status(error.kind);
}

}  // namespace

void build_app(CLI::App& app, Context& ctx) {
    app.description("tenki (天気): the current weather for a postal code, at the shell and as a service");
    app.footer(k_exit_statuses);
    app.set_version_flag("--version", std::string(version()));  // run_app adds the details
    app.add_flag("-v,--verbose", ctx.verbose, "Say more about what tenki does (never the API key)");
    app.add_option("--env", ctx.env_name, "Settings to use: dev, test or prod")
        ->envname("TENKI_ENV")
        ->check(CLI::IsMember({"dev", "test", "prod"}))
        ->capture_default_str();
    app.require_subcommand(1);
    app.fallthrough();  // global options after the subcommand too: tenki weather --verbose 94107

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
        const bool verbose = verbose_before_subcommand(argc, argv);
        app.set_version_flag("--version", [verbose] { return version_text(verbose); });
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

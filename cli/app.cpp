#include "app.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <exception>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "environment.hpp"
#include "help_format.hpp"
#include "tenki/domain/settings.hpp"
#include "tenki/lang/cldr.hpp"
#include "tenki/places/places.hpp"
#include "tenki/places/postal_format.hpp"
#include "tenki/places/zipdb.hpp"
#include "tenki/util/edit_distance.hpp"
#include "tenki/util/printable.hpp"
#include "tenki/version.hpp"

namespace tenki::cli {

namespace {

constexpr const char* k_exit_statuses =
    "Exit status: 0 success; 1 tests failed (test tiers); 2 usage error or invalid input; "
    "3 place not found; 4 API key missing or rejected; 5 rate limited; 6 upstream unreachable "
    "or timed out; 7 bad upstream answer; 8 local file error; 9 cannot listen (serve: address already "
    "in use); 33 urgent (--output i3blocks: an Extreme or Severe alert in force); 70 internal error.";

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
    text += "\nPlaces known offline by name: " + std::to_string(places_size());
    text += "\n" + std::string(places_attribution());
    text += "\n" + std::string(postal_formats_attribution());
    text += "\nLanguages: " + supported_language_tags() + "; names and numbers from " +
            std::string(cldr_version());
    return text;
}

// The word where the subcommand should be (the first argument that is neither an option nor an
// option's value), or nullopt when there is none.
std::optional<std::string> subcommand_word(const CLI::App& app, int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--") return std::nullopt;
        if (!arg.starts_with('-')) return arg;
        const CLI::Option* option =
            arg.find('=') == std::string::npos ? app.get_option_no_throw(arg) : nullptr;
        if (option != nullptr && option->get_type_size_min() > 0) ++i;  // skip its value
    }
    return std::nullopt;
}

// "unknown command 'bogus'" and the commands near it, or all of them when none is near.
std::optional<std::string> unknown_command(const CLI::App& app, int argc, char** argv) {
    const auto word = subcommand_word(app, argc, argv);
    if (!word) return std::nullopt;
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->check_name(*word)) return std::nullopt;  // a known command, wrongly used
        names.push_back(sub->get_name());
        for (const auto& alias : sub->get_aliases()) names.push_back(alias);
    }
    const auto near = nearest_words(*word, names);
    const auto& listed = near.empty() ? names : near;
    std::string list;
    for (const auto& name : listed) list += (list.empty() ? "" : ", ") + name;
    return "unknown command '" + *word + "'" + (near.empty() ? "; the commands are " : "; did you mean ") +
           list + (near.empty() ? "" : "?");
}

// CLI11 puts a subcommand in "Subcommands" until it is given a group.
void group_new_subcommands(CLI::App& app, const std::string& group) {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        if (sub->get_group() == "Subcommands") sub->group(group);
}

// --env, else TENKI_ENV, else dev. A bad TENKI_ENV fails only the commands whose settings it
// chooses (the default place, the upstreams): not `tenki urls`, `config`, `clean` or `test`.
Result<Environment> chosen_environment(const CLI::App& app, const std::string& option) {
    const auto variable = env("TENKI_ENV");
    if (app.count("--env") > 0 || !variable) return parse_environment(option);
    auto chosen = parse_environment(*variable);
    if (chosen) return chosen;
    constexpr std::string_view k_env_users[] = {"weather", "forecast", "moon", "serve", "check"};
    const auto subcommands = app.get_subcommands();
    if (subcommands.empty() ||
        std::ranges::find(k_env_users, subcommands.front()->get_name()) == std::end(k_env_users))
        return Environment::dev;
    return fail(
        ErrorKind::invalid_input,
        fmt::format("TENKI_ENV is \"{}\": use dev, test or prod (or unset it)", util::printable(*variable)));
}

int report(const Error& error) {
    std::cerr << "tenki: " << error.message << '\n';
    return exit_status(error.kind);
}

}  // namespace

void build_app(CLI::App& app, Context& ctx, std::string_view only) {
    app.description("tenki (天気): the weather now and ahead for any place, at the shell and as a service");
    app.footer(k_exit_statuses);
    app.formatter(std::make_shared<WrappingFormatter>(help_width()));  // before the subcommands copy it
    app.set_version_flag("--version", std::string(version()));         // run_app adds the details
    app.add_flag("-v,--verbose", ctx.verbose, "Say more about what tenki does (never the API key)");
    // TENKI_ENV is read at run time (chosen_environment), by the commands that use the settings.
    app.add_option("--env", ctx.env_name, "Settings to use: dev, test or prod (also TENKI_ENV)")
        ->check(CLI::IsMember({"dev", "test", "prod"}))
        ->capture_default_str();
    app.add_option("--config", ctx.config_file,
                   "The config file (default: $XDG_CONFIG_HOME/tenki/config.toml, else "
                   "~/.config/tenki/config.toml)")
        ->envname("TENKI_CONFIG");
    app.require_subcommand(1);
    app.fallthrough();  // global options after the subcommand too: tenki weather --verbose 94107

    if (only == "--version") return;  // nothing else is read
    if (only == "weather" || only == "forecast" || only == "moon") {
        (only == "weather"    ? register_weather
         : only == "forecast" ? register_forecast
                              : register_moon)(app, ctx);
        group_new_subcommands(app, "Commands");
        return;
    }
    // `tenki --help` lists what a user runs first, then what a developer runs in a build tree.
    register_weather(app, ctx);
    register_forecast(app, ctx);
    register_moon(app, ctx);
    register_serve(app, ctx);
    register_check(app, ctx);
    register_urls(app, ctx);
    register_config(app, ctx);
    group_new_subcommands(app, "Commands");
    register_test(app, ctx);
    register_clean(app, ctx);
    group_new_subcommands(app, "Developer commands (in a source checkout)");
    app.footer(std::string(k_exit_statuses) + developer_commands_note());
}

int run_app(int argc, char** argv) {
    CLI::App app;
    Context ctx;
    try {
        // `tenki weather ...`, `tenki forecast ...` (the status bar's calls) and `tenki moon ...`
        // build only their subcommand: the whole command line was 2 M instructions, a tenth of a
        // call (callgrind).
        build_app(app, ctx, argc > 1 ? std::string_view(argv[1]) : std::string_view());
        const bool verbose = verbose_before_subcommand(argc, argv);
        app.set_version_flag("--version", [verbose] { return version_text(verbose); });
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        const auto unknown = unknown_command(app, argc, argv);
        // A subcommand's own options are in its own help: "(see tenki weather --help)".
        const auto named = !unknown && argc > 1
                               ? app.get_subcommands([&](CLI::App* sub) { return sub->check_name(argv[1]); })
                               : std::vector<CLI::App*>{};
        std::cerr << "tenki: " << (unknown ? *unknown : std::string(e.what())) << " (see tenki "
                  << (named.empty() ? std::string() : named.front()->get_name() + " ") << "--help)\n";
        return 2;
    }
    try {
        auto env = chosen_environment(app, ctx.env_name);
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

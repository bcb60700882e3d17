#include <algorithm>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "load_config.hpp"
#include "tenki/config/config.hpp"

namespace tenki::cli {

namespace {

struct ConfigOptions {
    bool check = false;
    bool json = false;
    bool places = false;
    // The weather options, to show what `tenki weather` would use with them: by key name.
    std::map<std::string, std::optional<std::string>, std::less<>> settings;
};

// Every problem the file, the environment and the places have, one line each.
CommandResult run_check(const Context& ctx) {
    auto listed = load_config_listing(ctx);
    if (!listed) return tl::unexpected(listed.error());
    const auto& config = listed->config;
    std::vector<ConfigProblem> problems = listed->problems;
    std::ranges::copy(check_places(config), std::back_inserter(problems));
    std::ranges::stable_sort(problems, {},
                             [](const ConfigProblem& p) { return std::pair(p.line, p.column); });
    for (const auto& p : problems) std::cerr << "tenki: " << format_config_problem(config.file(), p) << '\n';
    for (const auto& w : place_warnings(config))
        std::cerr << "tenki: warning: " << format_config_problem(config.file(), w) << '\n';
    if (!problems.empty())
        return fail(ErrorKind::invalid_input, std::to_string(problems.size()) +
                                                  (problems.size() == 1 ? " problem" : " problems") + " in " +
                                                  config.file().string());
    std::cout << config.file().string()
              << (config.file_exists() ? ": ok\n" : ": no file there (the defaults apply)\n");
    return 0;
}

// Every setting that can be shown is, whatever else is wrong (a user runs `tenki config` to find
// out); then each problem on stderr, one a line, the last one as the command's error (exit 2).
CommandResult run_config(const ConfigOptions& opt, const Context& ctx) {
    if (opt.check) return run_check(ctx);
    OptionValues given;
    for (const auto& [name, value] : opt.settings)
        if (value) given.emplace(name, *value);
    auto listed = load_config_listing(ctx, given);
    if (!listed) return tl::unexpected(listed.error());
    const auto& config = listed->config;
    std::vector<std::string> problems;
    for (const auto& p : listed->problems) problems.push_back(format_config_problem(config.file(), p));
    if (opt.places) {
        for (const auto& place : config.places())
            if (!place.problem) std::cout << place.name << '\n';
    } else {
        std::cout << (opt.json ? config_listing_json(config, problems) + "\n"
                               : format_config_listing(config));
    }
    if (problems.empty()) return 0;
    std::cout.flush();
    for (std::size_t i = 0; i + 1 < problems.size(); ++i) std::cerr << "tenki: " << problems[i] << '\n';
    return fail(ErrorKind::invalid_input, problems.back());
}

}  // namespace

void register_config(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<ConfigOptions>();
    auto* sub = app.add_subcommand("config", "Print every effective setting and where it came from");
    auto* check = sub->add_flag("--check", opt->check,
                                "Check the config file: unknown keys, wrong types and bad places, each "
                                "with its line");
    auto* json = sub->add_flag("-j,--json", opt->json, "Print the settings as JSON")->excludes(check);
    sub->add_flag("--places", opt->places, "Print the names of the [places], one a line (for completion)")
        ->excludes(check)
        ->excludes(json);
    // `tenki weather`'s options: given here, they show as "option" in the listing.
    for (const auto& key : config_keys()) {
        if (key.option.empty() || key.name.starts_with("serve.")) continue;
        auto& slot = opt->settings[std::string(key.name)];
        sub->add_option(std::string(key.option), slot, std::string(key.description))->excludes(check);
    }
    sub->footer(
        "Precedence, the same for every setting: command-line option, then environment variable, then "
        "the config file, then the default. The API key is never printed. A bad value (in the file, a "
        "variable or an option) is shown as a comment with its problem, every other setting as usual; "
        "then each problem on stderr, and the exit status is 2.");
    sub->callback([opt, &ctx] { ctx.run = [opt, &ctx] { return run_config(*opt, ctx); }; });
}

}  // namespace tenki::cli

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
    const auto choice = choose_config_file(ctx.config_file, env_lookup);
    auto file = read_config_file(choice.path, choice.named);
    if (!file) return tl::unexpected(file.error());
    std::vector<ConfigProblem> problems = file->problems;
    auto config = resolve_config(*file, env_lookup, [](std::string_view) { return std::nullopt; });
    if (!config) problems.push_back({0, 0, config.error().message});
    if (config) std::ranges::copy(check_places(*config), std::back_inserter(problems));
    for (const auto& place : file->places)
        if (!config && place.problem) problems.push_back(*place.problem);
    std::ranges::stable_sort(problems, {},
                             [](const ConfigProblem& p) { return std::pair(p.line, p.column); });
    std::vector<std::string> lines;
    for (const auto& p : problems) lines.push_back(format_config_problem(file->path, p));
    for (const auto& line : lines) std::cerr << "tenki: " << line << '\n';
    if (config)
        for (const auto& w : place_warnings(*config))
            std::cerr << "tenki: warning: " << format_config_problem(file->path, w) << '\n';
    if (!lines.empty())
        return fail(ErrorKind::invalid_input, std::to_string(lines.size()) +
                                                  (lines.size() == 1 ? " problem" : " problems") + " in " +
                                                  file->path.string());
    std::cout << file->path.string() << (file->exists ? ": ok\n" : ": no file there (the defaults apply)\n");
    return 0;
}

CommandResult run_config(const ConfigOptions& opt, const Context& ctx) {
    if (opt.check) return run_check(ctx);
    OptionValues given;
    for (const auto& [name, value] : opt.settings)
        if (value) given.emplace(name, *value);
    auto config = load_config(ctx, given);
    if (!config) return tl::unexpected(config.error());
    if (opt.places) {
        for (const auto& place : config->places())
            if (!place.problem) std::cout << place.name << '\n';
        return 0;
    }
    std::cout << (opt.json ? config_listing_json(*config) + "\n" : format_config_listing(*config));
    return 0;
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
        "the config file, then the default. The API key is never printed. Exits 2 when the file has a "
        "problem.");
    sub->callback([opt, &ctx] { ctx.run = [opt, &ctx] { return run_config(*opt, ctx); }; });
}

}  // namespace tenki::cli

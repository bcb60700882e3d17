#include "load_config.hpp"

#include "environment.hpp"

namespace tenki::cli {

std::optional<std::string> env_lookup(std::string_view name) { return env(name); }

Result<Config> load_config(const Context& ctx, const OptionValues& options) {
    const auto choice = choose_config_file(ctx.config_file, env_lookup);
    auto file = read_config_file(choice.path, choice.named);
    if (!file) return tl::unexpected(file.error());
    if (!file->problems.empty()) {
        const auto more = file->problems.size() - 1;
        return fail(ErrorKind::invalid_input,
                    format_config_problem(file->path, file->problems.front()) +
                        (more ? " (and " + std::to_string(more) + " more: see tenki config --check)" : ""));
    }
    auto config = resolve_config(*file, env_lookup, [&](std::string_view name) -> std::optional<std::string> {
        const auto it = options.find(name);
        if (it == options.end()) return std::nullopt;
        return it->second;
    });
    if (!config) return config;
    if (auto problems = check_places(*config); !problems.empty())
        return fail(ErrorKind::invalid_input, format_config_problem(file->path, problems.front()));
    return config;
}

}  // namespace tenki::cli

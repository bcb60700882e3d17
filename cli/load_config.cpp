#include "load_config.hpp"

#include <algorithm>
#include <filesystem>

#include "environment.hpp"
#include "tenki/providers/api_key.hpp"
#include "tenki/providers/table.hpp"

namespace tenki::cli {

namespace {

// The provider the settings choose, as make_provider will (the key from --key-file, OWM_API_KEY
// or ~/.openweathermap.key); nullopt when the key or the name is bad: that error is the command's
// to give, when it builds the provider.
std::optional<ProviderKind> configured_provider_kind(const Config& config) {
    KeyLookup lookup{env("OWM_API_KEY"), std::nullopt, std::nullopt};
    if (auto home = env("HOME")) lookup.home = std::filesystem::path(*home);
    if (auto file = config.text("key_file")) lookup.key_file = std::filesystem::path(*file);
    auto key = find_api_key(lookup);
    if (!key) return std::nullopt;
    std::optional<std::string> requested = config.text("provider");
    if (requested == "auto") requested.reset();
    auto kind = choose_provider(requested, key->has_value());
    if (!kind) return std::nullopt;
    return *kind;
}

ConfigLookup option_lookup(const OptionValues& options) {
    return [&options](std::string_view name) -> std::optional<std::string> {
        const auto it = options.find(name);
        if (it == options.end()) return std::nullopt;
        return it->second;
    };
}

// Raises the TTLs left at their defaults to what the provider the settings choose asks.
void follow_configured_provider(Config& config) {
    if (const auto kind = configured_provider_kind(config)) {
        const auto& row = provider_info(*kind);
        config.follow_provider(row.title, row.min_refresh);
    }
}

}  // namespace

std::optional<std::string> env_lookup(std::string_view name) { return env(name); }

std::vector<std::string_view> command_keys(bool serve) {
    const auto keys = config_keys();
    const auto of_serve = [](const ConfigKey& key) { return key.name.starts_with("serve."); };
    std::vector<std::string_view> out;
    for (const auto& key : keys) {
        // The other face's key of a variable both read: not this command's.
        const bool others = of_serve(key) != serve && !key.env.empty() &&
                            std::any_of(keys.begin(), keys.end(), [&](const ConfigKey& k) {
                                return of_serve(k) == serve && k.env == key.env;
                            });
        if (!others) out.push_back(key.name);
    }
    return out;
}

Result<Config> load_config(const Context& ctx, const OptionValues& options,
                           std::span<const std::string_view> used) {
    const auto choice = choose_config_file(ctx.config_file, env_lookup);
    auto file = read_config_file(choice.path, choice.named);
    if (!file) return tl::unexpected(file.error());
    if (!file->problems.empty()) {
        const auto more = file->problems.size() - 1;
        return fail(ErrorKind::invalid_input,
                    format_config_problem(file->path, file->problems.front()) +
                        (more ? " (and " + std::to_string(more) + " more: see tenki config --check)" : ""));
    }
    auto config = resolve_config(*file, env_lookup, option_lookup(options), used);
    if (!config) return config;
    follow_configured_provider(*config);
    // The places are checked where they are used (ask_settings): one bad [places] entry breaks
    // only the commands that name it.
    return config;
}

Result<ListedConfig> load_config_listing(const Context& ctx, const OptionValues& options) {
    const auto choice = choose_config_file(ctx.config_file, env_lookup);
    auto file = read_config_file(choice.path, choice.named);
    if (!file) return tl::unexpected(file.error());
    ListedConfig out{resolve_config_listing(*file, env_lookup, option_lookup(options)), file->problems};
    if (!out.config.get("provider").problem) follow_configured_provider(out.config);
    for (const auto& setting : out.config.settings())
        if (setting.problem && setting.origin != ConfigOrigin::file)
            out.problems.push_back({0, 0, *setting.problem, setting.key});
    return out;
}

}  // namespace tenki::cli

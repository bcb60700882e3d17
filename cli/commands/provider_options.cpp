#include "commands/provider_options.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "environment.hpp"

namespace tenki::cli {

void add_provider_options(CLI::App& sub, ProviderOptions& opt, bool short_names) {
    sub.add_option("--key-file", opt.key_file,
                   "A file whose first line is the OpenWeatherMap API key (also TENKI_KEY_FILE, the "
                   "config's key_file)");
    for (const auto& row : providers())
        for (const auto& endpoint : row.endpoints) {
            if (endpoint.option.empty()) continue;  // set by its variable only (provider_setup)
            auto& url = opt.urls[std::string(endpoint.env)];
            if (endpoint.show_default) url = std::string(endpoint.default_url);
            auto* option =
                sub.add_option("--" + std::string(endpoint.option), url, std::string(endpoint.help))
                    ->envname(std::string(endpoint.env));
            if (endpoint.show_default) option->capture_default_str();
        }
    sub.add_option(short_names ? "-p,--provider" : "--provider", opt.provider,
                   fmt::format("auto, {} (default auto: {}, with failover between them; a name pins that "
                               "provider, no failover; also TENKI_PROVIDER)",
                               provider_names(" or "), auto_provider_rule()));
}

ProviderSetup provider_setup(const ProviderOptions& opt, std::chrono::milliseconds connect_timeout,
                             std::chrono::milliseconds total_timeout, bool verbose) {
    auto home = env("HOME");
    ProviderSetup setup;
    setup.requested = opt.provider;
    setup.key_lookup = {env("OWM_API_KEY"), home ? std::optional<std::filesystem::path>(*home) : std::nullopt,
                        opt.key_file, opt.key_file_named_by};
    setup.urls = opt.urls;
    for (const auto& row : providers())
        for (const auto& endpoint : row.endpoints)
            if (endpoint.option.empty())
                if (auto url = env(endpoint.env)) setup.urls[std::string(endpoint.env)] = *url;
    setup.connect_timeout = connect_timeout;
    setup.total_timeout = total_timeout;
    setup.verbose = verbose;
    if (opt.failover_backoff) {  // checked by the config (failover_backoff: 0 to 1d)
        auto& policy = setup.failover.policy;
        policy.backoff = *opt.failover_backoff;
        policy.max_backoff = std::max(policy.max_backoff, policy.backoff);
    }
    return setup;
}

void set_provider_settings(const Config& config, ProviderOptions& providers) {
    providers.failover_backoff = config.seconds("failover_backoff");
    const auto& setting = config.get("key_file");
    const auto file = config.text("key_file");
    if (!file) return;
    providers.key_file = std::filesystem::path(*file);
    if (setting.origin == ConfigOrigin::environment) providers.key_file_named_by = setting.key->env;
    if (setting.origin == ConfigOrigin::file)
        providers.key_file_named_by = fmt::format("key_file ({}:{})", config.file().string(), setting.line);
}

}  // namespace tenki::cli

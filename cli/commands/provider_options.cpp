#include "commands/provider_options.hpp"

#include <fmt/format.h>

#include "environment.hpp"

namespace tenki::cli {

void add_provider_options(CLI::App& sub, ProviderOptions& opt, bool short_names) {
    sub.add_option("--key-file", opt.key_file,
                   "A file whose first line is the OpenWeatherMap API key (also TENKI_KEY_FILE, the "
                   "config's key_file)");
    for (const auto& row : providers()) {
        auto& url = opt.urls.at(static_cast<std::size_t>(row.kind));
        if (row.show_default_url) url = std::string(row.default_url);
        auto* option = sub.add_option("--" + std::string(row.url_option), url, std::string(row.url_help))
                           ->envname(std::string(row.url_env));
        if (row.show_default_url) option->capture_default_str();
    }
    std::string names;
    for (const auto& row : providers()) names += fmt::format("{}{}", names.empty() ? "" : " or ", row.name);
    sub.add_option(short_names ? "-p,--provider" : "--provider", opt.provider,
                   names + " (default: owm with an API key, open-meteo without; also TENKI_PROVIDER)");
}

ProviderSetup provider_setup(const ProviderOptions& opt, std::chrono::milliseconds connect_timeout,
                             std::chrono::milliseconds total_timeout, bool verbose) {
    auto home = env("HOME");
    ProviderSetup setup;
    setup.requested = opt.provider;
    setup.key_lookup = {env("OWM_API_KEY"), home ? std::optional<std::filesystem::path>(*home) : std::nullopt,
                        opt.key_file};
    setup.urls = opt.urls;
    setup.open_meteo_geocoding_url = env("TENKI_OPENMETEO_GEOCODING_URL").value_or("");
    setup.connect_timeout = connect_timeout;
    setup.total_timeout = total_timeout;
    setup.verbose = verbose;
    return setup;
}

}  // namespace tenki::cli

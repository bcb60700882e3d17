#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "tenki/config/config.hpp"
#include "tenki/providers/table.hpp"

// The options choosing where weather comes from, shared by `weather` and `serve`, read from the
// provider table: --provider, --key-file and each endpoint's URL option (--owm-url) and variable.
namespace tenki::cli {

struct ProviderOptions {
    std::optional<std::string> provider;
    std::optional<std::filesystem::path> key_file;
    std::string key_file_named_by = "--key-file";  // KeyLookup's: the option, variable or file line
    // Endpoint URLs by the endpoint's variable ("TENKI_OWM_URL"), as ProviderSetup::urls; empty:
    // the table's default.
    std::map<std::string, std::string, std::less<>> urls;
    // The circuit breaker's first back-off (config key failover_backoff); unset: the policy's 30 s.
    std::optional<std::chrono::seconds> failover_backoff;
};

// short_names: -p for --provider (weather has it; serve keeps its one-letter options few).
// --provider and --key-file are settings: the config's precedence reads TENKI_PROVIDER and
// TENKI_KEY_FILE (see ask_settings, serve_settings), not CLI11.
void add_provider_options(CLI::App& sub, ProviderOptions& opt, bool short_names);

// The provider settings of the config (failover_backoff, key_file) into `providers`: the key file
// and what named it for its messages: TENKI_KEY_FILE when the variable did, "key_file
// (FILE:LINE)" for the file, else --key-file.
void set_provider_settings(const Config& config, ProviderOptions& providers);

// The core's ProviderSetup from the options and the environment (OWM_API_KEY, HOME, the variable
// of each endpoint without an option, such as TENKI_OPENMETEO_GEOCODING_URL).
ProviderSetup provider_setup(const ProviderOptions& opt, std::chrono::milliseconds connect_timeout,
                             std::chrono::milliseconds total_timeout, bool verbose);

}  // namespace tenki::cli

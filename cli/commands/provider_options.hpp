#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "tenki/providers/table.hpp"

// The options choosing where weather comes from, shared by `weather` and `serve`, read from the
// provider table: --provider, --key-file and one --<provider>-url per row.
namespace tenki::cli {

struct ProviderOptions {
    std::optional<std::string> provider;
    std::optional<std::filesystem::path> key_file;
    std::array<std::string, k_provider_count> urls;  // by ProviderKind; empty: the table's default
};

// short_names: -p for --provider (weather has it; serve keeps its one-letter options few).
// --provider and --key-file are settings: the config's precedence reads TENKI_PROVIDER and
// TENKI_KEY_FILE (see ask_settings, serve_settings), not CLI11.
void add_provider_options(CLI::App& sub, ProviderOptions& opt, bool short_names);

// The core's ProviderSetup from the options and the environment (OWM_API_KEY, HOME, and
// TENKI_FAILOVER_BACKOFF: the circuit breaker's first back-off in seconds, default 30).
ProviderSetup provider_setup(const ProviderOptions& opt, std::chrono::milliseconds connect_timeout,
                             std::chrono::milliseconds total_timeout, bool verbose);

}  // namespace tenki::cli

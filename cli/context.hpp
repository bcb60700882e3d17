#pragma once

#include <functional>
#include <optional>
#include <string>

#include "tenki/domain/settings.hpp"
#include "tenki/error.hpp"

namespace tenki::cli {

// What a subcommand's work returns: an exit status on success, or an error for main() to map.
using CommandResult = Result<int>;

// Global options, shared by every subcommand, and the work the parsed subcommand chose.
struct Context {
    bool verbose = false;
    std::string env_name = "dev";
    std::optional<std::string> config_file;  // --config / TENKI_CONFIG
    Settings settings;
    std::function<CommandResult()> run;
};

}  // namespace tenki::cli

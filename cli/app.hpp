#pragma once

#include <CLI/CLI.hpp>
#include <string_view>

#include "context.hpp"

namespace tenki::cli {

// Builds the command line, bound to ctx: global options and every subcommand, or, when `only`
// is "weather" or "forecast", that subcommand alone (what `tenki weather ...` needs); "--version":
// the global options alone.
void build_app(CLI::App& app, Context& ctx, std::string_view only = {});

// Parses argv, runs the chosen subcommand and maps every outcome to an exit status.
int run_app(int argc, char** argv);

}  // namespace tenki::cli

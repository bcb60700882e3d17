#pragma once

#include <CLI/CLI.hpp>

#include "context.hpp"

namespace tenki::cli {

// Builds the whole command line: global options and every subcommand, bound to ctx.
void build_app(CLI::App& app, Context& ctx);

// Parses argv, runs the chosen subcommand and maps every outcome to an exit status.
int run_app(int argc, char** argv);

}  // namespace tenki::cli

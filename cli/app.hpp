#pragma once

#include <string_view>

#include "context.hpp"

// Declared, not included: main.cpp needs only run_app, and <CLI/CLI.hpp> alone is 7.5 s of a
// compile at -O2 (CLI11 2.1 is header-only; its validators and formatter are compiled in each file).
namespace CLI {
class App;
}

namespace tenki::cli {

// Builds the command line, bound to ctx: global options and every subcommand, or, when `only`
// is "weather" or "forecast", that subcommand alone (what `tenki weather ...` needs); "--version":
// the global options alone.
void build_app(CLI::App& app, Context& ctx, std::string_view only = {});

// Parses argv, runs the chosen subcommand and maps every outcome to an exit status.
int run_app(int argc, char** argv);

}  // namespace tenki::cli

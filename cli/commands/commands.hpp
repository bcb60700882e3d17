#pragma once

#include <CLI/CLI.hpp>

#include "context.hpp"

// One register function per subcommand, wired in one flat list in app.cpp.
namespace tenki::cli {

void register_test(CLI::App& app, Context& ctx);  // test, integration, webtest
void register_clean(CLI::App& app, Context& ctx);

}  // namespace tenki::cli

#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "context.hpp"

namespace tenki {
struct ServiceConfig;  // tenki/service/build.hpp
}

// One register function per subcommand, wired in one flat list in app.cpp.
namespace tenki::cli {

void register_test(CLI::App& app, Context& ctx);  // test, integration, webtest
// For `tenki --help`: one line saying what the developer commands need when this tenki has no
// test binary (an installed one), else nothing.
std::string developer_commands_note();
void register_clean(CLI::App& app, Context& ctx);
void register_weather(CLI::App& app, Context& ctx);
void register_forecast(CLI::App& app, Context& ctx);
void register_moon(CLI::App& app, Context& ctx);  // the sky: sun and moon, offline
void register_serve(CLI::App& app, Context& ctx);
// The service settings `tenki serve` runs with when given no options: with shared_cache_options,
// the shared cache's timeouts at its defaults, for what a proxy in front must allow.
ServiceConfig serve_default_service_config();
// `tenki check`: the findings on what `tenki serve` would run with (tenki/check/check.hpp).
void register_check(CLI::App& app, Context& ctx);
void register_urls(CLI::App& app, Context& ctx);  // urls, show-urls
void register_config(CLI::App& app, Context& ctx);

}  // namespace tenki::cli

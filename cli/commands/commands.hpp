#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "context.hpp"

namespace tenki::cache {
struct RedisCacheOptions;  // tenki/cache/redis_cache.hpp
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
void register_serve(CLI::App& app, Context& ctx);
// The shared cache's options `tenki serve --cache redis` runs with when given no options: its
// timeouts, for what a proxy in front must allow (RedisCacheOptions::longest_lookup).
cache::RedisCacheOptions serve_redis_defaults();
// `tenki check`: the findings on what `tenki serve` would run with (tenki/check/check.hpp).
void register_check(CLI::App& app, Context& ctx);
void register_urls(CLI::App& app, Context& ctx);  // urls, show-urls
void register_config(CLI::App& app, Context& ctx);

}  // namespace tenki::cli

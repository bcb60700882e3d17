#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands/provider_options.hpp"
#include "tenki/cache/redis_cache.hpp"
#include "tenki/server/server.hpp"
#include "tenki/settings.hpp"

// The options `tenki serve` runs with, shared by `tenki check`, which inspects the same
// configuration: one registration, so the two never disagree on a name, variable or default.
namespace tenki::cli {

struct ServeOptions {
    server::ServerOptions server;
    unsigned upstream_threads = 4;
    long cache_ttl = 300;  // seconds
    long forecast_ttl = 1800;
    long stale_ttl = 3600;
    long negative_ttl = 60;
    long request_timeout = 10;
    long upstream_timeout = 8;
    ProviderOptions providers;
    bool quiet = false;
    std::string cache = "memory";
    std::string redis_url = "redis://127.0.0.1:6379/0";
    double redis_timeout = 0.25;  // seconds
    double redis_retry = 1.0;
    std::optional<std::string> upstream_rate;  // "60/min", "off"; unset: the provider's published limit
    std::optional<std::string> client_rate;
    std::vector<std::string> trusted_proxies;  // as given; see apply_trusted_proxies
    std::string log_format = "combined";
    std::vector<std::string> cors_origins;
};

// Every serve option on `sub`, bound to `opt`, each with its environment variable and default.
void add_serve_options(CLI::App& sub, ServeOptions& opt);

// --trusted-proxy into s.trusted_proxies: CIDR networks, "none" for no proxy at all; unset: loopback.
// A network that is not one is invalid_input naming it.
Result<void> apply_trusted_proxies(const ServeOptions& opt, server::ServerOptions& s);

// --cache redis: the shared cache's options, keys under the environment's prefix. A bad
// --redis-url is invalid_input.
Result<cache::RedisCacheOptions> redis_options(const ServeOptions& opt, const Settings& settings);

}  // namespace tenki::cli

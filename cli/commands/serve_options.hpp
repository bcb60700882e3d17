#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands/provider_options.hpp"
#include "context.hpp"
#include "tenki/config/config.hpp"
#include "tenki/domain/settings.hpp"
#include "tenki/server/transport/server.hpp"
#include "tenki/service/build.hpp"

// The options `tenki serve` runs with, shared by `tenki check`, which inspects the same
// configuration: one registration, so the two never disagree on a name, variable or default.
// Each is a setting of the config table (serve.*, provider, key_file): decided, as for every
// command, by its option, else its environment variable, else the config file, else its default.
namespace tenki::cli {

// What serve runs with, every setting decided.
struct ServeOptions {
    server::TransportOptions transport;
    server::ApiOptions api;
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

// What serve's command line gave, before the precedence: each setting's option as typed, by
// config key name ("serve.port"), absent when not given. CLI11 reads no variable for them.
struct ServeArgs {
    std::map<std::string, std::optional<std::string>, std::less<>> given;
    std::map<std::string, std::vector<std::string>, std::less<>> lists;  // repeatable: --cors-origin
    bool quiet = false;
    ProviderOptions providers;  // --provider, --key-file and the providers' URLs
};

// Every serve option on `sub`, bound to `args`; the help shows each one's default and variable.
void add_serve_options(CLI::App& sub, ServeArgs& args);

// The config file read and the precedence applied to serve's settings. Errors: invalid_input
// naming the file's line or the variable or option of a bad value; a named file missing, io.
Result<ServeOptions> serve_settings(const ServeArgs& args, const Context& ctx);

// serve's settings from a resolved config, the providers' URLs from `providers`. A forecast TTL
// below what the providers ask (published_min_refresh) is invalid_input naming where it came from.
Result<ServeOptions> serve_options_from(const Config& config, const ProviderOptions& providers);

// --trusted-proxy into t.trusted_proxies: CIDR networks, "none" for no proxy at all; unset: loopback.
// A network that is not one is invalid_input naming it.
Result<void> apply_trusted_proxies(const ServeOptions& opt, server::TransportOptions& t);

// What serve builds its service from (make_weather_service): its caches, Redis (keys under the
// environment's prefix), budget, providers and upstream threads, logging through the server's log.
ServiceConfig serve_service_config(const ServeOptions& opt, const Settings& settings, bool verbose);

}  // namespace tenki::cli

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "commands/extras.hpp"
#include "commands/serve_options.hpp"
#include "environment.hpp"
#include "tenki/server/transport/client_address.hpp"
#include "tenki/server/transport/server.hpp"
#include "tenki/service/build.hpp"

namespace tenki::cli {

namespace {

namespace fs = std::filesystem;

// Seconds past --upstream-timeout that a request in flight gets after SIGTERM: 1 s waiting on
// another instance's call, 2 s queued for an upstream thread, Redis round trips and the write
// (README's "longest answer", about 13.3 s at the defaults: 14 s of grace then).
constexpr int k_shutdown_margin_s = 6;

// --cors-origin: "*", or an origin as browsers send it: scheme://host[:port], nothing after.
Result<void> cors_origins(const ServeOptions& opt, server::ApiOptions& api) {
    for (const auto& origin : opt.cors_origins) {
        const auto scheme = origin.find("://");
        const bool ok =
            origin == "*" || (scheme != std::string::npos && scheme > 0 && origin.size() > scheme + 3 &&
                              origin.find_first_of("/?#* ", scheme + 3) == std::string::npos);
        if (!ok)
            return fail(ErrorKind::invalid_input,
                        "--cors-origin (serve.cors_origin) '" + origin +
                            "' is not an origin: give scheme://host[:port] (https://dash.example.com) or *");
        api.cors_origins.push_back(origin);
    }
    return {};
}

// What the service runs with, said at start; an error when it cannot serve at all. No key at all:
// serve the page and say why the weather routes cannot answer (a --key-file that cannot be used
// is an error at start, as a misconfiguration should be).
Result<void> announce_service(const BuiltService& built, ServeOptions& opt, server::LogFormat format) {
    for (const auto& note : built.notes) server::log_line(format, "start", note);
    if (built.service) {
        server::log_line(format, "start", "weather from " + std::string(built.service->provider_name()));
    } else if (built.no_provider->kind == ErrorKind::unauthorized && !opt.providers.key_file) {
        opt.api.no_provider_reason = built.no_provider->message;
        server::log_line(
            format, "start",
            built.no_provider->message +
                "; the weather routes answer 503 no_api_key until a key is set and tenki restarted");
    } else {
        return tl::unexpected(*built.no_provider);
    }
    return {};
}

// Serves until stopped, the log in `format` from the first line to the last.
CommandResult serve_with(ServeOptions& opt, const Settings& settings, bool verbose) {
    auto& s = opt.transport;
    const auto format = s.log_format;
    // Every failed call logged once, with its reason.
    auto config = serve_service_config(opt, settings, verbose);
    config.upstream_failed = [format](std::string_view provider, AnswerKind kind, const Location& where,
                                      const Error& error) {
        server::log_upstream_failure(format, provider, kind == AnswerKind::forecast ? "forecast" : "current",
                                     where.key(), error);
    };
    auto built = make_weather_service(config);
    if (!built) return tl::unexpected(built.error());
    if (auto ok = announce_service(*built, opt, format); !ok) return tl::unexpected(ok.error());
    auto extras = extra_config(std::chrono::seconds(3), std::chrono::seconds(opt.upstream_timeout), verbose);
    if (!extras) return tl::unexpected(extras.error());
    extras->threads = opt.upstream_threads;
    extras->shared_budget = built->budget;  // the air's calls count in Open-Meteo's budget too
    extras->shared_budget_of = built->budget_provider;
    extras->log = [format](const std::string& line) { server::log_line(format, "notice", line); };
    ExtraSources extra_sources(std::move(*extras));
    opt.api.extras = &extra_sources;
    s.on_listening = [format, host = s.host](std::uint16_t port) {
        server::log_line(format, "listening",
                         fmt::format("listening on http://{}:{}/ (Ctrl-C to stop)", host, port));
    };
    auto status = server::run_server(s, opt.api, built->service.get());
    if (status) server::log_line(format, "stopped", "stopped");
    return status;
}

CommandResult run_serve(const ServeArgs& args, const Context& ctx) {
    // Before anything starts a thread (the service's, Redis's prober): every thread inherits them
    // blocked, and the server takes them from a signalfd.
    server::block_server_signals();
    auto decided = serve_settings(args, ctx);
    if (!decided) return tl::unexpected(decided.error());
    ServeOptions opt = std::move(*decided);
    // A log reader that went away (`tenki serve 2>&1 | head -n 2`, a log shipper restarting) must
    // never stop the server: a failed log write just fails (EPIPE) and serving goes on.
    std::signal(SIGPIPE, SIG_IGN);
    auto& s = opt.transport;
    s.request_timeout = std::chrono::seconds(opt.request_timeout);
    // Requests in flight at SIGTERM get as long as the longest answer can take (an upstream call,
    // a wait on another instance's call, a queue for an upstream thread, Redis round trips), so a
    // restart never drops one, which nginx would send to the other instance and so to the
    // provider a second time.
    s.shutdown_grace = std::chrono::seconds(opt.upstream_timeout + k_shutdown_margin_s);
    opt.api.stale_if_error = std::chrono::seconds(opt.stale_ttl);
    s.access_log = !opt.quiet;
    if (auto format = server::parse_log_format(opt.log_format); format)
        s.log_format = *format;
    else
        return tl::unexpected(format.error());
    if (auto ok = apply_trusted_proxies(opt, s); !ok) return tl::unexpected(ok.error());
    if (auto ok = cors_origins(opt, opt.api); !ok) return tl::unexpected(ok.error());
    auto status = serve_with(opt, ctx.settings, ctx.verbose);
    if (status || s.log_format != server::LogFormat::json) return status;
    // In the JSON log, the error that stops serve is a JSON line too; its exit status is its kind's.
    server::log_line(s.log_format, "error", status.error().message);
    return exit_status(status.error().kind);
}

}  // namespace

ServiceConfig serve_service_config(const ServeOptions& opt, const Settings& settings, bool verbose) {
    ServiceConfig config;
    config.settings = settings;
    config.lifetime = ServiceLifetime::server;
    config.providers = provider_setup(opt.providers, std::chrono::seconds(3),
                                      std::chrono::seconds(opt.upstream_timeout), verbose);
    config.cache.tier = opt.cache == "redis" ? CacheTier::redis : CacheTier::memory;
    config.cache.ttl = std::chrono::seconds(opt.cache_ttl);
    config.cache.forecast_ttl = std::chrono::seconds(opt.forecast_ttl);
    config.cache.stale_window = std::chrono::seconds(opt.stale_ttl);
    config.cache.negative_ttl = std::chrono::seconds(opt.negative_ttl);
    config.cache.max_entries = opt.api.cache_entries;
    config.cache.max_bytes = opt.api.cache_memory / 2;  // the entries' half (ApiOptions::cache_memory)
    config.cache.redis_url = opt.redis_url;
    config.cache.redis_timeout = millis(opt.redis_timeout);
    config.cache.redis_retry = millis(opt.redis_retry);
    config.budget = BudgetConfig{opt.upstream_rate, opt.client_rate};
    config.upstream_threads = opt.upstream_threads;
    // The service's notices (breakers, Redis) in the log's format, as every line serve writes.
    const auto format = server::parse_log_format(opt.log_format).value_or(server::LogFormat::combined);
    config.log = [format](const std::string& line) { server::log_line(format, "notice", line); };
    return config;
}

ServiceConfig serve_default_service_config() {
    // What serve runs with when nothing is set: the table's defaults.
    const auto none = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
    auto config = resolve_config(ConfigFile{}, none, none);
    if (!config) return {};
    auto decided = serve_options_from(*config, ProviderOptions{});
    if (!decided) return {};
    return serve_service_config(*decided, Settings{}, false);
}

void register_serve(CLI::App& app, Context& ctx) {
    auto args = std::make_shared<ServeArgs>();
    auto* sub = app.add_subcommand("serve", "Serve the web page and the JSON API (GET / for both)");
    add_serve_options(*sub, *args);
    sub->footer(
        "The API key comes from --key-file, OWM_API_KEY or ~/.openweathermap.key; without one the weather "
        "comes from Open-Meteo (places, coordinates, US ZIP codes, and postal codes its geocoding knows). "
        "SIGINT or SIGTERM stops it after the requests in "
        "flight; SIGHUP, SIGUSR1 and SIGUSR2 are logged and ignored (the log is stderr: nothing to "
        "reopen); a closed stderr never stops it. `tenki urls` lists the routes. Each option not given "
        "comes from its variable (Env), else the config file's [serve] key of the same name, else its "
        "default: `tenki config` shows which.");
    sub->callback([args, &ctx] { ctx.run = [args, &ctx] { return run_serve(*args, ctx); }; });
}

}  // namespace tenki::cli

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
#include "commands/serve_options.hpp"
#include "environment.hpp"
#include "tenki/providers/api_key.hpp"
#include "tenki/cache/redis_cache.hpp"
#include "tenki/providers/provider.hpp"
#include "tenki/providers/table.hpp"
#include "tenki/server/transport/client_address.hpp"
#include "tenki/server/transport/server.hpp"
#include "tenki/service/service.hpp"
#include "tenki/budget/upstream_budget.hpp"

namespace tenki::cli {

namespace {

namespace fs = std::filesystem;

// How long a lookup may wait for an upstream thread (MemoryCacheOptions::max_queue_wait).
constexpr std::chrono::milliseconds k_max_queue_wait{2000};

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

// The provider's budget, all instances together (through Redis with --cache redis), and each
// client's share of it: asked by the service before every upstream call.
Result<std::shared_ptr<UpstreamBudget>> make_budget(const ServeOptions& opt, const ServiceOptions& service,
                                                    std::string_view provider) {
    BudgetOptions budget;
    budget.global = published_rate_limit(provider);
    if (opt.upstream_rate) {
        auto rate = parse_rate_limit(*opt.upstream_rate);
        if (!rate) return tl::unexpected(rate.error());
        budget.global = *rate;
    }
    budget.per_client = default_client_limit(budget.global);
    if (opt.client_rate) {
        auto rate = parse_rate_limit(*opt.client_rate);
        if (!rate) return tl::unexpected(rate.error());
        budget.per_client = *rate;
    }
    // Nothing to count: nothing to share either.
    if (!service.redis || (budget.global.calls == 0 && budget.per_client.calls == 0))
        return std::shared_ptr<UpstreamBudget>(make_local_budget(std::move(budget)));
    auto redis = *service.redis;
    redis.log = service.log;
    return std::shared_ptr<UpstreamBudget>(make_redis_budget(std::move(budget), std::move(redis)));
}

// The service both faces share, with the server's caches: in-process or shared through Redis.
Result<ServiceOptions> service_options(const ServeOptions& opt, const Settings& settings) {
    ServiceOptions service;
    service.settings = settings;
    service.current.ttl = std::chrono::seconds(opt.cache_ttl);
    service.forecast.ttl = std::chrono::seconds(opt.forecast_ttl);
    service.current.stale_window = std::chrono::seconds(opt.stale_ttl);
    service.current.negative_ttl = std::chrono::seconds(opt.negative_ttl);
    service.current.max_entries = opt.api.cache_entries;
    service.forecast.stale_window = service.current.stale_window;
    service.forecast.negative_ttl = service.current.negative_ttl;
    service.forecast.max_entries = opt.api.cache_entries;
    service.upstream_threads = opt.upstream_threads;
    // Every upstream thread busy with hung calls: a lookup queued behind them answers (stale, else
    // 504) rather than call so late that a proxy gives up first (deploy/nginx/tenki.conf).
    service.current.max_queue_wait = k_max_queue_wait;
    service.forecast.max_queue_wait = k_max_queue_wait;
    service.log = [](const std::string& line) { server::log_line(line); };
    if (opt.cache == "redis") {
        auto redis = redis_options(opt, settings);
        if (!redis) return tl::unexpected(redis.error());
        std::cerr << "tenki serve: sharing the cache through " << redis->url.display() << " (keys "
                  << settings.cache_key_prefix << "weather-*)\n";
        service.redis = std::move(*redis);
    }
    return service;
}

CommandResult run_serve(const ServeArgs& args, const Context& ctx) {
    auto decided = serve_settings(args, ctx);
    if (!decided) return tl::unexpected(decided.error());
    ServeOptions opt = std::move(*decided);
    const Settings& settings = ctx.settings;
    const bool verbose = ctx.verbose;
    // A log reader that went away (`tenki serve 2>&1 | head -n 2`, a log shipper restarting) must
    // never stop the server: a failed log write just fails (EPIPE) and serving goes on.
    std::signal(SIGPIPE, SIG_IGN);
    auto& s = opt.transport;
    s.request_timeout = std::chrono::seconds(opt.request_timeout);
    opt.api.stale_if_error = std::chrono::seconds(opt.stale_ttl);
    s.access_log = !opt.quiet;
    if (auto format = server::parse_log_format(opt.log_format); format)
        s.log_format = *format;
    else
        return tl::unexpected(format.error());
    if (auto ok = apply_trusted_proxies(opt, s); !ok) return tl::unexpected(ok.error());
    if (auto ok = cors_origins(opt, opt.api); !ok) return tl::unexpected(ok.error());
    auto options = service_options(opt, settings);
    if (!options) return tl::unexpected(options.error());

    std::unique_ptr<WeatherService> service;
    auto setup = provider_setup(opt.providers, std::chrono::seconds(3),
                                std::chrono::seconds(opt.upstream_timeout), verbose);
    // Once a breaker opening, not at each request: a rejected key is logged here too.
    setup.failover.on_open = [say = options->log](std::string_view provider, const Error& error,
                                                  std::chrono::milliseconds backoff) {
        say(fmt::format("{} failed ({}: {}); asking the next provider for {} s", provider,
                        to_string(error.kind), error.message,
                        std::chrono::duration_cast<std::chrono::seconds>(backoff).count()));
    };
    auto configured = make_provider(setup);
    if (configured) {
        for (const auto& warning : configured->warnings) std::cerr << "tenki serve: " << warning << '\n';
        std::cerr << "tenki serve: weather from " << configured->provider->name() << '\n';
        const std::string name(configured->provider->name());
        auto budget = make_budget(opt, *options, name);
        if (!budget) return tl::unexpected(budget.error());
        options->admit = [budget = *budget, name](AnswerKind, const Location&,
                                                  const cache::Asking& asking) -> std::optional<Error> {
            const auto decision = budget->decide(name, asking.client);
            if (decision) return std::nullopt;
            return refusal_error(decision);
        };
        // Every failed call logged once, with its reason; the provider's own 429 holds every
        // instance's calls (through Redis) for its Retry-After.
        options->upstream_failed = [budget = *budget, name, format = s.log_format](
                                       AnswerKind kind, const Location& where, const Error& error) {
            server::log_upstream_failure(format, name, kind == AnswerKind::forecast ? "forecast" : "current",
                                         where.key(), error);
            if (error.kind == ErrorKind::rate_limited) budget->provider_refused(name, error.retry_after);
        };
        service = std::make_unique<WeatherService>(std::move(*options), std::move(configured->provider));
    } else if (configured.error().kind == ErrorKind::unauthorized && !opt.providers.key_file) {
        // No key at all: serve the page and say why the weather routes cannot answer. A --key-file
        // that cannot be used is an error at start, as a misconfiguration should be.
        opt.api.no_provider_reason = configured.error().message;
        std::cerr << "tenki serve: " << configured.error().message
                  << "; the weather routes answer 503 no_api_key until a key is set and tenki restarted\n";
    } else {
        return tl::unexpected(configured.error());
    }
    const std::string host = s.host;
    s.on_listening = [host](std::uint16_t port) {
        std::cerr << "tenki serve: listening on http://" << host << ':' << port << "/ (Ctrl-C to stop)"
                  << std::endl;
    };
    auto status = server::run_server(s, opt.api, service.get());
    if (status) std::cerr << "tenki serve: stopped\n";
    return status;
}

}  // namespace

cache::RedisCacheOptions serve_redis_defaults() {
    // What serve runs with when nothing is set: the table's defaults.
    const auto none = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
    auto config = resolve_config(ConfigFile{}, none, none);
    if (!config) return {};
    auto decided = serve_options_from(*config, ProviderOptions{});
    if (!decided) return {};
    const ServeOptions& defaults = *decided;
    auto redis = redis_options(defaults, Settings{});
    auto service = service_options(defaults, Settings{});
    if (!redis || !service) return {};
    redis->local = service->current;
    return *redis;
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

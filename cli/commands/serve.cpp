#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "commands/provider_options.hpp"
#include "environment.hpp"
#include "tenki/api_key.hpp"
#include "tenki/cache/redis_cache.hpp"
#include "tenki/provider.hpp"
#include "tenki/provider_choice.hpp"
#include "tenki/server/client_address.hpp"
#include "tenki/server/server.hpp"
#include "tenki/service.hpp"
#include "tenki/upstream_budget.hpp"

namespace tenki::cli {

namespace {

namespace fs = std::filesystem;

// How long a lookup may wait for an upstream thread (MemoryCacheOptions::max_queue_wait).
constexpr std::chrono::milliseconds k_max_queue_wait{2000};

struct ServeOptions {
    server::ServerOptions server;
    unsigned upstream_threads = 4;
    long cache_ttl = 300;
    long forecast_ttl = 1800;
    long stale_ttl = 3600;
    long negative_ttl = 60;
    long request_timeout = 10;
    long upstream_timeout = 8;
    ProviderOptions providers;
    bool quiet = false;
    std::string cache = "memory";
    std::string redis_url = "redis://127.0.0.1:6379/0";
    double redis_timeout = 0.25;
    double redis_retry = 1.0;
    std::optional<std::string> upstream_rate;
    std::optional<std::string> client_rate;
    std::vector<std::string> trusted_proxies;
    std::string log_format = "combined";
    std::vector<std::string> cors_origins;
};

// --cors-origin: "*", or an origin as browsers send it: scheme://host[:port], nothing after.
Result<void> cors_origins(const ServeOptions& opt, server::ServerOptions& s) {
    for (const auto& origin : opt.cors_origins) {
        const auto scheme = origin.find("://");
        const bool ok =
            origin == "*" || (scheme != std::string::npos && scheme > 0 && origin.size() > scheme + 3 &&
                              origin.find_first_of("/?#* ", scheme + 3) == std::string::npos);
        if (!ok)
            return fail(ErrorKind::invalid_input,
                        "--cors-origin '" + origin +
                            "' is not an origin: give scheme://host[:port] (https://dash.example.com) or *");
        s.cors_origins.push_back(origin);
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

// --trusted-proxy: CIDR networks, "none" for no proxy at all; unset: loopback.
Result<void> trusted_proxies(const ServeOptions& opt, server::ServerOptions& s) {
    if (opt.trusted_proxies.empty()) return {};
    s.trusted_proxies.clear();
    for (const auto& text : opt.trusted_proxies) {
        if (text == "none") continue;
        auto network = server::parse_ip_network(text);
        if (!network) return tl::unexpected(network.error());
        s.trusted_proxies.push_back(*network);
    }
    return {};
}

// --cache redis: the shared cache's options, keys under the environment's prefix.
Result<cache::RedisCacheOptions> redis_options(const ServeOptions& opt, const Settings& settings) {
    auto url = cache::parse_redis_url(opt.redis_url);
    if (!url) return tl::unexpected(url.error());
    cache::RedisCacheOptions redis;
    redis.url = *url;
    redis.key_prefix = settings.cache_key_prefix;
    redis.connect_timeout = millis(opt.redis_timeout);
    redis.command_timeout = millis(opt.redis_timeout);
    redis.retry_interval = millis(opt.redis_retry);
    // A waiting instance waits one upstream call and a margin, the lock outlives that wait.
    redis.upstream_timeout = std::chrono::seconds(opt.upstream_timeout);
    return redis;
}

// The service both faces share, with the server's caches: in-process or shared through Redis.
Result<ServiceOptions> service_options(const ServeOptions& opt, const Settings& settings) {
    ServiceOptions service;
    service.settings = settings;
    service.current.ttl = std::chrono::seconds(opt.cache_ttl);
    service.forecast.ttl = std::chrono::seconds(opt.forecast_ttl);
    service.current.stale_window = std::chrono::seconds(opt.stale_ttl);
    service.current.negative_ttl = std::chrono::seconds(opt.negative_ttl);
    service.current.max_entries = opt.server.cache_entries;
    service.forecast.stale_window = service.current.stale_window;
    service.forecast.negative_ttl = service.current.negative_ttl;
    service.forecast.max_entries = opt.server.cache_entries;
    service.upstream_threads = opt.upstream_threads;
    // Every upstream thread busy with hung calls: a lookup queued behind them answers (stale, else
    // 504) rather than call so late that a proxy gives up first (deploy/nginx/tenki.conf).
    service.current.max_queue_wait = k_max_queue_wait;
    service.forecast.max_queue_wait = k_max_queue_wait;
    service.log = [](const std::string& line) { std::cerr << "tenki serve: " << line << std::endl; };
    if (opt.cache == "redis") {
        auto redis = redis_options(opt, settings);
        if (!redis) return tl::unexpected(redis.error());
        std::cerr << "tenki serve: sharing the cache through " << redis->url.display() << " (keys "
                  << settings.cache_key_prefix << "weather-*)\n";
        service.redis = std::move(*redis);
    }
    return service;
}

CommandResult run_serve(ServeOptions opt, const Settings& settings, bool verbose) {
    // A log reader that went away (`tenki serve 2>&1 | head -n 2`, a log shipper restarting) must
    // never stop the server: a failed log write just fails (EPIPE) and serving goes on.
    std::signal(SIGPIPE, SIG_IGN);
    auto& s = opt.server;
    s.request_timeout = std::chrono::seconds(opt.request_timeout);
    s.stale_if_error = std::chrono::seconds(opt.stale_ttl);
    s.access_log = !opt.quiet;
    if (auto format = server::parse_log_format(opt.log_format); format)
        s.log_format = *format;
    else
        return tl::unexpected(format.error());
    if (auto ok = trusted_proxies(opt, s); !ok) return tl::unexpected(ok.error());
    if (auto ok = cors_origins(opt, s); !ok) return tl::unexpected(ok.error());
    auto options = service_options(opt, settings);
    if (!options) return tl::unexpected(options.error());

    std::unique_ptr<WeatherService> service;
    auto configured = make_provider(provider_setup(opt.providers, std::chrono::seconds(3),
                                                   std::chrono::seconds(opt.upstream_timeout), verbose));
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
        s.no_provider_reason = configured.error().message;
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
    auto status = server::run_server(s, service.get());
    if (status) std::cerr << "tenki serve: stopped\n";
    return status;
}

}  // namespace

cache::RedisCacheOptions serve_redis_defaults() {
    const ServeOptions defaults;
    auto redis = redis_options(defaults, Settings{});
    auto service = service_options(defaults, Settings{});
    if (!redis || !service) return {};
    redis->local = service->current;
    return *redis;
}

void register_serve(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<ServeOptions>();
    auto* sub = app.add_subcommand("serve", "Serve the web page and the JSON API (GET / for both)");
    auto& s = opt->server;
    sub->add_option("--host", s.host, "Address to listen on (not 0.0.0.0 unless you mean it)")
        ->envname("TENKI_HOST")
        ->capture_default_str();
    sub->add_option("--port", s.port, "TCP port to listen on; 0 picks a free one")
        ->envname("TENKI_PORT")
        ->capture_default_str();
    sub->add_option("--threads", s.threads, "Threads serving requests (0: one per core)")
        ->envname("TENKI_THREADS")
        ->check(CLI::Range(0U, 256U))
        ->capture_default_str();
    sub->add_option("--upstream-threads", opt->upstream_threads, "Threads making upstream calls")
        ->envname("TENKI_UPSTREAM_THREADS")
        ->check(CLI::Range(1U, 256U))
        ->capture_default_str();
    sub->add_option("--cache-ttl", opt->cache_ttl, "Seconds an answer stays fresh in the cache")
        ->envname("TENKI_CACHE_TTL")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    // OpenWeatherMap asks for one call every 10 minutes at most per place, and Open-Meteo's models
    // update hourly: a forecast is never asked for more often than that.
    sub->add_option("--forecast-ttl", opt->forecast_ttl,
                    "Seconds a forecast stays fresh in the cache (at least 600, as the providers ask)")
        ->envname("TENKI_FORECAST_TTL")
        ->check(CLI::Range(600L, 86400L))
        ->capture_default_str();
    sub->add_option(
           "--stale-ttl", opt->stale_ttl,
           "Seconds past its TTL an answer may still be served, marked stale, while the upstream fails")
        ->envname("TENKI_STALE_TTL")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub->add_option("--negative-ttl", opt->negative_ttl, "Seconds a 'place not found' answer is cached")
        ->envname("TENKI_NEGATIVE_TTL")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub->add_option("--cache-size", s.cache_entries, "Most places kept in the in-process cache")
        ->envname("TENKI_CACHE_SIZE")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--cache", opt->cache,
                    "Where answers are cached: memory (this process) or redis (shared)")
        ->envname("TENKI_CACHE")
        ->check(CLI::IsMember({"memory", "redis"}))
        ->capture_default_str();
    sub->add_option("--redis-url", opt->redis_url,
                    "Redis for --cache redis: redis://[:password@]host[:port][/db]")
        ->envname("REDIS_URL")
        ->capture_default_str();
    sub->add_option("--redis-timeout", opt->redis_timeout,
                    "Seconds to connect to Redis or run one command before answering without it")
        ->envname("TENKI_REDIS_TIMEOUT")
        ->check(CLI::Range(0.001, 60.0))
        ->capture_default_str();
    sub->add_option("--redis-retry", opt->redis_retry,
                    "Seconds between reconnection attempts while Redis is down")
        ->envname("TENKI_REDIS_RETRY")
        ->check(CLI::Range(0.01, 3600.0))
        ->capture_default_str();
    sub->add_option("--request-timeout", opt->request_timeout,
                    "Seconds a client has to send a request's headers (and an idle keep-alive lasts)")
        ->envname("TENKI_REQUEST_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--upstream-rate", opt->upstream_rate,
                    "Upstream calls allowed, all instances together (shared through Redis with --cache "
                    "redis), e.g. 60/min; default: the provider's published limit (owm 60/min, open-meteo "
                    "600/min); off for none")
        ->envname("TENKI_UPSTREAM_RATE");
    sub->add_option("--client-rate", opt->client_rate,
                    "Upstream calls one client may cause (cache hits are free), e.g. 10/min; over it 429 "
                    "with Retry-After; default: a sixth of --upstream-rate; off for none")
        ->envname("TENKI_CLIENT_RATE");
    sub->add_option("--trusted-proxy", opt->trusted_proxies,
                    "A proxy (address or CIDR network) whose X-Real-IP/X-Forwarded-For name the client; "
                    "repeatable; default 127.0.0.0/8 and ::1 (the shipped nginx config); none: no proxy")
        ->envname("TENKI_TRUSTED_PROXY")
        ->delimiter(',');
    sub->add_option("--upstream-timeout", opt->upstream_timeout,
                    "Seconds an upstream call may take (504 past it)")
        ->envname("TENKI_UPSTREAM_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    add_provider_options(*sub, opt->providers, false, true);
    sub->add_flag("-q,--quiet", opt->quiet, "No access log on stderr")->envname("TENKI_QUIET");
    sub->add_option("--cors-origin", opt->cors_origins,
                    "An origin (https://dash.example.com) whose pages may read the API's answers (CORS); "
                    "repeatable; * for any; default none")
        ->envname("TENKI_CORS_ORIGIN")
        ->delimiter(',');
    sub->add_option("--log-format", opt->log_format,
                    "The access log's format: combined (nginx's, then duration, cache state and request "
                    "id) or json (one object a line)")
        ->envname("TENKI_LOG_FORMAT")
        ->check(CLI::IsMember({"combined", "json"}))
        ->capture_default_str();
    sub->footer(
        "The API key comes from --key-file, OWM_API_KEY or ~/.openweathermap.key; without one the weather "
        "comes from Open-Meteo (US ZIP codes). SIGINT or SIGTERM stops it after the requests in "
        "flight; SIGHUP, SIGUSR1 and SIGUSR2 are logged and ignored (the log is stderr: nothing to "
        "reopen); a closed stderr never stops it. `tenki urls` lists the routes.");
    sub->callback(
        [opt, &ctx] { ctx.run = [opt, &ctx] { return run_serve(*opt, ctx.settings, ctx.verbose); }; });
}

}  // namespace tenki::cli

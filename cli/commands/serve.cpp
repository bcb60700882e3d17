#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "commands/commands.hpp"
#include "environment.hpp"
#include "tenki/api_key.hpp"
#include "tenki/cache/redis_cache.hpp"
#include "tenki/provider.hpp"
#include "tenki/provider_choice.hpp"
#include "tenki/server/client_address.hpp"
#include "tenki/server/server.hpp"
#include "tenki/upstream_budget.hpp"

namespace tenki::cli {

namespace {

namespace fs = std::filesystem;

struct ServeOptions {
    server::ServerOptions server;
    long cache_ttl = 300;
    long stale_ttl = 3600;
    long negative_ttl = 60;
    long request_timeout = 10;
    long upstream_timeout = 8;
    std::string owm_url = std::string(k_owm_default_url);
    std::optional<fs::path> key_file;
    std::optional<std::string> provider;
    std::string open_meteo_url;
    bool quiet = false;
    std::string cache = "memory";
    std::string redis_url = "redis://127.0.0.1:6379/0";
    double redis_timeout = 0.25;
    double redis_retry = 1.0;
    std::optional<std::string> upstream_rate;
    std::optional<std::string> client_rate;
    std::vector<std::string> trusted_proxies;
};

// --upstream-rate, --client-rate and --trusted-proxy into the server's options.
Result<void> budget_options(const ServeOptions& opt, server::ServerOptions& s) {
    for (auto [text, out] :
         {std::pair{&opt.upstream_rate, &s.upstream_rate}, std::pair{&opt.client_rate, &s.client_rate}}) {
        if (!*text) continue;
        auto rate = parse_rate_limit(**text);
        if (!rate) return tl::unexpected(rate.error());
        *out = *rate;
    }
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
    // A waiting instance waits one upstream call plus lock_margin (1 s); the lock outlives that,
    // so that a second instance never calls while the first still may.
    redis.upstream_timeout = std::chrono::seconds(opt.upstream_timeout);
    redis.lock_ttl = redis.upstream_timeout + redis.lock_margin + std::chrono::seconds(1);
    return redis;
}

CommandResult run_serve(ServeOptions opt, const Settings& settings, bool verbose) {
    auto& s = opt.server;
    s.settings = settings;
    s.cache_ttl = std::chrono::seconds(opt.cache_ttl);
    s.stale_window = std::chrono::seconds(opt.stale_ttl);
    s.negative_ttl = std::chrono::seconds(opt.negative_ttl);
    s.request_timeout = std::chrono::seconds(opt.request_timeout);
    s.access_log = !opt.quiet;
    if (auto ok = budget_options(opt, s); !ok) return tl::unexpected(ok.error());
    if (opt.cache == "redis") {
        auto redis = redis_options(opt, settings);
        if (!redis) return tl::unexpected(redis.error());
        s.redis = std::move(*redis);
        std::cerr << "tenki serve: sharing the cache through " << s.redis->url.display() << " (keys "
                  << settings.cache_key_prefix << "weather-*)\n";
    }

    std::unique_ptr<Provider> provider;
    auto home = env("HOME");
    ProviderSetup setup{
        opt.provider,
        {env("OWM_API_KEY"), home ? std::optional<fs::path>(*home) : std::nullopt, opt.key_file},
        opt.owm_url,
        opt.open_meteo_url,
        std::chrono::seconds(3),
        std::chrono::seconds(opt.upstream_timeout),
        verbose};
    auto configured = make_provider(setup);
    if (configured) {
        for (const auto& warning : configured->warnings) std::cerr << "tenki serve: " << warning << '\n';
        std::cerr << "tenki serve: weather from " << configured->provider->name() << '\n';
        provider = std::move(configured->provider);
    } else if (configured.error().kind == ErrorKind::unauthorized) {
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
    auto status = server::run_server(s, std::move(provider));
    if (status) std::cerr << "tenki serve: stopped\n";
    return status;
}

}  // namespace

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
    sub->add_option("--upstream-threads", s.upstream_threads, "Threads making upstream calls")
        ->envname("TENKI_UPSTREAM_THREADS")
        ->check(CLI::Range(1U, 256U))
        ->capture_default_str();
    sub->add_option("--cache-ttl", opt->cache_ttl, "Seconds an answer stays fresh in the cache")
        ->envname("TENKI_CACHE_TTL")
        ->check(CLI::NonNegativeNumber)
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
    sub->add_option("--upstream-rate", opt->upstream_rate,
                    "Upstream calls allowed, all instances together (shared through Redis with --cache "
                    "redis), e.g. 60/min; default: the provider's published limit (owm 60/min, open-meteo "
                    "600/min); off for none")
        ->envname("TENKI_UPSTREAM_RATE");
    sub->add_option("--client-rate", opt->client_rate,
                    "Upstream calls one client may cause (cache hits are free), e.g. 10/min; over it 429; "
                    "default: a sixth of --upstream-rate; off for none")
        ->envname("TENKI_CLIENT_RATE");
    sub->add_option("--trusted-proxy", opt->trusted_proxies,
                    "A proxy (CIDR) whose X-Real-IP/X-Forwarded-For name the client; repeatable; default "
                    "127.0.0.0/8 and ::1 (the shipped nginx config); none to trust no proxy")
        ->envname("TENKI_TRUSTED_PROXY")
        ->delimiter(',');
    sub->add_option("--request-timeout", opt->request_timeout,
                    "Seconds a client has to send a request's headers (and an idle keep-alive lasts)")
        ->envname("TENKI_REQUEST_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--upstream-timeout", opt->upstream_timeout,
                    "Seconds an upstream call may take (504 past it)")
        ->envname("TENKI_UPSTREAM_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub->add_option("--owm-url", opt->owm_url, "OpenWeatherMap base URL")
        ->envname("TENKI_OWM_URL")
        ->capture_default_str();
    sub->add_option("--key-file", opt->key_file, "File whose first line is the OpenWeatherMap API key")
        ->envname("TENKI_KEY_FILE");
    sub->add_option("--provider", opt->provider,
                    "owm or open-meteo (default: owm with an API key, open-meteo without)")
        ->envname("TENKI_PROVIDER");
    sub->add_option("--open-meteo-url", opt->open_meteo_url,
                    "Open-Meteo base URL (default: Open-Meteo's own)")
        ->envname("TENKI_OPENMETEO_URL");
    sub->add_flag("-q,--quiet", opt->quiet, "No access log on stderr")->envname("TENKI_QUIET");
    sub->footer(
        "The API key comes from OWM_API_KEY, ~/.openweathermap.key or --key-file; without one the weather "
        "comes from Open-Meteo (US ZIP codes). SIGINT or SIGTERM stops it after the requests in "
        "flight. `tenki urls` lists the routes.");
    sub->callback(
        [opt, &ctx] { ctx.run = [opt, &ctx] { return run_serve(*opt, ctx.settings, ctx.verbose); }; });
}

}  // namespace tenki::cli

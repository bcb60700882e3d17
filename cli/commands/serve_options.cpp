#include "commands/serve_options.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "environment.hpp"
#include "tenki/upstream_budget.hpp"

namespace tenki::cli {

namespace {

// The shortest --forecast-ttl: the longest any provider asks between calls for one place
// (published_min_refresh).
long forecast_ttl_floor() {
    long floor = 0;
    for (const auto& row : providers())
        floor = std::max(floor, static_cast<long>(published_min_refresh(row.name).count()));
    return floor;
}

}  // namespace

void add_serve_options(CLI::App& sub, ServeOptions& opt) {
    auto& s = opt.server;
    sub.add_option("--host", s.host, "Address to listen on (not 0.0.0.0 unless you mean it)")
        ->envname("TENKI_HOST")
        ->capture_default_str();
    sub.add_option("--port", s.port, "TCP port to listen on; 0 picks a free one")
        ->envname("TENKI_PORT")
        ->capture_default_str();
    sub.add_option("--threads", s.threads, "Threads serving requests (0: one per core)")
        ->envname("TENKI_THREADS")
        ->check(CLI::Range(0U, 256U))
        ->capture_default_str();
    sub.add_option("--upstream-threads", opt.upstream_threads, "Threads making upstream calls")
        ->envname("TENKI_UPSTREAM_THREADS")
        ->check(CLI::Range(1U, 256U))
        ->capture_default_str();
    sub.add_option("--cache-ttl", opt.cache_ttl, "Seconds an answer stays fresh in the cache")
        ->envname("TENKI_CACHE_TTL")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    // OpenWeatherMap asks for one call every 10 minutes at most per place, and Open-Meteo's models
    // update hourly: a forecast is never asked for more often than the most any provider asks.
    const long forecast_floor = forecast_ttl_floor();
    sub.add_option(
           "--forecast-ttl", opt.forecast_ttl,
           fmt::format("Seconds a forecast stays fresh in the cache (at least {}, as the providers ask)",
                       forecast_floor))
        ->envname("TENKI_FORECAST_TTL")
        ->check(CLI::Range(forecast_floor, 86400L))
        ->capture_default_str();
    sub.add_option(
           "--stale-ttl", opt.stale_ttl,
           "Seconds past its TTL an answer may still be served, marked stale, while the upstream fails")
        ->envname("TENKI_STALE_TTL")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub.add_option("--negative-ttl", opt.negative_ttl, "Seconds a 'place not found' answer is cached")
        ->envname("TENKI_NEGATIVE_TTL")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    sub.add_option("--cache-size", s.cache_entries, "Most places kept in the in-process cache")
        ->envname("TENKI_CACHE_SIZE")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub.add_option("--cache", opt.cache, "Where answers are cached: memory (this process) or redis (shared)")
        ->envname("TENKI_CACHE")
        ->check(CLI::IsMember({"memory", "redis"}))
        ->capture_default_str();
    sub.add_option("--redis-url", opt.redis_url,
                   "Redis for --cache redis: redis://[:password@]host[:port][/db]")
        ->envname("REDIS_URL")
        ->capture_default_str();
    sub.add_option("--redis-timeout", opt.redis_timeout,
                   "Seconds to connect to Redis or run one command before answering without it")
        ->envname("TENKI_REDIS_TIMEOUT")
        ->check(CLI::Range(0.001, 60.0))
        ->capture_default_str();
    sub.add_option("--redis-retry", opt.redis_retry,
                   "Seconds between reconnection attempts while Redis is down")
        ->envname("TENKI_REDIS_RETRY")
        ->check(CLI::Range(0.01, 3600.0))
        ->capture_default_str();
    sub.add_option("--request-timeout", opt.request_timeout,
                   "Seconds a client has to send a request's headers (and an idle keep-alive lasts)")
        ->envname("TENKI_REQUEST_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    sub.add_option("--upstream-rate", opt.upstream_rate,
                   "Upstream calls allowed, all instances together (shared through Redis with --cache "
                   "redis), e.g. 60/min; default: the provider's published limit (owm 60/min, open-meteo "
                   "600/min); off for none")
        ->envname("TENKI_UPSTREAM_RATE");
    sub.add_option("--client-rate", opt.client_rate,
                   "Upstream calls one client may cause (cache hits are free), e.g. 10/min; over it 429 "
                   "with Retry-After; default: a sixth of --upstream-rate; off for none")
        ->envname("TENKI_CLIENT_RATE");
    sub.add_option("--trusted-proxy", opt.trusted_proxies,
                   "A proxy (address or CIDR network) whose X-Real-IP/X-Forwarded-For name the client; "
                   "repeatable; default 127.0.0.0/8 and ::1 (the shipped nginx config); none: no proxy")
        ->envname("TENKI_TRUSTED_PROXY")
        ->delimiter(',');
    sub.add_option("--upstream-timeout", opt.upstream_timeout,
                   "Seconds an upstream call may take (504 past it)")
        ->envname("TENKI_UPSTREAM_TIMEOUT")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    add_provider_options(sub, opt.providers, false, true);
    sub.add_flag("-q,--quiet", opt.quiet, "No access log on stderr")->envname("TENKI_QUIET");
    sub.add_option("--cors-origin", opt.cors_origins,
                   "An origin (https://dash.example.com) whose pages may read the API's answers (CORS); "
                   "repeatable; * for any; default none")
        ->envname("TENKI_CORS_ORIGIN")
        ->delimiter(',');
    sub.add_option("--log-format", opt.log_format,
                   "The access log's format: combined (nginx's, then duration, cache state and request "
                   "id) or json (one object a line)")
        ->envname("TENKI_LOG_FORMAT")
        ->check(CLI::IsMember({"combined", "json"}))
        ->capture_default_str();
}

Result<void> apply_trusted_proxies(const ServeOptions& opt, server::ServerOptions& s) {
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

}  // namespace tenki::cli

// The one composition root: providers, failover, caches, Redis and the budget wired from plain
// settings, the same way for the CLI and `tenki serve`.
#include "tenki/service/build.hpp"

#include <fmt/core.h>

#include <utility>

#include "providers/provider_setup.hpp"
#include "tenki/budget/upstream_budget.hpp"
#include "tenki/cache/disk_cache.hpp"
#include "tenki/providers/failover.hpp"

namespace tenki {

namespace {

// How long a lookup may wait for an upstream thread (MemoryCacheOptions::max_queue_wait): every
// upstream thread busy with hung calls, a lookup queued behind them answers (stale, else 504)
// rather than call so late that a proxy gives up first (deploy/nginx/tenki.conf).
constexpr std::chrono::milliseconds k_max_queue_wait{2000};

void set_local(cache::MemoryCacheOptions& local, std::chrono::seconds ttl, std::size_t max_bytes,
               const ServiceConfig& config) {
    local.ttl = ttl;
    local.max_bytes = max_bytes;
    local.stale_window = config.cache.stale_window;
    local.negative_ttl = config.cache.negative_ttl;
    local.max_entries = config.cache.max_entries;
    if (config.lifetime == ServiceLifetime::one_run)
        local.refresh_ahead = 0;  // one run: nothing to refresh ahead for
    else
        local.max_queue_wait = k_max_queue_wait;
}

Result<cache::RedisCacheOptions> redis_options(const ServiceConfig& config) {
    auto url = cache::parse_redis_url(config.cache.redis_url);
    if (!url) return tl::unexpected(url.error());
    cache::RedisCacheOptions redis;
    redis.url = *url;
    redis.key_prefix = config.settings.cache_key_prefix;
    redis.connect_timeout = config.cache.redis_timeout;
    redis.command_timeout = config.cache.redis_timeout;
    redis.retry_interval = config.cache.redis_retry;
    // A waiting instance waits one upstream call and a margin, the lock outlives that wait.
    redis.upstream_timeout = config.providers.total_timeout;
    return redis;
}

Result<ServiceOptions> service_options(const ServiceConfig& config) {
    ServiceOptions service;
    service.settings = config.settings;
    set_local(service.current, config.cache.ttl, config.cache.max_bytes / 4, config);
    set_local(service.forecast, config.cache.forecast_ttl,
              config.cache.max_bytes - config.cache.max_bytes / 4, config);
    service.upstream_threads = config.upstream_threads;
    service.log = config.log;
    service.upstream_asked = config.upstream_asked;
    const auto& cache = config.cache;
    if (cache.tier == CacheTier::disk && (cache.ttl.count() > 0 || cache.forecast_ttl.count() > 0)) {
        const auto dir = cache.disk_dir.empty() ? DiskCache::default_dir() : cache.disk_dir;
        service.disk = DiskCacheOptions{dir, cache.ttl, cache.forecast_ttl, cache.disk_stale_window};
    }
    if (cache.tier == CacheTier::redis) {
        auto redis = redis_options(config);
        if (!redis) return tl::unexpected(redis.error());
        service.redis = std::move(*redis);
    }
    return service;
}

// The failover's breakers and whom they tell, by the lifetime.
void wire_failover(const ServiceConfig& config, ProviderSetup& setup) {
    auto say = config.log;
    if (config.lifetime == ServiceLifetime::server) {
        // Once a breaker opening, not at each request: a rejected key is logged here too.
        setup.failover.on_open = [say](std::string_view provider, const Error& error,
                                       std::chrono::milliseconds backoff, std::string_view next) {
            // The last provider has no next one to ask: it is only not asked for the back-off.
            if (say)
                say(fmt::format("{} failed ({}: {}); {} for {} s", provider, to_string(error.kind),
                                error.message, next.empty() ? "not asking it" : "asking the next provider",
                                std::chrono::duration_cast<std::chrono::seconds>(backoff).count()));
        };
        return;
    }
    // One process a run: the breakers persist beside the disk cache, so that a failed provider is
    // skipped by the next runs too. A rejected key is the user's to fix: said at each answer.
    const auto dir = config.cache.disk_dir.empty() ? DiskCache::default_dir() : config.cache.disk_dir;
    setup.failover.state_file = dir / "breakers.json";
    setup.failover.on_failover = [say](const FailoverEvent& event) {
        if (event.reason.kind != ErrorKind::unauthorized || !say) return;
        say(fmt::format("warning: {}; answered from {}", event.reason.message, provider_title(event.to)));
    };
}

// The provider's budget, all instances together (through Redis with the redis tier), and each
// client's share of it.
Result<std::shared_ptr<UpstreamBudget>> make_budget(const BudgetConfig& config, const ServiceOptions& service,
                                                    std::string_view provider) {
    BudgetOptions budget;
    budget.global = published_rate_limit(provider);
    if (config.upstream_rate) {
        auto rate = parse_rate_limit(*config.upstream_rate);
        if (!rate) return tl::unexpected(rate.error());
        budget.global = *rate;
    }
    budget.per_client = default_client_limit(budget.global);
    if (config.client_rate) {
        auto rate = parse_rate_limit(*config.client_rate);
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

// The budget asked before every upstream call, and every failed call told: the face's
// callback, and the provider's own 429 holds every instance's calls for its Retry-After. Returns
// the budget (null without one).
Result<std::shared_ptr<UpstreamBudget>> wire_budget(const ServiceConfig& config, ServiceOptions& options,
                                                    const std::string& name) {
    std::shared_ptr<UpstreamBudget> budget;
    if (config.budget) {
        auto made = make_budget(*config.budget, options, name);
        if (!made) return tl::unexpected(made.error());
        budget = std::move(*made);
        options.admit = [budget, name](AnswerKind, const Location&,
                                       const Asking& asking) -> std::optional<Error> {
            const auto decision = budget->decide(name, asking.client);
            if (decision) return std::nullopt;
            return refusal_error(decision);
        };
    }
    if (!budget && !config.upstream_failed) return budget;
    options.upstream_failed = [budget, name, told = config.upstream_failed](
                                  AnswerKind kind, const Location& where, const Error& error) {
        if (told) told(name, kind, where, error);
        if (budget && error.kind == ErrorKind::rate_limited)
            budget->provider_refused(name, error.retry_after);
    };
    return budget;
}

}  // namespace

Result<BuiltService> make_weather_service(const ServiceConfig& config) {
    auto options = service_options(config);
    if (!options) return tl::unexpected(options.error());
    BuiltService out;
    if (options->redis)
        out.notes.push_back(fmt::format("sharing the cache through {} (keys {}weather-*)",
                                        options->redis->url.display(), config.settings.cache_key_prefix));
    auto setup = config.providers;
    wire_failover(config, setup);
    auto configured = make_provider(setup);
    if (!configured) {
        out.no_provider = configured.error();
        return out;
    }
    for (auto& warning : configured->warnings) out.notes.push_back(std::move(warning));
    const std::string name(configured->provider->name());
    auto budget = wire_budget(config, *options, name);
    if (!budget) return tl::unexpected(budget.error());
    out.budget = std::move(*budget);
    if (out.budget) out.budget_provider = name;
    out.service = std::make_unique<WeatherService>(std::move(*options), std::move(configured->provider));
    return out;
}

Result<cache::RedisCacheOptions> shared_cache_options(const ServiceConfig& config) {
    auto redis = redis_options(config);
    if (!redis) return tl::unexpected(redis.error());
    ServiceOptions service;
    set_local(service.current, config.cache.ttl, config.cache.max_bytes / 4, config);
    redis->local = service.current;
    return redis;
}

}  // namespace tenki

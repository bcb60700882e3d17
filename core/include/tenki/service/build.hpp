#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/budget/upstream_budget.hpp"
#include "tenki/cache/redis_cache.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/domain/settings.hpp"
#include "tenki/error.hpp"
#include "tenki/providers/table.hpp"
#include "tenki/service/service.hpp"

// The one composition root: both faces hand it plain, resolved settings and get a ready
// WeatherService; neither names a cache, a budget, Redis or a provider's own header.
namespace tenki {

// How long the service lives, which decides what outlives an answer.
enum class ServiceLifetime {
    // One run of the CLI: nothing is refreshed ahead; the providers' breakers persist beside the
    // disk cache (breakers.json) so that the next runs skip a failed provider too; a rejected key
    // answered by the next provider is told (log) at each answer.
    one_run,
    // `tenki serve`: hot entries are refreshed ahead, a lookup waits for an upstream thread at most
    // 2 s, a breaker opening is told (log) once.
    server,
};

// Where answers are kept under each kind's in-process cache.
enum class CacheTier {
    memory,  // the in-process cache alone
    disk,    // over the CLI's disk cache (one JSON file a place, across runs)
    redis,   // over Redis, shared with other instances
};

struct CacheConfig {
    CacheTier tier = CacheTier::memory;
    std::chrono::seconds ttl{300};            // current weather; on disk 0 keeps none there
    std::chrono::seconds forecast_ttl{1800};  // forecasts; likewise
    // In-process and Redis: how long past its TTL an answer may still stand in, marked stale,
    // while the upstream fails.
    std::chrono::seconds stale_window{3600};
    std::chrono::seconds negative_ttl{60};  // how long a not_found is kept
    std::size_t max_entries = 10000;        // places in each kind's in-process cache
    // Bytes the in-process caches' entries may keep (cache::entry_bytes), both kinds together:
    // a quarter for weather, the rest for forecasts (an entry is ten times a weather's). 0: no bound.
    std::size_t max_bytes = 0;
    // disk: the folder (empty: DiskCache::default_dir()) and how old an answer there may be to
    // stand in, marked stale, while the upstream fails (0: none).
    std::filesystem::path disk_dir;
    std::chrono::seconds disk_stale_window{0};
    // redis: redis://[:password@]host[:port][/db] (invalid_input when it is not one), the connect
    // and command timeout, and how often a connection is tried again while Redis is down.
    std::string redis_url;
    std::chrono::milliseconds redis_timeout{250};
    std::chrono::milliseconds redis_retry{1000};
};

// serve's upstream budget, as typed: "60/min", "5/30s", "off" (invalid_input when not one).
struct BudgetConfig {
    std::optional<std::string> upstream_rate;  // all clients; nullopt: the provider's published limit
    std::optional<std::string> client_rate;    // each client's share; nullopt: a default share of it
};

struct ServiceConfig {
    Settings settings;  // the default place and country; the shared cache's key prefix
    ServiceLifetime lifetime = ServiceLifetime::one_run;
    // The requested provider, key lookup, URLs, timeouts and failover policy. Its failover
    // callbacks and breaker file are set here, by the lifetime.
    ProviderSetup providers;
    CacheConfig cache;
    std::optional<BudgetConfig> budget;  // serve: asked before every upstream call; nullopt: none
    unsigned upstream_threads = 0;       // 0: upstream calls are made on the asking thread
    // One line each, no prefix: a breaker opening or a rejected key answered by the next provider
    // (by the lifetime), Redis going down and coming back.
    std::function<void(const std::string&)> log;
    // Told of every upstream call that failed by the upstream's fault, with the provider's name
    // (ServiceOptions::upstream_failed); a 429 also holds the budget back, inside.
    std::function<void(std::string_view provider, AnswerKind, const Location&, const Error&)> upstream_failed;
    std::function<void(AnswerKind, const Location&)> upstream_asked;  // ServiceOptions::upstream_asked
};

struct BuiltService {
    // The service; null when no provider could be made (then no_provider says why).
    std::unique_ptr<WeatherService> service;
    // For the face to say at start, one line each, in order: where the cache is shared, the key
    // file's warnings (readable by others).
    std::vector<std::string> notes;
    // The provider's configuration error: no key for a provider that needs one (unauthorized,
    // naming where tenki looked), a key file that cannot hold a key, an unknown provider.
    std::optional<Error> no_provider;
    // The upstream budget the service asks (with ServiceConfig::budget; else null) and the provider
    // it counts ("open-meteo"): a source drawing on that provider's quota (ExtraConfig's
    // shared_budget: the air on Open-Meteo's) counts its calls in it too, in one window.
    std::shared_ptr<UpstreamBudget> budget;
    std::string budget_provider;
};

// Builds the provider the settings choose (failing over as ProviderSetup says) behind the caches
// and budget they ask for. Errors: invalid_input for a Redis URL or a rate that is not one.
Result<BuiltService> make_weather_service(const ServiceConfig& config);

// The shared cache's options the service would run with for `config` (its tier need not be
// redis): its timeouts, for what a proxy in front must allow (RedisCacheOptions::longest_lookup),
// and for `tenki check`. Errors: invalid_input for a Redis URL that is not one.
Result<cache::RedisCacheOptions> shared_cache_options(const ServiceConfig& config);

}  // namespace tenki

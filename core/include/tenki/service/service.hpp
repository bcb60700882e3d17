#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/cache/redis_cache.hpp"
#include "tenki/cache/weather_cache.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/domain/settings.hpp"
#include "tenki/domain/units.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"
#include "tenki/places/place.hpp"
#include "tenki/providers/failover.hpp"
#include "tenki/providers/provider.hpp"

namespace tenki {

// The kinds of answer. Each has its own cache, TTL, single flight and shared-cache keys.
enum class AnswerKind { current, forecast };

// A question as a face receives it, still text: from argv (`tenki weather 94107 -u metric`) or
// from an HTTP query string (`?postalcode=94107&units=metric`).
struct PlaceRequest {
    // Any form parse_place knows: "94107", "94107,us", "SW1A 1AA", "Paris,FR", "37.7749,-122.4194";
    // nullopt: Settings' default.
    std::optional<std::string> place;
    std::optional<std::string> country;  // ISO 3166-1 alpha-2 for a place without one; nullopt: Settings'
    std::optional<std::string> units;    // "metric", "imperial", "standard"; nullopt: the place's usual
    bool postal_code_only = false;       // only a postal code (the API's postalcode=)
    // Coordinates given as such (the API's lat= and lon=, each parsed by parse_coordinate): they
    // win over place, and are never joined into text to be read again.
    std::optional<Coordinates> coordinates;
};

// A question the service can answer: where, and the units the faces render in.
struct Query {
    Location location;
    Units units = Units::standard;
};

// Where both faces' questions meet: the place (or Settings' default) and the units (or the
// place's usual). parse_place decides the kind: a postal code in its country (or the default);
// a city through find_city (ambiguous: invalid_input listing the candidates and how to pick one;
// unknown: not_found with a "did you mean"), narrowed only by a country the request gave;
// coordinates as typed. Both of those carry Location::place. invalid_input for a place that
// cannot be parsed or unknown units. No network.
Result<Query> resolve(const PlaceRequest& request, const Settings& settings);

// How an answer came: from the upstream now, from a cache within its TTL, or an older one
// standing in for an upstream that failed.
enum class AnswerStatus { fresh, cached, stale };

// The service's answer to one question: the canonical data or the error to give, how it came
// and how old it is. The faces read value(), error(), freshness() and age_s(); the server also keeps
// `entry` (its memo of rendered documents is keyed by it) and the cache's own fields for its
// headers and /metrics.
template <typename T>
struct Answer {
    std::shared_ptr<const cache::CacheEntry<T>> entry;     // never null
    cache::CacheStatus status = cache::CacheStatus::miss;  // X-Cache: HIT, MISS, STALE
    std::chrono::seconds max_age{0};  // what remains of the entry's TTL, for Cache-Control
    // stale: the upstream's failure the stale answer stands in for (the face says why); else unset.
    std::optional<Error> stale_reason;

    // The data, or null when error() is set.
    const T* value() const { return entry->value ? &*entry->value : nullptr; }
    const std::optional<Error>& error() const { return entry->error; }
    AnswerStatus freshness() const {
        if (status == cache::CacheStatus::stale) return AnswerStatus::stale;
        return status == cache::CacheStatus::hit ? AnswerStatus::cached : AnswerStatus::fresh;
    }
    // Seconds since the answer was fetched (0 for one fetched now).
    std::int64_t age_s() const {
        const auto age = cache::Clock::now() - entry->fetched_at;
        return std::max<std::int64_t>(0, std::chrono::duration_cast<std::chrono::seconds>(age).count());
    }
};
// Who asks (the client's address, for the upstream budget) and whether to refresh.
using Asking = cache::Asking;
template <typename T>
using AnswerCallback = std::function<void(const Answer<T>&)>;

// The CLI's cache of answers across runs: one JSON file per place, under the in-process cache.
struct DiskCacheOptions {
    std::filesystem::path dir;
    std::chrono::seconds ttl{600};            // current weather
    std::chrono::seconds forecast_ttl{1800};  // forecasts
    // While the upstream fails (cache::stale_may_answer), an answer on disk younger than this
    // stands in, marked stale with its age (the last known good answer); 0: none does.
    std::chrono::seconds stale_window{0};
};

struct ServiceOptions {
    Settings settings;  // the default place and country; the shared cache's key prefix
    // The in-process cache of each kind: TTL, stale window, negative TTL, size, refresh ahead.
    cache::MemoryCacheOptions current{
        std::chrono::seconds(300), std::chrono::seconds(3600), std::chrono::seconds(60), 10000, {}, 0.1};
    cache::MemoryCacheOptions forecast{
        std::chrono::seconds(1800), std::chrono::seconds(3600), std::chrono::seconds(60), 10000, {}, 0.1};
    // Redis shared with other instances, under each kind's in-process cache; its `local` options
    // and key prefix are filled from the fields above. Takes precedence over `disk`.
    std::optional<cache::RedisCacheOptions> redis;
    std::optional<DiskCacheOptions> disk;  // each kind under its own TTL; a TTL of 0: not on disk
    unsigned upstream_threads = 0;         // 0: upstream calls are made on the asking thread
    // Asked before every upstream call, with who asked for it (the first of those sharing it);
    // an error is answered instead of calling: the hook for the upstream budget. A rate_limited
    // error (every client's share spent) also holds this instance's calls back for its
    // retry_after, every kind and place; too_many_requests (one client's share) holds nothing.
    std::function<std::optional<Error>(AnswerKind, const Location&, const Asking&)> admit;
    // Told of every upstream call that failed by the upstream's fault (info(kind).fails_over:
    // unreachable, timeout, 5xx or a garbled answer, 429 as rate_limited with its Retry-After, a
    // rejected key), once, with the place asked. Not told of a place the provider or the offline
    // table does not know (an answer, not a failure), nor of calls `admit` refused.
    std::function<void(AnswerKind, const Location&, const Error&)> upstream_failed;
    // Told on the calling thread as each upstream call is about to be made (admitted), with the
    // place asked: a face starts there the work its answer will need (the CLI: the sky), so that
    // it runs while the request is in flight and costs nothing on a cache hit.
    std::function<void(AnswerKind, const Location&)> upstream_asked;
    std::function<void(const std::string&)> log;  // one line: Redis went down, came back
};

struct UpstreamStats {
    std::uint64_t calls = 0;  // provider calls made
    // Failed ones, by ErrorKind; a not_found given before any request was sent (a US ZIP code the
    // offline table does not know) is an answer about the place, not counted.
    std::array<std::uint64_t, k_error_kind_count> errors{};
    // Calls `admit` refused, by the kind of its error: too_many_requests (one client's budget),
    // rate_limited (the provider's budget, all clients together).
    std::array<std::uint64_t, k_error_kind_count> refusals{};
};

struct ServiceStats {
    cache::CacheStats current;
    cache::CacheStats forecast;
    UpstreamStats upstream;
    FailoverStats failover;  // the providers' breakers and failovers; empty without failover
};

// "The weather (now, or ahead) for a place": the one use case of both faces. Owns the caches
// (in-process, over Redis or the disk), single flight per place and kind, stale-if-error,
// negative caching, refresh, refresh ahead and the upstream budget. Thread-safe.
class WeatherService {
public:
    WeatherService(ServiceOptions options, std::unique_ptr<Provider> provider);
    ~WeatherService();
    WeatherService(const WeatherService&) = delete;
    WeatherService& operator=(const WeatherService&) = delete;

    // tenki::resolve with this service's settings.
    Result<Query> resolve(const PlaceRequest& request) const;

    // The fresh cached answer, or nullopt: never calls the upstream, never waits. A hot entry (in
    // the last refresh_ahead part of its TTL) is refreshed once in the background.
    template <typename T>
    std::optional<Answer<T>> cached(const Location& location, const Asking& asking = {});
    // Calls `done` exactly once: at once on a fresh entry, else on an upstream thread after one
    // call shared by everyone asking for the place. asking.refresh: no cached answer is used.
    template <typename T>
    void ask(const Location& location, AnswerCallback<T> done, const Asking& asking = {});
    // The same, waiting for the answer.
    template <typename T>
    Answer<T> ask(const Location& location, const Asking& asking = {});
    // Each place in turn, answers in the same order.
    template <typename T>
    std::vector<Answer<T>> ask_all(const std::vector<Query>& queries, const Asking& asking = {});

    std::optional<Answer<Weather>> cached_current(const Location& location, const Asking& asking = {}) {
        return cached<Weather>(location, asking);
    }
    void current(const Location& location, AnswerCallback<Weather> done, const Asking& asking = {}) {
        ask<Weather>(location, std::move(done), asking);
    }
    Answer<Weather> current(const Location& location, const Asking& asking = {}) {
        return ask<Weather>(location, asking);
    }

    std::string_view provider_name() const;
    // The note for an answer from `source` when a later provider than the first gave it: "from
    // Open-Meteo: OpenWeatherMap failed (timeout)"; nullopt for the first provider's own answer.
    std::optional<std::string> failover_note(std::string_view source) const;
    ServiceStats stats() const;
    // Returns once no upstream call is queued or running (before tearing down their callbacks' targets).
    void wait_idle();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// One place of a list asked at once: the text asked, where it resolved to (or why not), and the
// service's answer when it did.
template <typename T>
struct PlaceAnswer {
    std::string asked;
    Result<Query> query;
    std::optional<Answer<T>> answer;  // set exactly when query is
};

// What a list of places shares: the country and units of the request (nullopt: Settings' and
// the place's usual).
struct PlaceDefaults {
    std::optional<std::string> country;
    std::optional<std::string> units;
};

// A list of places asked at once (`tenki weather 94107 10001`), each resolved and answered on its
// own, in order: one bad place fails only itself. An unknown place is not_found whether it is a
// city or a US ZIP code the offline table does not know (no request made for either).
template <typename T>
std::vector<PlaceAnswer<T>> answer_places(WeatherService& service, const std::vector<std::string>& places,
                                          const PlaceDefaults& defaults, const Asking& asking = {});

}  // namespace tenki

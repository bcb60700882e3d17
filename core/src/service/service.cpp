// The one weather service: both faces' questions meet in resolve(), and every answer comes out of
// one cache per kind, over Redis or the CLI's disk cache, over the provider.
#include "tenki/service/service.hpp"

#include <atomic>
#include <future>
#include <utility>

#include <fmt/format.h>

#include "cache/memory_cache.hpp"
#include "tenki/cache/disk_cache.hpp"
#include "tenki/places/place.hpp"
#include "tenki/places/places.hpp"
#include "util/ascii.hpp"
#include "util/thread_pool.hpp"
#include "util/time.hpp"

namespace tenki {

namespace {

// What the provider is asked for each kind of answer.
template <typename T>
struct KindOf;
template <>
struct KindOf<Weather> {
    static constexpr AnswerKind kind = AnswerKind::current;
    static Result<Weather> ask(Provider& provider, const Location& location) {
        return provider.current(location);
    }
};
template <>
struct KindOf<Forecast> {
    static constexpr AnswerKind kind = AnswerKind::forecast;
    static Result<Forecast> ask(Provider& provider, const Location& location) {
        return provider.forecast(location);
    }
};

// The cache's lookup as the service's answer.
template <typename T>
Answer<T> to_answer(const cache::BasicLookup<T>& lookup) {
    return Answer<T>{lookup.entry, lookup.status, lookup.max_age, lookup.stale_reason};
}

// Whether the provider sent a request during the call on this thread: a not_found given before
// any (a US ZIP code the offline table does not know) is an answer about the place, never an
// upstream error. Provider calls run on the thread that asks (or its upstream thread) to the end.
thread_local bool t_request_sent = false;

// Places sharing a cache entry (a city and its coordinates: one Location::key()) each get the
// answer under the place they asked for, so it echoes what was chosen.
template <typename T>
Answer<T> as_asked(Answer<T> answer, const Location& location) {
    const auto& entry = *answer.entry;
    if (!entry.value || entry.value->location == location) return answer;
    auto stamped = std::make_shared<cache::CacheEntry<T>>(entry);
    stamped->value->location = location;
    answer.entry = std::move(stamped);
    return answer;
}

}  // namespace

struct WeatherService::Impl {
    Impl(ServiceOptions o, std::unique_ptr<Provider> p) : options(std::move(o)), provider(std::move(p)) {
        if (options.upstream_threads > 0) pool = std::make_unique<util::ThreadPool>(options.upstream_threads);
        // Counted where a request is sent: a place refused offline (a ZIP code the table does not
        // know) or by the budget is no upstream request.
        if (provider)
            provider->on_request([this] {
                t_request_sent = true;
                calls.fetch_add(1, std::memory_order_relaxed);
            });
        current = make_cache<Weather>(options.current);
        forecast = make_cache<Forecast>(options.forecast);
    }

    cache::Executor executor() {
        if (!pool) return [](std::function<void()> work) { work(); };
        return [this](std::function<void()> work) { pool->post(std::move(work)); };
    }

    // The upstream call of one kind: the budget first, then the provider, counted.
    template <typename T>
    Result<T> upstream(const Location& location, const Asking& asking) {
        if (options.admit) {
            if (auto refused = options.admit(KindOf<T>::kind, location, asking)) {
                refusals.at(static_cast<std::size_t>(refused->kind)).fetch_add(1, std::memory_order_relaxed);
                return tl::unexpected(std::move(*refused));
            }
        }
        if (options.upstream_asked) options.upstream_asked(KindOf<T>::kind, location);
        t_request_sent = false;
        auto result = KindOf<T>::ask(*provider, location);
        if (!result && !t_request_sent && result.error().kind == ErrorKind::not_found) return result;
        if (!result) {
            errors.at(static_cast<std::size_t>(result.error().kind)).fetch_add(1, std::memory_order_relaxed);
            // The upstream's fault only: a place it (or the offline table) does not know is an answer.
            if (options.upstream_failed && info(result.error().kind).fails_over)
                options.upstream_failed(KindOf<T>::kind, location, result.error());
        }
        return result;
    }

    template <typename T>
    std::unique_ptr<cache::Cache<T>> make_cache(const cache::MemoryCacheOptions& local) {
        cache::BasicFetch<T> fetch = [this](const Location& location, const Asking& asking) {
            return upstream<T>(location, asking);
        };
        if (options.redis) {
            auto redis = *options.redis;
            redis.local = local;
            redis.key_prefix = options.settings.cache_key_prefix;
            if (!redis.log) redis.log = options.log;
            // One notice of an outage for the weather's and the forecast's caches both.
            if (!redis.outages) {
                if (!redis_outages) redis_outages = std::make_shared<cache::RedisOutageNotices>(redis.log);
                redis.outages = redis_outages;
            }
            return cache::make_redis_cache_of<T>(std::move(redis), std::move(fetch), executor());
        }
        if (options.disk && disk_ttl<T>().count() > 0)
            return cache::make_memory_cache_over<T>(local, disk_source<T>(), executor(), {});
        return cache::make_memory_cache_of<T>(local, std::move(fetch), executor());
    }

    // The CLI's disk cache under the in-process one: an answer this provider gives (any of a
    // failover's: a fallback's answer is cached as any, for the same TTL) within its TTL,
    // else the upstream's, written back. A cache only ever saves a call: it never fails one.
    template <typename T>
    std::chrono::seconds disk_ttl() const {
        return KindOf<T>::kind == AnswerKind::forecast ? options.disk->forecast_ttl : options.disk->ttl;
    }

    template <typename T>
    cache::BasicSource<T> disk_source() {
        DiskCache disk(options.disk->dir, disk_ttl<T>());
        return
            [this, disk](const Location& location, const Asking& asking) mutable -> cache::BasicSourced<T> {
                const auto now = util::unix_now();
                if (!asking.refresh) {
                    auto hit = disk.get<T>(location, now);
                    if (hit && provider->gives(hit->source))
                        return {std::move(*hit), cache::CacheStatus::hit, {}};
                }
                auto fresh = upstream<T>(location, asking);
                if (fresh) {
                    if (auto kept = disk.put(*fresh, now); !kept) unwritable_disk(disk.dir(), kept.error());
                    return {std::move(fresh)};
                }
                if (auto last = last_known_good<T>(disk, location, now, fresh.error()))
                    return std::move(*last);
                return {std::move(fresh)};
            };
    }

    // A write into a folder that looks usable failed (a full disk, a read-only mount): said once
    // through the log, since every later run will ask the upstream again. A folder that cannot be
    // used at all is the face's to say (DiskCache::choose_dir), before asking.
    void unwritable_disk(const std::filesystem::path& dir, const Error& error) {
        if (!options.log || DiskCache::dir_problem(dir, true) || disk_write_told.exchange(true)) return;
        options.log(
            fmt::format("warning: the cache folder {} cannot be written ({}): not kept; every run "
                        "asks the upstream, and no earlier answer stands in when it fails (free "
                        "space there, or set XDG_CACHE_HOME to a folder of yours)",
                        dir.string(), error.message));
    }

    // The disk's answer for the place within the stale window, from this provider, to stand in
    // for a failure an older answer may stand in for: the in-process cache answers it as stale.
    // A rejected key is not one here: at the shell it is the user's configuration to fix, said
    // at once rather than hidden behind hours of old answers.
    template <typename T>
    std::optional<cache::BasicSourced<T>> last_known_good(const DiskCache& disk, const Location& location,
                                                          std::int64_t now, const Error& failure) const {
        if (options.disk->stale_window.count() <= 0 || !cache::stale_may_answer(failure.kind) ||
            failure.kind == ErrorKind::unauthorized)
            return std::nullopt;
        auto last = disk.get_within<T>(location, now, options.disk->stale_window);
        if (!last || !provider->gives(last->answer.source)) return std::nullopt;
        return cache::BasicSourced<T>{std::move(last->answer), cache::CacheStatus::stale, std::nullopt,
                                      std::chrono::seconds(last->age_s), failure};
    }

    template <typename T>
    cache::Cache<T>& cache_of();

    ServiceOptions options;
    std::unique_ptr<Provider> provider;
    std::atomic<std::uint64_t> calls{0};
    std::atomic<bool> disk_write_told{false};
    std::array<std::atomic<std::uint64_t>, k_error_kind_count> errors{};
    std::array<std::atomic<std::uint64_t>, k_error_kind_count> refusals{};
    std::shared_ptr<cache::RedisOutageNotices> redis_outages;  // the caches' one voice (with Redis)
    std::unique_ptr<cache::Cache<Weather>> current;
    std::unique_ptr<cache::Cache<Forecast>> forecast;
    std::unique_ptr<util::ThreadPool> pool;  // last: joined before the caches its work uses go
};

template <>
cache::Cache<Weather>& WeatherService::Impl::cache_of<Weather>() {
    return *current;
}
template <>
cache::Cache<Forecast>& WeatherService::Impl::cache_of<Forecast>() {
    return *forecast;
}

WeatherService::WeatherService(ServiceOptions options, std::unique_ptr<Provider> provider)
    : m_impl(std::make_unique<Impl>(std::move(options), std::move(provider))) {}

WeatherService::~WeatherService() = default;

namespace {

// parse_place decides the kind. A city name is narrowed only by a country the request gave (the
// configured country, "us" unless set, would make "Paris" Paris, TX); a postal code without one
// is in the configured country.
Result<Location> resolve_location(const PlaceRequest& request, const Settings& settings) {
    if (request.coordinates) return coordinates_location(request.coordinates->lat, request.coordinates->lon);
    const auto text = request.place.value_or(settings.default_postal_code);
    if (request.postal_code_only)
        return parse_location(text, request.country.value_or(settings.default_country));
    auto place = parse_place(text, request.country.value_or(settings.default_country));
    if (!place) return tl::unexpected(place.error());
    if (auto* postal = std::get_if<Location>(&*place)) return std::move(*postal);
    if (const auto* at = std::get_if<Coordinates>(&*place)) return coordinates_location(at->lat, at->lon);
    auto query = request.country ? std::get<CityQuery>(*place) : parse_city_query(text);
    if (!query) return tl::unexpected(query.error());
    auto city = find_city(*query);
    if (!city) return tl::unexpected(city.error());
    return city_location(city->lat, city->lon, city->name, city_region(*city), city->country,
                         city->geonames_id);
}

}  // namespace

Result<Query> resolve(const PlaceRequest& request, const Settings& settings) {
    auto location = resolve_location(request, settings);
    if (!location) return tl::unexpected(location.error());
    Query query{std::move(*location), Units::standard};
    query.units = default_units(query.location);
    // "auto" (any case) is the default, as on the command line and in the config file.
    if (request.units && util::lower(util::trim(*request.units)) != "auto") {
        auto units = parse_units(*request.units);
        if (!units) return tl::unexpected(units.error());
        query.units = *units;
    }
    return query;
}

Result<Query> WeatherService::resolve(const PlaceRequest& request) const {
    return tenki::resolve(request, m_impl->options.settings);
}

template <typename T>
std::optional<Answer<T>> WeatherService::cached(const Location& location, const Asking& asking) {
    auto found = m_impl->cache_of<T>().find(location, asking);
    if (!found) return std::nullopt;
    return as_asked(to_answer(*found), location);
}

template <typename T>
void WeatherService::ask(const Location& location, AnswerCallback<T> done, const Asking& asking) {
    m_impl->cache_of<T>().get(
        location,
        [location, done = std::move(done)](const cache::BasicLookup<T>& lookup) {
            done(as_asked(to_answer(lookup), location));
        },
        asking);
}

template <typename T>
Answer<T> WeatherService::ask(const Location& location, const Asking& asking) {
    std::promise<Answer<T>> answered;
    auto answer = answered.get_future();
    ask<T>(
        location, [&answered](const Answer<T>& a) { answered.set_value(a); }, asking);
    return answer.get();
}

template <typename T>
std::vector<Answer<T>> WeatherService::ask_all(const std::vector<Query>& queries, const Asking& asking) {
    std::vector<Answer<T>> out;
    out.reserve(queries.size());
    for (const auto& query : queries) out.push_back(ask<T>(query.location, asking));
    return out;
}

template <typename T>
std::vector<PlaceAnswer<T>> answer_places(WeatherService& service, const std::vector<std::string>& places,
                                          const PlaceDefaults& defaults, const Asking& asking) {
    std::vector<PlaceAnswer<T>> out;
    out.reserve(places.size());
    for (const auto& place : places) {
        auto query = service.resolve({place, defaults.country, defaults.units, false});
        std::optional<Answer<T>> answer;
        if (query) answer = service.ask<T>(query->location, asking);
        out.push_back({place, std::move(query), std::move(answer)});
    }
    return out;
}

template std::vector<PlaceAnswer<Weather>> answer_places<Weather>(WeatherService&,
                                                                  const std::vector<std::string>&,
                                                                  const PlaceDefaults&, const Asking&);
template std::vector<PlaceAnswer<Forecast>> answer_places<Forecast>(WeatherService&,
                                                                    const std::vector<std::string>&,
                                                                    const PlaceDefaults&, const Asking&);
template std::optional<Answer<Weather>> WeatherService::cached<Weather>(const Location&, const Asking&);
template std::vector<Answer<Weather>> WeatherService::ask_all<Weather>(const std::vector<Query>&,
                                                                       const Asking&);
template void WeatherService::ask<Weather>(const Location&, AnswerCallback<Weather>, const Asking&);
template Answer<Weather> WeatherService::ask<Weather>(const Location&, const Asking&);
template std::optional<Answer<Forecast>> WeatherService::cached<Forecast>(const Location&, const Asking&);
template std::vector<Answer<Forecast>> WeatherService::ask_all<Forecast>(const std::vector<Query>&,
                                                                         const Asking&);
template void WeatherService::ask<Forecast>(const Location&, AnswerCallback<Forecast>, const Asking&);
template Answer<Forecast> WeatherService::ask<Forecast>(const Location&, const Asking&);

std::string_view WeatherService::provider_name() const { return m_impl->provider->name(); }

std::optional<std::string> WeatherService::failover_note(std::string_view source) const {
    if (source == provider_name()) return std::nullopt;
    return ::tenki::failover_note(stats().failover, source);
}

ServiceStats WeatherService::stats() const {
    ServiceStats s;
    s.current = m_impl->current->stats();
    s.forecast = m_impl->forecast->stats();
    s.upstream.calls = m_impl->calls.load(std::memory_order_relaxed);
    for (std::size_t i = 0; i < k_error_kind_count; ++i) {
        s.upstream.errors.at(i) = m_impl->errors.at(i).load(std::memory_order_relaxed);
        s.upstream.refusals.at(i) = m_impl->refusals.at(i).load(std::memory_order_relaxed);
    }
    m_impl->provider->failover_stats(s.failover);
    return s;
}

void WeatherService::wait_idle() {
    if (m_impl->pool) m_impl->pool->wait_idle();
}

}  // namespace tenki

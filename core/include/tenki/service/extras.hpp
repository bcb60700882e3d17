#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/budget/rate_limit.hpp"
#include "tenki/budget/upstream_budget.hpp"
#include "tenki/domain/air_quality.hpp"
#include "tenki/domain/alerts.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"
#include "tenki/places/place.hpp"
#include "tenki/providers/table.hpp"

// The extra sources: upstreams asked beside the weather's for something the weather providers do
// not give (official alerts, air quality). Each is a folder under core/src/providers/ and a row of
// this table; one mechanism (ExtraSources) asks them all: its own cache TTL, budget, circuit
// breaker and single flight from its row, failures logged once and counted.
namespace tenki {

enum class ExtraKind { alerts, air };
inline constexpr std::size_t k_extra_kind_count = 2;

struct ExtraSourceInfo {
    ExtraKind kind;
    std::string_view name;      // "nws": its /metrics label
    std::string_view title;     // "the National Weather Service", for messages
    std::string_view coverage;  // where it answers, for help and README
    ProviderEndpoint endpoint;  // its base URL and the variable pointing it elsewhere
    // Calls allowed, all places together (an in-process sliding window). The NWS publishes no
    // number ("generous" limits for typical use, weather.gov/documentation/services-web-api):
    // 60/min is a conservative default; TENKI_NWS_RATE sets another ("off": none).
    RateLimit limit;
    std::string_view limit_env;  // "TENKI_NWS_RATE"
    // Whose quota it draws on: its own name, or a weather provider's table name ("open-meteo")
    // when the same upstream counts it with the weather's calls.
    std::string_view budget_of;
    std::chrono::seconds ttl;  // how long an answer is kept
};

std::span<const ExtraSourceInfo> extra_sources();
const ExtraSourceInfo& extra_source_info(ExtraKind kind);

// How an extra source answered for one place.
enum class ExtraStatus {
    answered,     // value is set (an empty alert list: the source says there is none)
    failed,       // error is set: the source failed; the weather still answers
    not_covered,  // no source covers the place: no request was made
};

template <typename T>
struct ExtraAnswer {
    ExtraStatus status = ExtraStatus::not_covered;
    std::optional<T> value;
    std::optional<Error> error;
    bool cached = false;
    // Why there is no value: the error's message, or "no alert source for this place".
    std::string reason() const { return error ? error->message : std::string(); }
};
using AlertsAnswer = ExtraAnswer<AlertList>;
using AirAnswer = ExtraAnswer<AirQuality>;

// What the extra sources are built from.
struct ExtraConfig {
    // URL overrides by the endpoint's variable ("TENKI_NWS_URL"); absent or empty: the default.
    std::map<std::string, std::string, std::less<>> urls;
    std::string nws_contact;             // TENKI_NWS_CONTACT; empty: k_nws_default_contact
    std::optional<RateLimit> nws_limit;  // TENKI_NWS_RATE; nullopt: the row's
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds total_timeout{std::chrono::seconds(8)};
    bool verbose = false;
    // One line, no prefix: a source's failure, once until it answers again.
    std::function<void(const std::string&)> log;
    // Threads for the asynchronous asks (the server's); 0: they run on the asking thread.
    unsigned threads = 0;
    // serve's: a row on a weather provider's quota (budget_of, Open-Meteo's for the air) asks
    // `shared_budget` before each call when that budget counts the provider `shared_budget_of`
    // (BuiltService::budget), so that its calls and the weather's (forecast and geocoding) count
    // in one window, across instances when it is Redis's; asked without a client, as a refresh
    // ahead is (budget_reserve applies). Otherwise each row counts in its own in-process window.
    std::shared_ptr<UpstreamBudget> shared_budget;
    std::string shared_budget_of;
    // The CLI's: each answer also kept in this folder (the disk cache's, DiskCache::default_dir)
    // for its row's TTL, so that the next runs within it make no request; empty: in memory only.
    // Expired alerts are dropped from the kept answer too. `refresh` (--refresh): never answered
    // from the folder, only written to it.
    std::filesystem::path disk_dir;
    bool refresh = false;
    // For tests: unix seconds now (alerts' expiry); null: the system clock.
    std::function<std::int64_t()> clock;
};

// Counted for /metrics, one per row.
struct ExtraSourceStats {
    std::string_view name;
    std::uint64_t calls = 0;        // requests sent
    std::uint64_t cache_hits = 0;   // answered from the cache
    std::uint64_t failures = 0;     // requests that failed
    std::uint64_t refused = 0;      // not sent: the budget or the open breaker
    std::uint64_t not_covered = 0;  // places no source covers
};

// Thread-safe. Places asked at once share one request (single flight).
class ExtraSources {
public:
    explicit ExtraSources(ExtraConfig config);
    ~ExtraSources();
    ExtraSources(const ExtraSources&) = delete;
    ExtraSources& operator=(const ExtraSources&) = delete;

    // The alerts in force for the place, the most severe first (alerts_in_force): cached for the
    // row's TTL, expired ones dropped from a cached answer too. not_covered outside the NWS's area.
    AlertsAnswer alerts(const Location& location);
    // The same without waiting: `done` at once for a cached answer or a place no source covers,
    // else on one of config.threads once the source answered (on this thread without threads).
    void alerts(const Location& location, std::function<void(const AlertsAnswer&)> done);

    // The place's current air quality (Open-Meteo's Air Quality API), cached for the row's TTL;
    // asked only when a face shows it. By the place's own coordinates (a city, coordinates, a US
    // ZIP code's), else `at` (the weather answer's, for a postal code outside the US); without
    // either: not_covered, saying so.
    AirAnswer air(const Location& location, std::optional<Coordinates> at = std::nullopt);
    void air(const Location& location, std::function<void(const AirAnswer&)> done);

    std::vector<ExtraSourceStats> stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace tenki

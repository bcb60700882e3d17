#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"

// Failover between providers: an ordered list of providers, each behind a circuit breaker. When
// one fails for a reason that is not the caller's (ErrorKindInfo::fails_over: 5xx, garbled
// answers, 429, timeout, unreachable, a rejected key), the next that can answer the place is asked.
namespace tenki {

class Provider;

enum class BreakerState { closed, open, half_open };

// "closed", "open", "half_open": metrics labels and the state file.
std::string_view to_string(BreakerState state);

// When a breaker opens and for how long. The numbers and why:
// - failures_to_open 1: a failure of these kinds has already cost the caller a whole timeout or
//   an error, and the next provider answers as well, so one is evidence enough; flapping is held
//   back by the back-off, not by the threshold.
// - backoff 30 s, doubling at each failed probe, capped at 10 min: OpenWeatherMap's incidents
//   and its per-minute rate limit (60 calls a minute on the free plan) last from under a minute
//   to many minutes; a status bar polling every minute probes at 30 s, 1, 2, 4, 8 and then every
//   10 min, so a lasting outage costs one slow call in ten minutes, and recovery is seen within
//   10 min. A 429's Retry-After, when longer, is the back-off instead, up to k_max_upstream_wait_s
//   (an hour, tenki/error.hpp).
// TENKI_FAILOVER_BACKOFF (seconds) sets `backoff` for both faces (tests use 0: half-open at once).
struct BreakerPolicy {
    int failures_to_open = 1;
    std::chrono::seconds backoff{30};
    std::chrono::seconds max_backoff{600};
};

// A breaker's whole state, as kept between runs of `tenki weather` (the state file).
struct BreakerRecord {
    int failures = 0;                       // consecutive failures of the fails_over kinds
    std::int64_t open_until_ms = 0;         // unix milliseconds; 0: closed
    std::int64_t backoff_ms = 0;            // the last opening's back-off; the next is twice it
    std::optional<ErrorKind> last_failure;  // the failure that opened it (or the last one)
    std::string last_message;               // its message (never holds the key: no error does)
    friend bool operator==(const BreakerRecord&, const BreakerRecord&) = default;
};

// One provider's circuit breaker: closed (asked) → open after failures_to_open consecutive
// failures (not asked) → half-open once the back-off has passed (one probe at a time is asked) →
// closed on the probe's success, or open again with twice the back-off (up to max_backoff) on
// its failure. Not thread-safe: FailoverProvider locks around it.
class CircuitBreaker {
public:
    using Clock = std::function<std::int64_t()>;  // unix milliseconds

    CircuitBreaker(BreakerPolicy policy, Clock clock);

    BreakerState state() const;
    // Whether to ask the provider now; a half-open breaker lets one probe through until it ends.
    bool allow();
    // An answer, or a failure that is not the provider's (not_found): closes it.
    void succeeded();
    // A failure of a fails_over kind; true when this failure opened the breaker.
    bool failed(const Error& error);
    // The back-off the breaker is open for now (0 when closed).
    std::chrono::milliseconds backoff() const { return std::chrono::milliseconds(m_record.backoff_ms); }

    const BreakerRecord& record() const { return m_record; }
    // Takes a record kept between runs (breakers.json), within bounds whatever clock wrote it:
    // open_until_ms at most now + k_max_upstream_wait_s (tenki/error.hpp), backoff_ms within
    // 0..max(k_max_upstream_wait_s, policy.max_backoff), failures at least 0.
    void restore(const BreakerRecord& record);

private:
    BreakerPolicy m_policy;
    Clock m_clock;
    BreakerRecord m_record;
    bool m_probing = false;  // a half-open probe is in flight
};

// What the failover provider tells /metrics and the faces.
struct BreakerStats {
    std::string provider;  // Provider::name(): "openweathermap"
    BreakerState state = BreakerState::closed;
    std::optional<ErrorKind> last_failure;
};
struct FailoverCount {
    std::string from, to;  // Provider::name()s
    std::string reason;    // the failure's ErrorKind name, or "circuit_open" when `from` was skipped
    std::uint64_t count = 0;
};
struct FailoverStats {
    std::vector<BreakerStats> breakers;  // in the providers' order; empty: no failover
    std::vector<FailoverCount> failovers;
};

// One answer given by a later provider than the first.
struct FailoverEvent {
    std::string from, to;  // Provider::name()s
    Error reason;          // why `from` did not answer: its failure, or the one that opened its breaker
    bool skipped = false;  // `from` was not asked: its breaker is open
};

struct FailoverOptions {
    BreakerPolicy policy;
    CircuitBreaker::Clock clock;  // default: the system clock
    // Told of each answer a later provider gave (the CLI warns of a rejected key each time).
    std::function<void(const FailoverEvent&)> on_failover;
    // Told when a breaker opens, with the failure, the back-off and the provider asked next for
    // the place ("" when it was the last: none is) (serve logs it, once an opening).
    std::function<void(std::string_view provider, const Error&, std::chrono::milliseconds,
                       std::string_view next)>
        on_open;
    // The whole ask's bound (ProviderSetup::total_timeout): the providers asked share it, each
    // what is left divided among those still to ask, so that an ask never waits longer than one
    // upstream timeout, however many providers it tries. 0: each call has its own timeout.
    std::chrono::milliseconds timeout{0};
    // Where the breakers live between processes (the CLI: breakers.json in the disk cache's folder,
    // under its rules: created by tenki, mode 0700, owned by the user); nullopt: in memory only.
    std::optional<std::filesystem::path> state_file;
    // Each provider's base URL, in the providers' order (make_provider: ProviderSetup::url): what its
    // breaker measured, so that a record kept for one URL (a mistyped TENKI_OWM_URL) never holds
    // back another. Missing or "": the provider's name alone.
    std::vector<std::string> upstreams;
};

// Asks the providers in order, within one `timeout` for them all: a provider is skipped when it
// cannot answer the place (can_answer) or its breaker is open; after a failure of a fails_over
// kind, the next is asked. A skipped provider is asked after all when the providers asked failed
// and time is left. When every provider that can answer the place has its breaker open, each
// opened by a dead network (timeout, unreachable: the failures that make a poll wait), none is
// asked: the answer is at once their last failures, of the first one's kind, with next_try (the
// earliest back-off's end) and "; next try at 14:05:09" (local time). When none answers, the
// error is of the kind of the first provider that failed (in their order, a provider held back
// and asked last included), its message the failures of the providers tried joined by "; " ("OpenWeatherMap
// did not answer within 1.0 s; Open-Meteo did not answer within 1.0 s: try again later"); a later provider's
// not_found is about the fallback, not the place, and is left out. Any other failure of the first asked
// (not_found, invalid_input) is returned at once. Thread-safe. Its name() is the first provider's.
std::unique_ptr<Provider> make_failover_provider(std::vector<std::unique_ptr<Provider>> providers,
                                                 FailoverOptions options);

// The note for an answer from `source` when the first provider is another: "from Open-Meteo:
// OpenWeatherMap failed (timeout)" with the providers' titles (tenki/providers/table.hpp), or
// "from Open-Meteo" when the first has no failure on record (a cached answer of a run pinned to
// Open-Meteo); nullopt for the first provider's own answer or without failover.
std::optional<std::string> failover_note(const FailoverStats& stats, std::string_view source);

// A provider's title ("Open-Meteo") from its name ("open-meteo"), else the name.
std::string provider_title(std::string_view name);

// The breaker state file: {"openweathermap https://api.openweathermap.org": {"failures",
// "open_until_ms", "backoff_ms", "last_failure", "last_message"}}, keyed by the provider's name and
// its base URL (FailoverOptions::upstreams; the name alone without one). Reading a missing, foreign or
// untrusted file gives no records; writing is best effort (a file that cannot be written only means the next
// run asks again).
std::vector<std::pair<std::string, BreakerRecord>> read_breaker_file(const std::filesystem::path& file);
void write_breaker_file(const std::filesystem::path& file,
                        const std::vector<std::pair<std::string, BreakerRecord>>& records) noexcept;

}  // namespace tenki

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/core.h>

#include "http/deadline.hpp"
#include "tenki/providers/failover.hpp"
#include "tenki/providers/provider.hpp"
#include "tenki/providers/table.hpp"

namespace tenki {

namespace {

std::int64_t system_millis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

constexpr std::string_view k_failover_try_again = ": try again later";
constexpr std::string_view k_failover_try_again_too = "; try again later";

// The failures' messages as one: "A did not answer within 1.0 s; B did not answer within 1.0 s:
// try again later", of the first one's kind. Without the advice at all when `drop_advice` (the
// caller says when instead).
Error joined_failures(const std::vector<Error>& failures, bool drop_advice) {
    Error out = failures.front();
    out.message.clear();
    for (std::size_t k = 0; k < failures.size(); ++k) {
        std::string_view text = failures[k].message;
        // ": try again later" (the transport's) or "; try again later" (a provider's answer).
        const bool advised = text.ends_with(k_failover_try_again) || text.ends_with(k_failover_try_again_too);
        if ((drop_advice || k + 1 < failures.size()) && advised)
            text.remove_suffix(k_failover_try_again.size());
        out.message += (k == 0 ? "" : "; ") + std::string(text);
    }
    return out;
}

// The failures in the providers' order (a provider held back and asked last still comes first
// when it is first): the error's kind is the first provider's, the later ones are about the fallback.
std::vector<Error> in_table_order(std::vector<std::pair<std::size_t, Error>> failures) {
    std::stable_sort(failures.begin(), failures.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<Error> out;
    for (auto& [index, error] : failures) out.push_back(std::move(error));
    return out;
}

// "14:05:09" in local time.
std::string failover_clock_time(std::int64_t unix_s) {
    const auto when = static_cast<std::time_t>(unix_s);
    std::tm local{};
    if (::localtime_r(&when, &local) == nullptr) return std::to_string(unix_s);
    char text[16];
    return std::string(text, std::strftime(text, sizeof text, "%H:%M:%S", &local));
}

class FailoverProvider final : public Provider {
public:
    FailoverProvider(std::vector<std::unique_ptr<Provider>> providers, FailoverOptions options)
        : m_providers(std::move(providers)), m_options(std::move(options)) {
        if (!m_options.clock) m_options.clock = &system_millis;
        for (std::size_t i = 0; i < m_providers.size(); ++i)
            m_breakers.emplace_back(m_options.policy, m_options.clock);
        load();
    }

    Result<Weather> current(const Location& location) override {
        return ask<Weather>(location, [&](Provider& p) { return p.current(location); });
    }
    Result<Forecast> forecast(const Location& location) override {
        return ask<Forecast>(location, [&](Provider& p) { return p.forecast(location); });
    }
    std::string_view name() const override { return m_providers.front()->name(); }
    bool gives(std::string_view source) const override {
        for (const auto& p : m_providers)
            if (p->gives(source)) return true;
        return false;
    }
    bool can_answer(const Location& location) const override {
        for (const auto& p : m_providers)
            if (p->can_answer(location)) return true;
        return false;
    }
    void on_request(std::function<void()> observer) override {
        for (auto& p : m_providers) p->on_request(observer);
    }
    void failover_stats(FailoverStats& out) const override {
        std::lock_guard lock(m_mutex);
        for (std::size_t i = 0; i < m_providers.size(); ++i)
            out.breakers.push_back({std::string(m_providers[i]->name()), m_breakers[i].state(),
                                    m_breakers[i].record().last_failure});
        for (const auto& [key, count] : m_counts) {
            const auto& [from, to, reason] = key;
            out.failovers.push_back({from, to, reason, count});
        }
    }

private:
    // Why a provider did not answer, kept while the next ones are asked.
    struct Passed {
        std::size_t index;
        Error reason;
        bool skipped;
    };

    template <typename T, typename Call>
    Result<T> ask(const Location& location, Call call) {
        const auto deadline = start_deadline();
        std::vector<Passed> passed;
        std::vector<std::size_t> held_back;  // breaker open: asked only when those asked failed
        std::vector<std::pair<std::size_t, Error>> failures;  // the providers asked that failed
        for (std::size_t i = 0; i < m_providers.size(); ++i) {
            if (!m_providers[i]->can_answer(location)) continue;
            if (deadline && time_left(*deadline).count() <= 0) break;
            if (!allow(i)) {
                held_back.push_back(i);
                passed.push_back({i, last_failure(i), true});
                continue;
            }
            auto result = within(deadline, still_to_ask(i, location), [&] { return call(*m_providers[i]); });
            // A fallback that does not know the place (not_found, ...) after the first provider
            // failed is no answer: the first provider's failure stands, not its "not found".
            if (settle(i, result, next_for(i, location)) && (result || failures.empty()))
                return answered(std::move(result), i, passed);
            if (fails_over(result.error().kind)) failures.emplace_back(i, result.error());
            passed.push_back({i, result.error(), false});
        }
        if (failures.empty() && !held_back.empty() && all_to_wait_for(held_back))
            return tl::unexpected(all_open(held_back));
        for (std::size_t i : held_back) {
            if (deadline && time_left(*deadline).count() <= 0) break;
            auto result = within(deadline, 1, [&] { return call(*m_providers[i]); });
            if (settle(i, result, next_for(i, location)) && (result || failures.empty()))
                return answered(std::move(result), i, {});
            if (fails_over(result.error().kind)) failures.emplace_back(i, result.error());
        }
        if (!failures.empty()) return tl::unexpected(joined_failures(in_table_order(failures), false));
        // No provider can answer the place: the first one says why.
        return call(*m_providers.front());
    }

    std::optional<http::Deadline> start_deadline() const {
        if (m_options.timeout.count() <= 0) return std::nullopt;
        return std::chrono::steady_clock::now() + m_options.timeout;
    }

    static std::chrono::milliseconds time_left(http::Deadline deadline) {
        return std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                     std::chrono::steady_clock::now());
    }

    // The call within its share of what is left: divided among the `sharing` providers still to ask.
    template <typename F>
    static auto within(std::optional<http::Deadline> deadline, std::size_t sharing, F f) {
        if (!deadline) return f();
        const auto now = std::chrono::steady_clock::now();
        const auto share = (*deadline - now) / static_cast<long>(std::max<std::size_t>(1, sharing));
        http::DeadlineScope scope(now + share);
        return f();
    }

    // The providers from i on that can answer the place and are not held back by their breaker.
    std::size_t still_to_ask(std::size_t from, const Location& location) const {
        std::lock_guard lock(m_mutex);
        std::size_t count = 0;
        for (std::size_t i = from; i < m_providers.size(); ++i)
            if (m_providers[i]->can_answer(location) && m_breakers[i].state() != BreakerState::open) ++count;
        return count;
    }

    // The name of the provider asked after i for the place; "" when i is the last.
    std::string_view next_for(std::size_t i, const Location& location) const {
        for (std::size_t j = i + 1; j < m_providers.size(); ++j)
            if (m_providers[j]->can_answer(location)) return m_providers[j]->name();
        return {};
    }

    // Whether every breaker held back is one to wait for: opened by a dead network (a timeout, no
    // connection), whose failures cost a poll its wait, or by a rate limit (429), whose upstream
    // asked to wait: asking again before then spends the quota the wait protects (and may lengthen
    // the block). One opened by another answer (a 5xx, a rejected key, perhaps fixed since) is
    // asked after all: it costs no wait to ask again.
    bool all_to_wait_for(const std::vector<std::size_t>& held_back) const {
        std::lock_guard lock(m_mutex);
        for (std::size_t i : held_back) {
            const auto kind = m_breakers[i].record().last_failure;
            if (kind != ErrorKind::timeout && kind != ErrorKind::unreachable &&
                kind != ErrorKind::rate_limited)
                return false;
        }
        return true;
    }

    // Every provider that can answer is held back: their last failures and when one is tried again.
    Error all_open(const std::vector<std::size_t>& held_back) const {
        std::vector<Error> reasons;
        std::int64_t next_ms = 0;
        for (std::size_t i : held_back) {
            reasons.push_back(last_failure(i));
            std::lock_guard lock(m_mutex);
            const auto until = m_breakers[i].record().open_until_ms;
            if (next_ms == 0 || until < next_ms) next_ms = until;
        }
        Error out = joined_failures(reasons, true);
        out.next_try = (next_ms + 999) / 1000;
        out.message += "; next try at " + failover_clock_time(*out.next_try);
        return out;
    }

    bool allow(std::size_t i) {
        std::lock_guard lock(m_mutex);
        return m_breakers[i].allow();
    }

    Error last_failure(std::size_t i) const {
        std::lock_guard lock(m_mutex);
        const auto& record = m_breakers[i].record();
        const auto kind = record.last_failure.value_or(ErrorKind::unreachable);
        if (!record.last_message.empty()) return Error{kind, record.last_message};
        return Error{kind, fmt::format("{} failed recently ({})", provider_title(m_providers[i]->name()),
                                       to_string(kind))};
    }

    // Records the outcome in the provider's breaker; true when the chain ends here (an answer, or
    // a failure that is the caller's: the next provider would not know the place either).
    template <typename T>
    bool settle(std::size_t i, const Result<T>& result, std::string_view next) {
        const bool provider_failed = !result && fails_over(result.error().kind);
        bool opened = false;
        bool changed = false;
        std::chrono::milliseconds backoff{0};
        {
            std::lock_guard lock(m_mutex);
            const auto before = m_breakers[i].record();
            if (provider_failed) {
                opened = m_breakers[i].failed(result.error());
                backoff = m_breakers[i].backoff();
            } else {
                m_breakers[i].succeeded();
            }
            changed = m_breakers[i].record() != before;
        }
        if (changed) save();
        if (opened && m_options.on_open)
            m_options.on_open(m_providers[i]->name(), result.error(), backoff, next);
        return !provider_failed;
    }

    template <typename T>
    Result<T> answered(Result<T> result, std::size_t by, const std::vector<Passed>& passed) {
        if (!result || passed.empty()) return result;
        const auto& first = passed.front();
        FailoverEvent event{std::string(m_providers[first.index]->name()),
                            std::string(m_providers[by]->name()), first.reason, first.skipped};
        {
            std::lock_guard lock(m_mutex);
            ++m_counts[{
                event.from, event.to,
                first.skipped ? std::string("circuit_open") : std::string(to_string(first.reason.kind))}];
        }
        if (m_options.on_failover) m_options.on_failover(event);
        return result;
    }

    // Provider i's row in the state file: its name and the base URL its breaker measured.
    std::string record_key(std::size_t i) const {
        std::string key(m_providers[i]->name());
        if (i < m_options.upstreams.size() && !m_options.upstreams[i].empty())
            key += " " + m_options.upstreams[i];
        return key;
    }

    void load() {
        if (!m_options.state_file) return;
        for (const auto& [key, record] : read_breaker_file(*m_options.state_file))
            for (std::size_t i = 0; i < m_providers.size(); ++i)
                if (record_key(i) == key) m_breakers[i].restore(record);
    }

    void save() const {
        if (!m_options.state_file) return;
        std::vector<std::pair<std::string, BreakerRecord>> records;
        {
            std::lock_guard lock(m_mutex);
            for (std::size_t i = 0; i < m_providers.size(); ++i)
                records.emplace_back(record_key(i), m_breakers[i].record());
        }
        write_breaker_file(*m_options.state_file, records);
    }

    std::vector<std::unique_ptr<Provider>> m_providers;
    FailoverOptions m_options;
    mutable std::mutex m_mutex;
    std::vector<CircuitBreaker> m_breakers;  // by provider
    std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> m_counts;
};

}  // namespace

std::unique_ptr<Provider> make_failover_provider(std::vector<std::unique_ptr<Provider>> providers,
                                                 FailoverOptions options) {
    return std::make_unique<FailoverProvider>(std::move(providers), std::move(options));
}

std::string provider_title(std::string_view name) {
    for (const auto& row : providers())
        if (row.source == name) return std::string(row.title);
    return std::string(name);
}

std::optional<std::string> failover_note(const FailoverStats& stats, std::string_view source) {
    if (stats.breakers.empty() || stats.breakers.front().provider == source) return std::nullopt;
    const auto& first = stats.breakers.front();
    // Without a failure on record (an answer a run pinned to the other provider cached, or one from
    // a failure the first provider has recovered from since) the note claims none.
    if (!first.last_failure) return fmt::format("from {}", provider_title(source));
    return fmt::format("from {}: {} failed ({})", provider_title(source), provider_title(first.provider),
                       to_string(*first.last_failure));
}

}  // namespace tenki

// The in-process upstream budget: a sliding-window log per provider and per client.
#include "tenki/budget/upstream_budget.hpp"

#include <algorithm>
#include <deque>
#include <mutex>
#include <unordered_map>

#include <fmt/core.h>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/network_v6.hpp>

#include "budget/window_log.hpp"
#include "tenki/http/retry_after.hpp"
#include "tenki/providers/table.hpp"

namespace tenki {

namespace {

constexpr RateLimit k_unknown_provider{60, std::chrono::seconds(60)};

}  // namespace

RateLimit published_rate_limit(std::string_view provider) {
    const auto* row = find_provider(provider);
    return row ? row->published_limit : k_unknown_provider;
}

std::chrono::seconds published_min_refresh(std::string_view provider) {
    const auto* row = find_provider(provider);
    return row ? row->min_refresh : std::chrono::seconds(0);
}

RateLimit default_client_limit(const RateLimit& global) {
    if (global.calls == 0) return global;
    return {std::max(1U, global.calls / 6), global.window};
}

unsigned budget_reserve(const RateLimit& global, const RateLimit& per_client) {
    if (global.calls < 2 || per_client.calls == 0) return 0;
    return (global.calls + 2) / 3;
}

std::string budget_client(std::string_view client) {
    boost::system::error_code error;
    const auto address = boost::asio::ip::make_address(std::string(client), error);
    if (error || !address.is_v6()) return std::string(client);
    if (address.to_v6().is_v4_mapped())
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()).to_string();
    const auto network = boost::asio::ip::make_network_v6(address.to_v6(), 64).canonical();
    return network.to_string();
}

std::string_view to_string(BudgetRefusal refusal) {
    switch (refusal) {
        case BudgetRefusal::client: return "client";
        case BudgetRefusal::global: return "global";
    }
    return "global";
}

Error refusal_error(const BudgetDecision& decision) {
    const auto wait = static_cast<int>(decision.retry_after.count());
    if (decision.refused == BudgetRefusal::client)
        return {
            ErrorKind::too_many_requests,
            fmt::format("this client asked for too many places not in the cache: try again in {} s", wait),
            wait};
    return {
        ErrorKind::rate_limited,
        fmt::format("tenki's share of the weather service's calls is spent for now: try again in {} s", wait),
        wait};
}

std::chrono::seconds provider_hold(std::optional<int> retry_after_seconds) {
    return std::chrono::seconds(std::clamp(retry_after_seconds.value_or(60), 1, k_max_upstream_wait_s));
}

namespace {

class LocalBudget : public UpstreamBudget {
public:
    explicit LocalBudget(BudgetOptions options) : m_options(std::move(options)) {}

    BudgetDecision decide(std::string_view provider, std::string_view client) override {
        const auto now = m_options.now ? m_options.now() : std::chrono::steady_clock::now();
        std::lock_guard lock(m_mutex);
        // No client (the server's own refresh ahead, the CLI): the provider's budget alone.
        WindowLog* client_log = client.empty() ? nullptr : &client_entry(budget_client(client), now);
        if (client_log) {
            if (auto wait = client_log->wait(m_options.per_client, now))
                return {BudgetRefusal::client, *wait};
        }
        auto& global_log = m_providers[std::string(provider)];
        if (auto held = m_held_until.find(std::string(provider));
            held != m_held_until.end() && held->second > now)
            return {BudgetRefusal::global, std::chrono::ceil<std::chrono::seconds>(held->second - now)};
        if (auto wait = global_log.wait(m_options.global, now)) return {BudgetRefusal::global, *wait};
        // The reserve is for a client's first call in its window.
        const bool first_call = client_log != nullptr && client_log->idle(m_options.per_client, now);
        if (const auto reserve = budget_reserve(m_options.global, m_options.per_client);
            reserve > 0 && !first_call)
            if (auto wait = global_log.wait_below(m_options.global, m_options.global.calls - reserve, now))
                return {BudgetRefusal::client, *wait};  // this client had its turn: not a provider's limit
        if (client_log) client_log->add(m_options.per_client, now);
        global_log.add(m_options.global, now);
        return {};
    }

    void provider_refused(std::string_view provider, std::optional<int> retry_after_seconds) override {
        const auto now = m_options.now ? m_options.now() : std::chrono::steady_clock::now();
        const auto until = now + provider_hold(retry_after_seconds);
        std::lock_guard lock(m_mutex);
        auto& held = m_held_until[std::string(provider)];
        held = std::max(held, until);
    }

private:
    WindowLog& client_entry(std::string_view client, std::chrono::steady_clock::time_point now) {
        auto it = m_clients.find(std::string(client));
        if (it != m_clients.end()) return it->second;
        if (m_clients.size() >= std::max<std::size_t>(1, m_options.max_clients)) forget_idle(now);
        return m_clients[std::string(client)];
    }

    // Clients whose calls have all left their window owe nothing: forget them; if every client
    // is still busy, forget the one idle longest.
    void forget_idle(std::chrono::steady_clock::time_point now) {
        std::erase_if(m_clients, [&](const auto& kv) { return kv.second.idle(m_options.per_client, now); });
        if (m_clients.size() < m_options.max_clients) return;
        auto idlest = std::min_element(m_clients.begin(), m_clients.end(), [](const auto& a, const auto& b) {
            return a.second.newest() < b.second.newest();
        });
        m_clients.erase(idlest);
    }

    BudgetOptions m_options;
    std::mutex m_mutex;
    std::unordered_map<std::string, WindowLog> m_providers;
    std::unordered_map<std::string, WindowLog> m_clients;
    std::unordered_map<std::string, std::chrono::steady_clock::time_point> m_held_until;
};

}  // namespace

std::unique_ptr<UpstreamBudget> make_local_budget(BudgetOptions options) {
    return std::make_unique<LocalBudget>(std::move(options));
}

}  // namespace tenki

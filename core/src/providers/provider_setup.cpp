#include <utility>
#include <vector>

#include "providers/provider_setup.hpp"
#include "tenki/places/zipdb.hpp"
#include "tenki/providers/table.hpp"

namespace tenki {

namespace {

// A US ZIP code is checked against the table (no call for one that does not exist) and named
// by it (its place and state); a place tenki resolved itself (a city, coordinates) passes as it is.
class ZipTableProvider final : public Provider {
public:
    explicit ZipTableProvider(std::unique_ptr<Provider> inner) : m_inner(std::move(inner)) {}

    Result<Weather> current(const Location& location) override {
        if (location.place || location.country != "us") return m_inner->current(location);
        auto info = find_us_zip(location.postal_code);
        if (!info) return tl::unexpected(info.error());
        auto weather = m_inner->current(location);
        if (weather) {
            weather->place_name = info->place;
            weather->place_region = info->state;
        }
        return weather;
    }
    Result<Forecast> forecast(const Location& location) override {
        if (location.place || location.country != "us") return m_inner->forecast(location);
        auto info = find_us_zip(location.postal_code);
        if (!info) return tl::unexpected(info.error());
        auto forecast = m_inner->forecast(location);
        if (forecast) {
            forecast->place_name = info->place;
            forecast->place_region = info->state;
        }
        return forecast;
    }
    std::string_view name() const override { return m_inner->name(); }
    bool gives(std::string_view source) const override { return m_inner->gives(source); }
    bool can_answer(const Location& location) const override { return m_inner->can_answer(location); }
    void failover_stats(FailoverStats& out) const override { m_inner->failover_stats(out); }
    void on_request(std::function<void()> observer) override { m_inner->on_request(std::move(observer)); }

private:
    std::unique_ptr<Provider> m_inner;
};

}  // namespace

std::unique_ptr<Provider> with_us_zip_table(std::unique_ptr<Provider> inner) {
    return std::make_unique<ZipTableProvider>(std::move(inner));
}

Result<ConfiguredProvider> make_provider(const ProviderSetup& setup) {
    // A key file that cannot hold a key is an error, never a silent switch to Open-Meteo.
    auto key = find_api_key(setup.key_lookup);
    if (!key) return tl::unexpected(key.error());
    auto kind = choose_provider(setup.requested, key->has_value());
    if (!kind) return tl::unexpected(kind.error());
    const auto& row = provider_info(*kind);
    ConfiguredProvider out;
    out.kind = *kind;
    if (row.needs_key) {
        if (!*key) return fail(ErrorKind::unauthorized, missing_key_message(setup.key_lookup));
        out.warnings = (*key)->warnings;
    }
    auto chosen = row.make(setup, row.needs_key ? (*key)->value : std::string());
    const bool pinned = setup.requested && !setup.requested->empty();
    std::vector<std::unique_ptr<Provider>> chain;
    auto failover = setup.failover;
    failover.upstreams = {setup.url(*kind)};
    for (const auto& other : providers()) {
        if (pinned || other.kind == *kind || other.needs_key) continue;
        chain.push_back(other.make(setup, {}));
        failover.upstreams.push_back(setup.url(other.kind));
    }
    if (chain.empty()) {
        out.provider = with_us_zip_table(std::move(chosen));
        return out;
    }
    chain.insert(chain.begin(), std::move(chosen));
    failover.timeout = setup.total_timeout;  // one upstream timeout for the whole ask
    out.provider = with_us_zip_table(make_failover_provider(std::move(chain), std::move(failover)));
    return out;
}

}  // namespace tenki

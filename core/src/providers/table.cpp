#include "tenki/providers/table.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include <fmt/format.h>

#include "providers/open_meteo/open_meteo.hpp"

namespace tenki {

namespace {

std::unique_ptr<Provider> make_owm(const ProviderSetup& setup, const std::string& key) {
    return make_owm_provider(
        {setup.url(ProviderKind::owm), key, setup.connect_timeout, setup.total_timeout, setup.verbose});
}

std::unique_ptr<Provider> make_open_meteo(const ProviderSetup& setup, const std::string&) {
    OpenMeteoConfig config;
    config.base_url = setup.url(ProviderKind::open_meteo);
    if (!setup.open_meteo_geocoding_url.empty()) config.geocoding_url = setup.open_meteo_geocoding_url;
    config.connect_timeout = setup.connect_timeout;
    config.total_timeout = setup.total_timeout;
    config.verbose = setup.verbose;
    return make_open_meteo_provider(std::move(config));
}

constexpr std::array<ProviderInfo, k_provider_count> k_providers{{
    {ProviderKind::owm, "owm", "openweathermap", "OpenWeatherMap", "openweathermap", "needs a key",
     k_owm_default_url, "owm-url", "TENKI_OWM_URL", "OpenWeatherMap base URL", true, true, true, false,
     &make_owm},
    {ProviderKind::open_meteo, "open-meteo", "openmeteo", "Open-Meteo", "open-meteo",
     "no key; places, US ZIP codes, postal codes it can geocode", k_open_meteo_default_url, "open-meteo-url",
     "TENKI_OPENMETEO_URL", "Open-Meteo base URL (default: Open-Meteo's own)", false, false, true, false,
     &make_open_meteo},
}};

constexpr bool table_in_kind_order() {
    for (std::size_t i = 0; i < k_providers.size(); ++i)
        if (static_cast<std::size_t>(k_providers.at(i).kind) != i) return false;
    return true;
}
static_assert(table_in_kind_order(), "provider_info indexes the table by ProviderKind");

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

std::span<const ProviderInfo> providers() { return k_providers; }

const ProviderInfo& provider_info(ProviderKind kind) {
    return k_providers.at(static_cast<std::size_t>(kind));
}

std::string_view to_string(ProviderKind kind) { return provider_info(kind).name; }

std::string ProviderSetup::url(ProviderKind kind) const {
    const auto& chosen = urls.at(static_cast<std::size_t>(kind));
    return chosen.empty() ? std::string(provider_info(kind).default_url) : chosen;
}

Result<ProviderKind> choose_provider(const std::optional<std::string>& requested, bool have_key) {
    if (!requested || requested->empty()) return have_key ? ProviderKind::owm : ProviderKind::open_meteo;
    const std::string name = lower(*requested);
    for (const auto& row : k_providers)
        if (name == row.name || name == row.alias) return row.kind;
    std::string known;
    for (const auto& row : k_providers)
        known += fmt::format("{}{} ({}, {})", known.empty() ? "" : " or ", row.name, row.title, row.note);
    return fail(ErrorKind::invalid_input,
                fmt::format("unknown weather provider '{}': use {}", *requested, known));
}

}  // namespace tenki

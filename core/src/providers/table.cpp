#include "tenki/providers/table.hpp"

#include <array>
#include <string>

#include <fmt/core.h>

#include "providers/open_meteo/provider.hpp"
#include "providers/owm/provider.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace {

using std::chrono::seconds;

constexpr ProviderEndpoint k_owm_endpoints[] = {
    {"base", k_owm_default_url, "owm-url", "TENKI_OWM_URL", "OpenWeatherMap base URL", true},
};

constexpr ProviderEndpoint k_open_meteo_endpoints[] = {
    {"base", k_open_meteo_default_url, "open-meteo-url", "TENKI_OPENMETEO_URL",
     "Open-Meteo base URL (default: Open-Meteo's own)", false},
    // Postal codes outside the US; tests point it at a fake. No option: the variable only.
    {"geocoding", k_open_meteo_geocoding_default_url, "", "TENKI_OPENMETEO_GEOCODING_URL",
     "Open-Meteo geocoding base URL", false},
};

// Published limits: OpenWeatherMap's free tier 60 calls/min (openweathermap.org/price), and "no
// more than one time every 10 minutes for one location" (openweathermap.org/appid); Open-Meteo's
// fair use for non-commercial use 600 calls/min (open-meteo.com/en/terms), no minimum refresh.
constexpr std::array<ProviderInfo, k_provider_count> k_providers{{
    {ProviderKind::owm,
     "owm",
     "openweathermap",
     "OpenWeatherMap",
     "openweathermap",
     "needs a key",
     k_owm_endpoints,
     true,
     true,
     true,
     {60, seconds(60)},
     seconds(600),
     &make_owm_provider},
    {ProviderKind::open_meteo,
     "open-meteo",
     "openmeteo",
     "Open-Meteo",
     "open-meteo",
     "no key; places, US ZIP codes, postal codes it can geocode",
     k_open_meteo_endpoints,
     false,
     true,
     true,
     {600, seconds(60)},
     seconds(0),
     &make_open_meteo_provider},
}};

constexpr bool table_in_kind_order() {
    for (std::size_t i = 0; i < k_providers.size(); ++i)
        if (static_cast<std::size_t>(k_providers.at(i).kind) != i) return false;
    return true;
}
static_assert(table_in_kind_order(), "provider_info indexes the table by ProviderKind");

constexpr bool endpoints_begin_with_base() {
    for (const auto& row : k_providers)
        if (row.endpoints.empty() || row.endpoints.front().name != "base") return false;
    return true;
}
static_assert(endpoints_begin_with_base(), "every provider has a base URL, its first endpoint");

const ProviderInfo* first_row(bool needs_key) {
    for (const auto& row : k_providers)
        if (row.needs_key == needs_key) return &row;
    return nullptr;
}

}  // namespace

std::span<const ProviderInfo> providers() { return k_providers; }

const ProviderInfo& provider_info(ProviderKind kind) {
    return k_providers.at(static_cast<std::size_t>(kind));
}

const ProviderInfo* find_provider(std::string_view name) {
    for (const auto& row : k_providers)
        if (util::iequals(name, row.name) || util::iequals(name, row.alias) ||
            util::iequals(name, row.source))
            return &row;
    return nullptr;
}

std::string_view to_string(ProviderKind kind) { return provider_info(kind).name; }

std::string provider_names(std::string_view separator) {
    std::string names;
    for (const auto& row : k_providers)
        names += fmt::format("{}{}", names.empty() ? "" : separator, row.name);
    return names;
}

std::string auto_provider_rule() {
    const auto* keyed = first_row(true);
    const auto* keyless = first_row(false);
    if (!keyed || !keyless) return std::string(k_providers.front().name);
    return fmt::format("{} with an API key, {} without", keyed->name, keyless->name);
}

std::string ProviderSetup::url(ProviderKind kind, std::string_view endpoint) const {
    const auto& row = provider_info(kind).endpoint(endpoint);
    const auto chosen = urls.find(row.env);
    return chosen == urls.end() || chosen->second.empty() ? std::string(row.default_url) : chosen->second;
}

Result<ProviderKind> choose_provider(const std::optional<std::string>& requested, bool have_key) {
    if (!requested || requested->empty()) {
        const auto* row = first_row(have_key);
        return (row ? row : &k_providers.front())->kind;
    }
    for (const auto& row : k_providers)
        if (util::iequals(*requested, row.name) || util::iequals(*requested, row.alias)) return row.kind;
    std::string known;
    for (const auto& row : k_providers)
        known += fmt::format("{}{} ({}, {})", known.empty() ? "" : " or ", row.name, row.title, row.note);
    return fail(ErrorKind::invalid_input,
                fmt::format("unknown weather provider '{}': use {}", *requested, known));
}

}  // namespace tenki

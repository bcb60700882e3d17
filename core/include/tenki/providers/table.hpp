#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/budget/rate_limit.hpp"
#include "tenki/error.hpp"
#include "tenki/providers/api_key.hpp"
#include "tenki/providers/failover.hpp"

namespace tenki {

// The rows of the provider table, in its order (a static_assert in table.cpp holds them to it).
enum class ProviderKind { owm, open_meteo };
inline constexpr std::size_t k_provider_count = 2;

class Provider;
struct ProviderSetup;

// One URL a provider calls, and how a user points it elsewhere (a mirror, a test's fake).
struct ProviderEndpoint {
    std::string_view name;         // "base", "geocoding": what the provider's factory asks for
    std::string_view default_url;  // "https://api.open-meteo.com"
    std::string_view option;       // "open-meteo-url": the long option (without "--"); "": none, env only
    std::string_view env;          // "TENKI_OPENMETEO_URL": the environment variable doing the same
    std::string_view help;         // the option's help
    bool show_default;             // --help shows default_url
};

// One row of the provider table: everything tenki knows about a weather source, declared once.
// Both `tenki weather` and `tenki serve` take their options, help, choice and budget from it, and
// `tenki check` and the config keys read it.
struct ProviderInfo {
    ProviderKind kind;
    std::string_view name;    // "owm": what --provider and TENKI_PROVIDER take, and to_string
    std::string_view alias;   // "openweathermap": accepted too, like name in any case
    std::string_view title;   // "OpenWeatherMap", for people
    std::string_view source;  // "openweathermap": its answers' `source`, its Provider::name()
    std::string_view note;    // "needs a key": why to choose it, in messages
    // Its URLs, the base API first; each one's option and variable are registered from here.
    std::span<const ProviderEndpoint> endpoints;
    bool needs_key;        // the OpenWeatherMap key (OWM_API_KEY, key file) is required
    bool answers_current;  // what it can answer
    bool answers_forecast;
    // What it allows per key (or, keyless, per source address): tenki serve's default budget.
    RateLimit published_limit;
    // How often it asks to be called for one place at most: the shortest TTL tenki accepts.
    std::chrono::seconds min_refresh;
    // Builds it (without the ZIP-table wrapper); key is empty unless needs_key.
    std::unique_ptr<Provider> (*make)(const ProviderSetup& setup, const std::string& key);

    // The endpoint named `name`; the base one ("base", the first) for a name it does not have.
    constexpr const ProviderEndpoint& endpoint(std::string_view endpoint_name = "base") const {
        for (const auto& row : endpoints)
            if (row.name == endpoint_name) return row;
        return endpoints.front();
    }
};

// The provider table, in the order help and messages list them (and failover tries them).
std::span<const ProviderInfo> providers();
const ProviderInfo& provider_info(ProviderKind kind);
// The row whose name, alias or source is `name`, in any case; nullptr when none.
const ProviderInfo* find_provider(std::string_view name);

// The table's `name`: "owm", "open-meteo".
std::string_view to_string(ProviderKind kind);

// The table's names joined: "owm or open-meteo" (with separator " or ").
std::string provider_names(std::string_view separator);
// What choose_provider picks without a request, for help: "owm with an API key, open-meteo without".
std::string auto_provider_rule();

// requested: --provider, else TENKI_PROVIDER (unset or empty: no request). Accepts each row's name
// and alias in any case. Without a request: the first row that needs a key when a key is
// configured (OpenWeatherMap), the first keyless one otherwise (Open-Meteo). An explicit owm
// without a key is still owm, so that the key lookup can say where it looked. An unknown name is
// invalid_input naming the known ones.
Result<ProviderKind> choose_provider(const std::optional<std::string>& requested, bool have_key);

// Everything the CLI and the server know about where weather comes from.
struct ProviderSetup {
    std::optional<std::string> requested;  // --provider / TENKI_PROVIDER
    KeyLookup key_lookup;
    // Endpoint overrides, by the endpoint's variable (ProviderEndpoint::env, "TENKI_OWM_URL");
    // absent or empty: the row's default_url.
    std::map<std::string, std::string, std::less<>> urls;
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds total_timeout{std::chrono::seconds(8)};
    bool verbose = false;
    // Without a requested provider: the breakers' policy, where they persist, whom to tell.
    FailoverOptions failover;

    // The URL of a provider's endpoint ("base", "geocoding"): its override, else the row's default.
    std::string url(ProviderKind kind, std::string_view endpoint = "base") const;
};

}  // namespace tenki

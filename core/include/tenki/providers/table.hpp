#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/providers/api_key.hpp"
#include "tenki/error.hpp"
#include "tenki/providers/failover.hpp"
#include "tenki/providers/provider.hpp"

namespace tenki {

enum class ProviderKind { owm, open_meteo };
inline constexpr std::size_t k_provider_count = 2;

struct ProviderSetup;

// One row of the provider table: everything tenki knows about a weather source, declared once.
// Both `tenki weather` and `tenki serve` take their options, help and choice from it.
struct ProviderInfo {
    ProviderKind kind;
    std::string_view name;         // "owm": what --provider and TENKI_PROVIDER take, and to_string
    std::string_view alias;        // "openweathermap": accepted too, like name in any case
    std::string_view title;        // "OpenWeatherMap", for people
    std::string_view source;       // "openweathermap": its answers' `source`, its Provider::name()
    std::string_view note;         // "needs a key": why to choose it, in messages
    std::string_view default_url;  // its API's base URL
    std::string_view url_option;   // "owm-url": the long option overriding the base URL
    std::string_view url_env;      // "TENKI_OWM_URL": the environment variable doing the same
    std::string_view url_help;     // the option's help
    bool show_default_url;         // --help shows default_url
    bool needs_key;                // the OpenWeatherMap key (OWM_API_KEY, key file) is required
    bool answers_current;          // what it can answer
    bool answers_forecast;
    // Builds it (without the ZIP-table wrapper); key is empty unless needs_key.
    std::unique_ptr<Provider> (*make)(const ProviderSetup& setup, const std::string& key);
};

// The provider table, in the order help and messages list them.
std::span<const ProviderInfo> providers();
const ProviderInfo& provider_info(ProviderKind kind);

// The table's `name`: "owm", "open-meteo".
std::string_view to_string(ProviderKind kind);

// requested: --provider, else TENKI_PROVIDER (unset or empty: no request). Accepts each row's name
// and alias in any case. Without a request: OpenWeatherMap when a key is configured, Open-Meteo
// otherwise. An explicit owm without a key is still owm, so that the key lookup can say where it
// looked. An unknown name is invalid_input naming the known ones.
Result<ProviderKind> choose_provider(const std::optional<std::string>& requested, bool have_key);

// Everything the CLI and the server know about where weather comes from.
struct ProviderSetup {
    std::optional<std::string> requested;  // --provider / TENKI_PROVIDER
    KeyLookup key_lookup;
    std::array<std::string, k_provider_count> urls;  // by ProviderKind; empty: the table's default
    // Open-Meteo's geocoding API (postal codes outside the US): TENKI_OPENMETEO_GEOCODING_URL;
    // empty: k_open_meteo_geocoding_default_url.
    std::string open_meteo_geocoding_url;
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds total_timeout{std::chrono::seconds(8)};
    bool verbose = false;
    // Without a requested provider: the breakers' policy, where they persist, whom to tell.
    FailoverOptions failover;

    // The base URL for a provider: its override, else the table's default.
    std::string url(ProviderKind kind) const;
};

struct ConfiguredProvider {
    ProviderKind kind = ProviderKind::owm;
    std::unique_ptr<Provider> provider;
    std::vector<std::string> warnings;  // e.g. the key file is readable by others
};

// Chooses and builds the provider, wrapped by with_us_zip_table. A provider that needs a key,
// chosen without one, is unauthorized, naming where tenki looked. Without a requested provider
// ("auto") and with a key: OpenWeatherMap, failing over (setup.failover) to each keyless provider
// in the table's order; a requested one is pinned: no failover.
Result<ConfiguredProvider> make_provider(const ProviderSetup& setup);

// Checks US ZIP codes against the offline table before any request (not_found with a "did you
// mean"), and labels answers for US places with the table's place and state: "San Francisco, CA".
std::unique_ptr<Provider> with_us_zip_table(std::unique_ptr<Provider> inner);

}  // namespace tenki

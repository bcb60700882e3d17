#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <chrono>
#include <memory>
#include <vector>

#include "tenki/api_key.hpp"
#include "tenki/error.hpp"
#include "tenki/provider.hpp"

namespace tenki {

enum class ProviderKind { owm, open_meteo };

// "owm", "open-meteo": the names --provider and TENKI_PROVIDER take.
std::string_view to_string(ProviderKind kind);

// requested: --provider, else TENKI_PROVIDER (unset or empty: no request). Accepts owm,
// openweathermap, open-meteo, openmeteo in any case. Without a request: OpenWeatherMap when a key
// is configured, Open-Meteo otherwise. An explicit owm without a key is still owm, so that the
// key lookup can say where it looked. An unknown name is invalid_input naming the known ones.
Result<ProviderKind> choose_provider(const std::optional<std::string>& requested, bool have_key);

// Everything the CLI and the server know about where weather comes from.
struct ProviderSetup {
    std::optional<std::string> requested;  // --provider / TENKI_PROVIDER
    KeyLookup key_lookup;
    std::string owm_url = std::string(k_owm_default_url);
    std::string open_meteo_url;  // empty: Open-Meteo's own
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds total_timeout{std::chrono::seconds(8)};
    bool verbose = false;
};

struct ConfiguredProvider {
    ProviderKind kind = ProviderKind::owm;
    std::unique_ptr<Provider> provider;
    std::vector<std::string> warnings;  // e.g. the key file is readable by others
};

// Chooses and builds the provider, wrapped by with_us_zip_table. OpenWeatherMap chosen without a
// key is unauthorized, naming where tenki looked.
Result<ConfiguredProvider> make_provider(const ProviderSetup& setup);

// Checks US ZIP codes against the offline table before any request (not_found with a "did you
// mean"), and labels answers for US places with the table's place and state: "San Francisco, CA".
std::unique_ptr<Provider> with_us_zip_table(std::unique_ptr<Provider> inner);

}  // namespace tenki

#pragma once

#include <memory>
#include <string>
#include <vector>

#include "tenki/error.hpp"
#include "tenki/providers/provider.hpp"
#include "tenki/providers/table.hpp"

// Building the provider the settings choose: for the composition root (service/build.cpp) and
// tenki check, not for the faces, which read only the table (tenki/providers/table.hpp).
namespace tenki {

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

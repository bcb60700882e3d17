#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "tenki/providers/provider.hpp"
#include "tenki/providers/table.hpp"

namespace tenki {

inline constexpr std::string_view k_owm_default_url = "https://api.openweathermap.org";

struct OwmConfig {
    std::string base_url = std::string(k_owm_default_url);
    std::string api_key;
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds total_timeout{std::chrono::seconds(8)};
    bool verbose = false;
    std::string base_url_env;  // the variable base_url came from ("TENKI_OWM_URL"), for messages
};

// OpenWeatherMap's current weather and 5 day / 3 hour forecast, with the key in every request
// (never in an error message). Safe to share between threads.
std::unique_ptr<Provider> make_owm_provider(OwmConfig config);

// The table row's factory: the "base" endpoint, timeouts and verbosity from `setup`.
std::unique_ptr<Provider> make_owm_provider(const ProviderSetup& setup, const std::string& key);

}  // namespace tenki

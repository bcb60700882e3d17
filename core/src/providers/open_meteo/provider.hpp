#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "providers/open_meteo/open_meteo.hpp"
#include "tenki/providers/provider.hpp"
#include "tenki/providers/table.hpp"

namespace tenki {

struct OpenMeteoConfig {
    std::string base_url = std::string(k_open_meteo_default_url);
    // Where postal codes outside the US are geocoded (tests point it at a fake).
    std::string geocoding_url = std::string(k_open_meteo_geocoding_default_url);
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds total_timeout{std::chrono::seconds(8)};
    bool verbose = false;
    // The variables the URLs came from ("TENKI_OPENMETEO_URL", "TENKI_OPENMETEO_GEOCODING_URL"),
    // named when one is not a valid URL.
    std::string base_url_env;
    std::string geocoding_url_env;
};

// Coordinates come from the place tenki resolved (a city, coordinates), the offline ZIP table
// for a US ZIP code (an unknown one is not_found before any request, with a "did you mean"), or
// Open-Meteo's geocoding for another country's postal code (one request more; not_found naming
// OpenWeatherMap when it does not know the code).
std::unique_ptr<Provider> make_open_meteo_provider(OpenMeteoConfig config);

// The table row's factory: the "base" and "geocoding" endpoints, timeouts and verbosity from
// `setup`; `key` is unused (Open-Meteo needs none).
std::unique_ptr<Provider> make_open_meteo_provider(const ProviderSetup& setup, const std::string& key);

}  // namespace tenki

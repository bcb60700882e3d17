#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "tenki/error.hpp"

namespace tenki {

enum class ProviderKind { owm, open_meteo };

// "owm", "open-meteo": the names --provider and TENKI_PROVIDER take.
std::string_view to_string(ProviderKind kind);

// requested: --provider, else TENKI_PROVIDER (unset or empty: no request). Accepts owm,
// openweathermap, open-meteo, openmeteo in any case. Without a request: OpenWeatherMap when a key
// is configured, Open-Meteo otherwise. An explicit owm without a key is still owm, so that the
// key lookup can say where it looked. An unknown name is invalid_input naming the known ones.
Result<ProviderKind> choose_provider(const std::optional<std::string>& requested, bool have_key);

}  // namespace tenki

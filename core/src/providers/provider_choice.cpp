#include "tenki/provider_choice.hpp"

#include <algorithm>
#include <cctype>
#include <string>

#include <fmt/format.h>

namespace tenki {

std::string_view to_string(ProviderKind kind) {
    switch (kind) {
        case ProviderKind::owm: return "owm";
        case ProviderKind::open_meteo: return "open-meteo";
    }
    return "unknown";
}

Result<ProviderKind> choose_provider(const std::optional<std::string>& requested, bool have_key) {
    if (!requested || requested->empty()) return have_key ? ProviderKind::owm : ProviderKind::open_meteo;
    std::string name = *requested;
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "owm" || name == "openweathermap") return ProviderKind::owm;
    if (name == "open-meteo" || name == "openmeteo") return ProviderKind::open_meteo;
    return fail(ErrorKind::invalid_input,
                fmt::format("unknown weather provider '{}': use owm (OpenWeatherMap, needs a key) or "
                            "open-meteo (no key, US ZIP codes)",
                            *requested));
}

}  // namespace tenki

#include "tenki/current.hpp"

namespace tenki {

Result<CurrentWeather> current_weather(const Location& location, Provider& provider, DiskCache* cache,
                                       const CurrentOptions& options) {
    if (cache != nullptr && !options.refresh) {
        // An answer from another provider (the user switched) is not this provider's answer.
        auto hit = cache->get(location, options.now);
        if (hit && hit->source == provider.name()) return CurrentWeather{std::move(*hit), true};
    }
    auto fresh = provider.current(location);
    if (!fresh) return tl::unexpected(fresh.error());
    if (cache != nullptr) cache->put(*fresh, options.now);
    return CurrentWeather{std::move(*fresh), false};
}

}  // namespace tenki

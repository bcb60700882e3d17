#include "providers/open_meteo/provider.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <fmt/core.h>

#include "providers/answered_place.hpp"
#include "providers/open_meteo/open_meteo.hpp"
#include "tenki/http/http.hpp"
#include "tenki/places/zipdb.hpp"

namespace tenki {

namespace {

// Stateless apart from its configuration, so safe to share between threads.
class OpenMeteoProvider final : public Provider {
public:
    explicit OpenMeteoProvider(OpenMeteoConfig config) : m_config(std::move(config)) {}

    Result<Weather> current(const Location& location) override {
        return ask(location, open_meteo_request_url, parse_open_meteo_response);
    }

    Result<Forecast> forecast(const Location& location) override {
        return ask(location, open_meteo_forecast_url, parse_open_meteo_forecast);
    }

    std::string_view name() const override { return "open-meteo"; }

private:
    // The place's coordinates (coordinates_for), then one call of the URL made from them, read by
    // `parse` with the place it was asked for.
    template <typename T>
    Result<T> ask(const Location& location, std::string (*url)(std::string_view, double, double),
                  Result<T> (*parse)(long, std::string_view, const Location&, const ZipInfo&,
                                     std::optional<int>)) const {
        Geocoded storage;
        auto place = coordinates_for(location, storage);
        if (!place) return tl::unexpected(place.error());
        auto response = get(url(m_config.base_url, place->lat, place->lon), m_config.base_url_env);
        if (!response) return tl::unexpected(response.error());
        return providers_detail::refuse_far(
            parse(response->status, response->body, location, *place, response->retry_after),
            std::is_same_v<T, Weather> ? "Open-Meteo's answer" : "Open-Meteo's forecast");
    }

    // url_env: the variable that sets the URL's endpoint, named when the URL is not valid.
    Result<HttpResponse> get(std::string url, const std::string& url_env) const {
        HttpRequest request;
        request.url = std::move(url);
        request.url_env = url_env;
        request.service = std::string(provider_info(ProviderKind::open_meteo).title);
        request.connect_timeout = m_config.connect_timeout;
        request.total_timeout = m_config.total_timeout;
        request.verbose = m_config.verbose;
        request_sent();
        return http_get(request);
    }

    // What a geocoded place's ZipInfo points into, for the length of one call.
    struct Geocoded {
        GeocodedPostalCode place;
        std::string label;
    };

    // A place tenki resolved: its own coordinates and name; a US ZIP code: the ZIP table's;
    // another country's postal code: Open-Meteo's geocoding (into `storage`).
    Result<ZipInfo> coordinates_for(const Location& location, Geocoded& storage) const {
        if (const auto& place = location.place) return ZipInfo{"", place->name, "", place->lat, place->lon};
        if (location.country == "us") return find_us_zip(location.postal_code);
        auto response =
            get(open_meteo_geocoding_url(m_config.geocoding_url, location.postal_code, location.country),
                m_config.geocoding_url_env);
        if (!response) return tl::unexpected(response.error());
        auto found =
            parse_open_meteo_geocoding(response->status, response->body, location, response->retry_after);
        if (!found) return tl::unexpected(found.error());
        storage.place = std::move(*found);
        storage.label = storage.place.name;
        return ZipInfo{location.postal_code, storage.label, "", storage.place.lat, storage.place.lon};
    }

    OpenMeteoConfig m_config;
};

}  // namespace

std::unique_ptr<Provider> make_open_meteo_provider(OpenMeteoConfig config) {
    return std::make_unique<OpenMeteoProvider>(std::move(config));
}

std::unique_ptr<Provider> make_open_meteo_provider(const ProviderSetup& setup, const std::string&) {
    const auto& row = provider_info(ProviderKind::open_meteo);
    OpenMeteoConfig config;
    config.base_url = setup.url(ProviderKind::open_meteo);
    config.base_url_env = row.endpoint("base").env;
    config.geocoding_url = setup.url(ProviderKind::open_meteo, "geocoding");
    config.geocoding_url_env = row.endpoint("geocoding").env;
    config.connect_timeout = setup.connect_timeout;
    config.total_timeout = setup.total_timeout;
    config.verbose = setup.verbose;
    return make_open_meteo_provider(std::move(config));
}

}  // namespace tenki

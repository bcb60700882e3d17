#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "tenki/http.hpp"
#include "tenki/open_meteo.hpp"
#include "tenki/zipdb.hpp"

namespace tenki {

namespace {

// Stateless apart from its configuration, so safe to share between threads.
class OpenMeteoProvider final : public Provider {
public:
    explicit OpenMeteoProvider(OpenMeteoConfig config) : m_config(std::move(config)) {}

    Result<Weather> current(const Location& location) override {
        auto place = coordinates_for(location);
        if (!place) return tl::unexpected(place.error());
        auto response = get(open_meteo_request_url(m_config.base_url, place->lat, place->lon));
        if (!response) return tl::unexpected(response.error());
        return parse_open_meteo_response(response->status, response->body, location, *place,
                                         response->retry_after);
    }

    Result<Forecast> forecast(const Location& location) override {
        auto place = coordinates_for(location);
        if (!place) return tl::unexpected(place.error());
        auto response = get(open_meteo_forecast_url(m_config.base_url, place->lat, place->lon));
        if (!response) return tl::unexpected(response.error());
        return parse_open_meteo_forecast(response->status, response->body, location, *place,
                                         response->retry_after);
    }

    std::string_view name() const override { return "open-meteo"; }
    bool can_answer(const Location& location) const override {
        return location.place || location.country == "us";
    }

private:
    Result<HttpResponse> get(std::string url) const {
        HttpRequest request;
        request.url = std::move(url);
        request.connect_timeout = m_config.connect_timeout;
        request.total_timeout = m_config.total_timeout;
        request.verbose = m_config.verbose;
        request_sent();
        return http_get(request);
    }

    // A place tenki resolved: its own coordinates and name; a US ZIP code: the ZIP table's.
    static Result<ZipInfo> coordinates_for(const Location& location) {
        if (const auto& place = location.place) return ZipInfo{"", place->name, "", place->lat, place->lon};
        if (location.country != "us") {
            return fail(ErrorKind::invalid_input,
                        fmt::format("Open-Meteo needs a US ZIP code to find {}; for other countries set "
                                    "an OpenWeatherMap key (OWM_API_KEY) and use --provider owm",
                                    location.key()));
        }
        return find_us_zip(location.postal_code);
    }

    OpenMeteoConfig m_config;
};

}  // namespace

std::unique_ptr<Provider> make_open_meteo_provider(OpenMeteoConfig config) {
    return std::make_unique<OpenMeteoProvider>(std::move(config));
}

}  // namespace tenki

#include <string>
#include <type_traits>

#include "providers/owm/provider.hpp"

#include "providers/answered_place.hpp"
#include "providers/owm/owm.hpp"
#include "tenki/http/http.hpp"
#include "tenki/providers/api_key.hpp"
#include "util/url.hpp"

namespace tenki {

namespace {

// Stateless apart from its configuration: every call makes its own curl handle, so several
// threads may ask at once.
class OwmProvider final : public Provider {
public:
    explicit OwmProvider(OwmConfig config) : m_config(std::move(config)) {}

    Result<Weather> current(const Location& location) override {
        return ask(owm_request_url(m_config.base_url, location, m_config.api_key), location,
                   parse_owm_response);
    }

    Result<Forecast> forecast(const Location& location) override {
        return ask(owm_forecast_url(m_config.base_url, location, m_config.api_key), location,
                   parse_owm_forecast);
    }

    std::string_view name() const override { return "openweathermap"; }

private:
    template <typename T>
    Result<T> ask(std::string url, const Location& location,
                  Result<T> (*parse)(long, std::string_view, const Location&, std::optional<int>)) const {
        HttpRequest request;
        request.url = std::move(url);
        request.url_env = m_config.base_url_env;
        request.service = std::string(provider_info(ProviderKind::owm).title);
        request.connect_timeout = m_config.connect_timeout;
        request.total_timeout = m_config.total_timeout;
        request.verbose = m_config.verbose;
        request.secrets = {m_config.api_key, util::url_encode(m_config.api_key)};
        request_sent();
        auto response = http_get(request);
        if (!response) return tl::unexpected(scrub(std::move(response.error())));
        auto answer = providers_detail::refuse_far(
            parse(response->status, response->body, location, response->retry_after),
            std::is_same_v<T, Weather> ? "OpenWeatherMap's answer" : "OpenWeatherMap's forecast");
        if (!answer) return tl::unexpected(scrub(std::move(answer.error())));
        return answer;
    }

    // Whatever a message quotes (an upstream message, a URL), the key never leaves tenki.
    Error scrub(Error error) const {
        error.message = redact(error.message, m_config.api_key);
        return error;
    }

    OwmConfig m_config;
};

}  // namespace

std::unique_ptr<Provider> make_owm_provider(OwmConfig config) {
    return std::make_unique<OwmProvider>(std::move(config));
}

std::unique_ptr<Provider> make_owm_provider(const ProviderSetup& setup, const std::string& key) {
    OwmConfig config;
    config.base_url = setup.url(ProviderKind::owm);
    config.base_url_env = provider_info(ProviderKind::owm).endpoint().env;
    config.api_key = key;
    config.connect_timeout = setup.connect_timeout;
    config.total_timeout = setup.total_timeout;
    config.verbose = setup.verbose;
    return make_owm_provider(std::move(config));
}

}  // namespace tenki

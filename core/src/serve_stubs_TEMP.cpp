// TEMPORARY stand-ins for the weather and transport branches, so the serve branch links and its
// integration tests run before their work lands. DELETE THIS FILE AT MERGE: the real
// implementations of these declarations live in wt-weather and wt-transport.
#include <curl/curl.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "tenki/api_key.hpp"
#include "tenki/format.hpp"
#include "tenki/location.hpp"
#include "tenki/owm.hpp"
#include "tenki/provider.hpp"
#include "tenki/units.hpp"
#include "tenki/weather.hpp"

namespace tenki {

Result<Location> parse_location(std::string_view text, std::string_view default_country) {
    std::string code(text);
    std::string country(default_country);
    if (auto comma = code.find(','); comma != std::string::npos) {
        country = code.substr(comma + 1);
        code.resize(comma);
    }
    while (!code.empty() && code.back() == ' ') code.pop_back();
    while (!code.empty() && code.front() == ' ') code.erase(0, 1);
    if (code.empty() || code.size() > 10) return fail(ErrorKind::invalid_input, "not a postal code");
    for (char c : code)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != ' ' && c != '-')
            return fail(ErrorKind::invalid_input, "not a postal code: " + code);
    for (auto& c : country) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (country.size() != 2) return fail(ErrorKind::invalid_input, "not a country code: " + country);
    if (country == "us" && code.size() == 10 && code[5] == '-') code.resize(5);
    if (country == "us" && code.size() != 5)
        return fail(ErrorKind::invalid_input, "not a US ZIP code: " + code);
    return Location{code, country};
}

Result<Units> parse_units(std::string_view name) {
    if (name == "standard") return Units::standard;
    if (name == "metric") return Units::metric;
    if (name == "imperial") return Units::imperial;
    return fail(ErrorKind::invalid_input, "unknown units '" + std::string(name) + "'");
}

std::string_view to_string(Units units) {
    switch (units) {
        case Units::standard: return "standard";
        case Units::metric: return "metric";
        case Units::imperial: return "imperial";
    }
    return "standard";
}

Units default_units(const Location& location) {
    return location.country == "us" ? Units::imperial : Units::metric;
}

double convert_temperature(double kelvin, Units units) {
    switch (units) {
        case Units::standard: return kelvin;
        case Units::metric: return kelvin - 273.15;
        case Units::imperial: return (kelvin - 273.15) * 9.0 / 5.0 + 32.0;
    }
    return kelvin;
}

nlohmann::json to_v1_json(const Weather& w) {
    return {{"reference_time", w.observed_at},
            {"status", w.condition.main},
            {"detailed_status", w.condition.description},
            {"temperature", {{"temp", w.temp}}}};
}

nlohmann::json to_v2_json(const Weather& w, Units units, bool stale) {
    return {{"place", w.place_name},
            {"postal_code", w.location.postal_code},
            {"country", w.location.country},
            {"units", to_string(units)},
            {"temp", convert_temperature(w.temp, units)},
            {"description", w.condition.description},
            {"stale", stale}};
}

Result<ApiKey> find_api_key(const KeyLookup& lookup) {
    if (lookup.env_value && !lookup.env_value->empty()) return ApiKey{*lookup.env_value, "OWM_API_KEY", {}};
    if (lookup.key_file) {
        std::ifstream in(*lookup.key_file);
        std::string line;
        if (std::getline(in, line) && !line.empty()) return ApiKey{line, lookup.key_file->string(), {}};
    }
    return fail(ErrorKind::unauthorized, "no OpenWeatherMap API key: set OWM_API_KEY");
}

namespace {

size_t append_body(char* data, size_t size, size_t count, void* user) {
    static_cast<std::string*>(user)->append(data, size * count);
    return size * count;
}

class StubOwmProvider : public Provider {
public:
    explicit StubOwmProvider(OwmConfig config) : m_config(std::move(config)) {}

    Result<Weather> current(const Location& location) override {
        const std::string url =
            m_config.base_url + "/data/2.5/weather?zip=" + location.key() + "&appid=" + m_config.api_key;
        CURL* curl = curl_easy_init();
        std::string body;
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(m_config.total_timeout.count()));
        CURLcode rc = curl_easy_perform(curl);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_cleanup(curl);
        if (rc == CURLE_OPERATION_TIMEDOUT) return fail(ErrorKind::timeout, "the upstream timed out");
        if (rc != CURLE_OK) return fail(ErrorKind::unreachable, curl_easy_strerror(rc));
        return parse_owm_response(status, body, location);
    }
    std::string_view name() const override { return "openweathermap"; }

private:
    OwmConfig m_config;
};

}  // namespace

Result<Weather> parse_owm_response(long http_status, std::string_view body, const Location& asked) {
    if (http_status == 404) return fail(ErrorKind::not_found, "city not found");
    if (http_status == 401) return fail(ErrorKind::unauthorized, "invalid API key");
    if (http_status == 429) {
        Error e{ErrorKind::rate_limited, "rate limited", 60};
        return tl::unexpected(e);
    }
    if (http_status != 200)
        return fail(ErrorKind::bad_response, "upstream status " + std::to_string(http_status));
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded() || !j.contains("main"))
        return fail(ErrorKind::bad_response, "not the documented JSON");
    Weather w;
    w.location = asked;
    w.place_name = j.value("name", "");
    w.observed_at = j.value("dt", std::int64_t{0});
    w.temp = j["main"].value("temp", 0.0);
    if (j.contains("weather") && !j["weather"].empty()) {
        w.condition.code = j["weather"][0].value("id", 0);
        w.condition.main = j["weather"][0].value("main", "");
        w.condition.description = j["weather"][0].value("description", "");
    }
    return w;
}

std::unique_ptr<Provider> make_owm_provider(OwmConfig config) {
    return std::make_unique<StubOwmProvider>(std::move(config));
}

}  // namespace tenki

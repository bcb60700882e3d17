#include "providers/open_meteo_air/air.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <array>

#include <fmt/format.h>

#include "providers/open_meteo/detail.hpp"
#include "tenki/http/http.hpp"

namespace tenki {

namespace {

namespace air_detail = open_meteo_detail;

constexpr std::array<std::string_view, 6> k_air_pollutants = {
    "pm2_5", "pm10", "ozone", "nitrogen_dioxide", "sulphur_dioxide", "carbon_monoxide"};

std::string current_variables() {
    std::string out = "us_aqi,european_aqi";
    for (auto p : k_air_pollutants) out += fmt::format(",{}", p);
    for (auto p : k_air_pollutants) out += fmt::format(",us_aqi_{}", p);
    // The European AQI has no carbon monoxide sub-index.
    for (auto p : k_air_pollutants)
        if (p != "carbon_monoxide") out += fmt::format(",european_aqi_{}", p);
    return out;
}

void read_sub_indices(const nlohmann::json& current, std::string_view prefix,
                      std::vector<std::pair<std::string, double>>& out) {
    for (auto p : k_air_pollutants) {
        const auto key = fmt::format("{}_{}", prefix, p);
        if (auto v = air_detail::number(current, key.c_str())) out.emplace_back(std::string(p), *v);
    }
}

}  // namespace

std::string open_meteo_air_url(std::string_view base_url, double lat, double lon) {
    return fmt::format("{}/v1/air-quality?latitude={:.4f}&longitude={:.4f}&current={}", base_url, lat, lon,
                       current_variables());
}

Result<AirQuality> parse_open_meteo_air(long http_status, std::string_view body,
                                        std::optional<int> retry_after) {
    auto doc = air_detail::read_document(http_status, body, retry_after);
    if (!doc) return tl::unexpected(doc.error());
    const auto current = doc->find("current");
    if (current == doc->end() || !current->is_object())
        return tl::unexpected(air_detail::malformed_answer("an air-quality answer without `current`"));
    AirQuality air;
    const auto& c = *current;
    air.us_aqi = air_detail::number(c, "us_aqi");
    air.european_aqi = air_detail::number(c, "european_aqi");
    air.pm2_5 = air_detail::number(c, "pm2_5");
    air.pm10 = air_detail::number(c, "pm10");
    air.ozone = air_detail::number(c, "ozone");
    air.nitrogen_dioxide = air_detail::number(c, "nitrogen_dioxide");
    air.sulphur_dioxide = air_detail::number(c, "sulphur_dioxide");
    air.carbon_monoxide = air_detail::number(c, "carbon_monoxide");
    read_sub_indices(c, "us_aqi", air.us_sub_indices);
    read_sub_indices(c, "european_aqi", air.eu_sub_indices);
    if (const auto time = c.find("time"); time != c.end() && time->is_string())
        air.time = air_detail::parse_iso_minutes(time->get<std::string>()).value_or(0);
    return air;
}

Result<AirQuality> fetch_open_meteo_air(const OpenMeteoAirConfig& config, double lat, double lon) {
    HttpRequest request;
    request.url = open_meteo_air_url(config.base_url, lat, lon);
    request.url_env = "TENKI_OPENMETEO_AIR_URL";
    request.service = "Open-Meteo's air-quality API";
    request.connect_timeout = config.connect_timeout;
    request.total_timeout = config.total_timeout;
    request.verbose = config.verbose;
    auto response = http_get(request);
    if (!response) return tl::unexpected(response.error());
    return parse_open_meteo_air(response->status, response->body, response->retry_after);
}

}  // namespace tenki

// Open-Meteo's geocoding API for postal codes outside the US (no key needed):
// https://open-meteo.com/en/docs/geocoding-api. Its places are GeoNames', each with the postal
// codes GeoNames lists for it; an answer counts only when the code asked is among them.
#include <algorithm>
#include <string>

#include <fmt/core.h>

#include "providers/open_meteo/detail.hpp"
#include "providers/open_meteo/open_meteo.hpp"
#include "util/ascii.hpp"
#include "util/url.hpp"

namespace tenki {

namespace {

using nlohmann::json;

// "sw1a 1aa" -> "SW1A1AA": postal codes compared without case, spaces or hyphens.
std::string folded_code(std::string_view code) {
    std::string out;
    for (char c : code)
        if (c != ' ' && c != '-') out.push_back(util::to_upper(c));
    return out;
}

// Whether GeoNames' listed code is the one asked: the same code, or the asked code's outward part
// (before its space) for codes GeoNames lists by district only (GB "SW1A" for "SW1A 1AA").
bool same_code(std::string_view asked, std::string_view listed) {
    if (folded_code(asked) == folded_code(listed)) return true;
    const auto space = asked.find(' ');
    return space != std::string_view::npos && folded_code(asked.substr(0, space)) == folded_code(listed);
}

bool lists_code(const json& result, std::string_view code) {
    auto it = result.find("postcodes");
    if (it == result.end() || !it->is_array()) return false;
    return std::any_of(it->begin(), it->end(), [&](const json& listed) {
        return listed.is_string() && same_code(code, listed.get<std::string>());
    });
}

std::string text_of(const json& obj, const char* key) {
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

std::string open_meteo_geocoding_url(std::string_view base_url, std::string_view postal_code,
                                     std::string_view country) {
    while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
    return fmt::format("{}/v1/search?name={}&countryCode={}&count=10&language=en&format=json", base_url,
                       util::url_encode(postal_code), util::url_encode(util::upper(country)));
}

Result<GeocodedPostalCode> parse_open_meteo_geocoding(long http_status, std::string_view body,
                                                      const Location& asked, std::optional<int> retry_after) {
    auto doc = open_meteo_detail::read_document(http_status, body, retry_after, "geocoding");
    if (!doc) return tl::unexpected(doc.error());
    const auto country = util::upper(asked.country);
    auto results = doc->find("results");  // absent when nothing matched
    if (results != doc->end() && !results->is_array())
        return tl::unexpected(open_meteo_detail::malformed_answer("geocoding: results is not an array"));
    if (results != doc->end()) {
        for (const auto& r : *results) {
            if (!r.is_object() || text_of(r, "country_code") != country || !lists_code(r, asked.postal_code))
                continue;
            const auto lat = open_meteo_detail::number(r, "latitude");
            const auto lon = open_meteo_detail::number(r, "longitude");
            if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180)
                return tl::unexpected(
                    open_meteo_detail::malformed_answer("geocoding: a place without coordinates"));
            const auto id = open_meteo_detail::number(r, "id");
            GeocodedPostalCode found;
            found.name = text_of(r, "name");
            found.region = text_of(r, "admin1");
            found.lat = *lat;
            found.lon = *lon;
            found.geonames_id = id && *id > 0 && *id < 4294967296.0 ? static_cast<std::uint32_t>(*id) : 0;
            return found;
        }
    }
    return fail(ErrorKind::not_found,
                fmt::format("Open-Meteo's geocoding knows no postal code {} in {}; OpenWeatherMap knows the "
                            "postal codes of more countries: set an API key (OWM_API_KEY or --key-file)",
                            asked.postal_code, country));
}

}  // namespace tenki

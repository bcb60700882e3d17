#include "providers/nws/nws.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <array>
#include <utility>

#include <fmt/format.h>

#include "tenki/http/http.hpp"
#include "tenki/places/zipdb.hpp"
#include "tenki/version.hpp"
#include "util/ascii.hpp"
#include "util/time.hpp"

namespace tenki {

namespace {

constexpr std::array<std::string_view, 6> k_nws_countries = {"us", "pr", "gu", "vi", "as", "mp"};

std::string nws_string(const nlohmann::json& obj, const char* key) {
    const auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<AlertTime> nws_time(const nlohmann::json& obj, const char* key) {
    const auto text = nws_string(obj, key);
    return text.empty() ? std::nullopt : parse_alert_time(text);
}

Alert alert_of(const nlohmann::json& p) {
    Alert a;
    a.event = util::without_controls(nws_string(p, "event"));
    a.severity = parse_alert_severity(nws_string(p, "severity"));
    a.urgency = nws_string(p, "urgency");
    a.certainty = nws_string(p, "certainty");
    a.onset = nws_time(p, "onset");
    a.ends = nws_time(p, "ends");
    a.expires = nws_time(p, "expires");
    a.sender = util::without_controls(nws_string(p, "senderName"));
    a.headline = util::without_controls(nws_string(p, "headline"));
    a.description = nws_string(p, "description");
    a.instruction = nws_string(p, "instruction");
    a.area = util::without_controls(nws_string(p, "areaDesc"));
    return a;
}

Error nws_error(std::string_view why) {
    return Error{ErrorKind::bad_response, fmt::format("the NWS answered {}: try again later", why)};
}

}  // namespace

bool nws_covers(const Location& location) {
    for (auto country : k_nws_countries)
        if (util::iequals(location.country, country)) return true;
    return false;
}

std::string nws_alerts_url(std::string_view base_url, double lat, double lon) {
    // %.4f, then no trailing zeros: "40.7128,-74.006"; the NWS redirects a longer point.
    const auto trim = [](std::string s) {
        while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
            const bool dot = s.back() == '.';
            s.pop_back();
            if (dot) break;
        }
        return s == "-0" ? std::string("0") : s;
    };
    return fmt::format("{}/alerts/active?point={},{}", base_url, trim(fmt::format("{:.4f}", lat)),
                       trim(fmt::format("{:.4f}", lon)));
}

std::string nws_user_agent(std::string_view contact) {
    return fmt::format("tenki/{} ({})", version(), contact);
}

Result<AlertList> parse_nws_alerts(long http_status, std::string_view content_type, std::string_view body,
                                   std::int64_t now) {
    if (http_status == 429)
        return fail(ErrorKind::rate_limited,
                    "the NWS refused the request (429 Too Many Requests): try again later");
    const bool json = content_type.find("json") != std::string_view::npos;
    if (!json)
        return tl::unexpected(
            nws_error(fmt::format("with {} (HTTP {}), not JSON",
                                  content_type.empty() ? "no content type" : content_type, http_status)));
    auto doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return tl::unexpected(nws_error("something that is not JSON"));
    if (http_status != 200) {
        const auto detail = util::without_controls(nws_string(doc, "detail"));
        return tl::unexpected(
            nws_error(fmt::format("HTTP {}{}{}", http_status, detail.empty() ? "" : ": ", detail)));
    }
    const auto features = doc.find("features");
    if (features == doc.end() || !features->is_array())
        return tl::unexpected(nws_error("a document without a features array"));
    AlertList out;
    out.source = "NWS";
    for (const auto& feature : *features) {
        const auto props = feature.find("properties");
        if (feature.is_object() && props != feature.end() && props->is_object())
            out.alerts.push_back(alert_of(*props));
    }
    out.alerts = alerts_in_force(std::move(out.alerts), now);
    return out;
}

Result<AlertList> fetch_nws_alerts(const NwsConfig& config, const Location& location) {
    if (!nws_covers(location)) return fail(ErrorKind::not_found, "no alert source for this place");
    double lat = 0;
    double lon = 0;
    if (location.place) {
        lat = location.place->lat;
        lon = location.place->lon;
    } else {
        auto zip = find_us_zip(location.postal_code);
        if (!zip) return tl::unexpected(zip.error());
        lat = zip->lat;
        lon = zip->lon;
    }
    HttpRequest request;
    request.url = nws_alerts_url(config.base_url, lat, lon);
    request.url_env = "TENKI_NWS_URL";
    request.service = "the NWS";
    request.user_agent = nws_user_agent(config.contact);
    request.connect_timeout = config.connect_timeout;
    request.total_timeout = config.total_timeout;
    request.verbose = config.verbose;
    auto response = http_get(request);
    if (!response) return tl::unexpected(response.error());
    return parse_nws_alerts(response->status, response->content_type, response->body, util::unix_now());
}

}  // namespace tenki

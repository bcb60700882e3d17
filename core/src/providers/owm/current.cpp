#include "providers/owm/owm.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "providers/answered_place.hpp"
#include "providers/owm/detail.hpp"
#include "providers/owm/v1.hpp"
#include "providers/plausible.hpp"
#include "util/ascii.hpp"
#include "util/url.hpp"

namespace tenki {

namespace owm_detail {
namespace {

constexpr std::size_t k_max_quoted_message = 160;

// A UK postcode is its outward code, a space, and a 3-character inward code (digit, letter,
// letter): "SW1A 1AA", "M1 1AE", or written without the space, "SW1A1AA".
std::string_view uk_outward_code(std::string_view code) {
    if (const auto space = code.find(' '); space != std::string_view::npos) return code.substr(0, space);
    const bool has_inward = code.size() >= 5 && util::is_digit(code[code.size() - 3]) &&
                            util::is_letter(code[code.size() - 2]) && util::is_letter(code.back());
    return has_inward ? code.substr(0, code.size() - 3) : code;
}

// A Canadian postal code's forward sortation area: its first three characters ("K1A 0B1").
std::string_view canadian_fsa(std::string_view code) {
    return code.substr(0, std::min<std::size_t>(code.size(), 3));
}

struct PrefixRule {
    std::string_view country;
    std::string_view (*prefix)(std::string_view code);
};

// The countries OpenWeatherMap's zip lookup keys by a prefix of the postal code.
constexpr std::array k_prefix_keyed = {PrefixRule{"gb", uk_outward_code}, PrefixRule{"ca", canadian_fsa}};

// `cod` is 200 or "404" depending on the answer; anything else reads as absent.
std::optional<long> read_cod(const json& doc) {
    const auto it = doc.find("cod");
    if (it == doc.end()) return std::nullopt;
    if (it->is_number_integer()) return it->get<long>();
    if (it->is_string()) {
        const auto text = it->get<std::string>();
        if (text.empty() || text.size() > 4) return std::nullopt;
        long value = 0;
        for (char c : text) {
            if (!util::is_digit(c)) return std::nullopt;
            value = value * 10 + (c - '0');
        }
        return value;
    }
    return std::nullopt;
}

std::string upstream_says(const json& doc) {
    if (!doc.is_object()) return "";
    const auto it = doc.find("message");
    if (it == doc.end() || !it->is_string() || it->get<std::string>().empty()) return "";
    return fmt::format(" (OpenWeatherMap: {})",
                       util::printable(it->get<std::string>(), k_max_quoted_message));
}

// `received` says what came, as the user should read it: "HTTP 503", or "HTTP 200 with \"cod\": \"500\"".
tl::unexpected<Error> upstream_error(long status, const json& doc, const Location& asked,
                                     std::optional<int> retry_after, std::string_view received) {
    const auto says = upstream_says(doc);
    switch (status) {
        case 401:
            return fail(ErrorKind::unauthorized,
                        fmt::format("OpenWeatherMap rejected the API key{}; check OWM_API_KEY or "
                                    "~/.openweathermap.key (a new key can take hours to activate)",
                                    says));
        case 404: {
            // OpenWeatherMap's own 404 is its JSON with "cod"; any other (a web server's page, a
            // proxy's) says the base URL is wrong, not that the place is unknown.
            if (!doc.is_object() || !read_cod(doc))
                return fail(
                    ErrorKind::bad_response,
                    fmt::format("OpenWeatherMap's URL answered {} without OpenWeatherMap's JSON: check "
                                "the base URL (TENKI_OWM_URL, --owm-url)",
                                received));
            if (asked.place) {
                return fail(ErrorKind::not_found,
                            fmt::format("OpenWeatherMap has no weather for {}{}", asked.key(), says));
            }
            const auto zip = owm_zip_code(asked);
            const auto what =
                zip == asked.postal_code ? std::string() : fmt::format(" (tenki asked for its area {})", zip);
            return fail(ErrorKind::not_found,
                        fmt::format("OpenWeatherMap does not know postal code {} in {}{}{}; check the code "
                                    "and the country",
                                    asked.postal_code, util::upper(asked.country), what, says));
        }
        case 429:
            return tl::unexpected(
                Error{ErrorKind::rate_limited,
                      fmt::format("OpenWeatherMap is limiting requests for this API key{}; {}", says,
                                  wait_advice(retry_after, "wait a minute and try again")),
                      retry_after});
        default:
            return fail(ErrorKind::bad_response,
                        fmt::format("OpenWeatherMap answered {}{}; try again later", received, says));
    }
}

}  // namespace

std::string answered_country(const json& doc, const char* parent) {
    const auto outer = doc.find(parent);
    if (outer == doc.end() || !outer->is_object()) return {};
    const auto country = outer->find("country");
    return country != outer->end() && country->is_string() ? country->get<std::string>() : std::string();
}

Result<json> read_document(long http_status, std::string_view body, const Location& asked,
                           std::optional<int> retry_after) {
    auto doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
    auto status = http_status;
    auto received = fmt::format("HTTP {}", http_status);
    // A 200 that carries an error body ({"cod":"404",...}) is that error.
    if (status >= 200 && status < 300 && doc.is_object()) {
        if (const auto cod = read_cod(doc); cod && *cod != 200) {
            status = *cod;
            received = fmt::format("HTTP {} with \"cod\": {}", http_status, doc.at("cod").dump());
        }
    }
    if (status < 200 || status >= 300) return upstream_error(status, doc, asked, retry_after, received);
    if (doc.is_discarded()) {
        return fail(ErrorKind::bad_response,
                    "OpenWeatherMap answered something that is not JSON; try again later");
    }
    if (!doc.is_object()) {
        return fail(ErrorKind::bad_response,
                    fmt::format("OpenWeatherMap answered a JSON {}, not an object; try again later",
                                doc.type_name()));
    }
    return doc;
}

}  // namespace owm_detail

namespace {

using namespace owm_detail;

// weather[0], the one condition pyowm reads, in the vocabulary with OpenWeatherMap's own words.
Condition read_condition(const json* root, FieldReader& in) {
    Condition c;
    const auto* conditions = in.child(root, "weather");
    const json* first = nullptr;
    if (conditions == nullptr) {
        in.missing("weather");
    } else if (!conditions->is_array()) {
        in.wrong("weather", "an array", *conditions);
    } else if (conditions->empty()) {
        in.missing("weather[0]");
    } else {
        first = in.object(&conditions->front(), "weather[0]");
    }
    const auto* id = in.child(first, "id");
    c.kind = owm_condition_kind(in.required(in.small_integer(id, "weather[0].id"), id, "weather[0].id"));
    // Text shown as it is, so without what could rewrite a terminal or reorder a line.
    c.main = util::without_controls(in.text(in.child(first, "main"), "weather[0].main").value_or(""));
    c.description = util::without_controls(
        in.text(in.child(first, "description"), "weather[0].description").value_or(""));
    c.icon = util::without_controls(in.text(in.child(first, "icon"), "weather[0].icon").value_or(""));
    return c;
}

Weather read_weather(const json& doc, const Location& asked, FieldReader& in) {
    Weather w;
    w.location = asked;
    if (auto zip = owm_zip_code(asked); !asked.place && zip != asked.postal_code) w.area = std::move(zip);
    const json* root = &doc;
    w.place_name = util::without_controls(in.text(in.child(root, "name"), "name").value_or(""));
    const auto* coord = in.object(in.child(root, "coord"), "coord");
    w.lat = in.number(in.child(coord, "lat"), "coord.lat");
    w.lon = in.number(in.child(coord, "lon"), "coord.lon");
    w.timezone_offset = in.integer(in.child(root, "timezone"), "timezone");
    const auto* dt = in.child(root, "dt");
    w.observed_at = in.required(in.integer(dt, "dt"), dt, "dt");

    w.condition = read_condition(root, in);

    const auto* main = in.object(in.child(root, "main"), "main");
    const auto* temp = in.child(main, "temp");
    w.temp = in.required(in.number(temp, "main.temp"), temp, "main.temp");
    w.feels_like = in.number(in.child(main, "feels_like"), "main.feels_like");
    w.temp_min = in.number(in.child(main, "temp_min"), "main.temp_min");
    w.temp_max = in.number(in.child(main, "temp_max"), "main.temp_max");
    w.pressure = in.number(in.child(main, "pressure"), "main.pressure");
    w.sea_level = in.number(in.child(main, "sea_level"), "main.sea_level");
    w.humidity = in.small_integer(in.child(main, "humidity"), "main.humidity");
    w.visibility = in.small_integer(in.child(root, "visibility"), "visibility");

    const auto* wind = in.object(in.child(root, "wind"), "wind");
    w.wind_speed = in.number(in.child(wind, "speed"), "wind.speed");
    w.wind_deg = in.small_integer(in.child(wind, "deg"), "wind.deg");
    w.wind_gust = in.number(in.child(wind, "gust"), "wind.gust");
    const auto* clouds = in.object(in.child(root, "clouds"), "clouds");
    w.clouds = in.small_integer(in.child(clouds, "all"), "clouds.all");
    const auto* rain = in.object(in.child(root, "rain"), "rain");
    w.rain_1h = in.number(in.child(rain, "1h"), "rain.1h");
    w.rain_3h = in.number(in.child(rain, "3h"), "rain.3h");
    const auto* snow = in.object(in.child(root, "snow"), "snow");
    w.snow_1h = in.number(in.child(snow, "1h"), "snow.1h");
    w.snow_3h = in.number(in.child(snow, "3h"), "snow.3h");

    const auto* sys = in.object(in.child(root, "sys"), "sys");
    w.sunrise = real_instant(in.integer(in.child(sys, "sunrise"), "sys.sunrise"));
    w.sunset = real_instant(in.integer(in.child(sys, "sunset"), "sys.sunset"));
    w.source = std::string(k_owm_source);
    w.provider_part = owm_v1_part(doc);
    return w;
}

}  // namespace

std::string owm_zip_code(const Location& location) {
    const auto rule = std::find_if(k_prefix_keyed.begin(), k_prefix_keyed.end(),
                                   [&](const PrefixRule& r) { return r.country == location.country; });
    if (rule == k_prefix_keyed.end()) return location.postal_code;
    return std::string(rule->prefix(location.postal_code));
}

namespace {

// Plain decimals, never an exponent, to 6 places (about 0.1 m) without trailing zeros: "2.3488".
std::string owm_degrees(double degrees) {
    auto text = fmt::format("{:.6f}", degrees + 0.0);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text == "-0" ? "0" : text;
}

}  // namespace

std::string owm_place_query(const Location& location) {
    if (location.place)
        return fmt::format("lat={}&lon={}", owm_degrees(location.place->lat),
                           owm_degrees(location.place->lon));
    // The comma between code and country stays literal: it is the separator OpenWeatherMap
    // documents, and a sub-delimiter RFC 3986 allows in a query. Each part is encoded.
    return fmt::format("zip={},{}", util::url_encode(owm_zip_code(location)),
                       util::url_encode(location.country));
}

std::string owm_request_url(std::string_view base_url, const Location& location, std::string_view api_key) {
    while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
    return fmt::format("{}/data/2.5/weather?{}&appid={}", base_url, owm_place_query(location),
                       util::url_encode(api_key));
}

Result<Weather> parse_owm_response(long http_status, std::string_view body, const Location& asked,
                                   std::optional<int> retry_after) {
    auto doc = read_document(http_status, body, asked, retry_after);
    if (!doc) return tl::unexpected(doc.error());
    FieldReader reader;
    auto weather = read_weather(*doc, asked, reader);
    if (reader.problem()) {
        return fail(ErrorKind::bad_response,
                    fmt::format("OpenWeatherMap's answer is not the documented JSON: {}; try again later",
                                *reader.problem()));
    }
    return providers_detail::refuse_other_country(
        providers_detail::refuse_implausible(std::move(weather), "OpenWeatherMap's answer"),
        answered_country(*doc, "sys"), "OpenWeatherMap's answer");
}

}  // namespace tenki

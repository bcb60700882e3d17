#include "providers/open_meteo/open_meteo.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "providers/open_meteo/detail.hpp"
#include "providers/plausible.hpp"
#include "tenki/providers/table.hpp"

namespace tenki {

namespace {

using nlohmann::json;

constexpr std::string_view k_current_variables =
    "temperature_2m,relative_humidity_2m,apparent_temperature,is_day,precipitation,rain,snowfall,"
    "weather_code,cloud_cover,pressure_msl,wind_speed_10m,wind_direction_10m,wind_gusts_10m,uv_index,"
    "dew_point_2m";

// Open-Meteo: "7 cm snow = 10 mm precipitation water equivalent".
constexpr double k_snow_cm_to_water_mm = 10.0 / 7.0;

}  // namespace

namespace open_meteo_detail {

constexpr double k_kelvin_offset = 273.15;
constexpr std::size_t k_max_reason = 200;

std::optional<double> number(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_number()) return std::nullopt;
    return it->get<double>();
}

std::optional<int> rounded(std::optional<double> value) {
    // Percentages, degrees, codes: anything far outside an int is not a reading.
    if (!value || !std::isfinite(*value) || std::abs(*value) > 1e9) return std::nullopt;
    return static_cast<int>(std::lround(*value));
}

std::string unit_of(const json& doc, const char* key, const char* section) {
    auto units = doc.find(section);
    if (units == doc.end() || !units->is_object()) return {};
    auto it = units->find(key);
    return it != units->end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Converters to SI; nullopt for a unit tenki does not know. Kelvin to 2 places, OpenWeatherMap's
// own precision and exact for Open-Meteo's °C: 12.4 °C is 285.55 K, not 285.54999999999995.
std::optional<double> to_kelvin(double value, std::string_view unit) {
    if (unit.empty() || unit == "°C") return format::rounded(value + k_kelvin_offset, 2);
    if (unit == "°F") return format::rounded((value - 32.0) * 5.0 / 9.0 + k_kelvin_offset, 2);
    return std::nullopt;
}

std::optional<double> to_metres_per_second(double value, std::string_view unit) {
    if (unit.empty() || unit == "km/h") return value / 3.6;
    if (unit == "m/s") return value;
    if (unit == "mph") return value * 0.44704;
    if (unit == "kn") return value * 1852.0 / 3600.0;
    return std::nullopt;
}

std::optional<double> to_millimetres(double value, std::string_view unit) {
    if (unit.empty() || unit == "mm") return value;
    if (unit == "inch") return value * 25.4;
    return std::nullopt;
}

std::optional<double> to_centimetres(double value, std::string_view unit) {
    if (unit.empty() || unit == "cm") return value;
    if (unit == "inch") return value * 2.54;
    return std::nullopt;
}

namespace {

std::string truncated(std::string text) {
    if (text.size() > k_max_reason) text.replace(k_max_reason, std::string::npos, "...");
    return text;
}

std::optional<std::string> error_reason(const json& doc) {
    if (!doc.is_object() || !doc.contains("error")) return std::nullopt;
    const json& flag = doc["error"];
    if (!(flag.is_boolean() && flag.get<bool>())) return std::nullopt;
    auto reason = doc.find("reason");
    if (reason != doc.end() && reason->is_string()) return truncated(reason->get<std::string>());
    return std::string("no reason given");
}

// "the base URL (TENKI_OPENMETEO_URL, --open-meteo-url)", "the geocoding URL
// (TENKI_OPENMETEO_GEOCODING_URL)": the endpoint's row in the provider table.
std::string endpoint_advice(std::string_view endpoint) {
    const auto& row = provider_info(ProviderKind::open_meteo).endpoint(endpoint);
    if (row.option.empty()) return fmt::format("the {} URL ({})", row.name, row.env);
    return fmt::format("the {} URL ({}, --{})", row.name, row.env, row.option);
}

Error status_error(long status, const std::optional<std::string>& reason, std::optional<int> retry_after,
                   std::string_view endpoint) {
    std::string why = reason ? ": " + *reason : std::string();
    if (status == 429) {
        return {ErrorKind::rate_limited,
                fmt::format("Open-Meteo's rate limit is reached (HTTP 429){}; {}, or use an "
                            "OpenWeatherMap key with --provider owm",
                            why, wait_advice(retry_after, "wait a while")),
                retry_after};
    }
    if (status >= 500) {
        return {ErrorKind::bad_response,
                fmt::format("Open-Meteo failed (HTTP {}){}; try again later", status, why)};
    }
    if (!reason)  // Open-Meteo says why it refuses a request ({"error":true,"reason":...}): not Open-Meteo
        return {ErrorKind::bad_response,
                fmt::format("Open-Meteo's URL answered HTTP {} without Open-Meteo's error JSON: check {}",
                            status, endpoint_advice(endpoint))};
    return {ErrorKind::bad_response,
            fmt::format("Open-Meteo rejected tenki's request (HTTP {}){}; this is a bug in tenki or an API "
                        "change: please report it, or use --provider owm",
                        status, why)};
}

}  // namespace

Error malformed_answer(std::string_view what) {
    return {ErrorKind::bad_response,
            fmt::format("Open-Meteo answered something tenki cannot read ({}); try again later, or use "
                        "--provider owm",
                        what)};
}

// "2024-05-01T10:15" or "2024-05-01T10:15:30", read as UTC.
std::optional<std::int64_t> parse_iso_minutes(std::string_view text) {
    auto field = [&](std::size_t pos, std::size_t len) -> std::optional<int> {
        if (pos + len > text.size()) return std::nullopt;
        int value = 0;
        auto [end, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, value);
        if (ec != std::errc() || end != text.data() + pos + len) return std::nullopt;
        return value;
    };
    if (text.size() != 16 && text.size() != 19) return std::nullopt;
    if (text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':') return std::nullopt;
    auto y = field(0, 4), mo = field(5, 2), d = field(8, 2), h = field(11, 2), mi = field(14, 2);
    std::optional<int> s = 0;
    if (text.size() == 19) s = text[16] == ':' ? field(17, 2) : std::nullopt;
    if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 60) return std::nullopt;
    std::chrono::year_month_day date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*mo)},
                                     std::chrono::day{static_cast<unsigned>(*d)}};
    if (!date.ok()) return std::nullopt;
    std::int64_t days = std::chrono::sys_days{date}.time_since_epoch().count();
    return days * 86400 + *h * 3600 + *mi * 60 + *s;
}

Result<json> read_document(long http_status, std::string_view body, std::optional<int> retry_after,
                           std::string_view endpoint) {
    json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
    const bool is_json = !doc.is_discarded();
    auto reason = is_json ? error_reason(doc) : std::nullopt;
    if (http_status < 200 || http_status > 299)
        return tl::unexpected(status_error(http_status, reason, retry_after, endpoint));
    if (!is_json || !doc.is_object()) return tl::unexpected(malformed_answer("not a JSON object"));
    if (reason) return tl::unexpected(malformed_answer("an error with HTTP 200: " + *reason));
    return doc;
}

}  // namespace open_meteo_detail

namespace {

using namespace open_meteo_detail;

std::optional<std::int64_t> observed_at(const json& current, std::int64_t utc_offset) {
    auto it = current.find("time");
    if (it == current.end()) return std::nullopt;
    if (it->is_number_integer()) return it->get<std::int64_t>();  // timeformat=unixtime
    if (!it->is_string()) return std::nullopt;
    auto local = parse_iso_minutes(it->get<std::string>());
    if (!local) return std::nullopt;
    return *local - utc_offset;
}

// Rain and snow as hourly rates in mm; see the header.
void fill_precipitation(Weather& w, const json& doc, const json& current) {
    double per_hour = 1.0;
    if (auto interval = number(current, "interval"); interval && *interval > 0) per_hour = 3600.0 / *interval;
    std::optional<double> snow_mm;
    if (auto snow = number(current, "snowfall")) {
        if (auto cm = to_centimetres(*snow, unit_of(doc, "snowfall"))) snow_mm = *cm * k_snow_cm_to_water_mm;
    }
    std::optional<double> liquid;
    if (auto rain = number(current, "rain")) liquid = to_millimetres(*rain, unit_of(doc, "rain"));
    if (auto total = number(current, "precipitation")) {
        if (auto mm = to_millimetres(*total, unit_of(doc, "precipitation"))) {
            liquid = std::max(liquid.value_or(0.0), *mm - snow_mm.value_or(0.0));
        }
    }
    // To 3 places (0.001 mm): no float noise in any document, and an amount in hundredths of
    // an inch (0.01 in = 0.254 mm) keeps its exact value.
    if (liquid && *liquid > 0) w.rain_1h = format::rounded(*liquid * per_hour, 3);
    if (snow_mm && *snow_mm > 0) w.snow_1h = format::rounded(*snow_mm * per_hour, 3);
}

Result<Weather> parse_current(const json& doc, const Location& asked, const ZipInfo& place) {
    auto current_it = doc.find("current");
    if (current_it == doc.end() || !current_it->is_object())
        return tl::unexpected(malformed_answer("no `current`"));
    const json& current = *current_it;

    Weather w;
    name_place(w, asked, place);

    std::int64_t offset = 0;
    if (auto it = doc.find("utc_offset_seconds"); it != doc.end() && it->is_number_integer()) {
        offset = it->get<std::int64_t>();
        w.timezone_offset = offset;
    }
    auto when = observed_at(current, offset);
    if (!when) return tl::unexpected(malformed_answer("no readable `current.time`"));
    w.observed_at = *when;

    auto temp = number(current, "temperature_2m");
    const std::string temp_unit = unit_of(doc, "temperature_2m");
    auto kelvin = temp ? to_kelvin(*temp, temp_unit) : std::nullopt;
    if (!kelvin) return tl::unexpected(malformed_answer("no `current.temperature_2m` in °C or °F"));
    w.temp = *kelvin;
    if (auto feels = number(current, "apparent_temperature")) {
        w.feels_like = to_kelvin(*feels, unit_of(doc, "apparent_temperature"));
    }

    auto code = rounded(number(current, "weather_code"));
    auto is_day = rounded(number(current, "is_day"));
    w.condition = wmo_condition(code, is_day.value_or(1) != 0);

    w.humidity = rounded(number(current, "relative_humidity_2m"));
    w.clouds = rounded(number(current, "cloud_cover"));
    w.wind_deg = rounded(number(current, "wind_direction_10m"));
    if (auto p = number(current, "pressure_msl")) w.pressure = w.sea_level = *p;
    if (auto v = number(current, "wind_speed_10m")) {
        w.wind_speed = to_metres_per_second(*v, unit_of(doc, "wind_speed_10m"));
    }
    if (auto v = number(current, "wind_gusts_10m")) {
        w.wind_gust = to_metres_per_second(*v, unit_of(doc, "wind_gusts_10m"));
    }
    w.uv_index = number(current, "uv_index");
    if (auto dew = number(current, "dew_point_2m"))
        w.dew_point = to_kelvin(*dew, unit_of(doc, "dew_point_2m"));
    fill_precipitation(w, doc, current);
    return w;
}

}  // namespace

std::string open_meteo_request_url(std::string_view base_url, double lat, double lon) {
    while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
    return fmt::format(
        "{}/v1/forecast?latitude={:.4f}&longitude={:.4f}&current={}&timezone=auto&wind_speed_unit=ms",
        base_url, lat, lon, k_current_variables);
}

Result<Weather> parse_open_meteo_response(long http_status, std::string_view body, const Location& asked,
                                          const ZipInfo& place, std::optional<int> retry_after) {
    auto doc = open_meteo_detail::read_document(http_status, body, retry_after);
    if (!doc) return tl::unexpected(doc.error());
    return providers_detail::refuse_implausible(parse_current(*doc, asked, place), "Open-Meteo's answer");
}

}  // namespace tenki

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "providers/open_meteo/detail.hpp"
#include "providers/open_meteo/open_meteo.hpp"
#include "providers/plausible.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki {
namespace {

using nlohmann::json;
using namespace open_meteo_detail;

constexpr std::string_view k_hourly_variables =
    "temperature_2m,apparent_temperature,precipitation_probability,precipitation,weather_code,"
    "wind_speed_10m,wind_direction_10m,wind_gusts_10m,is_day,uv_index";
constexpr std::string_view k_daily_variables =
    "weather_code,temperature_2m_max,temperature_2m_min,precipitation_sum,precipitation_probability_max,"
    "wind_speed_10m_max,wind_gusts_10m_max,sunrise,sunset,uv_index_max";

// One of the `hourly` or `daily` blocks: column arrays indexed by row, with their units.
class Columns {
public:
    Columns(const json& doc, const json& block, const char* units_section)
        : m_doc(doc), m_block(block), m_units(units_section) {}

    const json* at(const char* key, std::size_t row) const {
        auto it = m_block.find(key);
        if (it == m_block.end() || !it->is_array() || row >= it->size()) return nullptr;
        const json& value = (*it)[row];
        return value.is_null() ? nullptr : &value;
    }

    std::optional<double> value(const char* key, std::size_t row) const {
        const json* v = at(key, row);
        return v != nullptr && v->is_number() ? std::optional<double>(v->get<double>()) : std::nullopt;
    }

    std::optional<double> kelvin(const char* key, std::size_t row) const {
        auto v = value(key, row);
        return v ? to_kelvin(*v, unit(key)) : std::nullopt;
    }
    std::optional<double> speed(const char* key, std::size_t row) const {
        auto v = value(key, row);
        return v ? to_metres_per_second(*v, unit(key)) : std::nullopt;
    }
    std::optional<double> millimetres(const char* key, std::size_t row) const {
        auto v = value(key, row);
        return v ? to_millimetres(*v, unit(key)) : std::nullopt;
    }

    // A local ISO time ("2024-06-03T14:00") as unix seconds, or unix seconds as given.
    std::optional<std::int64_t> instant(const char* key, std::size_t row, std::int64_t offset) const {
        const json* v = at(key, row);
        if (v == nullptr) return std::nullopt;
        if (v->is_number_integer()) return v->get<std::int64_t>();
        if (!v->is_string()) return std::nullopt;
        auto local = parse_iso_minutes(v->get<std::string>());
        return local ? std::optional<std::int64_t>(*local - offset) : std::nullopt;
    }

    std::optional<Condition> condition(std::size_t row, bool is_day) const {
        auto code = rounded(value("weather_code", row));
        if (!code) return std::nullopt;
        return wmo_condition(*code, is_day);
    }

private:
    std::string unit(const char* key) const { return unit_of(m_doc, key, m_units); }

    const json& m_doc;
    const json& m_block;
    const char* m_units;
};

const json* time_column(const json& doc, const char* block) {
    auto it = doc.find(block);
    if (it == doc.end() || !it->is_object()) return nullptr;
    auto time = it->find("time");
    return time != it->end() && time->is_array() ? &*it : nullptr;
}

ForecastStep read_step(const Columns& hourly, std::size_t row, std::int64_t time) {
    ForecastStep step;
    step.time = time;
    step.temp = hourly.kelvin("temperature_2m", row);
    step.feels_like = hourly.kelvin("apparent_temperature", row);
    step.precipitation_probability = rounded(hourly.value("precipitation_probability", row));
    step.precipitation = hourly.millimetres("precipitation", row);
    step.wind_speed = hourly.speed("wind_speed_10m", row);
    step.wind_gust = hourly.speed("wind_gusts_10m", row);
    step.wind_deg = rounded(hourly.value("wind_direction_10m", row));
    step.condition = hourly.condition(row, rounded(hourly.value("is_day", row)).value_or(1) != 0);
    step.uv_index = hourly.value("uv_index", row);
    return step;
}

ForecastDay read_day(const Columns& daily, std::size_t row, std::string date, std::int64_t offset) {
    ForecastDay day;
    day.date = std::move(date);
    day.temp_min = daily.kelvin("temperature_2m_min", row);
    day.temp_max = daily.kelvin("temperature_2m_max", row);
    day.condition = daily.condition(row, true);
    day.precipitation_sum = daily.millimetres("precipitation_sum", row);
    day.precipitation_probability_max = rounded(daily.value("precipitation_probability_max", row));
    day.wind_speed_max = daily.speed("wind_speed_10m_max", row);
    day.wind_gust_max = daily.speed("wind_gusts_10m_max", row);
    day.sunrise = daily.instant("sunrise", row, offset);
    day.sunset = daily.instant("sunset", row, offset);
    day.uv_index_max = daily.value("uv_index_max", row);
    return day;
}

bool is_iso_date(const std::string& text) {
    return text.size() == 10 && parse_iso_minutes(text + "T00:00").has_value();
}

Result<Forecast> read_forecast(const json& doc, const Location& asked, const ZipInfo& place) {
    const json* hourly_block = time_column(doc, "hourly");
    const json* daily_block = time_column(doc, "daily");
    if (hourly_block == nullptr || daily_block == nullptr)
        return tl::unexpected(malformed_answer("no `hourly.time` or `daily.time` array"));
    Forecast f;
    name_place(f, asked, place);
    f.step_seconds = 3600;
    if (auto it = doc.find("utc_offset_seconds"); it != doc.end() && it->is_number_integer())
        f.timezone_offset = it->get<std::int64_t>();
    if (auto it = doc.find("timezone"); it != doc.end() && it->is_string())
        f.timezone = it->get<std::string>();

    const Columns hourly(doc, *hourly_block, "hourly_units");
    for (std::size_t row = 0; row < (*hourly_block)["time"].size(); ++row) {
        auto time = hourly.instant("time", row, f.timezone_offset);
        if (!time) return tl::unexpected(malformed_answer(fmt::format("hourly.time[{}] is not a time", row)));
        f.hourly.push_back(read_step(hourly, row, *time));
    }
    const Columns daily(doc, *daily_block, "daily_units");
    for (std::size_t row = 0; row < (*daily_block)["time"].size(); ++row) {
        const json* date = daily.at("time", row);
        if (date == nullptr || !date->is_string() || !is_iso_date(date->get<std::string>()))
            return tl::unexpected(malformed_answer(fmt::format("daily.time[{}] is not a date", row)));
        f.daily.push_back(read_day(daily, row, date->get<std::string>(), f.timezone_offset));
    }
    return f;
}

}  // namespace

std::string open_meteo_forecast_url(std::string_view base_url, double lat, double lon) {
    while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
    return fmt::format(
        "{}/v1/forecast?latitude={:.4f}&longitude={:.4f}&hourly={}&daily={}&timezone=auto&wind_speed_unit=ms"
        "&forecast_days={}&forecast_hours={}",
        base_url, lat, lon, k_hourly_variables, k_daily_variables, k_max_forecast_days,
        k_max_forecast_hours + 1);  // its first step, the current hour's, covers the hour just ended
}

Result<Forecast> parse_open_meteo_forecast(long http_status, std::string_view body, const Location& asked,
                                           const ZipInfo& place, std::optional<int> retry_after) {
    auto doc = read_document(http_status, body, retry_after);
    if (!doc) return tl::unexpected(doc.error());
    return providers_detail::refuse_implausible(read_forecast(*doc, asked, place), "Open-Meteo's forecast");
}

}  // namespace tenki

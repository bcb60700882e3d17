#include "tenki/domain/forecast.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include <fmt/format.h>

#include "util/json.hpp"

namespace tenki {
namespace {

using nlohmann::json;
using util::or_null;
using util::read_optional;

// Thunderstorm > snow > rain > drizzle > fog and haze > clouds > clear, by OpenWeatherMap group.
int severity(const Condition& c) {
    // An unknown condition (no code) is the least severe.
    const int code = owm_condition_id(c).value_or(0);
    const int group = code / 100;
    switch (group) {
        case 2: return 6;
        case 6: return 5;
        case 5: return 4;
        case 3: return 3;
        case 7: return 2;
        case 8: return code == 800 ? 0 : 1;
        default: return -1;
    }
}

bool more_severe(const Condition& a, const Condition& b) {
    const int sa = severity(a), sb = severity(b);
    return sa != sb ? sa > sb : owm_condition_id(a).value_or(0) > owm_condition_id(b).value_or(0);
}

template <typename T>
void keep_max(std::optional<T>& slot, const std::optional<T>& value) {
    if (value && (!slot || *value > *slot)) slot = value;
}

template <typename T>
void keep_min(std::optional<T>& slot, const std::optional<T>& value) {
    if (value && (!slot || *value < *slot)) slot = value;
}

// The values of the step's instant: temperature, wind, condition.
void add_instant(ForecastDay& day, const ForecastStep& step, int hours) {
    keep_min(day.temp_min, step.temp);
    keep_max(day.temp_max, step.temp);
    keep_max(day.wind_speed_max, step.wind_speed);
    keep_max(day.wind_gust_max, step.wind_gust);
    if (step.condition && (!day.condition || more_severe(*step.condition, *day.condition))) {
        day.condition = step.condition;
        // A day's symbol is the day one, whatever hour was worst.
        if (!day.condition->icon.empty()) day.condition->icon.back() = 'd';
    }
    day.hours_covered = day.hours_covered.value_or(0) + hours;
}

// The values of the interval before the instant, `share` of which falls on the day.
void add_interval(ForecastDay& day, const ForecastStep& step, double share) {
    keep_max(day.precipitation_probability_max, step.precipitation_probability);
    if (step.precipitation) {
        day.precipitation_sum = day.precipitation_sum.value_or(0.0) + *step.precipitation * share;
    }
}

constexpr std::int64_t k_day_seconds = 86400;

}  // namespace

void to_json(json& j, const ForecastStep& s) {
    j = json{{"time", s.time},
             {"temp", or_null(s.temp)},
             {"feels_like", or_null(s.feels_like)},
             {"precipitation_probability", or_null(s.precipitation_probability)},
             {"precipitation", or_null(s.precipitation)},
             {"wind_speed", or_null(s.wind_speed)},
             {"wind_gust", or_null(s.wind_gust)},
             {"wind_deg", or_null(s.wind_deg)},
             {"condition", or_null(s.condition)},
             {"uv_index", or_null(s.uv_index)}};
}

void from_json(const json& j, ForecastStep& s) {
    s.time = j.at("time").get<std::int64_t>();
    read_optional(j, "temp", s.temp);
    read_optional(j, "feels_like", s.feels_like);
    read_optional(j, "precipitation_probability", s.precipitation_probability);
    read_optional(j, "precipitation", s.precipitation);
    read_optional(j, "wind_speed", s.wind_speed);
    read_optional(j, "wind_gust", s.wind_gust);
    read_optional(j, "wind_deg", s.wind_deg);
    read_optional(j, "condition", s.condition);
    read_optional(j, "uv_index", s.uv_index);
}

void to_json(json& j, const ForecastDay& d) {
    j = json{{"date", d.date},
             {"temp_min", or_null(d.temp_min)},
             {"temp_max", or_null(d.temp_max)},
             {"condition", or_null(d.condition)},
             {"precipitation_sum", or_null(d.precipitation_sum)},
             {"precipitation_probability_max", or_null(d.precipitation_probability_max)},
             {"wind_speed_max", or_null(d.wind_speed_max)},
             {"wind_gust_max", or_null(d.wind_gust_max)},
             {"sunrise", or_null(d.sunrise)},
             {"sunset", or_null(d.sunset)},
             {"uv_index_max", or_null(d.uv_index_max)},
             {"hours_covered", or_null(d.hours_covered)}};
}

void from_json(const json& j, ForecastDay& d) {
    d.date = j.at("date").get<std::string>();
    read_optional(j, "temp_min", d.temp_min);
    read_optional(j, "temp_max", d.temp_max);
    read_optional(j, "condition", d.condition);
    read_optional(j, "precipitation_sum", d.precipitation_sum);
    read_optional(j, "precipitation_probability_max", d.precipitation_probability_max);
    read_optional(j, "wind_speed_max", d.wind_speed_max);
    read_optional(j, "wind_gust_max", d.wind_gust_max);
    read_optional(j, "sunrise", d.sunrise);
    read_optional(j, "sunset", d.sunset);
    read_optional(j, "uv_index_max", d.uv_index_max);
    read_optional(j, "hours_covered", d.hours_covered);
}

void to_json(json& j, const Forecast& f) {
    j = json{{"location", f.location},
             {"place_name", f.place_name},
             {"place_region", f.place_region},
             {"lat", or_null(f.lat)},
             {"lon", or_null(f.lon)},
             {"timezone_offset", f.timezone_offset},
             {"timezone", f.timezone},
             {"step_seconds", f.step_seconds},
             {"hourly", f.hourly},
             {"daily", f.daily},
             {"source", f.source}};
}

void from_json(const json& j, Forecast& f) {
    f.location = j.at("location").get<Location>();
    f.place_name = j.value("place_name", std::string());
    f.place_region = j.value("place_region", std::string());
    read_optional(j, "lat", f.lat);
    read_optional(j, "lon", f.lon);
    f.timezone_offset = j.at("timezone_offset").get<std::int64_t>();
    f.timezone = j.value("timezone", std::string());
    f.step_seconds = j.value("step_seconds", std::int64_t{3600});
    f.hourly = j.at("hourly").get<std::vector<ForecastStep>>();
    f.daily = j.at("daily").get<std::vector<ForecastDay>>();
    f.source = j.value("source", std::string());
}

Result<Forecast> parse_forecast_json(std::string_view text) {
    try {
        return json::parse(text).get<Forecast>();
    } catch (const json::exception& e) {
        return fail(ErrorKind::bad_response, std::string("not a tenki forecast record: ") + e.what());
    }
}

std::string local_date(std::int64_t unix_seconds, std::int64_t offset_seconds) {
    using namespace std::chrono;
    const sys_seconds local{seconds(unix_seconds + offset_seconds)};
    const year_month_day ymd{floor<days>(local)};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

std::vector<ForecastDay> daily_from_steps(const std::vector<ForecastStep>& steps, std::int64_t step_seconds,
                                          std::int64_t offset_seconds) {
    std::map<std::string, ForecastDay> by_date;
    const int step_hours = static_cast<int>(std::max<std::int64_t>(step_seconds / 3600, 1));
    for (const auto& step : steps) {
        auto date = local_date(step.time, offset_seconds);
        by_date[date].date = date;
        add_instant(by_date[date], step, step_hours);
    }
    // Precipitation and its probability are for the step before each instant (both providers):
    // an interval across local midnight is shared by its dates, time-weighted, among the dates
    // the forecast has; what falls before the first one counts on the instant's date.
    for (const auto& step : steps) {
        const auto instant_date = local_date(step.time, offset_seconds);
        const std::int64_t start = step.time - step_seconds;
        const std::int64_t local_end = step.time + offset_seconds;
        const std::int64_t midnight =
            step.time - (((local_end % k_day_seconds) + k_day_seconds) % k_day_seconds);
        auto add_to = [&](const std::string& date, double share) {
            if (share <= 0) return;
            auto it = by_date.find(date);
            add_interval(it != by_date.end() ? it->second : by_date[instant_date], step, share);
        };
        if (midnight > start && midnight < step.time) {
            const double after =
                static_cast<double>(step.time - midnight) / static_cast<double>(step_seconds);
            add_to(instant_date, after);
            add_to(local_date(start, offset_seconds), 1.0 - after);
        } else {
            add_to(local_date(step.time - 1, offset_seconds), 1.0);
        }
    }
    std::vector<ForecastDay> days;
    days.reserve(by_date.size());
    for (auto& [date, day] : by_date) days.push_back(std::move(day));
    return days;
}

Forecast forecast_window(const Forecast& forecast, std::int64_t now, int days, int hours) {
    Forecast out = forecast;
    out.hourly.clear();
    out.daily.clear();
    const std::int64_t step = std::max<std::int64_t>(forecast.step_seconds, 1);
    const auto steps = static_cast<std::size_t>((std::max(hours, 0) * 3600 + step - 1) / step);
    for (const auto& s : forecast.hourly) {
        if (s.time <= now) continue;  // a step covers the hours ending at its time: gone by then
        if (out.hourly.size() >= steps) break;
        out.hourly.push_back(s);
    }
    const auto today = local_date(now, forecast.timezone_offset);
    for (const auto& day : forecast.daily) {
        if (day.date < today) continue;
        if (static_cast<int>(out.daily.size()) >= days) break;
        out.daily.push_back(day);
    }
    return out;
}

}  // namespace tenki

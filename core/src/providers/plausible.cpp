#include "providers/plausible.hpp"

#include <cstdint>
#include <string_view>

#include <fmt/core.h>

namespace tenki::providers_detail {

namespace {

// A value's closed range, and how the message names it.
struct Bounds {
    double low, high;
    std::string_view unit;
};

constexpr Bounds k_instant{946684800, 4102444800, "unix seconds (2000-2100)"};
constexpr Bounds k_kelvin{150, 350, "K"};
constexpr Bounds k_percent{0, 100, "%"};
constexpr Bounds k_hpa{300, 1200, "hPa"};
constexpr Bounds k_wind{0, 150, "m/s"};
constexpr Bounds k_degrees{0, 360, "°"};
constexpr Bounds k_mm{0, 2000, "mm"};
constexpr std::int64_t k_max_offset = 18 * 3600;
constexpr std::size_t k_max_steps = 1000;
constexpr std::size_t k_max_days = 100;

// Collects the first value out of its range.
class RangeCheck {
public:
    template <typename T>
    void operator()(std::string_view what, const std::optional<T>& value, const Bounds& bounds) {
        if (m_problem || !value) return;
        const auto v = static_cast<double>(*value);
        if (v >= bounds.low && v <= bounds.high) return;
        m_problem =
            fmt::format("{} {} is outside {}-{} {}", what, *value, bounds.low, bounds.high, bounds.unit);
    }

    void offset(std::string_view what, std::optional<std::int64_t> seconds) {
        if (m_problem || !seconds || (*seconds >= -k_max_offset && *seconds <= k_max_offset)) return;
        m_problem = fmt::format("{} {} s is outside ±18 h", what, *seconds);
    }

    void fail(std::string message) {
        if (!m_problem) m_problem = std::move(message);
    }

    std::optional<std::string> problem() const { return m_problem; }

private:
    std::optional<std::string> m_problem;
};

void check_place(RangeCheck& check, std::optional<double> lat, std::optional<double> lon) {
    check("the latitude", lat, Bounds{-90, 90, "°"});
    check("the longitude", lon, Bounds{-180, 180, "°"});
}

void check_step(RangeCheck& check, const ForecastStep& s) {
    check("a step's time", std::optional<std::int64_t>(s.time), k_instant);
    check("a step's temperature", s.temp, k_kelvin);
    check("a step's felt temperature", s.feels_like, k_kelvin);
    check("a step's chance of precipitation", s.precipitation_probability, k_percent);
    check("a step's precipitation", s.precipitation, k_mm);
    check("a step's wind speed", s.wind_speed, k_wind);
    check("a step's wind gust", s.wind_gust, k_wind);
    check("a step's wind direction", s.wind_deg, k_degrees);
    check("a step's UV index", s.uv_index, Bounds{0, 30, ""});
}

void check_day(RangeCheck& check, const ForecastDay& d) {
    check("a day's lowest temperature", d.temp_min, k_kelvin);
    check("a day's highest temperature", d.temp_max, k_kelvin);
    check("a day's precipitation", d.precipitation_sum, Bounds{0, 5000, "mm"});
    check("a day's chance of precipitation", d.precipitation_probability_max, k_percent);
    check("a day's highest wind", d.wind_speed_max, k_wind);
    check("a day's highest gust", d.wind_gust_max, k_wind);
    check("a day's sunrise", d.sunrise, k_instant);
    check("a day's sunset", d.sunset, k_instant);
    check("a day's UV index", d.uv_index_max, Bounds{0, 30, ""});
    check("a day's hours", d.hours_covered, Bounds{1, 24, "h"});
}

}  // namespace

std::optional<std::string> implausible(const Weather& w) {
    RangeCheck check;
    check_place(check, w.lat, w.lon);
    check.offset("the time zone offset", w.timezone_offset);
    check("the observation time", std::optional<std::int64_t>(w.observed_at), k_instant);
    check("the temperature", std::optional<double>(w.temp), k_kelvin);
    check("the felt temperature", w.feels_like, k_kelvin);
    check("the lowest temperature", w.temp_min, k_kelvin);
    check("the highest temperature", w.temp_max, k_kelvin);
    check("the humidity", w.humidity, k_percent);
    check("the pressure", w.pressure, k_hpa);
    check("the sea-level pressure", w.sea_level, k_hpa);
    check("the wind speed", w.wind_speed, k_wind);
    check("the wind gust", w.wind_gust, k_wind);
    check("the wind direction", w.wind_deg, k_degrees);
    check("the cloud cover", w.clouds, k_percent);
    check("the visibility", w.visibility, Bounds{0, 1e6, "m"});
    check("the rain of the last hour", w.rain_1h, k_mm);
    check("the snow of the last hour", w.snow_1h, k_mm);
    check("the rain of the last 3 hours", w.rain_3h, k_mm);
    check("the snow of the last 3 hours", w.snow_3h, k_mm);
    check("the sunrise", w.sunrise, k_instant);
    check("the sunset", w.sunset, k_instant);
    check("the UV index", w.uv_index, Bounds{0, 30, ""});
    check("the dew point", w.dew_point, k_kelvin);
    return check.problem();
}

std::optional<std::string> implausible(const Forecast& f) {
    RangeCheck check;
    check_place(check, f.lat, f.lon);
    check.offset("the time zone offset", std::optional<std::int64_t>(f.timezone_offset));
    if (f.hourly.size() > k_max_steps)
        check.fail(fmt::format("{} steps are more than {}", f.hourly.size(), k_max_steps));
    if (f.daily.size() > k_max_days)
        check.fail(fmt::format("{} days are more than {}", f.daily.size(), k_max_days));
    for (std::size_t i = 0; i < f.hourly.size(); ++i) {
        check_step(check, f.hourly[i]);
        if (i > 0 && f.hourly[i].time <= f.hourly[i - 1].time)
            check.fail(fmt::format("step {} is at {}, not after the step before it ({})", i, f.hourly[i].time,
                                   f.hourly[i - 1].time));
    }
    for (std::size_t i = 0; i < f.daily.size(); ++i) {
        check_day(check, f.daily[i]);
        if (f.daily[i].date < "2000-01-01" || f.daily[i].date >= "2100-01-01")
            check.fail(fmt::format("a day's date {} is outside 2000-2100", f.daily[i].date));
        if (i > 0 && f.daily[i].date <= f.daily[i - 1].date)
            check.fail(fmt::format("day {} is {}, not after the day before it ({})", i, f.daily[i].date,
                                   f.daily[i - 1].date));
    }
    return check.problem();
}

namespace {

template <typename T>
Result<T> refuse(Result<T> answer, std::string_view whose) {
    if (!answer) return answer;
    if (auto why = implausible(*answer))
        return fail(ErrorKind::bad_response,
                    fmt::format("{} cannot be real weather: {}; try again later", whose, *why));
    return answer;
}

}  // namespace

Result<Weather> refuse_implausible(Result<Weather> answer, std::string_view whose) {
    return refuse(std::move(answer), whose);
}

Result<Forecast> refuse_implausible(Result<Forecast> answer, std::string_view whose) {
    return refuse(std::move(answer), whose);
}

}  // namespace tenki::providers_detail

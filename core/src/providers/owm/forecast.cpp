#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "providers/answered_place.hpp"
#include "providers/owm/detail.hpp"
#include "providers/owm/owm.hpp"
#include "providers/plausible.hpp"
#include "tenki/util/nlohmann_json.hpp"
#include "util/url.hpp"

namespace tenki {
namespace {

using namespace owm_detail;

constexpr std::int64_t k_step_seconds = 3 * 3600;

std::optional<Condition> read_condition(const json* step, FieldReader& in, std::string_view path) {
    const auto* conditions = in.child(step, "weather");
    if (conditions == nullptr) return std::nullopt;
    if (!conditions->is_array()) {
        in.wrong(fmt::format("{}.weather", path), "an array", *conditions);
        return std::nullopt;
    }
    if (conditions->empty()) return std::nullopt;
    const auto* first = in.object(&conditions->front(), path);
    const auto id = in.small_integer(in.child(first, "id"), "weather[0].id");
    if (!id) return std::nullopt;
    Condition c;
    c.kind = owm_condition_kind(*id);
    c.main = in.text(in.child(first, "main"), "weather[0].main").value_or("");
    c.description = in.text(in.child(first, "description"), "weather[0].description").value_or("");
    c.icon = in.text(in.child(first, "icon"), "weather[0].icon").value_or("");
    return c;
}

// Rain and snow (water) for the 3 hours before the step; nullopt when it gave neither.
std::optional<double> read_precipitation(const json* step, FieldReader& in) {
    const auto rain = in.number(in.child(in.object(in.child(step, "rain"), "rain"), "3h"), "rain.3h");
    const auto snow = in.number(in.child(in.object(in.child(step, "snow"), "snow"), "3h"), "snow.3h");
    if (!rain && !snow) return std::nullopt;
    return rain.value_or(0.0) + snow.value_or(0.0);
}

ForecastStep read_step(const json& entry, std::size_t index, FieldReader& in) {
    const std::string path = fmt::format("list[{}]", index);
    const json* step = in.object(&entry, path);
    ForecastStep s;
    const auto* dt = in.child(step, "dt");
    s.time = in.required(in.integer(dt, path + ".dt"), dt, path + ".dt");
    const auto* main = in.object(in.child(step, "main"), "main");
    s.temp = in.number(in.child(main, "temp"), "main.temp");
    s.feels_like = in.number(in.child(main, "feels_like"), "main.feels_like");
    if (auto pop = in.number(in.child(step, "pop"), "pop")) {
        s.precipitation_probability = static_cast<int>(std::lround(std::clamp(*pop, 0.0, 1.0) * 100.0));
    }
    s.precipitation = read_precipitation(step, in);
    const auto* wind = in.object(in.child(step, "wind"), "wind");
    s.wind_speed = in.number(in.child(wind, "speed"), "wind.speed");
    s.wind_gust = in.number(in.child(wind, "gust"), "wind.gust");
    s.wind_deg = in.small_integer(in.child(wind, "deg"), "wind.deg");
    s.condition = read_condition(step, in, path);
    return s;
}

void place_sun(Forecast& f, std::optional<std::int64_t> when,
               std::optional<std::int64_t> ForecastDay::*slot) {
    if (!when || *when == 0) return;  // polar day or night: 0 is no time at all
    const auto date = local_date(*when, f.timezone_offset);
    for (auto& day : f.daily) {
        if (day.date == date) day.*slot = when;
    }
}

Forecast read_forecast(const json& doc, const Location& asked, FieldReader& in) {
    Forecast f;
    f.location = asked;
    f.source = "openweathermap";
    f.step_seconds = k_step_seconds;
    const auto* city = in.object(in.child(&doc, "city"), "city");
    f.place_name = in.text(in.child(city, "name"), "city.name").value_or("");
    const auto* coord = in.object(in.child(city, "coord"), "city.coord");
    f.lat = in.number(in.child(coord, "lat"), "city.coord.lat");
    f.lon = in.number(in.child(coord, "lon"), "city.coord.lon");
    const auto* offset = in.child(city, "timezone");
    f.timezone_offset = in.required(in.integer(offset, "city.timezone"), offset, "city.timezone");

    const auto* list = in.child(&doc, "list");
    std::vector<ForecastStep> steps;
    if (list == nullptr) {
        in.missing("list");
    } else if (!list->is_array()) {
        in.wrong("list", "an array", *list);
    } else {
        for (std::size_t i = 0; i < list->size(); ++i) steps.push_back(read_step((*list)[i], i, in));
    }
    std::sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
    f.daily = daily_from_steps(steps, k_step_seconds, f.timezone_offset);
    place_sun(f, in.integer(in.child(city, "sunrise"), "city.sunrise"), &ForecastDay::sunrise);
    place_sun(f, in.integer(in.child(city, "sunset"), "city.sunset"), &ForecastDay::sunset);
    for (auto& step : steps) {
        if (step.time - steps.front().time >= k_max_forecast_hours * 3600) break;
        f.hourly.push_back(std::move(step));
    }
    return f;
}

}  // namespace

std::string owm_forecast_url(std::string_view base_url, const Location& location, std::string_view api_key) {
    while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
    // Asked as for current weather: by coordinates, or the part of the code OpenWeatherMap knows.
    return fmt::format("{}/data/2.5/forecast?{}&appid={}", base_url, owm_place_query(location),
                       util::url_encode(api_key));
}

Result<Forecast> parse_owm_forecast(long http_status, std::string_view body, const Location& asked,
                                    std::optional<int> retry_after) {
    auto doc = read_document(http_status, body, asked, retry_after);
    if (!doc) return tl::unexpected(doc.error());
    FieldReader reader;
    auto forecast = read_forecast(*doc, asked, reader);
    if (reader.problem()) {
        return fail(ErrorKind::bad_response,
                    fmt::format("OpenWeatherMap's forecast is not the documented JSON: {}; try again later",
                                *reader.problem()));
    }
    return providers_detail::refuse_other_country(
        providers_detail::refuse_implausible(std::move(forecast), "OpenWeatherMap's forecast"),
        answered_country(*doc, "city"), "OpenWeatherMap's forecast");
}

}  // namespace tenki

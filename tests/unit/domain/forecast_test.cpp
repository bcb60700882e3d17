#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "tenki/domain/forecast.hpp"

using namespace tenki;

namespace {

// 2024-01-15T00:00:00Z
constexpr std::int64_t k_jan15 = 1705276800;

ForecastStep step_at(std::int64_t time, double kelvin, std::optional<double> mm = std::nullopt,
                     std::optional<int> pop = std::nullopt) {
    ForecastStep s;
    s.time = time;
    s.temp = kelvin;
    s.precipitation = mm;
    s.precipitation_probability = pop;
    return s;
}

}  // namespace

TEST_CASE("forecast: JSON keeps every field, and absent ones stay absent", "[forecast]") {
    Forecast f;
    f.location = {"94107", "us"};
    f.place_name = "San Francisco";
    f.lat = 37.7;
    f.timezone_offset = -28800;
    f.timezone = "America/Los_Angeles";
    f.source = "open-meteo";
    ForecastStep s = step_at(k_jan15, 280.5, 0.0, 0);
    s.wind_deg = 250;
    s.condition = Condition{ConditionKind::light_rain, "Rain", "light rain", "10d"};
    f.hourly = {s, step_at(k_jan15 + 3600, 281.0)};
    ForecastDay d;
    d.date = "2024-01-14";
    d.temp_min = 279.0;
    d.sunrise = k_jan15 - 20000;
    d.uv_index_max = 2.5;
    f.daily = {d, ForecastDay{"2024-01-15"}};

    const nlohmann::json j = f;
    CHECK(j["lon"].is_null());
    CHECK(j["hourly"][1]["precipitation"].is_null());
    CHECK(j["hourly"][0]["precipitation"] == 0.0);  // a given zero stays zero
    CHECK(j["daily"][1]["condition"].is_null());
    auto back = parse_forecast_json(j.dump());
    REQUIRE(back);
    CHECK(*back == f);
}

TEST_CASE("forecast: a corrupt record is bad_response, not an exception", "[forecast]") {
    CHECK(parse_forecast_json("{").error().kind == ErrorKind::bad_response);
    CHECK(parse_forecast_json(R"({"location":{"postal_code":"1","country":"us"}})").error().kind ==
          ErrorKind::bad_response);
    CHECK(
        parse_forecast_json(
            R"({"location":{"postal_code":"1","country":"us"},"timezone_offset":0,"hourly":[{"time":"x"}],"daily":[]})")
            .error()
            .kind == ErrorKind::bad_response);
}

TEST_CASE("forecast: local dates east and west of UTC", "[forecast]") {
    CHECK(local_date(k_jan15, 0) == "2024-01-15");
    CHECK(local_date(k_jan15, -28800) == "2024-01-14");
    CHECK(local_date(k_jan15 - 20700, 20700) == "2024-01-15");
    CHECK(local_date(k_jan15 - 20701, 20700) == "2024-01-14");
}

TEST_CASE("forecast: 3-hourly steps become days at local midnight in UTC-08:00", "[forecast]") {
    constexpr std::int64_t k_offset = -8 * 3600;
    // Local 2024-01-14 18:00, 21:00, then 2024-01-15 00:00, 03:00.
    const std::int64_t first = k_jan15 + 2 * 3600;
    std::vector<ForecastStep> steps = {
        step_at(first, 280, 1.0, 30), step_at(first + 10800, 278, std::nullopt, 10),
        step_at(first + 21600, 275, 0.6, 70), step_at(first + 32400, 277, 0.3, 20)};
    auto days = daily_from_steps(steps, 10800, k_offset);
    REQUIRE(days.size() == 2);
    CHECK(days[0].date == "2024-01-14");
    CHECK(days[0].temp_min == 278);
    CHECK(days[0].temp_max == 280);
    CHECK(days[0].hours_covered == 6);
    // The 00:00 step's rain fell from 21:00 to 24:00: the 14th's.
    CHECK(days[0].precipitation_sum.value() == Approx(1.6));
    CHECK(days[0].precipitation_probability_max == 70);
    CHECK(days[1].date == "2024-01-15");
    CHECK(days[1].temp_min == 275);
    CHECK(days[1].temp_max == 277);
    CHECK(days[1].precipitation_sum.value() == Approx(0.3));
    CHECK(days[1].precipitation_probability_max == 20);
}

TEST_CASE("forecast: a step across local midnight in UTC+05:45 shares its rain by time", "[forecast]") {
    constexpr std::int64_t k_offset = 5 * 3600 + 45 * 60;
    // UTC 15:00 and 18:00 on the 14th: local 20:45 on the 14th and 23:45, then 02:45 on the 15th.
    const std::int64_t first = k_jan15 - 9 * 3600;
    std::vector<ForecastStep> steps = {step_at(first, 285), step_at(first + 10800, 283, 0.0, 0),
                                       step_at(first + 21600, 281, 1.2, 90)};
    auto days = daily_from_steps(steps, 10800, k_offset);
    REQUIRE(days.size() == 2);
    CHECK(days[0].date == "2024-01-14");
    CHECK(days[0].temp_min == 283);
    CHECK(days[0].temp_max == 285);
    // 23:45-02:45: a quarter of an hour of the three is the 14th's.
    CHECK(days[0].precipitation_sum.value() == Approx(0.1));
    CHECK(days[0].precipitation_probability_max == 90);
    CHECK(days[1].date == "2024-01-15");
    CHECK(days[1].temp_min == 281);
    CHECK(days[1].precipitation_sum.value() == Approx(1.1));
    CHECK(days[1].hours_covered == 3);
}

TEST_CASE("forecast: a day without any precipitation value has none, not zero", "[forecast]") {
    auto days = daily_from_steps({step_at(k_jan15 + 3600, 280), step_at(k_jan15 + 14400, 281)}, 10800, 0);
    REQUIRE(days.size() == 1);
    CHECK_FALSE(days[0].precipitation_sum);
    CHECK_FALSE(days[0].precipitation_probability_max);
    CHECK_FALSE(days[0].condition);
}

TEST_CASE("forecast: the day's condition is its most severe, in its day icon", "[forecast]") {
    auto a = step_at(k_jan15 + 3600, 280);
    a.condition = Condition{ConditionKind::clear_sky, "Clear", "clear sky", "01n"};
    auto b = step_at(k_jan15 + 7200, 280);
    b.condition = Condition{ConditionKind::moderate_rain, "Rain", "moderate rain", "10n"};
    auto c = step_at(k_jan15 + 10800, 280);
    c.condition = Condition{ConditionKind::overcast_clouds, "Clouds", "overcast clouds", "04d"};
    auto days = daily_from_steps({a, b, c}, 3600, 0);
    REQUIRE(days.size() == 1);
    REQUIRE(days[0].condition);
    CHECK(owm_condition_id(*days[0].condition) == 501);
    CHECK(days[0].condition->icon == "10d");
}

TEST_CASE("forecast: the window drops what is over and keeps what was asked", "[forecast]") {
    Forecast f;
    f.timezone_offset = -28800;
    f.step_seconds = 3600;
    for (int i = 0; i < 48; ++i) f.hourly.push_back(step_at(k_jan15 + i * 3600, 280));
    for (const char* date : {"2024-01-14", "2024-01-15", "2024-01-16", "2024-01-17"})
        f.daily.push_back(ForecastDay{date});
    // Local 2024-01-15 02:30.
    const std::int64_t now = k_jan15 + 10 * 3600 + 1800;
    auto w = forecast_window(f, now, 2, 24);
    REQUIRE(w.hourly.size() == 24);
    // The step under way: the one covering 02:00-03:00 local, whose time is its end (03:00), not
    // the one that ended at 02:00.
    CHECK(w.hourly.front().time == k_jan15 + 11 * 3600);
    REQUIRE(w.daily.size() == 2);
    CHECK(w.daily.front().date == "2024-01-15");
    CHECK(forecast_window(f, now, 16, 48).daily.size() == 3);
    CHECK(forecast_window(f, now, 16, 48).hourly.size() == 37);  // steps 11..47 of 48
}

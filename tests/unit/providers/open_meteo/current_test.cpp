#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "providers/open_meteo/open_meteo.hpp"

using namespace tenki;
using nlohmann::json;

namespace {

const Location k_asked{"94107", "us"};
const ZipInfo k_sf_place{"94107", "San Francisco", "CA", 37.7621, -122.3971};

// An answer as Open-Meteo gives it for tenki's request (wind_speed_unit=ms).
json open_meteo_sample() {
    return json::parse(R"({
      "latitude": 37.763283, "longitude": -122.41286, "generationtime_ms": 0.06,
      "utc_offset_seconds": -25200, "timezone": "America/Los_Angeles", "timezone_abbreviation": "PDT",
      "elevation": 18.0,
      "current_units": {"time": "iso8601", "interval": "seconds", "temperature_2m": "°C",
        "relative_humidity_2m": "%", "apparent_temperature": "°C", "is_day": "", "precipitation": "mm",
        "rain": "mm", "snowfall": "cm", "weather_code": "wmo code", "cloud_cover": "%",
        "pressure_msl": "hPa", "wind_speed_10m": "m/s", "wind_direction_10m": "°", "wind_gusts_10m": "m/s"},
      "current": {"time": "2024-05-01T10:15", "interval": 900, "temperature_2m": 14.2,
        "relative_humidity_2m": 71, "apparent_temperature": 12.9, "is_day": 1, "precipitation": 0.0,
        "rain": 0.0, "snowfall": 0.0, "weather_code": 61, "cloud_cover": 88, "pressure_msl": 1015.3,
        "wind_speed_10m": 4.6, "wind_direction_10m": 259, "wind_gusts_10m": 9.8}
    })");
}

Result<Weather> parse(const json& doc, long status = 200) {
    return parse_open_meteo_response(status, doc.dump(), k_asked, k_sf_place);
}

}  // namespace

TEST_CASE("open_meteo_request_url asks for the current variables at the ZIP's coordinates", "[open-meteo]") {
    const std::string expected =
        "https://api.open-meteo.com/v1/forecast?latitude=37.7621&longitude=-122.3971"
        "&current=temperature_2m,relative_humidity_2m,apparent_temperature,is_day,precipitation,rain,"
        "snowfall,weather_code,cloud_cover,pressure_msl,wind_speed_10m,wind_direction_10m,wind_gusts_10m,"
        "uv_index,dew_point_2m&timezone=auto&wind_speed_unit=ms";
    CHECK(open_meteo_request_url(k_open_meteo_default_url, 37.7621, -122.3971) == expected);
    CHECK(open_meteo_request_url("https://api.open-meteo.com/", 37.7621, -122.3971) == expected);
    CHECK_THAT(open_meteo_request_url("http://127.0.0.1:8080", 40.8154, -73.0451),
               Catch::StartsWith("http://127.0.0.1:8080/v1/forecast?latitude=40.8154&longitude=-73.0451&"));
}

TEST_CASE("wmo_condition maps every documented WMO code", "[open-meteo]") {
    struct Row {
        int wmo, owm;
        const char* main;
        const char* description;
        const char* icon;
    };
    // clang-format off
    const Row rows[] = {
        {0, 800, "Clear", "clear sky", "01"},           {1, 801, "Clouds", "mainly clear", "02"},
        {2, 802, "Clouds", "partly cloudy", "03"},      {3, 804, "Clouds", "overcast", "04"},
        {45, 741, "Fog", "fog", "50"},                  {48, 741, "Fog", "depositing rime fog", "50"},
        {51, 300, "Drizzle", "light drizzle", "09"},    {53, 301, "Drizzle", "moderate drizzle", "09"},
        {55, 302, "Drizzle", "dense drizzle", "09"},    {56, 511, "Rain", "light freezing drizzle", "13"},
        {57, 511, "Rain", "dense freezing drizzle", "13"}, {61, 500, "Rain", "light rain", "10"},
        {63, 501, "Rain", "moderate rain", "10"},       {65, 502, "Rain", "heavy rain", "10"},
        {66, 511, "Rain", "light freezing rain", "13"}, {67, 511, "Rain", "heavy freezing rain", "13"},
        {71, 600, "Snow", "light snow", "13"},          {73, 601, "Snow", "moderate snow", "13"},
        {75, 602, "Snow", "heavy snow", "13"},          {77, 600, "Snow", "snow grains", "13"},
        {80, 520, "Rain", "light rain showers", "09"},  {81, 521, "Rain", "moderate rain showers", "09"},
        {82, 522, "Rain", "violent rain showers", "09"}, {85, 620, "Snow", "light snow showers", "13"},
        {86, 622, "Snow", "heavy snow showers", "13"},  {95, 211, "Thunderstorm", "thunderstorm", "11"},
        {96, 201, "Thunderstorm", "thunderstorm with slight hail", "11"},
        {99, 202, "Thunderstorm", "thunderstorm with heavy hail", "11"},
    };
    // clang-format on
    for (const auto& row : rows) {
        INFO("WMO code " << row.wmo);
        auto day = wmo_condition(row.wmo, true);
        CHECK(owm_condition_id(day) == row.owm);
        CHECK(day.main == row.main);
        CHECK(day.description == row.description);
        CHECK(day.icon == std::string(row.icon) + "d");
        auto night = wmo_condition(row.wmo, false);
        CHECK(night.icon == std::string(row.icon) + "n");
        CHECK(owm_condition_id(night) == row.owm);
    }
}

TEST_CASE("WMO codes map into tenki's vocabulary, keeping what WMO tells apart", "[open-meteo]") {
    CHECK(wmo_condition(0, true).kind == ConditionKind::clear_sky);
    CHECK(wmo_condition(1, true).kind == ConditionKind::few_clouds);
    CHECK(wmo_condition(45, true).kind == ConditionKind::fog);
    CHECK(wmo_condition(48, true).kind == ConditionKind::rime_fog);
    CHECK(wmo_condition(56, true).kind == ConditionKind::light_freezing_drizzle);
    CHECK(wmo_condition(67, true).kind == ConditionKind::heavy_freezing_rain);
    CHECK(wmo_condition(77, true).kind == ConditionKind::snow_grains);
    CHECK(wmo_condition(99, false).kind == ConditionKind::thunderstorm_with_heavy_hail);
    CHECK(wmo_condition(42, true).kind == ConditionKind::unknown);
    CHECK(wmo_condition(std::nullopt, true).kind == ConditionKind::unknown);
}

TEST_CASE("wmo_condition names an undocumented code instead of guessing", "[open-meteo]") {
    for (int code : {4, 42, 100, -1}) {
        auto c = wmo_condition(code, true);
        CHECK_FALSE(owm_condition_id(c));
        CHECK(c.main == "Unknown");
        CHECK_THAT(c.description, Catch::Contains("WMO code " + std::to_string(code)));
        CHECK(c.icon.empty());
    }
}

TEST_CASE("parse_open_meteo_response fills the weather document in SI units", "[open-meteo]") {
    auto w = parse(open_meteo_sample());
    REQUIRE(w);
    CHECK(w->location == k_asked);
    CHECK(w->source == "open-meteo");
    CHECK(w->place_name == "San Francisco");
    CHECK(w->lat == Approx(37.7621));  // the place, not the model's grid point
    CHECK(w->lon == Approx(-122.3971));
    CHECK(w->timezone_offset == -25200);
    CHECK(w->observed_at == 1714583700);  // 10:15 PDT = 17:15 UTC
    CHECK(w->temp == Approx(287.35));
    CHECK(w->feels_like.value() == Approx(286.05));
    CHECK(w->humidity == 71);
    CHECK(w->clouds == 88);
    CHECK(w->pressure.value() == Approx(1015.3));
    CHECK(w->sea_level.value() == Approx(1015.3));
    CHECK(w->wind_speed.value() == Approx(4.6));
    CHECK(w->wind_gust.value() == Approx(9.8));
    CHECK(w->wind_deg == 259);
    CHECK(owm_condition_id(w->condition) == 500);
    CHECK(w->condition.icon == "10d");
    CHECK_FALSE(w->rain_1h);  // zero, so left out as OpenWeatherMap does
    CHECK_FALSE(w->snow_1h);
    CHECK_FALSE(w->visibility);
    CHECK_FALSE(w->temp_min);
    CHECK_FALSE(w->temp_max);
    CHECK_FALSE(w->sunrise);
    CHECK_FALSE(w->sunset);
}

TEST_CASE("parse_open_meteo_response reads the UV index now and the dew point, in the unit named",
          "[open-meteo]") {
    auto doc = open_meteo_sample();
    auto w = parse(doc);
    REQUIRE(w);
    CHECK_FALSE(w->uv_index);  // not in the answer: none, never 0
    CHECK_FALSE(w->dew_point);
    doc["current_units"]["uv_index"] = "";
    doc["current"]["uv_index"] = 3.45;
    doc["current_units"]["dew_point_2m"] = "°C";
    doc["current"]["dew_point_2m"] = 9.1;
    w = parse(doc);
    REQUIRE(w);
    CHECK(w->uv_index.value() == Approx(3.45));
    CHECK(w->dew_point.value() == Approx(282.25));
    doc["current_units"]["dew_point_2m"] = "°F";
    doc["current"]["dew_point_2m"] = 50.0;
    w = parse(doc);
    REQUIRE(w);
    CHECK(w->dew_point.value() == Approx(283.15));
    doc["current"]["uv_index"] = 45.0;  // no such sun on Earth
    CHECK_FALSE(parse(doc));
}

TEST_CASE("parse_open_meteo_response converts whatever units the answer names", "[open-meteo]") {
    SECTION("Open-Meteo's defaults: °C and km/h") {
        auto doc = open_meteo_sample();
        doc["current_units"]["wind_speed_10m"] = "km/h";
        doc["current_units"]["wind_gusts_10m"] = "km/h";
        doc["current"]["wind_speed_10m"] = 36.0;
        doc["current"]["wind_gusts_10m"] = 18.0;
        auto w = parse(doc);
        REQUIRE(w);
        CHECK(w->wind_speed.value() == Approx(10.0));
        CHECK(w->wind_gust.value() == Approx(5.0));
    }
    SECTION("no current_units at all: Open-Meteo's defaults") {
        auto doc = open_meteo_sample();
        doc.erase("current_units");
        doc["current"]["wind_speed_10m"] = 3.6;
        auto w = parse(doc);
        REQUIRE(w);
        CHECK(w->temp == Approx(287.35));
        CHECK(w->wind_speed.value() == Approx(1.0));
    }
    SECTION("°F, mph, knots, inches") {
        auto doc = open_meteo_sample();
        doc["current_units"]["temperature_2m"] = "°F";
        doc["current_units"]["apparent_temperature"] = "°F";
        doc["current_units"]["wind_speed_10m"] = "mph";
        doc["current_units"]["wind_gusts_10m"] = "kn";
        doc["current_units"]["precipitation"] = "inch";
        doc["current_units"]["rain"] = "inch";
        doc["current"]["temperature_2m"] = 104.0;
        doc["current"]["apparent_temperature"] = 32.0;
        doc["current"]["wind_speed_10m"] = 10.0;
        doc["current"]["wind_gusts_10m"] = 10.0;
        doc["current"]["precipitation"] = 0.01;
        auto w = parse(doc);
        REQUIRE(w);
        CHECK(w->temp == Approx(313.15));
        CHECK(w->feels_like.value() == Approx(273.15));
        CHECK(w->wind_speed.value() == Approx(4.4704));
        CHECK(w->wind_gust.value() == Approx(5.14444).epsilon(1e-5));
        CHECK(w->rain_1h.value() == Approx(0.254 * 4));
    }
    SECTION("a temperature unit tenki does not know is a bad answer, not a wrong number") {
        auto doc = open_meteo_sample();
        doc["current_units"]["temperature_2m"] = "K";
        auto w = parse(doc);
        REQUIRE_FALSE(w);
        CHECK(w.error().kind == ErrorKind::bad_response);
    }
}

TEST_CASE("parse_open_meteo_response gives rain and snow as hourly rates", "[open-meteo]") {
    SECTION("rain: the liquid part of precipitation, showers included") {
        auto doc = open_meteo_sample();
        doc["current"]["precipitation"] = 0.5;
        doc["current"]["rain"] = 0.3;
        auto w = parse(doc);
        REQUIRE(w);
        CHECK(w->rain_1h.value() == Approx(2.0));  // 0.5 mm in 15 minutes
        CHECK_FALSE(w->snow_1h);
    }
    SECTION("snow: centimetres of snow as millimetres of water") {
        auto doc = open_meteo_sample();
        doc["current"]["precipitation"] = 1.0;
        doc["current"]["snowfall"] = 0.7;
        auto w = parse(doc);
        REQUIRE(w);
        CHECK(w->snow_1h.value() == Approx(4.0));  // 0.7 cm = 1 mm of water, in 15 minutes
        CHECK_FALSE(w->rain_1h);
    }
    SECTION("no interval: the sums are already hourly") {
        auto doc = open_meteo_sample();
        doc["current"].erase("interval");
        doc["current"]["rain"] = 1.2;
        auto w = parse(doc);
        REQUIRE(w);
        CHECK(w->rain_1h.value() == Approx(1.2));
    }
}

TEST_CASE("parse_open_meteo_response leaves absent and null values out", "[open-meteo]") {
    auto doc = open_meteo_sample();
    for (const char* key : {"relative_humidity_2m", "cloud_cover", "pressure_msl", "wind_speed_10m"}) {
        doc["current"][key] = nullptr;
    }
    for (const char* key : {"apparent_temperature", "wind_gusts_10m", "wind_direction_10m", "precipitation",
                            "rain", "snowfall", "is_day", "weather_code"}) {
        doc["current"].erase(key);
    }
    doc.erase("utc_offset_seconds");
    doc["current"]["time"] = "2024-05-01T17:15";
    auto w = parse(doc);
    REQUIRE(w);
    CHECK_FALSE(w->humidity);
    CHECK_FALSE(w->clouds);
    CHECK_FALSE(w->pressure);
    CHECK_FALSE(w->sea_level);
    CHECK_FALSE(w->wind_speed);
    CHECK_FALSE(w->wind_gust);
    CHECK_FALSE(w->wind_deg);
    CHECK_FALSE(w->feels_like);
    CHECK_FALSE(w->rain_1h);
    CHECK_FALSE(w->snow_1h);
    CHECK_FALSE(w->timezone_offset);
    CHECK(w->observed_at == 1714583700);
    CHECK(w->condition.main == "Unknown");
}

TEST_CASE("parse_open_meteo_response ignores readings that cannot be", "[open-meteo]") {
    auto doc = open_meteo_sample();
    doc["current"]["relative_humidity_2m"] = 1e300;
    doc["current"]["weather_code"] = -1e300;
    doc["current"]["wind_direction_10m"] = "west";
    auto w = parse(doc);
    REQUIRE(w);
    CHECK_FALSE(w->humidity);
    CHECK_FALSE(w->wind_deg);
    CHECK(w->condition.main == "Unknown");
}

TEST_CASE("parse_open_meteo_response reads current.time in both of Open-Meteo's forms", "[open-meteo]") {
    auto doc = open_meteo_sample();
    doc["current"]["time"] = "2024-02-29T16:59:30";  // with seconds, a leap day
    auto w = parse(doc);
    REQUIRE(w);
    CHECK(w->observed_at == 1709251170);
    doc["current"]["time"] = 1714583700;  // timeformat=unixtime: already UTC
    w = parse(doc);
    REQUIRE(w);
    CHECK(w->observed_at == 1714583700);
    for (const char* bad : {"2024-02-30T10:00", "2024-05-01 10:15", "yesterday", "2024-05-01T25:00", ""}) {
        INFO(bad);
        doc["current"]["time"] = bad;
        auto e = parse(doc);
        REQUIRE_FALSE(e);
        CHECK(e.error().kind == ErrorKind::bad_response);
    }
}

TEST_CASE("parse_open_meteo_response turns error bodies into errors with the reason", "[open-meteo]") {
    const std::string body =
        R"({"error": true, "reason": "Latitude must be in range of -90 to 90°. Given: 91.0."})";
    SECTION("400: tenki asked something Open-Meteo refuses") {
        auto w = parse_open_meteo_response(400, body, k_asked, k_sf_place);
        REQUIRE_FALSE(w);
        CHECK(w.error().kind == ErrorKind::bad_response);
        CHECK_THAT(w.error().message,
                   Catch::Contains("HTTP 400") && Catch::Contains("Latitude must be in range"));
    }
    SECTION("429: rate limited") {
        auto w = parse_open_meteo_response(
            429, R"({"error":true,"reason":"Daily API request limit exceeded."})", k_asked, k_sf_place);
        REQUIRE_FALSE(w);
        CHECK(w.error().kind == ErrorKind::rate_limited);
        CHECK_THAT(w.error().message, Catch::Contains("Daily API request limit exceeded."));
    }
    SECTION("429 with Retry-After: the error carries it and says it") {
        auto w = parse_open_meteo_response(429, R"({"error":true,"reason":"Too many requests"})", k_asked,
                                           k_sf_place, 45);
        REQUIRE_FALSE(w);
        CHECK(w.error().retry_after == 45);
        CHECK_THAT(w.error().message, Catch::Contains("wait 45 s"));
    }
    SECTION("500 with an HTML page") {
        auto w = parse_open_meteo_response(500, "<html>oops</html>", k_asked, k_sf_place);
        REQUIRE_FALSE(w);
        CHECK(w.error().kind == ErrorKind::bad_response);
        CHECK_THAT(w.error().message, Catch::Contains("HTTP 500") && Catch::Contains("try again later"));
    }
    SECTION("a 404 page that is not Open-Meteo's (a wrong base URL) says to check the URL") {
        for (const char* page : {"", "<html><h1>404 Not Found</h1></html>", R"({"detail":"Not Found"})"}) {
            INFO(page);
            auto w = parse_open_meteo_response(404, page, k_asked, k_sf_place);
            REQUIRE_FALSE(w);
            CHECK(w.error().kind == ErrorKind::bad_response);
            CHECK(w.error().message ==
                  "Open-Meteo's URL answered HTTP 404 without Open-Meteo's error JSON: check the base URL "
                  "(TENKI_OPENMETEO_URL, --open-meteo-url)");
        }
    }
    SECTION("an error body with HTTP 200") {
        auto w = parse_open_meteo_response(200, body, k_asked, k_sf_place);
        REQUIRE_FALSE(w);
        CHECK(w.error().kind == ErrorKind::bad_response);
        CHECK_THAT(w.error().message, Catch::Contains("Latitude must be in range"));
    }
    SECTION("a reason that is not a string, or very long") {
        auto w = parse_open_meteo_response(400, R"({"error": true, "reason": 42})", k_asked, k_sf_place);
        REQUIRE_FALSE(w);
        CHECK(w.error().kind == ErrorKind::bad_response);
        auto long_reason = json{{"error", true}, {"reason", std::string(5000, 'x')}}.dump();
        w = parse_open_meteo_response(400, long_reason, k_asked, k_sf_place);
        REQUIRE_FALSE(w);
        CHECK(w.error().message.size() < 600);
    }
}

TEST_CASE("parse_open_meteo_response rejects what is not the documented JSON", "[open-meteo]") {
    auto no_current = open_meteo_sample();
    no_current.erase("current");
    auto no_temp = open_meteo_sample();
    no_temp["current"].erase("temperature_2m");
    auto string_temp = open_meteo_sample();
    string_temp["current"]["temperature_2m"] = "14.2";
    for (const std::string& body :
         {std::string(), std::string("not json"), std::string("[1,2]"), std::string("{\"current\": 3}"),
          std::string("{\"error\": false}"), no_current.dump(), no_temp.dump(), string_temp.dump(),
          open_meteo_sample().dump().substr(0, 100)}) {
        INFO(body);
        auto w = parse_open_meteo_response(200, body, k_asked, k_sf_place);
        REQUIRE_FALSE(w);
        CHECK(w.error().kind == ErrorKind::bad_response);
    }
}

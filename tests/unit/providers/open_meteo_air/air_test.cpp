#include <catch2/catch.hpp>

#include "providers/open_meteo_air/air.hpp"

using namespace tenki;

TEST_CASE("the air-quality request asks the indices, pollutants and sub-indices", "[air]") {
    const auto url = open_meteo_air_url("https://air-quality-api.open-meteo.com", 40.750504, -73.99679);
    CHECK(
        url.rfind("https://air-quality-api.open-meteo.com/v1/air-quality?latitude=40.7505&longitude=-73.9968"
                  "&current=us_aqi,european_aqi,pm2_5,pm10,ozone,nitrogen_dioxide,sulphur_dioxide,"
                  "carbon_monoxide,us_aqi_pm2_5,",
                  0) == 0);
    CHECK(url.find("european_aqi_pm10") != std::string::npos);
    CHECK(url.find("european_aqi_carbon_monoxide") == std::string::npos);  // the EEA has none
}

TEST_CASE("the air-quality answer: values, nulls, sub-indices; errors", "[air]") {
    const auto body = R"({"latitude":40.7,"longitude":-74.0,"current_units":{"us_aqi":"USAQI"},
        "current":{"time":"2024-01-13T23:00","interval":3600,"us_aqi":42,"european_aqi":null,
        "pm2_5":9.5,"pm10":null,"ozone":60.0,"us_aqi_pm2_5":42,"us_aqi_ozone":30}})";
    auto air = parse_open_meteo_air(200, body);
    REQUIRE(air);
    CHECK(air->us_aqi == 42);
    CHECK_FALSE(air->european_aqi);
    CHECK(air->pm2_5 == 9.5);
    CHECK_FALSE(air->pm10);
    CHECK(air->us_sub_indices.size() == 2);
    CHECK(air->time == 1705186800);
    CHECK(parse_open_meteo_air(429, R"({"error":true,"reason":"Too many"})").error().kind ==
          ErrorKind::rate_limited);
    CHECK(parse_open_meteo_air(400, R"({"error":true,"reason":"bad"})").error().kind ==
          ErrorKind::bad_response);
    CHECK(parse_open_meteo_air(200, R"({"latitude":1})").error().kind == ErrorKind::bad_response);
    CHECK(parse_open_meteo_air(200, "<html></html>").error().kind == ErrorKind::bad_response);
}

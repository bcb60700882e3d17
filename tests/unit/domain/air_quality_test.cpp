#include <catch2/catch.hpp>

#include <string>

#include "tenki/domain/air_quality.hpp"

using namespace tenki;

TEST_CASE("EPA categories at every boundary, the US AQI rounded first", "[air]") {
    const std::pair<double, std::string_view> cases[] = {
        {0, "Good"},
        {50, "Good"},
        {50.4, "Good"},
        {50.5, "Moderate"},
        {51, "Moderate"},
        {100, "Moderate"},
        {101, "Unhealthy for Sensitive Groups"},
        {150, "Unhealthy for Sensitive Groups"},
        {150.6, "Unhealthy"},
        {151, "Unhealthy"},
        {200, "Unhealthy"},
        {201, "Very Unhealthy"},
        {300, "Very Unhealthy"},
        {301, "Hazardous"},
        {500, "Hazardous"},
    };
    for (const auto& [aqi, label] : cases) {
        INFO(aqi);
        CHECK(epa_category(aqi).label == label);
    }
    CHECK(epa_category(120).word == "unhealthy-for-sensitive-groups");
}

TEST_CASE("EEA categories in steps of 20, a boundary in the band above: 20 is Fair", "[air]") {
    const std::pair<double, std::string_view> cases[] = {
        {0, "Good"},         {19.9, "Good"},          {20, "Fair"},
        {39.9, "Fair"},      {40, "Moderate"},        {59.9, "Moderate"},
        {60, "Poor"},        {79.9, "Poor"},          {80, "Very poor"},
        {99.9, "Very poor"}, {100, "Extremely poor"}, {250, "Extremely poor"},
    };
    for (const auto& [aqi, label] : cases) {
        INFO(aqi);
        CHECK(eea_category(aqi).label == label);
    }
    CHECK(eea_category(85).word == "very-poor");
}

TEST_CASE("the scale follows the place: US AQI in the US and its territories, European elsewhere", "[air]") {
    CHECK(default_aqi_scale(Location{"10001", "us"}) == AqiScale::us);
    CHECK(default_aqi_scale(city_location(18.47, -66.11, "San Juan", "", "PR", 1)) == AqiScale::us);
    CHECK(default_aqi_scale(city_location(48.85, 2.35, "Paris", "", "FR", 2)) == AqiScale::eu);
    CHECK(default_aqi_scale(Location{"M5H", "ca"}) == AqiScale::eu);
    CHECK(parse_aqi_scale("US") == AqiScale::us);
    CHECK(parse_aqi_scale("eu") == AqiScale::eu);
    CHECK_FALSE(parse_aqi_scale("uk"));
}

TEST_CASE("the reading: the value rounded, its category and the dominant pollutant", "[air]") {
    AirQuality air;
    air.us_aqi = 100.5;
    air.us_sub_indices = {{"pm2_5", 101}, {"ozone", 60}, {"pm10", 30}};
    air.eu_sub_indices = {{"pm2_5", 20}, {"ozone", 45}};
    air.european_aqi = 45;
    const auto us = aqi_reading(air, AqiScale::us);
    REQUIRE(us);
    CHECK(us->value == 101);
    CHECK(us->category.label == "Unhealthy for Sensitive Groups");
    CHECK(us->dominant == "PM2.5");
    const auto eu = aqi_reading(air, AqiScale::eu);
    REQUIRE(eu);
    CHECK(eu->category.label == "Moderate");
    CHECK(eu->dominant == "O3");
    air.european_aqi.reset();
    CHECK_FALSE(aqi_reading(air, AqiScale::eu));
}

#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "format/presentation.hpp"
#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"
#include "tenki/format/forecast.hpp"
#include "tenki/format/format.hpp"
#include "tenki/server/api/routes.hpp"

using namespace tenki;
using nlohmann::json;
namespace samples = tenki::test::owm;

namespace {

using samples::from_sample;

std::set<std::string> keys(const json& object) {
    std::set<std::string> out;
    for (const auto& item : object.items()) out.insert(item.key());
    return out;
}

}  // namespace

TEST_CASE("the v2 document has the documented keys", "[format]") {
    const auto doc = to_v2_json(from_sample(samples::k_san_francisco), Units::imperial);
    CHECK(keys(doc) == std::set<std::string>{
                           "location",  "observed_at", "units",   "condition",  "temperature", "humidity",
                           "pressure",  "wind",        "clouds",  "visibility", "rain_1h",     "snow_1h",
                           "rain_3h",   "snow_3h",     "sunrise", "sunset",     "uv_index",    "uv_label",
                           "dew_point", "astronomy",   "source",  "stale"});
    CHECK(keys(doc["location"]) == std::set<std::string>{"postal_code", "country", "area", "name", "region",
                                                         "lat", "lon", "geonames_id", "timezone_offset"});
    CHECK(keys(doc["condition"]) == std::set<std::string>{"code", "main", "description", "icon"});
    CHECK(keys(doc["temperature"]) == std::set<std::string>{"current", "feels_like", "min", "max", "unit"});
    CHECK(keys(doc["wind"]) == std::set<std::string>{"speed", "deg", "direction", "gust", "unit"});
}

TEST_CASE("the v2 document for 94107 in imperial units", "[format]") {
    const auto doc = to_v2_json(from_sample(samples::k_san_francisco), Units::imperial);
    CHECK(doc["location"]["postal_code"] == "94107");
    CHECK(doc["location"]["country"] == "US");  // ISO 3166-1 alpha-2, upper case, as everywhere else
    CHECK(doc["location"]["name"] == "San Francisco");
    CHECK(doc["location"]["lat"] == 37.7631);
    CHECK(doc["location"]["timezone_offset"] == -25200);
    CHECK(doc["observed_at"] == "2023-06-01T19:40:12Z");
    CHECK(doc["units"] == "imperial");
    CHECK(doc["condition"]["code"] == 803);
    CHECK(doc["condition"]["description"] == "broken clouds");
    CHECK(doc["temperature"]["current"] == 62.01);
    CHECK(doc["temperature"]["unit"] == "°F");
    CHECK(doc["wind"]["speed"] == 12.66);
    CHECK(doc["wind"]["deg"] == 290);
    CHECK(doc["wind"]["gust"].is_null());
    CHECK(doc["wind"]["unit"] == "mph");
    CHECK(doc["humidity"] == 72);
    CHECK(doc["pressure"] == 1016.0);
    CHECK(doc["visibility"] == 10000);
    CHECK(doc["rain_1h"].is_null());
    CHECK(doc["sunrise"] == "2023-06-01T12:48:12Z");
    CHECK(doc["sunset"] == "2023-06-02T03:27:41Z");
    CHECK(doc["source"] == "openweathermap");
    CHECK(doc["stale"] == false);
}

TEST_CASE("v2 converts temperatures exactly, rounded to two places", "[format]") {
    const auto w = from_sample(samples::k_minimal);
    CHECK(to_v2_json(w, Units::metric)["temperature"]["current"] == 26.85);
    CHECK(to_v2_json(w, Units::imperial)["temperature"]["current"] == 80.33);
    CHECK(to_v2_json(w, Units::standard)["temperature"]["current"] == 300.0);
    CHECK(to_v2_json(w, Units::metric)["temperature"]["unit"] == "°C");
    CHECK(to_v2_json(w, Units::standard)["temperature"]["unit"] == "K");
}

TEST_CASE("v2 gives null where the upstream gave nothing", "[format]") {
    const auto doc = to_v2_json(from_sample(samples::k_minimal), Units::metric);
    for (const auto* key :
         {"humidity", "pressure", "clouds", "visibility", "rain_1h", "snow_1h", "sunrise", "sunset"}) {
        INFO(key);
        CHECK(doc[key].is_null());
    }
    for (const auto* key : {"name", "lat", "lon", "timezone_offset"}) CHECK(doc["location"][key].is_null());
    for (const auto* key : {"feels_like", "min", "max"}) CHECK(doc["temperature"][key].is_null());
    for (const auto* key : {"speed", "deg", "gust"}) CHECK(doc["wind"][key].is_null());
}

TEST_CASE("v2 rain, snow and gust when present; stale when asked", "[format]") {
    const auto london =
        to_v2_json(from_sample(samples::k_london_rain, Location{"SW1A 1AA", "gb"}), Units::metric, 60);
    CHECK(london["stale"] == true);
    CHECK(london["rain_1h"] == 2.37);
    CHECK(london["wind"]["gust"] == 13.4);
    CHECK(london["wind"]["unit"] == "m/s");
    CHECK(london["location"]["postal_code"] == "SW1A 1AA");
    CHECK(london["stale"] == true);
    CHECK(to_v2_json(from_sample(samples::k_anchorage_snow), Units::imperial)["snow_1h"] == 0.89);
}

TEST_CASE("v1 has exactly pyowm's Weather.to_JSON() keys, in Kelvin", "[format]") {
    const auto doc = to_v1_json(from_sample(samples::k_san_francisco));
    CHECK(keys(doc) == std::set<std::string>{"reference_time", "sunset_time", "sunrise_time", "clouds",
                                             "rain", "snow", "wind", "humidity", "pressure", "temperature",
                                             "status", "detailed_status", "weather_code", "weather_icon_name",
                                             "visibility_distance", "dewpoint", "humidex", "heat_index"});
    CHECK(doc["reference_time"] == 1685648412);
    CHECK(doc["sunrise_time"] == 1685623692);
    CHECK(doc["sunset_time"] == 1685676461);
    CHECK(doc["clouds"] == 75);
    CHECK(doc["rain"] == json::object());
    CHECK(doc["snow"] == json::object());
    CHECK(doc["wind"] == json{{"speed", 5.66}, {"deg", 290}});
    CHECK(doc["humidity"] == 72);
    CHECK(doc["pressure"] == json{{"press", 1016.0}, {"sea_level", 1016.0}});
    CHECK(doc["temperature"] ==
          json{{"temp", 289.82}, {"temp_kf", nullptr}, {"temp_max", 292.04}, {"temp_min", 287.59}});
    CHECK(doc["status"] == "Clouds");
    CHECK(doc["detailed_status"] == "broken clouds");
    CHECK(doc["weather_code"] == 803);
    CHECK(doc["weather_icon_name"] == "04d");
    CHECK(doc["visibility_distance"] == 10000);
    CHECK(doc["dewpoint"].is_null());
    CHECK(doc["humidex"].is_null());
    CHECK(doc["heat_index"].is_null());
}

TEST_CASE("v1 rain and gust as pyowm copied them", "[format]") {
    const auto doc = to_v1_json(from_sample(samples::k_london_rain, Location{"SW1A 1AA", "gb"}));
    CHECK(doc["rain"] == json{{"1h", 2.37}});
    CHECK(doc["wind"] == json{{"speed", 7.2}, {"deg", 225}, {"gust", 13.4}});
    CHECK(to_v1_json(from_sample(samples::k_anchorage_snow))["snow"] == json{{"1h", 0.89}, {"3h", 2.1}});
}

TEST_CASE("v1 fills what the upstream left out as pyowm 2 did", "[format]") {
    const auto doc = to_v1_json(from_sample(samples::k_minimal));
    CHECK(doc["sunrise_time"] == 0);
    CHECK(doc["sunset_time"] == 0);
    CHECK(doc["clouds"] == 0);
    CHECK(doc["humidity"] == 0);
    CHECK(doc["wind"] == json::object());
    CHECK(doc["pressure"] == json{{"press", nullptr}, {"sea_level", nullptr}});
    CHECK(doc["temperature"] ==
          json{{"temp", 300.0}, {"temp_kf", nullptr}, {"temp_max", nullptr}, {"temp_min", nullptr}});
    CHECK(doc["visibility_distance"].is_null());
}

TEST_CASE("location means one thing per field for a ZIP code and a city; the text keeps its label",
          "[format]") {
    // A ZIP code, named by the offline table: the place, its state, its country.
    auto zip = from_sample(samples::k_san_francisco);
    zip.place_name = "San Francisco";
    zip.place_region = "CA";
    const auto by_zip = to_v2_json(zip, Units::metric)["location"];
    CHECK(by_zip["name"] == "San Francisco");
    CHECK(by_zip["region"] == "CA");
    CHECK(by_zip["country"] == "US");
    // A city: the same meanings.
    auto city = from_sample(samples::k_san_francisco,
                            city_location(48.85341, 2.3488, "Paris", "Île-de-France", "fr", 2988507));
    const auto by_city = to_v2_json(city, Units::metric)["location"];
    CHECK(by_city["name"] == "Paris");
    CHECK(by_city["region"] == "Île-de-France");
    CHECK(by_city["country"] == "FR");
    // Coordinates: no country, and no region the provider did not say.
    auto point = from_sample(samples::k_san_francisco, coordinates_location(37.7749, -122.4194));
    CHECK(to_v2_json(point, Units::metric)["location"]["country"].is_null());
    CHECK(to_v2_json(point, Units::metric)["location"]["region"].is_null());
    // The text faces still label the ZIP code's place with its state; v1 knows neither.
    CHECK(render_text(zip, Units::metric, TextStyle{}).rfind("San Francisco, CA, US 94107", 0) == 0);
    // A template's fields are the JSON's (a new user found "{name}" gave "San Francisco, CA" and
    // "{region}" "-" for a ZIP code).
    CHECK(render_template("{name}|{region}|{country}", zip, Units::metric).value() == "San Francisco|CA|US");
    CHECK(to_v1_json(zip) == to_v1_json(from_sample(samples::k_san_francisco)));
}

TEST_CASE("the wind's direction is the 16-point compass name in every face", "[format]") {
    auto w = from_sample(samples::k_san_francisco);
    for (int deg : {0, 22, 200, 293, 348}) {
        INFO(deg);
        w.wind_deg = deg;
        const auto name = std::string(format::compass_point(deg));
        CHECK(to_v2_json(w, Units::metric)["wind"]["direction"] == name);
        CHECK(render_template("{wind_dir}", w, Units::metric).value() == name);
    }
    w.wind_deg = 200;
    CHECK(to_v2_json(w, Units::metric)["wind"]["direction"] == "SSW");  // 8 points would say S
    w.wind_deg.reset();
    CHECK(to_v2_json(w, Units::metric)["wind"]["direction"].is_null());
}

TEST_CASE("v2 numbers: those OpenAPI gives a fixed unit are the same in every unit system", "[format]") {
    // The rule the OpenAPI document states (Units): converted values sit beside a `unit`; the
    // others (hPa, metres, mm, %) keep the unit their description names, whatever `units` is.
    const auto api = json::parse(server::openapi_json("test"));
    const auto& schema = api["components"]["schemas"]["WeatherV2"]["properties"];
    const auto w = from_sample(samples::k_london_rain, Location{"SW1A 1AA", "gb"});
    const auto metric = to_v2_json(w, Units::metric);
    const auto imperial = to_v2_json(w, Units::imperial);
    std::set<std::string> fixed;
    for (const auto& [key, property] : schema.items()) {
        const auto type = property.value("type", json()).dump();
        if (type.find("number") == std::string::npos || !property.contains("description")) continue;
        fixed.insert(key);
        INFO(key);
        CHECK(metric[key] == imperial[key]);
    }
    CHECK(fixed.count("visibility") == 1);
    CHECK(schema["visibility"]["description"] == "metres");
    REQUIRE(w.visibility);
    CHECK(imperial["visibility"] == *w.visibility);  // metres, under imperial too
    CHECK(fixed.count("pressure") == 1);
    CHECK(fixed.count("rain_1h") == 1);
    // Temperatures and wind are converted, each with its unit.
    CHECK(metric["temperature"]["current"] != imperial["temperature"]["current"]);
    CHECK(imperial["wind"]["unit"] == "mph");
    CHECK_THAT(api["components"]["schemas"]["Units"]["description"].get<std::string>(),
               Catch::Contains("visibility (metres)"));
}

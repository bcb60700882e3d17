#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"

using namespace tenki;
namespace samples = tenki::test::owm;

namespace {

const Location k_94107{"94107", "us"};
const Location k_london{"SW1A 1AA", "gb"};

Weather parsed(std::string_view body, const Location& asked = k_94107) {
    auto weather = parse_owm_response(200, body, asked);
    if (!weather) FAIL(weather.error().message);
    return *weather;
}

Error failed(long status, std::string_view body, const Location& asked = k_94107) {
    auto weather = parse_owm_response(status, body, asked);
    REQUIRE_FALSE(weather);
    CHECK(weather.error().message.find('\n') == std::string::npos);
    return weather.error();
}

}  // namespace

TEST_CASE("the request URL asks by zip and country, with the key", "[owm]") {
    CHECK(owm_request_url("https://api.openweathermap.org", k_94107, "abc123") ==
          "https://api.openweathermap.org/data/2.5/weather?zip=94107,us&appid=abc123");
    CHECK(owm_request_url("http://127.0.0.1:8081/", k_94107, "k") ==
          "http://127.0.0.1:8081/data/2.5/weather?zip=94107,us&appid=k");
}

TEST_CASE("a place tenki resolved is asked by lat and lon, plain decimals", "[owm]") {
    const auto paris = city_location(48.85341, 2.3488, "Paris", "Île-de-France", "FR", 2988507);
    CHECK(owm_request_url("http://h", paris, "k") ==
          "http://h/data/2.5/weather?lat=48.85341&lon=2.3488&appid=k");
    CHECK(owm_forecast_url("http://h", paris, "k") ==
          "http://h/data/2.5/forecast?lat=48.85341&lon=2.3488&appid=k");
    CHECK(owm_place_query(coordinates_location(-0.0000001, 0.00001)) == "lat=0&lon=0.00001");
    CHECK(owm_place_query(coordinates_location(37.7749, -122.4194)) == "lat=37.7749&lon=-122.4194");
}

TEST_CASE("every query value is URL-encoded; the comma between code and country is not", "[owm]") {
    CHECK(owm_request_url("http://h", Location{"1012 AB", "nl"}, "k") ==
          "http://h/data/2.5/weather?zip=1012%20AB,nl&appid=k");
    CHECK(owm_request_url("http://h", k_94107, "a b&c=d/e+f%") ==
          "http://h/data/2.5/weather?zip=94107,us&appid=a%20b%26c%3Dd%2Fe%2Bf%25");
    CHECK(owm_request_url("http://h", Location{"1,2", "us"}, "k") ==
          "http://h/data/2.5/weather?zip=1%2C2,us&appid=k");
}

TEST_CASE("a full answer for 94107 is read field by field", "[owm]") {
    const auto w = parsed(samples::k_san_francisco);
    CHECK(w.location == k_94107);
    CHECK(w.place_name == "San Francisco");
    CHECK(w.lat == 37.7631);
    CHECK(w.lon == -122.3912);
    CHECK(w.timezone_offset == -25200);
    CHECK(w.observed_at == 1685648412);
    CHECK(owm_condition_id(w.condition) == 803);
    CHECK(w.condition.main == "Clouds");
    CHECK(w.condition.description == "broken clouds");
    CHECK(w.condition.icon == "04d");
    CHECK(w.temp == 289.82);
    CHECK(w.feels_like == 289.39);
    CHECK(w.temp_min == 287.59);
    CHECK(w.temp_max == 292.04);
    CHECK(w.pressure == 1016.0);
    CHECK(w.sea_level == 1016.0);
    CHECK(w.humidity == 72);
    CHECK(w.visibility == 10000);
    CHECK(w.wind_speed == 5.66);
    CHECK(w.wind_deg == 290);
    CHECK_FALSE(w.wind_gust);
    CHECK(w.clouds == 75);
    CHECK_FALSE(w.rain_1h);
    CHECK_FALSE(w.snow_1h);
    CHECK(w.sunrise == 1685623692);
    CHECK(w.sunset == 1685676461);
    CHECK(w.source == "openweathermap");
}

TEST_CASE("rain, gust and the first of several conditions", "[owm]") {
    const auto w = parsed(samples::k_london_rain, k_london);
    CHECK(w.location == k_london);
    CHECK(owm_condition_id(w.condition) == 501);
    CHECK(w.condition.description == "moderate rain");
    CHECK(w.rain_1h == 2.37);
    CHECK(w.wind_gust == 13.4);
    CHECK_FALSE(w.snow_1h);
    CHECK(w.timezone_offset == 3600);
}

TEST_CASE("snow keeps its last hour only", "[owm]") {
    const auto w = parsed(samples::k_anchorage_snow);
    CHECK(w.snow_1h == 0.89);
    CHECK_FALSE(w.rain_1h);
    CHECK_FALSE(w.sea_level);
}

TEST_CASE("absent optional fields stay absent, never zero", "[owm]") {
    const auto w = parsed(samples::k_minimal);
    CHECK(w.temp == 300.0);
    CHECK(owm_condition_id(w.condition) == 800);
    CHECK(w.place_name.empty());
    CHECK_FALSE(w.lat);
    CHECK_FALSE(w.lon);
    CHECK_FALSE(w.timezone_offset);
    CHECK_FALSE(w.feels_like);
    CHECK_FALSE(w.temp_min);
    CHECK_FALSE(w.temp_max);
    CHECK_FALSE(w.humidity);
    CHECK_FALSE(w.pressure);
    CHECK_FALSE(w.sea_level);
    CHECK_FALSE(w.wind_speed);
    CHECK_FALSE(w.wind_deg);
    CHECK_FALSE(w.wind_gust);
    CHECK_FALSE(w.clouds);
    CHECK_FALSE(w.visibility);
    CHECK_FALSE(w.rain_1h);
    CHECK_FALSE(w.snow_1h);
    CHECK_FALSE(w.sunrise);
    CHECK_FALSE(w.sunset);
}

TEST_CASE("null optional fields are absent too", "[owm]") {
    const auto w = parsed(R"({"weather":[{"id":800,"main":"Clear","description":"clear sky","icon":"01d"}],
        "main":{"temp":290,"humidity":null},"wind":{"speed":1.5,"gust":null},"rain":null,"dt":1717430400})");
    CHECK_FALSE(w.humidity);
    CHECK_FALSE(w.wind_gust);
    CHECK(w.wind_speed == 1.5);
    CHECK_FALSE(w.rain_1h);
}

TEST_CASE("error bodies carry cod as an int or a string", "[owm]") {
    auto unauthorized = failed(401, samples::k_unauthorized);
    CHECK(unauthorized.kind == ErrorKind::unauthorized);
    CHECK_THAT(unauthorized.message, Catch::Contains("Invalid API key"));

    auto not_found = failed(404, samples::k_city_not_found);
    CHECK(not_found.kind == ErrorKind::not_found);
    CHECK_THAT(not_found.message, Catch::Contains("94107") && Catch::Contains("city not found"));

    CHECK(failed(429, samples::k_rate_limited).kind == ErrorKind::rate_limited);
    CHECK(failed(500, R"({"cod":500,"message":"Internal error"})").kind == ErrorKind::bad_response);
    CHECK(failed(502, "<html>Bad Gateway</html>").kind == ErrorKind::bad_response);
    CHECK(failed(401, "").kind == ErrorKind::unauthorized);
}

TEST_CASE("a 404 without OpenWeatherMap's JSON is a wrong base URL, never an unknown place", "[owm]") {
    // As a new user found: a web server's 404 page read as "does not know postal code 94107".
    for (const char* page : {"", "<html><h1>404 Not Found</h1></html>", R"({"detail":"Not Found"})", "[]"}) {
        INFO(page);
        const auto error = failed(404, page);
        CHECK(error.kind == ErrorKind::bad_response);
        CHECK(error.message ==
              "OpenWeatherMap's URL answered HTTP 404 without OpenWeatherMap's JSON: check the base URL "
              "(TENKI_OWM_URL, --owm-url)");
    }
    CHECK(failed(404, R"({"cod":"404","message":"city not found"})").kind == ErrorKind::not_found);
    CHECK(failed(200, R"({"cod":"404","message":"city not found"})").kind == ErrorKind::not_found);
}

TEST_CASE("a 429 says how long OpenWeatherMap asked to wait, when it said", "[owm]") {
    auto told = parse_owm_response(429, samples::k_rate_limited, k_94107, 30);
    REQUIRE_FALSE(told);
    CHECK(told.error().retry_after == 30);
    CHECK_THAT(told.error().message, Catch::Contains("wait 30 s"));

    auto untold = failed(429, samples::k_rate_limited);
    CHECK_FALSE(untold.retry_after);
    CHECK_THAT(untold.message, Catch::Contains("wait a minute"));
}

TEST_CASE("a 200 carrying an error body is that error", "[owm]") {
    CHECK(failed(200, samples::k_city_not_found).kind == ErrorKind::not_found);
    CHECK(failed(200, R"({"cod":"401","message":"Invalid API key"})").kind == ErrorKind::unauthorized);
    CHECK(failed(200, R"({"cod":429})").kind == ErrorKind::rate_limited);
    CHECK(failed(200, R"({"cod":"500"})").kind == ErrorKind::bad_response);
}

TEST_CASE("a 200 with cod \"200\" as a string is a success", "[owm]") {
    std::string body(samples::k_minimal);
    body.replace(body.find("\"cod\": 200"), 10, "\"cod\": \"200\"");
    CHECK(parsed(body).temp == 300.0);
}

TEST_CASE("an answer that is not the documented JSON is bad_response", "[owm]") {
    const auto weather_object = R"({"weather":{"id":800},"main":{"temp":290},"dt":1})";
    const auto temp_string =
        R"({"weather":[{"id":800,"main":"Clear","description":"clear sky","icon":"01d"}],"main":{"temp":"290"},"dt":1})";
    const auto no_temp =
        R"({"weather":[{"id":800,"main":"Clear","description":"clear sky","icon":"01d"}],"dt":1})";
    const auto empty_weather = R"({"weather":[],"main":{"temp":290},"dt":1})";
    const auto deg_text = R"({"weather":[{"id":800}],"main":{"temp":290},"wind":{"deg":"NW"},"dt":1})";
    for (std::string_view body :
         {std::string_view("not json"), std::string_view(""), std::string_view("{\"cod\":200"),
          std::string_view("[1,2]"), std::string_view("null"), std::string_view(weather_object),
          std::string_view(temp_string), std::string_view(no_temp), std::string_view(empty_weather),
          std::string_view(deg_text)}) {
        INFO(body);
        CHECK(failed(200, body).kind == ErrorKind::bad_response);
    }
}

TEST_CASE("a wrong-shaped answer names the field", "[owm]") {
    const auto temp_string =
        R"({"weather":[{"id":800,"main":"Clear","description":"clear sky","icon":"01d"}],"main":{"temp":"290"},"dt":1})";
    CHECK_THAT(failed(200, temp_string).message, Catch::Contains("main.temp is a string, expected a number"));
    CHECK_THAT(failed(200, R"({"weather":{"id":800},"main":{"temp":290},"dt":1})").message,
               Catch::Contains("weather is an object, expected an array"));
    CHECK_THAT(failed(200, R"({"weather":[{"id":800}],"main":{"temp":290}})").message,
               Catch::Contains("dt is missing"));
}

TEST_CASE("integers written as decimals are accepted", "[owm]") {
    const auto w = parsed(R"({"weather":[{"id":800.0}],"main":{"temp":290,"humidity":71.0},"dt":1.0e9})");
    CHECK(owm_condition_id(w.condition) == 800);
    CHECK(w.humidity == 71);
    CHECK(w.observed_at == 1000000000);
}

TEST_CASE("the condition is the vocabulary's kind for its id, in OpenWeatherMap's own words", "[owm]") {
    const auto w = parsed(samples::k_san_francisco);
    CHECK(w.condition.kind == ConditionKind::broken_clouds);
    CHECK(w.source == "openweathermap");
    REQUIRE(w.provider_part);
    CHECK(w.provider_part->provider == "openweathermap");
    // An id OpenWeatherMap does not document: its words are shown, but no code is made up.
    const auto odd = parsed(
        R"({"weather":[{"id":999,"main":"Odd","description":"odd weather","icon":"01d"}],"main":{"temp":290},"dt":1717430400})");
    CHECK(odd.condition.kind == ConditionKind::unknown);
    CHECK_FALSE(owm_condition_id(odd.condition));
    CHECK(odd.condition.description == "odd weather");
}

TEST_CASE("upstream messages are quoted without control bytes", "[owm]") {
    auto error = failed(404, "{\"cod\":\"404\",\"message\":\"city\\u001b[31m not found\"}");
    CHECK(error.message.find('\x1b') == std::string::npos);
}

TEST_CASE("current weather with values no weather has is bad_response, naming the field", "[owm]") {
    struct Case {
        const char* pointer;
        nlohmann::json value;
        const char* why;
    };
    for (const auto& c :
         {Case{"/timezone", 1000000000000LL, "the time zone offset 1000000000000 s is outside ±18 h"},
          Case{"/main/humidity", -5, "the humidity -5 is outside 0-100 %"},
          Case{"/main/humidity", 101, "the humidity 101 is outside 0-100 %"},
          Case{"/dt", 100000000000LL, "the observation time 100000000000 is outside"},
          Case{"/main/temp", 1e6, "the temperature 1000000 is outside 150-350 K"},
          Case{"/main/pressure", -3, "the pressure -3 is outside 300-1200 hPa"},
          Case{"/wind/speed", -1, "the wind speed -1 is outside 0-150 m/s"},
          Case{"/clouds/all", 400, "the cloud cover 400 is outside 0-100 %"},
          Case{"/visibility", -10, "the visibility -10 is outside"},
          Case{"/coord/lon", 200, "the longitude 200 is outside -180-180 °"},
          Case{"/sys/sunrise", 100000000000LL, "the sunrise 100000000000 is outside"}}) {
        INFO(c.pointer);
        auto doc = nlohmann::json::parse(samples::k_san_francisco);
        doc[nlohmann::json::json_pointer(c.pointer)] = c.value;
        const auto error = failed(200, doc.dump());
        CHECK(error.kind == ErrorKind::bad_response);
        CHECK(error.message.starts_with("OpenWeatherMap's answer cannot be real weather: "));
        CHECK(error.message.find(c.why) != std::string::npos);
    }
    CHECK(parse_owm_response(200, samples::k_san_francisco, k_94107));  // unspoiled, it is fine
}

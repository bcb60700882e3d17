#include <catch2/catch.hpp>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "providers/owm/owm.hpp"

using namespace tenki;

namespace {

// Three steps of the documented 5 day / 3 hour answer, at UTC+05:45 (Kathmandu): local 23:45 on
// the 14th, then 02:45 and 05:45 on the 15th.
nlohmann::json owm_forecast_answer() {
    return nlohmann::json::parse(R"({"cod":"200","message":0,"cnt":3,"list":[
      {"dt":1705255200,"main":{"temp":280.0,"feels_like":279.0,"temp_min":280.0,"temp_max":280.0,"pressure":1015,
        "humidity":70,"temp_kf":0},"weather":[{"id":802,"main":"Clouds","description":"scattered clouds","icon":"03n"}],
        "clouds":{"all":40},"wind":{"speed":2.0,"deg":200,"gust":3.5},"visibility":10000,"pop":0,"sys":{"pod":"n"},
        "dt_txt":"2024-01-14 18:00:00"},
      {"dt":1705266000,"main":{"temp":278.0,"feels_like":276.5},"weather":[{"id":600,"main":"Snow",
        "description":"light snow","icon":"13n"}],"wind":{"speed":4.0,"deg":210},"pop":0.55,
        "rain":{"3h":0.5},"snow":{"3h":0.7},"sys":{"pod":"n"},"dt_txt":"2024-01-14 21:00:00"},
      {"dt":1705276800,"main":{"temp":277.0},"weather":[],"wind":{"speed":1.0},"pop":0.2,"rain":{"3h":0.3},
        "dt_txt":"2024-01-15 00:00:00"}],
      "city":{"id":1283240,"name":"Kathmandu","coord":{"lat":27.7017,"lon":85.3206},"country":"NP",
        "population":0,"timezone":20700,"sunrise":1705281600,"sunset":0}})");
}

Result<Forecast> owm_forecast_of(const nlohmann::json& doc, long status = 200) {
    return parse_owm_forecast(status, doc.dump(), Location{"44600", "np"});
}

}  // namespace

TEST_CASE("OpenWeatherMap forecast: the URL is the 5 day / 3 hour one with the key encoded", "[owm]") {
    // A UK postcode is asked by its outward code, as for current weather.
    CHECK(owm_forecast_url("http://h/", Location{"SW1A 1AA", "gb"}, "k&y") ==
          "http://h/data/2.5/forecast?zip=SW1A,gb&appid=k%26y");
}

TEST_CASE("OpenWeatherMap forecast: steps, and days by the local date", "[owm]") {
    auto f = owm_forecast_of(owm_forecast_answer());
    REQUIRE(f);
    CHECK(f->source == "openweathermap");
    CHECK(f->place_name == "Kathmandu");
    CHECK(f->timezone_offset == 20700);
    CHECK(f->step_seconds == 10800);
    REQUIRE(f->hourly.size() == 3);
    CHECK(f->hourly[0].precipitation_probability == 0);
    CHECK_FALSE(f->hourly[0].precipitation);  // no rain or snow object: not given, not zero
    CHECK(f->hourly[1].precipitation.value() == Approx(1.2));
    CHECK(f->hourly[1].precipitation_probability == 55);
    CHECK_FALSE(f->hourly[1].wind_gust);
    CHECK_FALSE(f->hourly[2].condition);
    CHECK_FALSE(f->hourly[2].feels_like);

    REQUIRE(f->daily.size() == 2);
    CHECK(f->daily[0].date == "2024-01-14");
    CHECK(f->daily[0].temp_min == 280.0);
    CHECK(f->daily[0].hours_covered == 3);
    // 23:45 to 02:45: a twelfth of the 1.2 mm is the 14th's.
    CHECK(f->daily[0].precipitation_sum.value() == Approx(0.1));
    CHECK(f->daily[1].date == "2024-01-15");
    CHECK(f->daily[1].temp_min == 277.0);
    CHECK(f->daily[1].temp_max == 278.0);
    CHECK(f->daily[1].precipitation_sum.value() == Approx(1.4));
    CHECK(f->daily[1].condition->main == "Snow");
    CHECK(f->daily[1].condition->icon == "13d");
    CHECK(f->daily[1].wind_speed_max == 4.0);
    CHECK(f->daily[1].sunrise == 1705281600);  // 07:05 on the 15th
    CHECK_FALSE(f->daily[1].sunset);           // 0 is no time
    CHECK_FALSE(f->daily[1].uv_index_max);
}

TEST_CASE("OpenWeatherMap forecast: errors are current weather's", "[owm]") {
    CHECK(owm_forecast_of(nlohmann::json{{"cod", 401}, {"message", "Invalid API key"}}, 401).error().kind ==
          ErrorKind::unauthorized);
    CHECK(owm_forecast_of(nlohmann::json{{"cod", "404"}, {"message", "city not found"}}, 200).error().kind ==
          ErrorKind::not_found);
    auto no_list = owm_forecast_answer();
    no_list.erase("list");
    CHECK_THAT(owm_forecast_of(no_list).error().message, Catch::Contains("list is missing"));
    auto no_zone = owm_forecast_answer();
    no_zone["city"].erase("timezone");
    CHECK_THAT(owm_forecast_of(no_zone).error().message, Catch::Contains("city.timezone"));
    auto bad_temp = owm_forecast_answer();
    bad_temp["list"][0]["main"]["temp"] = "warm";
    CHECK(owm_forecast_of(bad_temp).error().kind == ErrorKind::bad_response);
}

TEST_CASE("OpenWeatherMap forecast: nonsense in the documented shape is bad_response, naming the field",
          "[owm]") {
    struct Case {
        const char* what;
        std::function<void(nlohmann::json&)> spoil;
        const char* why;
    };
    const std::vector<Case> cases{
        {"a time zone of 10^12 s", [](auto& d) { d["city"]["timezone"] = 1000000000000LL; },
         "the time zone offset 1000000000000 s is outside ±18 h"},
        {"a time zone of -19 h", [](auto& d) { d["city"]["timezone"] = -19 * 3600; },
         "the time zone offset -68400 s is outside ±18 h"},
        {"three steps at one instant",
         [](auto& d) {
             for (auto& step : d["list"]) step["dt"] = 1705255200;
         },
         "step 1 is at 1705255200, not after the step before it"},
        // Past the 48 hours of steps kept, it is still a day of the forecast.
        {"a step in the year 5138", [](auto& d) { d["list"][2]["dt"] = 100000000000LL; },
         "a day's date 5138-"},
        {"a step before 2000", [](auto& d) { d["list"][0]["dt"] = 86400; }, "a step's time 86400 is outside"},
        {"-5 K", [](auto& d) { d["list"][0]["main"]["temp"] = -5; },
         "a step's temperature -5 is outside 150-350 K"},
        {"a gust of 500 m/s", [](auto& d) { d["list"][0]["wind"]["gust"] = 500; },
         "a step's wind gust 500 is outside 0-150 m/s"},
        {"a wind from 720°", [](auto& d) { d["list"][0]["wind"]["deg"] = 720; },
         "a step's wind direction 720"},
        {"negative rain", [](auto& d) { d["list"][1]["rain"]["3h"] = -1; }, "a step's precipitation"},
        {"a latitude of 91", [](auto& d) { d["city"]["coord"]["lat"] = 91; },
         "the latitude 91 is outside -90-90 °"},
    };
    REQUIRE(owm_forecast_of(owm_forecast_answer()));  // the answer unspoiled is fine
    for (const auto& c : cases) {
        INFO(c.what);
        auto doc = owm_forecast_answer();
        c.spoil(doc);
        auto f = owm_forecast_of(doc);
        REQUIRE_FALSE(f);
        CHECK(f.error().kind == ErrorKind::bad_response);
        CHECK(f.error().message.starts_with("OpenWeatherMap's forecast cannot be real weather: "));
        CHECK(f.error().message.find(c.why) != std::string::npos);
        CHECK(f.error().message.ends_with("; try again later"));
    }
}

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/format/format.hpp"

using namespace tenki;
namespace samples = tenki::test::owm;

using samples::from_sample;

TEST_CASE("the canonical JSON round-trips without loss", "[weather]") {
    for (auto body :
         {samples::k_san_francisco, samples::k_london_rain, samples::k_minimal, samples::k_anchorage_snow}) {
        const auto original = from_sample(body);
        const nlohmann::json j = original;
        CHECK(j.get<Weather>() == original);
        CHECK(parse_weather_json(j.dump()).value() == original);
    }
}

TEST_CASE("a resolved place round-trips with its location; a postal code's location has no place key",
          "[weather]") {
    auto w = from_sample(samples::k_san_francisco);
    CHECK(nlohmann::json(w)["location"] == nlohmann::json{{"postal_code", "94107"}, {"country", "us"}});
    w.location = city_location(48.85341, 2.3488, "Paris", "Île-de-France", "FR", 2988507);
    const auto back = nlohmann::json::parse(nlohmann::json(w).dump()).get<Weather>();
    CHECK(back == w);
    REQUIRE(back.location.place);
    CHECK(back.location.place->geonames_id == 2988507);
    CHECK(back.location.key() == "48.8534,2.3488");
}

TEST_CASE("awkward doubles and large times round-trip exactly", "[weather]") {
    auto w = from_sample(samples::k_minimal);
    w.temp = 0.1 + 0.2;
    w.lat = -33.868820000000001;
    w.wind_speed = 1e-300;
    w.observed_at = 253402300799;
    w.sunrise = 1;
    w.location = Location{"02462", "us"};
    CHECK(parse_weather_json(nlohmann::json(w).dump()).value() == w);
}

TEST_CASE("absent optional fields are written as null and read back absent", "[weather]") {
    const nlohmann::json j = from_sample(samples::k_minimal);
    CHECK(j.at("humidity").is_null());
    CHECK(j.at("wind_gust").is_null());
    CHECK(j.at("rain_1h").is_null());
    CHECK(j.at("location").at("postal_code") == "94107");
    CHECK(j.at("temp") == 300.0);
}

TEST_CASE("a missing optional key reads as absent", "[weather]") {
    auto j = nlohmann::json(from_sample(samples::k_san_francisco));
    j.erase("humidity");
    const auto w = j.get<Weather>();
    CHECK_FALSE(w.humidity);
    CHECK(w.source == "openweathermap");
}

TEST_CASE("no provider is assumed: a record without its source is not read", "[weather]") {
    CHECK(Weather{}.source.empty());
    auto j = nlohmann::json(from_sample(samples::k_san_francisco));
    j.erase("source");
    CHECK(parse_weather_json(j.dump()).error().kind == ErrorKind::bad_response);
}

TEST_CASE("OpenWeatherMap's part survives the record as it was, opaque to it", "[weather]") {
    const auto w = from_sample(samples::k_san_francisco);
    REQUIRE(w.provider_part);
    CHECK(w.provider_part->provider == "openweathermap");
    const nlohmann::json j = w;
    CHECK(j.at("provider_part").at("provider") == "openweathermap");
    CHECK(j.at("provider_part").at("text") == w.provider_part->text);  // text, as the provider wrote it
    CHECK(j.get<Weather>().provider_part == w.provider_part);
    // v1 read back from a record is the document of the answer as sent, byte for byte.
    CHECK(to_v1_json(*parse_weather_json(j.dump())).dump() == to_v1_json(w).dump());
    CHECK_FALSE(j.contains("owm_document"));
    auto without = j;
    without["provider_part"] = nullptr;
    CHECK_FALSE(without.get<Weather>().provider_part);
    auto wrong = j;
    wrong["provider_part"] = {{"provider", "openweathermap"}};  // no text: not a record of ours
    CHECK_FALSE(parse_weather_json(wrong.dump()));
}

TEST_CASE("the condition is kept as its vocabulary's kind and the source's words", "[weather]") {
    const nlohmann::json j = from_sample(samples::k_san_francisco);
    CHECK(j.at("condition") == nlohmann::json{{"kind", "broken_clouds"},
                                              {"main", "Clouds"},
                                              {"description", "broken clouds"},
                                              {"icon", "04d"}});
    auto unknown_kind = j;
    unknown_kind["condition"]["kind"] = "raining_frogs";
    CHECK(parse_weather_json(unknown_kind.dump()).error().kind == ErrorKind::bad_response);
    auto old_code = j;
    old_code["condition"].erase("kind");
    old_code["condition"]["code"] = 803;  // the record before the vocabulary
    CHECK_FALSE(parse_weather_json(old_code.dump()));
}

TEST_CASE("a corrupt record is an error value, not an exception", "[weather]") {
    CHECK(parse_weather_json("").error().kind == ErrorKind::bad_response);
    CHECK(parse_weather_json("{}").error().kind == ErrorKind::bad_response);
    auto j = nlohmann::json(from_sample(samples::k_san_francisco));
    j["temp"] = "warm";
    CHECK_FALSE(parse_weather_json(j.dump()));
    j = nlohmann::json(from_sample(samples::k_san_francisco));
    j.erase("observed_at");
    CHECK_FALSE(parse_weather_json(j.dump()));
}

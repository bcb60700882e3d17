#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "server/wttr/j1.hpp"
#include "tenki/astronomy/sky_place.hpp"
#include "tenki/domain/location.hpp"

using namespace tenki;
using nlohmann::json;

namespace {

constexpr std::int64_t k_j1_now = 1782043200;  // 2026-06-21 12:00 UTC, 14:00 in Paris

Weather j1_paris() {
    Weather w;
    w.location.country = "fr";
    w.place_name = "Paris";
    w.place_region = "Île-de-France";
    w.lat = 48.8566;
    w.lon = 2.3522;
    w.timezone_offset = 7200;
    w.observed_at = k_j1_now;
    w.condition = Condition{ConditionKind::light_rain, "Rain", "light rain", "10d"};
    w.temp = 290.15;
    w.feels_like = 289.15;
    w.humidity = 60;
    w.pressure = 1013;
    w.wind_speed = 5;
    w.wind_deg = 225;
    w.visibility = 10000;
    w.clouds = 75;
    return w;
}

// OpenWeatherMap's shape: 3-hour steps from the next mark on, none for today's passed hours.
Forecast j1_forecast() {
    Forecast f;
    f.timezone_offset = 7200;
    f.step_seconds = 10800;
    for (int i = 1; i <= 24; ++i) {
        ForecastStep s;
        s.time = k_j1_now + i * 10800;
        s.temp = 285.15 + i;
        s.feels_like = 284.15 + i;
        s.precipitation_probability = 10 * (i % 10);
        s.condition = Condition{ConditionKind::clear_sky, "Clear", "clear sky", "01d"};
        s.wind_speed = 2;
        s.wind_deg = 90;
        f.hourly.push_back(s);
    }
    f.daily = daily_from_steps(f.hourly, f.step_seconds, f.timezone_offset);
    return f;
}

std::set<std::string> keys_of(const json& j) {
    std::set<std::string> out;
    for (const auto& [k, v] : j.items()) out.insert(k);
    return out;
}

// Every value a string, or wttr.in's [{"value": string}].
void check_strings(const json& j, const std::set<std::string>& nested = {}) {
    for (const auto& [k, v] : j.items()) {
        INFO(k);
        if (nested.count(k)) continue;
        if (v.is_array()) {
            REQUIRE(v.size() == 1);
            CHECK(keys_of(v[0]) == std::set<std::string>{"value"});
            CHECK(v[0]["value"].is_string());
        } else {
            CHECK(v.is_string());
        }
    }
}

const std::set<std::string> k_current_keys{
    "FeelsLikeC",       "FeelsLikeF",    "cloudcover",     "humidity",       "localObsDateTime",
    "observation_time", "precipInches",  "precipMM",       "pressure",       "pressureInches",
    "temp_C",           "temp_F",        "uvIndex",        "visibility",     "visibilityMiles",
    "weatherCode",      "weatherDesc",   "weatherIconUrl", "winddir16Point", "winddirDegree",
    "windspeedKmph",    "windspeedMiles"};
const std::set<std::string> k_area_keys{"areaName",   "country", "latitude",  "longitude",
                                        "population", "region",  "weatherUrl"};
const std::set<std::string> k_day_keys{"astronomy", "avgtempC", "avgtempF",     "date",
                                       "hourly",    "maxtempC", "maxtempF",     "mintempC",
                                       "mintempF",  "sunHour",  "totalSnow_cm", "uvIndex"};
const std::set<std::string> k_astronomy_keys{"moon_illumination", "moon_phase", "moonrise",
                                             "moonset",           "sunrise",    "sunset"};
const std::set<std::string> k_hourly_keys{"DewPointC",
                                          "DewPointF",
                                          "FeelsLikeC",
                                          "FeelsLikeF",
                                          "HeatIndexC",
                                          "HeatIndexF",
                                          "WindChillC",
                                          "WindChillF",
                                          "WindGustKmph",
                                          "WindGustMiles",
                                          "chanceoffog",
                                          "chanceoffrost",
                                          "chanceofhightemp",
                                          "chanceofovercast",
                                          "chanceofrain",
                                          "chanceofremdry",
                                          "chanceofsnow",
                                          "chanceofsunshine",
                                          "chanceofthunder",
                                          "chanceofwindy",
                                          "cloudcover",
                                          "diffRad",
                                          "humidity",
                                          "precipInches",
                                          "precipMM",
                                          "pressure",
                                          "pressureInches",
                                          "shortRad",
                                          "tempC",
                                          "tempF",
                                          "time",
                                          "uvIndex",
                                          "visibility",
                                          "visibilityMiles",
                                          "weatherCode",
                                          "weatherDesc",
                                          "weatherIconUrl",
                                          "winddir16Point",
                                          "winddirDegree",
                                          "windspeedKmph",
                                          "windspeedMiles"};

}  // namespace

TEST_CASE("j1 contract: every key wttr.in's clients read, each a string", "[wttr][j1]") {
    const auto w = j1_paris();
    const auto f = j1_forecast();
    const auto doc = wttr::j1_document({&w, &f, "Paris", Language::en, k_j1_now, true, std::nullopt});
    CHECK(keys_of(doc) == std::set<std::string>{"current_condition", "nearest_area", "request", "weather"});
    REQUIRE(doc["current_condition"].size() == 1);
    CHECK(keys_of(doc["current_condition"][0]) == k_current_keys);
    check_strings(doc["current_condition"][0]);
    REQUIRE(doc["nearest_area"].size() == 1);
    CHECK(keys_of(doc["nearest_area"][0]) == k_area_keys);
    check_strings(doc["nearest_area"][0]);
    REQUIRE(doc["request"].size() == 1);
    CHECK(keys_of(doc["request"][0]) == std::set<std::string>{"query", "type"});
    check_strings(doc["request"][0]);
    REQUIRE(doc["weather"].size() == 3);
    for (const auto& day : doc["weather"]) {
        INFO(day["date"]);
        CHECK(keys_of(day) == k_day_keys);
        check_strings(day, {"astronomy", "hourly"});
        REQUIRE(day["astronomy"].size() == 1);
        CHECK(keys_of(day["astronomy"][0]) == k_astronomy_keys);
        check_strings(day["astronomy"][0]);
        REQUIRE(day["hourly"].size() == 8);
        for (std::size_t i = 0; i < 8; ++i) {
            CHECK(keys_of(day["hourly"][i]) == k_hourly_keys);
            check_strings(day["hourly"][i]);
            CHECK(day["hourly"][i]["time"] == std::to_string(i * 300));
        }
    }
}

TEST_CASE("j1 values: as wttr.in writes them", "[wttr][j1]") {
    const auto w = j1_paris();
    const auto f = j1_forecast();
    const auto doc = wttr::j1_document({&w, &f, "Paris", Language::en, k_j1_now, true, std::nullopt});
    const auto& now = doc["current_condition"][0];
    CHECK(now["temp_C"] == "17");
    CHECK(now["temp_F"] == "63");
    CHECK(now["FeelsLikeC"] == "16");
    CHECK(now["weatherCode"] == "296");
    CHECK(now["weatherDesc"][0]["value"] == "Light rain");
    CHECK(now["windspeedKmph"] == "18");
    CHECK(now["windspeedMiles"] == "11");
    CHECK(now["winddir16Point"] == "SW");
    CHECK(now["observation_time"] == "12:00 PM");
    CHECK(now["localObsDateTime"] == "2026-06-21 02:00 PM");
    CHECK(now["visibility"] == "10");
    CHECK(now["precipMM"] == "");  // not in the answer: "", never a made-up 0.0
    CHECK(doc["nearest_area"][0]["areaName"][0]["value"] == "Paris");
    CHECK(doc["nearest_area"][0]["country"][0]["value"] == "France");  // wttr.in names the country
    CHECK(doc["weather"][0]["date"] == "2026-06-21");
    CHECK(doc["weather"][0]["astronomy"][0]["sunrise"].get<std::string>().ends_with(" AM"));
    // Today's 00:00 to 12:00 have passed: they take the first step's values (15:00 local, 13 °C).
    CHECK(doc["weather"][0]["hourly"][0]["tempC"] == "13");
    CHECK(doc["weather"][0]["hourly"][0]["weatherCode"] == "113");
    CHECK_FALSE(now.contains("lang_de"));
    CHECK_FALSE(now.contains("tenki_note"));
}

TEST_CASE("j1 in another language: lang_xx beside weatherDesc; j2 without hourly; a stale note",
          "[wttr][j1]") {
    const auto w = j1_paris();
    const auto f = j1_forecast();
    const auto doc = wttr::j1_document({&w, &f, "Paris", Language::de, k_j1_now, false, 120});
    const auto& now = doc["current_condition"][0];
    REQUIRE(now.contains("lang_de"));
    CHECK(now["weatherDesc"][0]["value"] == "Light rain");
    CHECK(now["lang_de"][0]["value"] != "Light rain");
    CHECK(now["tenki_note"] == "stale: the upstream failed; this answer is 120 s old");
    for (const auto& day : doc["weather"]) CHECK_FALSE(day.contains("hourly"));
}

TEST_CASE("j1 nearest_area and astronomy: the place tenki resolved, not the upstream's", "[wttr][j1]") {
    const auto f = j1_forecast();
    const auto document_of = [&](const Weather& w) {
        return wttr::j1_document({&w, &f, "Paris", Language::en, k_j1_now, false, std::nullopt});
    };
    // A stand-in upstream answered San Francisco's name and coordinates for tenki's Paris.
    auto asked_paris = j1_paris();
    asked_paris.location = city_location(48.85341, 2.3488, "Paris", "Île-de-France", "fr", 2988507);
    asked_paris.place_name = "San Francisco";
    asked_paris.place_region = "";
    asked_paris.lat = 37.765;
    asked_paris.lon = -122.389;
    const auto doc = document_of(asked_paris);
    const auto& area = doc["nearest_area"][0];
    CHECK(area["areaName"][0]["value"] == "Paris");
    CHECK(area["region"][0]["value"] == "Île-de-France");
    CHECK(area["country"][0]["value"] == "France");
    CHECK(area["latitude"] == "48.853");
    CHECK(area["longitude"] == "2.349");
    // Its sky is Paris's (an upstream that answered Paris's own coordinates), not San Francisco's.
    auto true_paris = asked_paris;
    true_paris.location = coordinates_location(48.85341, 2.3488);
    auto by_code = asked_paris;
    by_code.location = *parse_location("94107");
    const auto paris_doc = document_of(true_paris);
    const auto san_francisco_doc = document_of(by_code);
    REQUIRE(doc["weather"].size() == 3);
    for (std::size_t day = 0; day < 3; ++day) {
        INFO(day);
        CHECK(doc["weather"][day]["astronomy"] == paris_doc["weather"][day]["astronomy"]);
        CHECK(doc["weather"][day]["astronomy"] != san_francisco_doc["weather"][day]["astronomy"]);
    }
    // A US ZIP code's sky is at its point of the offline table (tenki moon's), not the upstream's.
    const auto new_york = locate_offline("10001");
    REQUIRE(new_york);
    auto by_zip = asked_paris;
    by_zip.location = *parse_location("10001");
    auto at_zip_point = asked_paris;
    at_zip_point.location = coordinates_location(new_york->place.lat, new_york->place.lon);
    const auto zip_doc = document_of(by_zip);
    CHECK(zip_doc["weather"][0]["astronomy"] == document_of(at_zip_point)["weather"][0]["astronomy"]);
    auto at_upstream = asked_paris;
    at_upstream.location = coordinates_location(37.765, -122.389);
    CHECK(zip_doc["weather"][0]["astronomy"] != document_of(at_upstream)["weather"][0]["astronomy"]);
    // A postal code the provider located has only the provider's place: its name and coordinates.
    const auto& located = san_francisco_doc["nearest_area"][0];
    CHECK(located["areaName"][0]["value"] == "San Francisco");
    CHECK(located["latitude"] == "37.765");
    CHECK(located["country"][0]["value"] == "United States");
}

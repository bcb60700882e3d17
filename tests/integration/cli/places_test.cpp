// Places as a user types them at the shell (city names, coordinates) through both providers: the
// built binary as a child process against the fake upstreams. What was asked upstream is read
// from the fakes; what was chosen is read from the answer.
#include <catch2/catch.hpp>

#include <cctype>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"
#include "tenki/places/places.hpp"

using namespace std::chrono_literals;

namespace {

// A user's shell with both fake upstreams (tests/support/tenki_shell.hpp).
struct PlaceShell : tenki::test::TenkiShell {
    PlaceShell() { with_open_meteo = true; }
    std::size_t upstream_requests() const { return owm.request_count() + meteo.request_count(); }
};

// The table's one city for an unambiguous query: what tenki must have chosen and asked for.
tenki::City place_test_city(const char* name, const char* region, const char* country) {
    auto city = tenki::find_city({name, region, country, false});
    REQUIRE(city);
    return *city;
}

bool place_test_has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// "48.85341": how tenki writes a coordinate to OpenWeatherMap (up to 6 places, no trailing zero).
std::string place_test_degrees(double degrees) {
    auto text = fmt::format("{:.6f}", degrees);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
}

// A -0 as the outputs would write it: "-0", "-0.0", "-0.00" (a date's "-06" is not one).
bool place_test_has_minus_zero(const std::string& text) {
    for (auto at = text.find("-0"); at != std::string::npos; at = text.find("-0", at + 1)) {
        const bool after_digit = at > 0 && std::isdigit(static_cast<unsigned char>(text[at - 1]));
        auto end = at + 2;
        if (end < text.size() && text[end] == '.') ++end;
        while (end < text.size() && text[end] == '0') ++end;
        const bool zero = end >= text.size() || !std::isdigit(static_cast<unsigned char>(text[end]));
        if (!after_digit && zero) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("tenki weather Paris asks OpenWeatherMap by the city's coordinates and echoes the city",
          "[integration][places]") {
    PlaceShell sh;
    const auto paris = place_test_city("Paris", "", "FR");
    auto r = sh.run("weather", {"Paris"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(place_test_has(r.output, fmt::format("Paris, Île-de-France, FR ({}, {})", paris.lat, paris.lon)));
    CHECK(place_test_has(r.output, "°C"));  // France's usual units
    REQUIRE(sh.owm.request_count() == 1);
    const auto req = sh.owm.requests().front();
    CHECK(req.path == "/data/2.5/weather");
    CHECK(req.query == std::map<std::string, std::string>{{"lat", place_test_degrees(paris.lat)},
                                                          {"lon", place_test_degrees(paris.lon)},
                                                          {"appid", sh.owm.api_key()}});
}

TEST_CASE("an accented name with a space: the JSON location echoes the city and its GeoNames id",
          "[integration][places]") {
    PlaceShell sh;
    const auto sao_paulo = place_test_city("São Paulo", "", "BR");
    auto r = sh.run("weather", {"--json", "São Paulo"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    const auto location = nlohmann::json::parse(r.output)["location"];
    CHECK(location["name"] == "São Paulo");
    CHECK(location["region"] == std::string(tenki::city_region(sao_paulo)));
    CHECK(location["country"] == "BR");
    CHECK(location["postal_code"].is_null());
    CHECK(location["lat"] == sao_paulo.lat);
    CHECK(location["lon"] == sao_paulo.lon);
    CHECK(location["geonames_id"] == sao_paulo.geonames_id);
    REQUIRE(sh.owm.request_count() == 1);
    CHECK(sh.owm.requests().front().query.at("lat") == place_test_degrees(sao_paulo.lat));
}

TEST_CASE("Paris,TX is the Texan one, in US units; the template names it", "[integration][places]") {
    PlaceShell sh;
    const auto texan = place_test_city("Paris", "TX", "US");
    auto r = sh.run("weather", {"--format", "{name}|{region}|{country}|{lat}|{lon}|{temp_unit}", "Paris,TX"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(r.output == fmt::format("Paris|TX|US|{}|{}|°F\n", texan.lat, texan.lon));
    REQUIRE(sh.owm.request_count() == 1);
    CHECK(sh.owm.requests().front().query.at("lon") == place_test_degrees(texan.lon));
}

TEST_CASE("coordinates are asked as typed; the provider's name for the point is shown beside them",
          "[integration][places]") {
    PlaceShell sh;
    auto r = sh.run("weather", {"37.7749,-122.4194"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(place_test_has(r.output, "San Francisco (37.7749, -122.4194)"));
    REQUIRE(sh.owm.request_count() == 1);
    const auto query = sh.owm.requests().front().query;
    CHECK(query.at("lat") == "37.7749");
    CHECK(query.at("lon") == "-122.4194");
    CHECK(query.count("zip") == 0);

    auto out_of_range = sh.run("weather", {"91,0"});
    CHECK(out_of_range.status == 2);
    CHECK(place_test_has(out_of_range.errors, "out of range"));
    CHECK(sh.owm.request_count() == 1);
    // One form for a point, however typed, as tenki moon echoes it: "40.7, -74".
    auto typed = sh.run("weather", {"40.70,-74.0"});
    INFO(typed.errors);
    CHECK(place_test_has(typed.output, " (40.7, -74)\n"));
}

TEST_CASE("tenki weather nan,nan, inf,0 and 1e308,0 exit 2 with the right words, asking nobody",
          "[integration][places]") {
    PlaceShell sh;
    const std::pair<const char*, const char*> cases[] = {
        {"nan,nan", "latitude nan is not a number"},
        {"-1e400,0", "latitude -1e400 is out of range (-90 to 90)"},
        {"1e308,0", "latitude 1e308 is out of range (-90 to 90)"},
        {"0,inf", "longitude inf is out of range (-180 to 180)"},
    };
    for (const auto& [place, words] : cases) {
        for (const char* command : {"weather", "forecast"}) {
            auto r = sh.run(command, {place});
            INFO(command << " " << place << ": " << r.errors);
            CHECK(r.status == 2);
            CHECK(place_test_has(r.errors, words));
        }
    }
    CHECK(sh.upstream_requests() == 0);
}

TEST_CASE("tenki weather SW1A,gb and K1A --country ca are postal codes asked upstream as typed",
          "[integration][places]") {
    PlaceShell sh;
    for (const auto& args :
         {std::vector<std::string>{"SW1A,gb"}, std::vector<std::string>{"--country", "gb", "sw1a"}}) {
        auto r = sh.run("weather", args);
        INFO(r.errors);
        CHECK(r.status == 0);
        CHECK(place_test_has(r.output, "London"));
    }
    REQUIRE(sh.owm.request_count() >= 1);
    CHECK(sh.owm.requests().front().query.at("zip") == "SW1A,gb");
    auto fsa = sh.run("weather", {"--country", "ca", "K1A"});
    CHECK(fsa.status != 2);  // valid input, asked: the fake does not know it (exit 3)
    CHECK(sh.owm.requests().back().query.at("zip") == "K1A,ca");
}

TEST_CASE("-0,-0 is 0,0: no -0 in the JSON, the text or a template", "[integration][places]") {
    PlaceShell sh;
    CHECK(place_test_has_minus_zero("\"lat\": -0.0,"));  // the check can fail
    CHECK(place_test_has_minus_zero("(-0, 0)"));
    CHECK_FALSE(place_test_has_minus_zero("2024-06-03 -0.5 -0.01"));
    {
        auto json_out = sh.run("weather", {"--json", "--", "-0,-0"});
        INFO(json_out.errors << json_out.output);
        REQUIRE(json_out.status == 0);
        const auto location = nlohmann::json::parse(json_out.output)["location"];
        CHECK(location["lat"].dump() == "0.0");
        CHECK(location["lon"].dump() == "0.0");
        CHECK_FALSE(place_test_has_minus_zero(json_out.output));
    }
    {
        auto text = sh.run("weather", {"--", "-0.0,-0"});
        INFO(text.errors << text.output);
        REQUIRE(text.status == 0);
        CHECK(text.output.starts_with("0, 0\n"));  // no name for the open sea
        CHECK_FALSE(place_test_has_minus_zero(text.output));
    }
    auto tmpl = sh.run("weather", {"--format", "{lat},{lon}", "--", "-0,-0"});
    REQUIRE(tmpl.status == 0);
    CHECK(tmpl.output == "0,0\n");
    auto forecast = sh.run("forecast", {"--json", "--", "-0,-0"});
    REQUIRE(forecast.status == 0);
    CHECK(nlohmann::json::parse(forecast.output)["location"]["lat"].dump() == "0.0");
    CHECK_FALSE(place_test_has_minus_zero(forecast.output));
    CHECK(sh.owm.requests().front().query.at("lat") == "0");
}

TEST_CASE("a city and its coordinates share one cache entry, each answer echoing what was asked",
          "[integration][places]") {
    PlaceShell sh;
    const auto paris = place_test_city("Paris", "", "FR");
    REQUIRE(sh.run("weather", {"Paris"}).status == 0);
    auto again = sh.run("weather", {fmt::format("{},{}", paris.lat, paris.lon)});
    INFO(again.errors);
    INFO(again.output);
    REQUIRE(again.status == 0);
    CHECK(sh.owm.request_count() == 1);
    CHECK(again.output.rfind(fmt::format("{}, {}\n", paris.lat, paris.lon), 0) == 0);
    CHECK_FALSE(place_test_has(again.output, "Île-de-France"));
    REQUIRE(sh.run("weather", {"Paris,FR"}).status == 0);
    CHECK(sh.owm.request_count() == 1);
}

TEST_CASE("tenki forecast Paris asks the forecast by coordinates, through either provider",
          "[integration][places]") {
    PlaceShell sh;
    const auto paris = place_test_city("Paris", "", "FR");
    auto owm = sh.run("forecast", {"Paris"});
    INFO(owm.errors);
    REQUIRE(owm.status == 0);
    CHECK(place_test_has(owm.output, "Paris, Île-de-France, FR"));
    REQUIRE(sh.owm.request_count() == 1);
    CHECK(sh.owm.requests().front().path == "/data/2.5/forecast");
    CHECK(sh.owm.requests().front().query.at("lat") == place_test_degrees(paris.lat));

    sh.with_key = false;
    auto meteo = sh.run("forecast", {"--refresh", "--json", "Paris"});
    INFO(meteo.errors);
    REQUIRE(meteo.status == 0);
    CHECK(nlohmann::json::parse(meteo.output)["location"]["name"] == "Paris");
    REQUIRE(sh.meteo.request_count() == 1);
    CHECK(sh.meteo.requests().front().query.at("latitude") == fmt::format("{:.4f}", paris.lat));
    CHECK(sh.meteo.requests().front().query.at("longitude") == fmt::format("{:.4f}", paris.lon));
}

TEST_CASE("without a key, cities and coordinates are answered by Open-Meteo", "[integration][places]") {
    PlaceShell sh;
    sh.with_key = false;
    const auto paris = place_test_city("Paris", "", "FR");
    auto r = sh.run("weather", {"Paris", "37.7749,-122.4194"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    CHECK(place_test_has(r.output, fmt::format("Paris, Île-de-France, FR ({}, {})", paris.lat, paris.lon)));
    CHECK(place_test_has(r.output, "\n37.7749, -122.4194"));  // Open-Meteo names no point
    CHECK(sh.owm.request_count() == 0);
    REQUIRE(sh.meteo.request_count() == 2);
    CHECK(sh.meteo.requests()[0].query.at("latitude") == fmt::format("{:.4f}", paris.lat));
    CHECK(sh.meteo.requests()[1].query.at("latitude") == "37.7749");
    CHECK(sh.meteo.requests()[1].query.at("longitude") == "-122.4194");
}

TEST_CASE(
    "an ambiguous name exits 2 listing how to pick one, an unknown one 3 with a did-you-mean; "
    "neither asks upstream",
    "[integration][places]") {
    PlaceShell sh;
    for (bool key : {true, false}) {
        sh.with_key = key;
        auto ambiguous = sh.run("weather", {"Springfield"});
        CHECK(ambiguous.status == 2);
        CHECK(place_test_has(ambiguous.errors, "Springfield, IL, US"));
        CHECK(place_test_has(ambiguous.errors, "such as Springfield,MO"));
        // ("Londn" itself is one of GeoNames' alternate names of London, so it finds London.)
        auto unknown = sh.run("weather", {"Londno"});
        CHECK(unknown.status == 3);
        CHECK(place_test_has(unknown.errors, "did you mean London, England, GB"));
        auto ahead = sh.run("forecast", {"Springfield"});
        CHECK(ahead.status == 2);
    }
    CHECK(sh.upstream_requests() == 0);
}

TEST_CASE("Cologne is answered as Köln and the report names it; Salem and Victoria list how to pick one",
          "[integration][places]") {
    PlaceShell sh;
    const auto koeln = place_test_city("Köln", "", "DE");
    auto text = sh.run("weather", {"Cologne"});
    INFO(text.errors);
    REQUIRE(text.status == 0);
    CHECK(place_test_has(text.output, "Köln, North Rhine-Westphalia, DE"));
    auto as_json = sh.run("weather", {"--json", "Cologne"});
    REQUIRE(as_json.status == 0);
    const auto location = nlohmann::json::parse(as_json.output)["location"];
    CHECK(location["name"] == "Köln");
    CHECK(location["geonames_id"] == koeln.geonames_id);
    const auto asked = sh.owm.request_count();  // the second from the cache the first filled
    REQUIRE(asked >= 1);
    CHECK(sh.owm.requests().front().query.at("lat") == place_test_degrees(koeln.lat));

    auto salem = sh.run("weather", {"Salem"});
    CHECK(salem.status == 2);
    CHECK(place_test_has(salem.errors, "Salem, OR, US (pop. 164549)"));
    auto victoria = sh.run("weather", {"Victoria"});
    CHECK(victoria.status == 2);
    CHECK(place_test_has(victoria.errors, "Victoria, British Columbia, CA"));
    CHECK(place_test_has(victoria.errors, "such as Victoria,CA"));
    CHECK(sh.owm.request_count() == asked);  // neither list asked upstream
    auto oregon = sh.run("weather", {"--format", "{name}|{region}|{country}", "Salem,US-OR"});
    INFO(oregon.errors);
    CHECK(oregon.output == "Salem|OR|US\n");
}

TEST_CASE("Salem,IN lists India's and Indiana's Salem; Vienna,VA and Berlin,DE answer and say the reading",
          "[integration][places]") {
    PlaceShell sh;
    auto salem = sh.run("weather", {"Salem,IN"});
    CHECK(salem.status == 2);
    CHECK(place_test_has(salem.errors,
                         "Salem,IN is ambiguous: IN is a country, India, and a US state, Indiana; say "
                         "Salem,India for Salem, Tamil Nadu, IN"));
    CHECK(place_test_has(salem.errors, "or Salem,US-IN for Salem, IN, US"));
    CHECK(sh.upstream_requests() == 0);
    auto indiana = sh.run("weather", {"--format", "{name}|{region}|{country}", "Salem,US-IN"});
    INFO(indiana.errors);
    CHECK(indiana.output == "Salem|IN|US\n");
    CHECK(indiana.errors.empty());  // read one way only: nothing to say
    // The text report says the reading on stderr; a status bar's template names the place itself.
    auto vienna = sh.run("weather", {"Vienna,VA"});
    CHECK(vienna.status == 0);
    CHECK(place_test_has(vienna.output, "Vienna, VA, US"));
    CHECK(vienna.errors ==
          "tenki: note: Vienna,VA: VA read as the US state Virginia; no Vienna in the country "
          "Holy See Vatican City State\n");
    auto bar = sh.run("weather", {"--format", "{name}|{region}|{country}", "Vienna,VA"});
    CHECK(bar.output == "Vienna|VA|US\n");
    CHECK(bar.errors.empty());
    auto berlin = sh.run("weather", {"Berlin,DE"});
    CHECK(place_test_has(berlin.output, "Berlin, State of Berlin, DE"));
    CHECK(berlin.errors ==
          "tenki: note: Berlin,DE: DE read as the country Germany; no Berlin in the US state Delaware\n");
    auto texas = sh.run("weather", {"--format", "{name}|{region}|{country}", "Paris,TX"});
    CHECK(texas.output == "Paris|TX|US\n");
    CHECK(texas.errors.empty());  // TX is no country
    auto moon = sh.run("moon", {"Vienna,VA", "--date", "2026-12-12"});
    CHECK(moon.status == 0);
    CHECK(place_test_has(moon.output, "Vienna, VA, US"));
    CHECK(place_test_has(moon.errors, "tenki: note: Vienna,VA: VA read as the US state Virginia"));
}

TEST_CASE("a German postal code with its country after a space is told to write 10115,de, not SW1A",
          "[integration][places]") {
    PlaceShell sh;
    auto r = sh.run("weather", {"10115 de"});
    CHECK(r.status == 2);
    CHECK(place_test_has(r.errors,
                         "for a postal code of Germany, put the country after a comma: \"10115,de\""));
    CHECK_FALSE(place_test_has(r.errors, "SW1A"));
    CHECK(sh.upstream_requests() == 0);
}

TEST_CASE("--units auto for coordinates: imperial in the US by the point's time zone, else metric",
          "[integration][places]") {
    PlaceShell sh;
    for (bool key : {true, false}) {
        sh.with_key = key;
        auto sf = sh.run("weather", {"37.77,-122.42", "--units", "auto", "--json"});
        INFO(sf.errors);
        REQUIRE(sf.status == 0);
        CHECK(nlohmann::json::parse(sf.output)["units"] == "imperial");
        auto paris = sh.run("weather", {"48.8534,2.3488", "--format", "{temp_unit}"});
        CHECK(paris.output == "°C\n");
        auto default_auto = sh.run("forecast", {"37.77,-122.42", "--json"});
        REQUIRE(default_auto.status == 0);
        CHECK(nlohmann::json::parse(default_auto.output)["units"] == "imperial");
    }
}

TEST_CASE("without a key, a postal code of another country is found by Open-Meteo's geocoding",
          "[integration][places][geocoding]") {
    PlaceShell sh;
    sh.with_key = false;
    auto paris = sh.run("weather", {"--json", "75008,fr"});
    INFO(paris.errors);
    REQUIRE(paris.status == 0);
    const auto doc = nlohmann::json::parse(paris.output);
    CHECK(doc["location"]["postal_code"] == "75008");
    CHECK(doc["location"]["country"] == "FR");
    CHECK(doc["location"]["name"] == "Paris");
    CHECK(doc["source"] == "open-meteo");
    auto asked = sh.meteo.requests();
    REQUIRE(asked.size() == 2);
    CHECK(asked.at(0).path == "/v1/search");
    CHECK(asked.at(0).query.at("name") == "75008");
    CHECK(asked.at(0).query.at("countryCode") == "FR");
    CHECK(asked.at(1).path == "/v1/forecast");
    CHECK(asked.at(1).query.at("latitude") == "48.8534");
    CHECK(asked.at(1).query.at("longitude") == "2.3488");
    CHECK(sh.owm.request_count() == 0);

    auto london = sh.run("weather", {"--country", "gb", "SW1A 1AA"});
    INFO(london.errors);
    CHECK(london.status == 0);
    CHECK(place_test_has(london.output, "London"));
    CHECK(sh.meteo.requests().at(2).query.at("name") == "SW1A 1AA");

    // A code the geocoding does not list is not found, even when its fuzzy search answers a place
    // nearby (75099 "matches" Paris's 750..): never the wrong place, and no weather asked.
    const auto before = sh.meteo.request_count();
    auto unknown = sh.run("weather", {"75099,fr"});
    CHECK(unknown.status == 3);
    CHECK(place_test_has(unknown.errors, "no postal code 75099 in FR"));
    CHECK(place_test_has(unknown.errors, "OpenWeatherMap"));
    CHECK(sh.meteo.request_count() == before + 1);
    CHECK(sh.meteo.requests().back().path == "/v1/search");

    auto ahead = sh.run("forecast", {"--json", "10115,de"});
    INFO(ahead.errors);
    REQUIRE(ahead.status == 0);
    CHECK(nlohmann::json::parse(ahead.output)["location"]["name"] == "Berlin");
}

TEST_CASE("with a key, another country's postal code goes to OpenWeatherMap's zip=, never geocoded",
          "[integration][places][geocoding]") {
    PlaceShell sh;
    auto r = sh.run("weather", {"--country", "gb", "SW1A 1AA"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    REQUIRE(sh.owm.request_count() == 1);
    CHECK(sh.owm.requests().front().query.at("zip") == "SW1A,gb");  // OpenWeatherMap takes the district
    CHECK(sh.meteo.request_count() == 0);
}

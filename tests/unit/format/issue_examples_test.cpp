// The kinds of upstream answer that tenki once showed wrong (issue 13), each on a body of the same
// shape as one a provider really sent: every output (text, --format, --json/v2, v1) says only
// what the upstream said.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "providers/open_meteo/open_meteo.hpp"
#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"
#include "tenki/format/format.hpp"

using namespace tenki;
using Catch::Contains;
using nlohmann::json;

namespace {

const TextStyle k_plain{};

// An OpenWeatherMap answer for Calitri-like weather at `kelvin`, with sunrise and sunset given.
std::string owm_body(double kelvin, std::string_view sys = R"("sunrise": 1701064735, "sunset": 1701099179)",
                     std::string_view extra = "") {
    return "{\"weather\": [{\"id\": 801, \"main\": \"Clouds\", \"description\": \"few clouds\", \"icon\": "
           "\"02n\"}], \"main\": {\"temp\": " +
           json(kelvin).dump() + ", \"feels_like\": 270.26, \"pressure\": 1018, \"humidity\": 76}, " +
           "\"wind\": {\"speed\": 2.46, \"deg\": 200}, \"clouds\": {\"all\": 19}, \"dt\": 1701061471, " +
           "\"sys\": {\"country\": \"IT\", " + std::string(sys) + "}, \"timezone\": 3600, " +
           std::string(extra) + "\"name\": \"Calitri\", \"cod\": 200}";
}

Weather owm(const std::string& body, const Location& asked = Location{"83045", "it"}) {
    return parse_owm_response(200, body, asked).value();
}

std::string line(std::string_view tmpl, const Weather& w, Units units) {
    return render_template(tmpl, w, units).value();
}

// An Open-Meteo answer in °C for the current weather (weather_code a number or null).
Weather open_meteo(double temperature, double apparent, std::string_view weather_code) {
    const auto body = R"({"utc_offset_seconds": -14400, "current_units": {"temperature_2m": "°C",
      "apparent_temperature": "°C", "wind_speed_10m": "m/s"}, "current": {"time": "2025-04-15T10:00",
      "interval": 900, "temperature_2m": )" +
                      json(temperature).dump() + R"(, "apparent_temperature": )" + json(apparent).dump() +
                      R"(, "is_day": 1, "relative_humidity_2m": 71, "weather_code": )" +
                      std::string(weather_code) + R"(, "pressure_msl": 1015.2, "wind_speed_10m": 3.2}})";
    const ZipInfo place{"01930", "Gloucester", "MA", 42.62, -70.66};
    return parse_open_meteo_response(200, body, Location{"01930", "us"}, place).value();
}

}  // namespace

TEST_CASE("no negative zero: a template rounds first, then drops the sign", "[format][issue13]") {
    // 273.12 K is -0.03 °C: "{temp:.0f}" once printed "-0°C".
    const auto w = owm(owm_body(273.12));
    CHECK(line("{temp:.0f}{temp_unit}", w, Units::metric) == "0°C");
    CHECK(line("{temp:.1f}", w, Units::metric) == "0.0");
    CHECK(line("{temp}", w, Units::metric) == "0.0");
    CHECK(line("{temp:+.0f}", w, Units::metric) == "+0");
    CHECK(line("{temp:.2f}", w, Units::metric) == "-0.03");  // not a zero at two places
    CHECK(line("{temp:.0f}", owm(owm_body(272.5)), Units::metric) == "-1");
}

TEST_CASE("no negative zero in the text report", "[format][issue13]") {
    // 273.13 K is -0.02 °C: the report once printed "-0.0°C".
    const auto text = render_text(owm(owm_body(273.13)), Units::metric, k_plain);
    CHECK_THAT(text, Contains("Temperature  0°C, feels like -3°C"));
    CHECK_THAT(text, !Contains("-0.0") && !Contains("-0°"));
}

TEST_CASE("no negative zero from Open-Meteo in Fahrenheit, in text, template and JSON", "[format][issue13]") {
    // -17.79 °C is -0.022 °F and -17.77 °C is 0.014 °F.
    const auto w = open_meteo(-17.79, -17.77, "3");
    CHECK(line("{temp:.0f}{temp_unit} {feels_like:.0f}", w, Units::imperial) == "0°F 0");
    CHECK_THAT(render_text(w, Units::imperial, k_plain), Contains("Temperature  0°F, feels like 0°F"));
    const auto doc = to_v2_json(w, Units::imperial);
    CHECK(doc["temperature"]["current"].dump() == "-0.02");
    const auto rounded_zero = to_v2_json(open_meteo(-17.778, -17.7781, "3"), Units::imperial);
    CHECK(rounded_zero["temperature"]["feels_like"].dump() == "0.0");
    CHECK_FALSE(std::signbit(rounded_zero["temperature"]["feels_like"].get<double>()));
}

TEST_CASE("polar night: a sunrise or sunset of 0 or less is no time", "[format][issue13]") {
    for (const auto* sys : {R"("sunrise": 0, "sunset": 0)", R"("sunrise": -1, "sunset": -86400)"}) {
        INFO(sys);
        const auto w = owm(owm_body(244.15, sys));
        CHECK_FALSE(w.sunrise);
        CHECK_FALSE(w.sunset);
        const auto text = render_text(w, Units::metric, k_plain);
        CHECK_THAT(text, !Contains("Sunrise") && !Contains("Sunset") && !Contains("1970"));
        const auto doc = to_v2_json(w, Units::metric);
        CHECK(doc["sunrise"].is_null());
        CHECK(doc["sunset"].is_null());
        CHECK(line("{sunrise}|{sunset}", w, Units::metric) == "-|-");
    }
}

TEST_CASE("a null WMO code is unknown weather, with no code made up", "[format][issue13]") {
    const auto w = open_meteo(12.4, 10.9, "null");
    CHECK_FALSE(owm_condition_id(w.condition));
    CHECK(w.condition.description == "unknown weather");
    const auto text = render_text(w, Units::metric, k_plain);
    CHECK_THAT(text, Contains("Unknown weather\n"));
    CHECK_THAT(text, !Contains("WMO"));
    CHECK(to_v2_json(w, Units::metric)["condition"]["code"].is_null());
    CHECK(to_v1_json(w)["weather_code"].is_null());
    CHECK(line("{code} {description}", w, Units::metric) == "- unknown weather");
    // A number Open-Meteo does not document is named as sent, still with no OpenWeatherMap code.
    const auto odd = open_meteo(12.4, 10.9, "42");
    CHECK_FALSE(owm_condition_id(odd.condition));
    CHECK(odd.condition.description == "unknown weather (WMO code 42)");
}

TEST_CASE("rain over 3 hours is said as 3 hours in text, template and v2", "[format][issue13]") {
    const auto w =
        owm(owm_body(289.5, R"("sunrise": 1369769524, "sunset": 1369821049)", R"("rain": {"3h": 1.5}, )"));
    CHECK_FALSE(w.rain_1h);
    CHECK(w.rain_3h == 1.5);
    const auto text = render_text(w, Units::metric, k_plain);
    CHECK_THAT(text, Contains("Rain         1.5 mm in the last 3 hours\n"));
    CHECK_THAT(text, !Contains("last hour"));
    CHECK(line("{rain_1h}|{rain_3h}", w, Units::metric) == "-|1.5");
    const auto doc = to_v2_json(w, Units::metric);
    CHECK(doc["rain_1h"].is_null());
    CHECK(doc["rain_3h"] == 1.5);
    const auto both = owm(owm_body(270, R"("sunrise": 1701064735, "sunset": 1701099179)",
                                   R"("snow": {"1h": 0.3, "3h": 0.9}, )"));
    CHECK_THAT(render_text(both, Units::metric, k_plain),
               Contains("Snow         0.3 mm in the last hour, 0.9 mm in the last 3 hours\n"));
}

TEST_CASE("an error cod inside an HTTP 200 says what was received", "[format][issue13]") {
    const auto error =
        parse_owm_response(200, R"({"cod": "500", "message": "Internal error"})", Location{"94107", "us"});
    REQUIRE_FALSE(error);
    CHECK(error.error().kind == ErrorKind::bad_response);
    CHECK_THAT(error.error().message, Contains(R"(HTTP 200 with "cod": "500")"));
    CHECK_THAT(error.error().message, !Contains("HTTP 500"));
    CHECK_THAT(parse_owm_response(503, "", Location{"94107", "us"}).error().message, Contains("HTTP 503"));
}

TEST_CASE("place names lose C1 controls and bidirectional overrides", "[format][issue13]") {
    // U+009B (CSI in 8-bit terminals) and U+202E (right-to-left override) in the upstream's name.
    auto body = owm_body(280);
    body.replace(body.find("Calitri"), 7, "Cal\u009b2Jit\u202eri\u2066x\u2069");
    const auto w = owm(body);
    CHECK(w.place_name == "Cal2Jitrix");
    CHECK_THAT(render_text(w, Units::metric, k_plain), Contains("Cal2Jitrix, IT 83045"));
    CHECK(to_v2_json(w, Units::metric)["location"]["name"] == "Cal2Jitrix");
    CHECK(line("{name}", w, Units::metric) == "Cal2Jitrix");
}

TEST_CASE("a UK postcode is asked by its outward code, and the answer says so", "[format][issue13]") {
    const Location asked{"SW1A 1AA", "gb"};
    CHECK(owm_zip_code(asked) == "SW1A");
    CHECK(owm_zip_code({"SW1A1AA", "gb"}) == "SW1A");
    CHECK(owm_zip_code({"M1 1AE", "gb"}) == "M1");
    CHECK(owm_zip_code({"SW1A", "gb"}) == "SW1A");
    CHECK(owm_zip_code({"K1A 0B1", "ca"}) == "K1A");
    CHECK(owm_zip_code({"94107", "us"}) == "94107");
    CHECK(owm_zip_code({"10115", "de"}) == "10115");
    CHECK(owm_request_url("http://x", asked, "k") == "http://x/data/2.5/weather?zip=SW1A,gb&appid=k");
    // The answer in the UK: one in another country is refused (answered_place_test).
    auto in_gb = owm_body(288.44);
    in_gb.replace(in_gb.find("\"IT\""), 4, "\"GB\"");
    const auto w = owm(in_gb, asked);
    CHECK(w.area == "SW1A");
    CHECK_THAT(render_text(w, Units::metric, k_plain), Contains("Calitri, GB SW1A 1AA (the SW1A area)"));
    CHECK(to_v2_json(w, Units::metric)["location"]["area"] == "SW1A");
    CHECK(line("{postal_code} {area}", w, Units::metric) == "SW1A 1AA SW1A");
    const auto not_found =
        parse_owm_response(404, R"({"cod": "404", "message": "city not found"})", asked).error();
    CHECK(not_found.kind == ErrorKind::not_found);
    CHECK_THAT(not_found.message, Contains("SW1A 1AA in GB (tenki asked for its area SW1A)"));
}

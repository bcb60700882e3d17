// The small fields ({uv}, {uv_label}, {dew_point}, {wind_arrow}, {wind_arrow_from}), --icons and the
// bars' hot and cold classes, through the built binary against both fake upstreams.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/fake_open_meteo.hpp"
#include "support/tenki_shell.hpp"

using nlohmann::json;
using tenki::test::FakeOpenMeteo;

namespace {

// Both fakes; `open_meteo`: no key, so Open-Meteo answers.
struct FieldsShell : tenki::test::TenkiShell {
    explicit FieldsShell(bool open_meteo) : TenkiShell("tenki-fields") {
        with_open_meteo = true;
        with_key = !open_meteo;
    }
    std::string line(std::vector<std::string> args) const {
        auto r = run("weather", std::move(args));
        INFO(r.output << r.errors);
        REQUIRE(r.status == 0);
        REQUIRE_FALSE(r.output.empty());
        return r.output.substr(0, r.output.size() - 1);  // less its newline
    }
    json document(std::vector<std::string> args) const {
        args.push_back("--json");
        auto r = run("weather", std::move(args));
        INFO(r.output << r.errors);
        REQUIRE(r.status == 0);
        return json::parse(r.output);
    }
};

std::string fields_one_decimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

// The Magnus formula as the issue states it (Alduchov and Eskridge's coefficients), written here
// apart from tenki's: the dew point in °C of `celsius` at `humidity` %.
double magnus_celsius(double celsius, double humidity) {
    const double gamma = std::log(humidity / 100.0) + 17.625 * celsius / (243.04 + celsius);
    return 243.04 * gamma / (17.625 - gamma);
}

}  // namespace

TEST_CASE("Open-Meteo: tenki asks for uv_index and dew_point_2m and shows the provider's",
          "[integration][fields]") {
    FieldsShell sh(true);
    const auto doc = sh.document({"Paris", "-u", "metric"});
    CHECK(doc.at("source") == "open-meteo");
    CHECK(doc.at("uv_index").get<double>() == Approx(FakeOpenMeteo::k_uv_index));
    CHECK(doc.at("uv_label") == "high");  // 5.6 rounds to 6
    const double temp = doc.at("temperature").at("current").get<double>();
    CHECK(doc.at("dew_point").at("source") == "provider");
    CHECK(doc.at("dew_point").at("unit") == "°C");
    CHECK(doc.at("dew_point").at("value").get<double>() ==
          Approx(temp - FakeOpenMeteo::k_dew_point_below).margin(0.01));
    bool asked = false;
    for (const auto& r : sh.meteo.requests()) {
        if (r.query.count("current") == 0) continue;
        asked = true;
        CHECK_THAT(r.query.at("current"), Catch::Contains("uv_index") && Catch::Contains("dew_point_2m"));
    }
    CHECK(asked);
    // The fake's wind is from 250° (WSW): it goes east.
    REQUIRE(doc.at("wind").at("deg") == 250);
    CHECK(sh.line({"Paris", "-u", "metric", "-f",
                   "{uv} {uv:.1f} {uv_label} {dew_point} {wind_arrow} {wind_arrow_from}"}) ==
          "6 5.6 high " + fields_one_decimal(temp - FakeOpenMeteo::k_dew_point_below) + " → ←");
}

TEST_CASE("OpenWeatherMap: no UV index (-, null) and the dew point computed from temperature and humidity",
          "[integration][fields]") {
    FieldsShell sh(false);
    const std::vector<std::string> place{"--country", "gb", "SW1A 1AA", "-u", "metric"};
    auto args = place;
    const auto doc = sh.document(args);
    CHECK(doc.at("source") == "openweathermap");
    CHECK(doc.at("uv_index").is_null());
    CHECK(doc.at("uv_label").is_null());
    const double temp = doc.at("temperature").at("current").get<double>();
    const double humidity = doc.at("humidity").get<double>();
    CHECK(doc.at("dew_point").at("source") == "computed");
    CHECK(doc.at("dew_point").at("value").get<double>() ==
          Approx(magnus_celsius(temp, humidity)).margin(0.02));
    // The fake London's wind is from 230°, the example: it goes north-east.
    REQUIRE(doc.at("wind").at("deg") == 230);
    args.insert(args.end(), {"-f", "{uv} {uv_label} {wind_arrow} {wind_arrow_from} {wind_dir}"});
    CHECK(sh.line(args) == "- - ↗ ↙ SW");
    args = {"--country", "gb", "SW1A 1AA", "-u", "imperial", "-f", "{dew_point:.1f}{temp_unit}"};
    CHECK(sh.line(args) == fields_one_decimal(magnus_celsius(temp, humidity) * 9 / 5 + 32) + "°F");
}

TEST_CASE("--icons picks {symbol}'s set; auto is ascii under NO_COLOR, emoji otherwise",
          "[integration][fields][icons]") {
    FieldsShell sh(false);  // 94107: few clouds, observed between the answer's sunrise and sunset
    CHECK(sh.line({"94107", "-f", "{symbol}", "--icons", "nerd"}) == "\ue302");  // nf-weather-day_cloudy
    CHECK(sh.line({"94107", "-f", "{symbol}", "--icons", "ascii"}) == "m");
    CHECK(sh.line({"94107", "-f", "{symbol}", "--icons", "emoji"}) == "⛅");
    CHECK(sh.line({"94107", "-f", "{symbol}"}) == "m");  // the shell's NO_COLOR=1
    sh.extra = {{"NO_COLOR", std::nullopt}, {"TERM", "xterm"}};
    CHECK(sh.line({"94107", "-f", "{symbol}"}) == "⛅");
    sh.extra = {{"TENKI_ICONS", "nerd"}};
    CHECK(sh.line({"94107", "-f", "{symbol}"}) == "\ue302");
    sh.extra.clear();
    sh.config("icons = \"emoji\"\n");
    CHECK(sh.line({"94107", "-f", "{symbol}"}) == "⛅");
    auto bad = sh.run("weather", {"94107", "--icons", "fancy"});
    CHECK(bad.status == 2);
    CHECK_THAT(bad.errors, Catch::Contains("--icons"));
    CHECK(bad.output.empty());
}

TEST_CASE("--icons nerd draws the night variant by the place's sun (Open-Meteo's is_day)",
          "[integration][fields][icons]") {
    FieldsShell sh(true);
    sh.meteo.answer_weather(0, false);  // clear sky, at night
    CHECK(sh.line({"Paris", "-f", "{symbol}", "--icons", "nerd", "--cache-ttl", "0"}) ==
          "\ue32b");  // night_clear
    CHECK(sh.line({"Paris", "-f", "{symbol}", "--icons", "emoji", "--cache-ttl", "0"}) == "🌙");
    sh.meteo.answer_weather(0, true);
    CHECK(sh.line({"Paris", "-f", "{symbol}", "--icons", "nerd", "--cache-ttl", "0"}) ==
          "\ue30d");  // day_sunny
    auto bar = sh.run("weather", {"Paris", "--output", "waybar", "--icons", "nerd", "--cache-ttl", "0"});
    REQUIRE(bar.status == 0);
    CHECK(json::parse(bar.output).at("text").get<std::string>().starts_with("\ue30d"));
}

TEST_CASE("--icons picks the text report's symbol too, drawn piped whenever a set is named",
          "[integration][fields][icons]") {
    FieldsShell sh(false);  // 94107: few clouds, by day
    // The report's second line is the condition's (no alert in force at the fake NWS).
    const auto condition_line = [&](std::vector<std::string> args) {
        auto r = sh.run("weather", std::move(args));
        INFO(r.output << r.errors);
        REQUIRE(r.status == 0);
        const auto from = r.output.find('\n') + 1;
        return r.output.substr(from, r.output.find('\n', from) - from);
    };
    const auto plain = condition_line({"94107"});  // piped, no set named: no symbol, as before
    CHECK(plain == "Few clouds");
    CHECK(condition_line({"94107", "--icons", "nerd"}) == "\ue302 " + plain);  // nf-weather-day_cloudy
    CHECK(condition_line({"94107", "--icons", "ascii"}) == "m " + plain);
    CHECK(condition_line({"94107", "--icons", "emoji"}) == "⛅ " + plain);
    sh.extra = {{"TENKI_ICONS", "ascii"}};
    CHECK(condition_line({"94107"}) == "m " + plain);
}

TEST_CASE("the Waybar tooltip gives the UV index with its band and the dew point, by provider",
          "[integration][fields][bar]") {
    SECTION("Open-Meteo: its UV index now and its own dew point") {
        FieldsShell sh(true);
        const auto doc = sh.document({"Paris", "-u", "metric"});
        const double dew =
            doc.at("temperature").at("current").get<double>() - FakeOpenMeteo::k_dew_point_below;
        auto bar = sh.run("weather", {"Paris", "-u", "metric", "--output", "waybar"});
        REQUIRE(bar.status == 0);
        const std::string tooltip = json::parse(bar.output).at("tooltip");
        INFO(tooltip);
        CHECK_THAT(tooltip, Catch::Contains("\nUV index 6 (high)\n"));  // 5.6, rounded as its band
        CHECK_THAT(tooltip, Catch::Contains("\nDew point " + fields_one_decimal(dew) + "°C\n"));
    }
    SECTION("OpenWeatherMap: no UV index, so no line; the dew point computed") {
        FieldsShell sh(false);
        const auto doc = sh.document({"94107", "-u", "metric"});
        const double temp = doc.at("temperature").at("current").get<double>();
        const double humidity = doc.at("humidity").get<double>();
        auto bar = sh.run("weather", {"94107", "-u", "metric", "--output", "waybar"});
        REQUIRE(bar.status == 0);
        const std::string tooltip = json::parse(bar.output).at("tooltip");
        INFO(tooltip);
        CHECK_THAT(tooltip, !Catch::Contains("UV"));
        CHECK_THAT(tooltip, Catch::Contains("\nDew point " +
                                            fields_one_decimal(magnus_celsius(temp, humidity)) + "°C\n"));
    }
}

TEST_CASE("--output waybar and i3blocks: classes hot and cold from bar.hot and bar.cold, in °C",
          "[integration][fields][bar]") {
    FieldsShell sh(false);
    const double celsius =
        sh.document({"94107", "-u", "metric"}).at("temperature").at("current").get<double>();
    const auto waybar_classes = [&] {
        auto r = sh.run("weather", {"94107", "--output", "waybar"});
        INFO(r.output << r.errors);
        REQUIRE(r.status == 0);
        return json::parse(r.output).at("class");
    };
    const auto i3blocks_lines = [&] {
        auto r = sh.run("weather", {"94107", "--output", "i3blocks"});
        REQUIRE(r.status == 0);
        return r.output;
    };
    // 94107 shows °F (auto units), the thresholds stay °C.
    sh.config("[bar]\nhot = " + fields_one_decimal(std::floor(celsius) - 1) + "\n");
    CHECK(waybar_classes() == json::array({"clouds", "hot"}));
    CHECK_THAT(i3blocks_lines(), Catch::EndsWith("\n#E06C75\n"));
    sh.config("[bar]\ncold = " + fields_one_decimal(std::ceil(celsius) + 1) + "\n");
    CHECK(waybar_classes() == json::array({"clouds", "cold"}));
    CHECK_THAT(i3blocks_lines(), Catch::EndsWith("\n#61AFEF\n"));
    sh.config("");  // the defaults, 30 and 0: the fake's mild day is neither
    REQUIRE((celsius < 30 && celsius > 0));
    CHECK(waybar_classes() == json::array({"clouds"}));
    sh.extra = {{"TENKI_BAR_HOT", fields_one_decimal(std::floor(celsius) - 1)}};
    CHECK(waybar_classes() == json::array({"clouds", "hot"}));
}

TEST_CASE("the forecast names its UV honestly: each hour's uv_index, each day's uv_index_max",
          "[integration][fields][forecast]") {
    FieldsShell sh(true);
    auto r = sh.run("forecast", {"Paris", "--json", "--hourly"});
    INFO(r.output << r.errors);
    REQUIRE(r.status == 0);
    const auto doc = json::parse(r.output);
    REQUIRE_FALSE(doc.at("hourly").empty());
    for (const auto& step : doc.at("hourly")) {
        const double uv = step.at("uv_index").get<double>();
        CHECK((uv == 0.0 || uv == Approx(FakeOpenMeteo::k_uv_index)));
    }
    bool asked = false;
    for (const auto& request : sh.meteo.requests())
        if (request.query.count("hourly") != 0) {
            asked = true;
            CHECK_THAT(request.query.at("hourly"), Catch::Contains("uv_index"));
        }
    CHECK(asked);
}

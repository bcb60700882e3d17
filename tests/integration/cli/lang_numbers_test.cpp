// What tenki writes around the words in its languages (issue 27), as a user meets it: numbers with
// the language's decimal separator, CLDR's short units and durations, {main}, `tenki moon --lang`.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "support/tenki_shell.hpp"

namespace {

struct NumbersShell : tenki::test::TenkiShell {
    NumbersShell() : TenkiShell("tenki-lang-numbers") {}
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a template in German: a decimal comma, the group word, coordinates with a point",
          "[integration][lang]") {
    NumbersShell sh;  // the fake's 94107: 288.71 K, wind 5.14 m/s, "Clouds"
    const auto de = sh.run("weather", {"--lang", "de", "-u", "metric", "-f",
                                       "{temp}|{main}|{wind_speed} {speed_unit}|{lat}", "94107"});
    INFO(de.output << de.errors);
    REQUIRE(de.status == 0);
    CHECK(de.output.rfind("15,6|Bewölkung|5,1 m/s|37.", 0) == 0);
    const auto en =
        sh.run("weather", {"-u", "metric", "-f", "{temp}|{main}|{wind_speed} {speed_unit}", "94107"});
    CHECK(en.output == "15.6|Clouds|5.1 m/s\n");
    const auto ru =
        sh.run("weather", {"--lang", "ru", "-u", "metric", "-f", "{wind_speed} {speed_unit}", "94107"});
    CHECK(ru.output == "5,1 м/с\n");
    CHECK(sh.owm.request_count() == 1);
}

TEST_CASE("the report in Russian: decimal commas and CLDR's short units", "[integration][lang]") {
    NumbersShell sh;
    const auto r = sh.run("weather", {"--lang", "ru", "-u", "metric", "94107"});
    INFO(r.output << r.errors);
    REQUIRE(r.status == 0);
    for (const char* part : {"5,1 м/с", "1016 гПа", "10,0 км"}) {
        INFO(part);
        CHECK(contains(r.output, part));
    }
    CHECK_FALSE(contains(r.output, " m/s"));
    // --json keeps its numbers: the words change, the values do not.
    const auto doc =
        nlohmann::json::parse(sh.run("weather", {"--lang", "ru", "-u", "metric", "--json", "94107"}).output);
    CHECK(doc.at("wind").at("speed") == 5.14);
    CHECK(doc.at("wind").at("direction") == "З");  // text a person reads: 270° in Russian
}

TEST_CASE("tenki moon --lang de: the phase, the age with a decimal comma, the day in CLDR's units",
          "[integration][lang][moon]") {
    NumbersShell sh;
    const auto de = sh.run("moon", {"--lang", "de", "Paris", "--date", "2026-12-12"});
    INFO(de.output << de.errors);
    REQUIRE(de.status == 0);
    CHECK(contains(de.output, "zunehmende Sichel"));
    CHECK(contains(de.output, "Tage alt"));
    CHECK(contains(de.output, " Std. "));
    CHECK(contains(de.output, " Min."));
    const auto age = de.output.find(" Tage alt");
    REQUIRE(age != std::string::npos);
    CHECK(de.output.substr(age - 2, 1) == ",");  // "3,4 Tage alt"
    const auto en = sh.run("moon", {"Paris", "--date", "2026-12-12"});
    CHECK(contains(en.output, "days old"));
    CHECK(contains(en.output, "h "));
    NumbersShell env;
    env.extra.emplace_back("TENKI_LANG", "fr");
    CHECK(contains(env.run("moon", {"Paris", "--date", "2026-12-12"}).output, "premier croissant"));
    const auto json_run = sh.run("moon", {"--lang", "de", "--json", "Paris", "--date", "2026-12-12"});
    CHECK(nlohmann::json::parse(json_run.output).at("moon").at("phase") ==
          "waxing crescent");  // English, a value
    const auto bad = sh.run("moon", {"--lang", "xx", "Paris"});
    CHECK(bad.status == 2);
    CHECK(contains(bad.errors, "pt-BR"));
}

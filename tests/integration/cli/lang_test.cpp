// tenki's languages (issue 27) as a user meets them: the built binary against the fake upstreams.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "support/tenki_shell.hpp"

namespace {

struct LangShell : tenki::test::TenkiShell {
    LangShell() : TenkiShell("tenki-lang") { with_open_meteo = true; }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("tenki weather --lang de: the report's labels and condition in German", "[integration][lang]") {
    LangShell sh;
    const auto r = sh.run("weather", {"--lang", "de", "94107"});  // OpenWeatherMap: 801 "few clouds"
    INFO(r.output << r.errors);
    REQUIRE(r.status == 0);
    for (const char* part : {"Leicht bewölkt", "Temperatur", "gefühlt", "Luftfeuchte", "Luftdruck",
                             "Sonnenaufgang", "aus W (270°)", "Böen"})
        CHECK(has(r.output, part));
    for (const char* part : {"Few clouds", "Humidity", "feels like", "from W"})
        CHECK_FALSE(has(r.output, part));
    CHECK(has(r.output, "San Francisco, CA"));  // place names stay as the upstream wrote them
}

TEST_CASE("--lang de, then ja, then English for one place make one upstream call", "[integration][lang]") {
    LangShell sh;
    const auto de = sh.run("weather", {"--lang", "de", "94107"});
    const auto ja = sh.run("weather", {"--lang", "ja", "94107"});
    const auto en = sh.run("weather", {"94107"});
    INFO(de.errors << ja.errors << en.errors);
    REQUIRE(de.status == 0);
    REQUIRE(ja.status == 0);
    REQUIRE(en.status == 0);
    CHECK(has(de.output, "Leicht bewölkt"));
    CHECK(has(ja.output, "晴れ"));
    CHECK(has(ja.output, "気温"));
    CHECK(has(en.output, "Few clouds"));
    CHECK(sh.owm.request_count() == 1);
}

TEST_CASE("--lang en is the English output byte for byte", "[integration][lang]") {
    LangShell sh;
    const auto plain = sh.run("weather", {"94107"});
    const auto en = sh.run("weather", {"--lang", "EN", "94107"});
    const auto locale = [&] {
        auto s = LangShell();
        s.extra.emplace_back("LANG", "C.UTF-8");
        return s.run("weather", {"94107"});
    }();
    REQUIRE(plain.status == 0);
    CHECK(en.output == plain.output);
    CHECK(locale.output == plain.output);
}

TEST_CASE("the language's sources: TENKI_LANG, the config's lang, the locale", "[integration][lang]") {
    LangShell sh;
    sh.extra.emplace_back("TENKI_LANG", "fr");
    CHECK(has(sh.run("weather", {"94107"}).output, "Peu nuageux"));
    CHECK(has(sh.run("weather", {"--lang", "it", "94107"}).output, "Poco nuvoloso"));  // the option wins

    LangShell conf;
    conf.config("lang = \"pt_BR\"\n");
    CHECK(has(conf.run("weather", {"94107"}).output, "Poucas nuvens"));

    LangShell locale;
    locale.extra.emplace_back("LANG", "es_ES.UTF-8");
    CHECK(has(locale.run("weather", {"94107"}).output, "Poco nuboso"));
    locale.extra.emplace_back("LC_ALL", "ko_KR.UTF-8");  // a locale tenki does not speak: English
    const auto korean = locale.run("weather", {"94107"});
    CHECK(korean.status == 0);
    CHECK(has(korean.output, "Few clouds"));
}

TEST_CASE("an unknown language given explicitly is a usage error naming the supported ones",
          "[integration][lang]") {
    LangShell sh;
    const auto option = sh.run("weather", {"--lang", "ko", "94107"});
    CHECK(option.status == 2);
    CHECK(has(option.errors, "en, de, fr, ru, zh-Hans, zh-Hant, pt-BR, pt-PT, tr, ja, es, pl, it, uk, da"));
    LangShell env;
    env.extra.emplace_back("TENKI_LANG", "klingon");
    const auto from_env = env.run("forecast", {"94107"});
    CHECK(from_env.status == 2);
    CHECK(has(from_env.errors, "TENKI_LANG"));
    LangShell conf;
    conf.config("lang = \"xx\"\n");
    CHECK(conf.run("weather", {"94107"}).status == 2);
    CHECK(sh.owm.request_count() + env.owm.request_count() + conf.owm.request_count() == 0);
}

TEST_CASE("Open-Meteo's answer in Russian and Ukrainian, and its forecast in Spanish",
          "[integration][lang]") {
    LangShell sh;
    const auto ru = sh.run("weather", {"--provider", "open-meteo", "--lang", "ru", "94107"});  // WMO 3
    INFO(ru.output << ru.errors);
    REQUIRE(ru.status == 0);
    CHECK(has(ru.output, "Пасмурно"));
    CHECK(has(ru.output, "Влажность"));
    const auto uk = sh.run("weather", {"--provider", "open-meteo", "--lang", "uk", "94107"});
    CHECK(has(uk.output, "Похмуро"));
    const auto es = sh.run("forecast", {"--provider", "open-meteo", "--lang", "es", "--days", "3", "94107"});
    INFO(es.output << es.errors);
    REQUIRE(es.status == 0);
    CHECK(has(es.output, "3 días"));
    CHECK(has(es.output, "lluvia"));
    CHECK(has(es.output, "viento"));
    bool weekday = false;
    for (const char* day : {"dom ", "lun ", "mar ", "mié ", "jue ", "vie ", "sáb "})
        weekday |= has(es.output, day);
    CHECK(weekday);
}

TEST_CASE("templates translate {description}, {wind_dir} and {rain_next}, not names or numbers",
          "[integration][lang]") {
    LangShell sh;
    const auto r =
        sh.run("weather", {"--lang", "de", "-f", "{name}|{description}|{wind_dir}|{rain_next}", "94107"});
    INFO(r.output << r.errors);
    REQUIRE(r.status == 0);
    CHECK(r.output.rfind("San Francisco|leicht bewölkt|W|", 0) == 0);
    CHECK((has(r.output, "Regen") || has(r.output, "Schnee")));
    const auto ja = sh.run("weather", {"--lang", "ja", "-f", "{wind_dir}", "94107"});
    CHECK(ja.output == "西\n");
}

TEST_CASE("the status bar's tooltip in the language asked for", "[integration][lang]") {
    LangShell sh;
    const auto r = sh.run("weather", {"--lang", "fr", "--output", "waybar", "94107"});
    INFO(r.output << r.errors);
    REQUIRE(r.status == 0);
    CHECK(has(r.output, "Peu nuageux"));
    CHECK(has(r.output, "Température"));
    CHECK(has(r.output, "Humidité"));
}

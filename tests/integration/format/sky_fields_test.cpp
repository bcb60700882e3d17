// The sky's template fields ({moon} ... {day_length_change}) through the built binary against both
// fake upstreams: each is the weather document's `astronomy`, as a person reads it.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "support/tenki_shell.hpp"

using nlohmann::json;

namespace {

// "2026-12-12T08:35:00+01:00" as "08:35", null as "-".
std::string sky_clock(const json& time) {
    return time.is_null() ? "-" : time.get<std::string>().substr(11, 5);
}

// 29940 s as "8h 19m"; a change of -58 s as "-58s", 151 s as "+2m 31s" (the forms).
std::string sky_hours(long seconds) {
    const long minutes = std::lround(static_cast<double>(seconds) / 60.0);
    return fmt::format("{}h {:02}m", minutes / 60, minutes % 60);
}
std::string sky_change(long seconds) {
    const long s = std::labs(seconds);
    const char sign = seconds < 0 ? '-' : '+';
    if (s == 0) return "0s";
    return s < 60 ? fmt::format("{}{}s", sign, s) : fmt::format("{}{}m {:02}s", sign, s / 60, s % 60);
}

}  // namespace

TEST_CASE("the sky's template fields through both providers are the document's astronomy",
          "[integration][fields][moon]") {
    for (const bool open_meteo : {false, true}) {
        INFO((open_meteo ? "open-meteo" : "openweathermap"));
        tenki::test::TenkiShell sh("tenki-sky-fields");
        sh.with_open_meteo = true;
        sh.with_key = !open_meteo;
        auto doc_run = sh.run("weather", {"Paris,FR", "--json"});
        INFO(doc_run.errors);
        REQUIRE(doc_run.status == 0);
        const auto doc = json::parse(doc_run.output);
        CHECK(doc.at("source") == (open_meteo ? "open-meteo" : "openweathermap"));
        const auto& sky = doc.at("astronomy");
        REQUIRE(sky.is_object());
        const auto& moon = sky.at("moon");
        const auto& sun = sky.at("sun");
        // The same cached answer, so the same local date.
        auto line = sh.run("weather", {"Paris,FR", "-f",
                                       "{moon}|{moon_phase}|{moon_illumination}|{moonrise}|{moonset}|{dawn}|"
                                       "{dusk}|{noon}|{day_length}|{day_length_change}"});
        INFO(line.errors);
        REQUIRE(line.status == 0);
        const auto expected =
            fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}\n", moon.at("emoji").get<std::string>(),
                        moon.at("phase").get<std::string>(), moon.at("illumination").get<int>(),
                        sky_clock(moon.at("rise")), sky_clock(moon.at("set")), sky_clock(sun.at("dawn")),
                        sky_clock(sun.at("dusk")), sky_clock(sun.at("noon")),
                        sky_hours(sun.at("day_length_s").get<long>()),
                        sky_change(sun.at("day_length_change_s").get<long>()));
        CHECK(line.output == expected);
        CHECK(sky.at("zone") == "Europe/Paris");
    }
}

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "server/wttr/help.hpp"
#include "server/wttr/line.hpp"

using namespace tenki;

namespace {

// A weather with every value a % code reads, so no code renders "" for want of one.
Weather full_weather() {
    Weather w;
    w.place_name = "Paris";
    w.lat = 48.8566;
    w.lon = 2.3522;
    w.timezone_offset = 7200;
    w.condition = Condition{ConditionKind::overcast_clouds, "Clouds", "overcast clouds", "04d"};
    w.temp = 281.45;
    w.feels_like = 279.15;
    w.humidity = 81;
    w.pressure = 1013.4;
    w.wind_speed = 3.0;
    w.wind_deg = 230;
    w.rain_1h = 0.25;
    w.uv_index = 2.6;
    return w;
}

}  // namespace

TEST_CASE("/:help lists every % code of the renderer's table and every preset", "[wttr]") {
    const auto& help = wttr::help_text();
    REQUIRE_FALSE(wttr::line_codes().empty());
    for (const auto& code : wttr::line_codes()) {
        INFO(code.code);
        CHECK(help.find(std::string("%") + code.code + "   " + std::string(code.meaning)) !=
              std::string::npos);
    }
    for (const auto* preset : {"1", "2", "3", "4"})
        CHECK(help.find(std::string(*wttr::preset_format(preset))) != std::string::npos);
    for (const auto* topic :
         {"?T", "?q", "?Q", "?n", "?A", "?m", "?u", "?M", "lang=", "format=j1", "format=j2", "format=p1",
          "landmarks", "airport codes", "domains", "IP address"})
        CHECK(help.find(topic) != std::string::npos);
    CHECK(&help == &wttr::help_text());
}

TEST_CASE("the % code table is the renderer's: each code renders, every other letter stays", "[wttr]") {
    const auto w = full_weather();
    std::set<char> listed;
    for (const auto& code : wttr::line_codes()) listed.insert(code.code);
    CHECK(listed.size() == wttr::line_codes().size());  // no code twice
    for (char c = 'A'; c <= 'z'; ++c) {
        if (c > 'Z' && c < 'a') continue;
        const std::string format = std::string("%") + c;
        const auto out = wttr::render_line(
            format, {&w, nullptr, "Paris", wttr::LineUnits::metric, Language::en, 1782043200});
        INFO(format << " -> " << out);
        CHECK((out != format) == (listed.count(c) == 1));
    }
}

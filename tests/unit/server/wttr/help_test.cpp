#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "server/wttr/help.hpp"
#include "server/wttr/line.hpp"
#include "unit/server/wttr/samples.hpp"

using namespace tenki;

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
    const auto w = tenki::wttr_samples::paris();
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

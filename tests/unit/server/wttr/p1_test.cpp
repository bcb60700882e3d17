#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "server/wttr/p1.hpp"

using nlohmann::json;

namespace {

json p1_doc(const char* temp_c, const char* desc) {
    return json{
        {"current_condition",
         json::array(
             {{{"temp_C", temp_c}, {"humidity", ""}, {"weatherDesc", json::array({{{"value", desc}}})}}})},
        {"weather",
         json::array(
             {{{"maxtempC", "20"},
               {"avgtempC", "15"},
               {"astronomy", json::array({{{"sunrise", "07:41 PM"}, {"moonrise", "No moonrise"}}})}}})}};
}

}  // namespace

TEST_CASE("p1: one exposition for several places, a location label on every series", "[wttr][p1]") {
    const auto paris = p1_doc("8", "Overcast");
    const auto london = p1_doc("-3", "Light \"rain\"");
    const auto text = tenki::wttr::p1_exposition({{"Paris", &paris}, {"London", &london}});
    CHECK(text.find("temperature_celsius{forecast=\"current\",location=\"Paris\"} 8\n") != std::string::npos);
    CHECK(text.find("temperature_celsius{forecast=\"current\",location=\"London\"} -3\n") !=
          std::string::npos);
    CHECK(text.find("temperature_celsius{forecast=\"0d\",location=\"Paris\"} 15\n") != std::string::npos);
    CHECK(text.find("temperature_celsius_maximum{forecast=\"0d\",location=\"London\"} 20\n") !=
          std::string::npos);
    CHECK(text.find("weather_desc{forecast=\"current\",location=\"London\",description=\"Light "
                    "\\\"rain\\\"\"} 1\n") != std::string::npos);
    CHECK(text.find("sunrise_minutes{forecast=\"0d\",location=\"Paris\"} 1181\n") != std::string::npos);
    CHECK(text.find("humidity_percentage{") == std::string::npos);  // "": left out
    CHECK(text.find("moonrise_minutes{") == std::string::npos);     // "No moonrise": left out
    // Every series names its place; every family is declared once, its series together.
    std::istringstream lines(text);
    std::set<std::string> declared;
    std::string line, current_family;
    while (std::getline(lines, line)) {
        INFO(line);
        if (line.starts_with("# TYPE ")) {
            const auto name = line.substr(7, line.find(' ', 7) - 7);
            CHECK(declared.insert(name).second);
            current_family = name;
        } else if (!line.starts_with("# HELP ")) {
            CHECK(line.find("location=\"") != std::string::npos);
            CHECK(line.substr(0, line.find('{')) == current_family);
        }
    }
}

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tenki/check/check.hpp"

namespace {

std::vector<tenki::Finding> output_sample() {
    return {{"key.readable_by_others", tenki::CheckLevel::error,
             "/k is mode 0644: others can read the OpenWeatherMap key", "chmod 600 /k"},
            {"provider.in_use", tenki::CheckLevel::info, "weather from Open-Meteo", ""}};
}

}  // namespace

TEST_CASE("findings as text: one a line with level, id and hint, then the summary", "[check]") {
    CHECK(tenki::format_findings(output_sample(), true) ==
          "ERROR key.readable_by_others: /k is mode 0644: others can read the OpenWeatherMap key. "
          "Hint: chmod 600 /k\n"
          "INFO provider.in_use: weather from Open-Meteo.\n"
          "tenki check: 1 error, 0 warnings, 1 info (with --deploy)\n");
    CHECK(tenki::format_findings({}, false) == "tenki check: 0 errors, 0 warnings, 0 info\n");
}

TEST_CASE("findings as JSON: the findings and a summary, parsed back", "[check]") {
    const auto doc = nlohmann::json::parse(tenki::findings_json(output_sample(), false));
    REQUIRE(doc.at("findings").size() == 2);
    const auto& first = doc.at("findings").at(0);
    CHECK(first.at("id") == "key.readable_by_others");
    CHECK(first.at("level") == "error");
    CHECK(first.at("hint") == "chmod 600 /k");
    CHECK(doc.at("findings").at(1).at("hint") == "");
    CHECK(doc.at("summary").at("error") == 1);
    CHECK(doc.at("summary").at("warning") == 0);
    CHECK(doc.at("summary").at("info") == 1);
    CHECK(doc.at("summary").at("deploy") == false);
    CHECK(doc.at("summary").at("checks") == tenki::checks().size());
}

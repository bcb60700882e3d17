// tenki weather --output waybar|i3blocks|plain, and the last known good answer (stale) in every
// output of weather and forecast, as a bar runs them: the built binary against the fake upstream,
// in each state: fresh, stale within the window, past it, and failing with no cache.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"

using namespace std::chrono_literals;
using nlohmann::json;
using tenki::test::FakeOwm;
using tenki::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A user's shell (tests/support/tenki_shell.hpp); its disk cache a test can age.
using BarShell = tenki::test::TenkiShell;

// 22.5 minutes: "23 min old" (to the nearest minute) for the minute after the cache is aged,
// however slowly a busy machine runs the polls.
constexpr std::int64_t k_bar_stale_age = 23 * 60 - 30;

// Waybar's custom module reads an object of text, alt, tooltip, class (a string or an array of
// strings) and percentage (an integer 0-100), per waybar-custom(5); anything else is not its.
json bar_waybar_document(const std::string& output) {
    REQUIRE(std::count(output.begin(), output.end(), '\n') == 1);
    auto doc = json::parse(output);
    REQUIRE(doc.is_object());
    for (const auto& [key, value] : doc.items()) {
        INFO(key);
        CHECK((key == "text" || key == "alt" || key == "tooltip" || key == "class" || key == "percentage"));
    }
    CHECK(doc.at("text").is_string());
    CHECK_FALSE(doc.at("text").get<std::string>().empty());
    CHECK(doc.at("tooltip").is_string());
    CHECK(doc.at("alt").is_string());
    REQUIRE(doc.at("class").is_array());
    for (const auto& c : doc.at("class")) CHECK(c.is_string());
    if (doc.contains("percentage")) {
        CHECK(doc.at("percentage").is_number_integer());
        CHECK(doc.at("percentage").get<int>() >= 0);
        CHECK(doc.at("percentage").get<int>() <= 100);
    }
    return doc;
}

bool bar_has_class(const json& doc, const std::string& name) {
    const auto& classes = doc.at("class");
    return std::find(classes.begin(), classes.end(), name) != classes.end();
}

std::vector<std::string> bar_lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto end = text.find('\n', at);
        REQUIRE(end != std::string::npos);  // every line ends
        lines.push_back(text.substr(at, end - at));
        at = end + 1;
    }
    return lines;
}

}  // namespace

TEST_CASE("--output waybar: one JSON object of Waybar's fields, fresh, stale and failing",
          "[integration][weather][bar]") {
    BarShell sh;
    auto fresh = sh.run({"weather", "--output", "waybar", "94107"});
    INFO(fresh.errors);
    REQUIRE(fresh.status == 0);
    auto doc = bar_waybar_document(fresh.output);
    CHECK(doc.at("text").get<std::string>().find("°F") != std::string::npos);  // bar.format's default
    CHECK(bar_has_class(doc, "clouds"));
    CHECK_FALSE(bar_has_class(doc, "stale"));
    const std::string tooltip = doc.at("tooltip");
    for (const char* part : {"San Francisco", "feels like", "Wind", "Humidity"}) {
        INFO(part);
        CHECK(tooltip.find(part) != std::string::npos);
    }
    // The tooltip's next days came from the forecast, asked once and cached like the weather.
    CHECK(std::count(tooltip.begin(), tooltip.end(), '\n') >= 6);
    CHECK(sh.owm.request_count() == 2);
    REQUIRE(sh.run({"weather", "--output", "waybar", "94107"}).status == 0);
    CHECK(sh.owm.request_count() == 2);
    // percentage is the cloud cover.
    CHECK(doc.at("percentage") == json::parse(sh.run({"weather", "--json", "94107"}).output).at("clouds"));

    sh.owm.always(FakeOwm::server_error(503));
    sh.age_cache(k_bar_stale_age);
    auto stale = sh.run({"weather", "--output", "waybar", "94107"});
    CHECK(stale.status == 0);
    doc = bar_waybar_document(stale.output);
    CHECK(bar_has_class(doc, "stale"));
    CHECK(bar_has_class(doc, "clouds"));
    CHECK(doc.at("tooltip").get<std::string>().find("Stale: 23 min old") != std::string::npos);
    CHECK(stale.errors.find("503") != std::string::npos);

    auto no_stale = sh.run({"weather", "--output", "waybar", "--no-stale", "94107"});
    CHECK(no_stale.status == 0);  // a bar hides a module whose command fails
    doc = bar_waybar_document(no_stale.output);
    CHECK(bar_has_class(doc, "error"));
    CHECK(doc.at("tooltip").get<std::string>().find("503") != std::string::npos);
    CHECK(no_stale.errors.find("tenki: 94107: ") == 0);

    // Nothing cached for the place: the error, in Waybar's form.
    auto failing = sh.run({"weather", "--output", "waybar", "10001"});
    CHECK(failing.status == 0);
    doc = bar_waybar_document(failing.output);
    CHECK(bar_has_class(doc, "error"));
    CHECK(doc.at("text").get<std::string>().find("⚠") != std::string::npos);
}

TEST_CASE("--output i3blocks: full_text, short_text and a colour, in each state",
          "[integration][weather][bar]") {
    BarShell sh;
    auto fresh =
        sh.run({"weather", "--output", "i3blocks", "--format", "{name} {temp:.0f}{temp_unit}", "94107"});
    INFO(fresh.errors);
    REQUIRE(fresh.status == 0);
    auto lines = bar_lines_of(fresh.output);
    REQUIRE(lines.size() == 2);  // no colour: the bar's own
    CHECK(lines.at(0).rfind("San Francisco ", 0) == 0);
    CHECK(lines.at(1).find("°F") != std::string::npos);
    CHECK(sh.owm.request_count() == 1);  // no tooltip, no forecast

    sh.owm.always(FakeOwm::rate_limited(30));
    sh.age_cache(k_bar_stale_age);
    auto stale = sh.run({"weather", "--output", "i3blocks", "--format", "{name}", "94107"});
    CHECK(stale.status == 0);
    lines = bar_lines_of(stale.output);
    REQUIRE(lines.size() == 3);
    CHECK(lines.at(0) == "San Francisco (stale: 23 min old)");
    CHECK(lines.at(2).rfind('#', 0) == 0);

    sh.age_cache(7 * 3600);  // past the 6-hour window: the failure
    const auto asked = sh.owm.request_count();
    auto past = sh.run({"weather", "--output", "i3blocks", "94107"});
    CHECK(past.status == 0);  // i3blocks shows "bad exit code" for any other
    lines = bar_lines_of(past.output);
    REQUIRE(lines.size() == 3);
    // The 429 asked for 30 s: not asked again before then, the bar says when.
    CHECK(lines.at(0).rfind("⚠ rate limited, next try ", 0) == 0);
    CHECK(sh.owm.request_count() == asked);
    CHECK(lines.at(2) == "#FF5555");
    CHECK(past.errors.find("limiting requests") != std::string::npos);
}

TEST_CASE("--output plain: one line in each state, and the config's bar.format",
          "[integration][weather][bar]") {
    BarShell sh;
    sh.home.write(".config/tenki/config.toml", "[bar]\nformat = \"{postal_code}: {temp:.0f}{temp_unit}\"\n");
    auto fresh = sh.run({"weather", "--output", "plain", "94107"});
    INFO(fresh.errors);
    REQUIRE(fresh.status == 0);
    REQUIRE(bar_lines_of(fresh.output).size() == 1);
    CHECK(fresh.output.rfind("94107: ", 0) == 0);

    sh.owm.always(tenki::test::Reply::close_without_answer());
    sh.age_cache(k_bar_stale_age);
    auto stale = sh.run({"weather", "--output", "plain", "94107"});
    CHECK(stale.status == 0);
    REQUIRE(bar_lines_of(stale.output).size() == 1);
    CHECK(stale.output.ends_with(" (stale: 23 min old)\n"));

    auto failing = sh.run({"weather", "--output", "plain", "10001"});  // nothing cached for it
    CHECK(failing.status == 0);
    // Both breakers open since the last run: the failure at once, with the next try.
    CHECK(std::regex_match(failing.output, std::regex("⚠ offline, next try [0-2][0-9]:[0-5][0-9]\n")));

    // More than one place, or a broken template, is said in the bar too.
    auto two = sh.run({"weather", "--output", "plain", "94107", "10001"});
    CHECK(two.status == 0);
    CHECK(two.output == "⚠ check input\n");
    CHECK(two.errors.find("one place") != std::string::npos);
    CHECK(two.errors.find("94107") == std::string::npos);  // no one place's fault
    auto bad = sh.run({"weather", "--output", "waybar", "--format", "{nmae}", "94107"});
    CHECK(bad.status == 0);
    CHECK(bar_has_class(bar_waybar_document(bad.output), "error"));
}

TEST_CASE("an age is rounded to the nearest minute on every face: 177 s is 3 min, not 2",
          "[integration][weather][stale]") {
    BarShell sh;
    sh.extra = {{"TENKI_CACHE_TTL", "60"}};  // so that an answer of 177 s is stale
    REQUIRE(sh.run({"weather", "94107"}).status == 0);
    sh.owm.always(FakeOwm::server_error(503));
    sh.age_cache(177);
    auto text = sh.run({"weather", "94107"});
    INFO(text.errors);
    CHECK(text.output.rfind("San Francisco, CA, US 94107 (stale: 3 min old)\n", 0) == 0);
    CHECK(text.errors.find("showing the last answer, 3 min old") != std::string::npos);
    CHECK(sh.run({"weather", "-f", "{postal_code}", "94107"}).output == "94107 (stale: 3 min old)\n");
    CHECK(sh.run({"weather", "--output", "plain", "-f", "{postal_code}", "94107"}).output ==
          "94107 (stale: 3 min old)\n");
    const auto waybar = bar_waybar_document(sh.run({"weather", "--output", "waybar", "94107"}).output);
    CHECK(waybar.at("tooltip").get<std::string>().find("Stale: 3 min old") != std::string::npos);
}

TEST_CASE("tenki weather's text and JSON: the last known good answer with its age, or the failure",
          "[integration][weather][stale]") {
    BarShell sh;
    REQUIRE(sh.run({"weather", "94107"}).status == 0);
    sh.owm.always(FakeOwm::server_error(503));
    sh.age_cache(k_bar_stale_age);

    auto text = sh.run({"weather", "94107"});
    INFO(text.errors);
    CHECK(text.status == 0);
    CHECK(text.output.rfind("San Francisco, CA, US 94107 (stale: 23 min old)\n", 0) == 0);
    CHECK(std::count(text.errors.begin(), text.errors.end(), '\n') == 1);
    CHECK(text.errors.find("tenki: 94107: ") == 0);
    CHECK(text.errors.find("503") != std::string::npos);
    CHECK(text.errors.find("--no-stale") != std::string::npos);

    auto doc = json::parse(sh.run({"weather", "--json", "94107"}).output);
    CHECK(doc.at("stale") == true);
    CHECK(doc.at("age_s").get<std::int64_t>() >= k_bar_stale_age);
    CHECK(doc.at("age_s").get<std::int64_t>() < k_bar_stale_age + 600);

    auto line = sh.run({"weather", "-f", "{postal_code}", "94107"});
    CHECK(line.output == "94107 (stale: 23 min old)\n");

    auto refused = sh.run({"weather", "--no-stale", "94107"});
    CHECK(refused.status == 7);
    CHECK(refused.output.empty());

    sh.extra = {{"TENKI_STALE_WINDOW", "20m"}};  // the window is a setting: 23 minutes is past it
    CHECK(sh.run({"weather", "94107"}).status == 7);
    sh.extra.clear();
    sh.age_cache(6 * 3600);
    auto past = sh.run({"weather", "--json", "94107"});
    CHECK(past.status == 7);
    CHECK(past.output.empty());

    // A fresh answer is not marked.
    sh.owm.clear_script();
    auto fresh = json::parse(sh.run({"weather", "--json", "94107"}).output);
    CHECK(fresh.at("stale") == false);
    CHECK_FALSE(fresh.contains("age_s"));
}

TEST_CASE("tenki forecast answers its last known good forecast the same way",
          "[integration][forecast][stale]") {
    BarShell sh;
    REQUIRE(sh.run({"forecast", "94107"}).status == 0);
    sh.owm.always(FakeOwm::server_error(502));
    sh.age_cache(k_bar_stale_age + 1800);  // past the forecast's 30-minute TTL

    auto text = sh.run({"forecast", "94107"});
    INFO(text.errors);
    CHECK(text.status == 0);
    const auto heading = text.output.substr(0, text.output.find('\n'));
    CHECK(heading.ends_with("(stale: 53 min old)"));
    CHECK(text.errors.find("502") != std::string::npos);

    auto doc = json::parse(sh.run({"forecast", "--json", "94107"}).output);
    CHECK(doc.at("stale") == true);
    CHECK(doc.at("age_s").get<std::int64_t>() >= k_bar_stale_age + 1800);

    CHECK(sh.run({"forecast", "--no-stale", "94107"}).status == 7);
    sh.age_cache(6 * 3600);
    CHECK(sh.run({"forecast", "94107"}).status == 7);
}

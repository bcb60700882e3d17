// tenki forecast, and the forecast fields of tenki weather's template, as a user runs them: the
// built binary as a child process against the fake upstreams' forecast endpoints.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"

using namespace std::chrono_literals;
using nlohmann::json;
using tenki::test::FakeOpenMeteo;
using tenki::test::FakeOwm;
using tenki::test::TempDir;

namespace {

// A user's shell with both fake upstreams (tests/support/tenki_shell.hpp).
struct ForecastShell : tenki::test::TenkiShell {
    ForecastShell() { with_open_meteo = true; }
    std::size_t forecast_requests() const {
        std::size_t n = 0;
        for (const auto& r : owm.requests()) n += r.path == "/data/2.5/forecast" ? 1U : 0U;
        for (const auto& r : meteo.requests()) n += r.query.count("daily") != 0 ? 1U : 0U;
        return n;
    }
};

std::size_t count_lines(const std::string& text) {
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE(
    "one rule for temperatures in the text outputs: tenki weather | cat and tenki forecast | cat "
    "both write whole degrees with the unit's sign",
    "[integration][forecast][weather]") {
    ForecastShell sh;
    const std::regex temperature(R"((-?\d+(\.\d+)?)(°F|°C|F|C| K)\b)");
    for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
             {"weather", "94107"}, {"forecast", "94107"}, {"forecast", "--hourly", "94107"}}) {
        auto r = sh.run(args);
        INFO(r.output << r.errors);
        REQUIRE(r.status == 0);
        int seen = 0;
        for (std::sregex_iterator it(r.output.begin(), r.output.end(), temperature), end; it != end; ++it) {
            INFO((*it)[0].str());
            CHECK((*it)[2].str().empty());  // no decimals: "59°F", not "59.0°F"
            CHECK((*it)[3].str() == "°F");  // the sign, piped or not: not "57F"
            ++seen;
        }
        CHECK(seen >= 2);
    }
}

TEST_CASE("tenki forecast prints a line a day from OpenWeatherMap's 3-hourly forecast",
          "[integration][forecast][owm]") {
    ForecastShell sh;
    auto r = sh.run("forecast", {"94107"});
    INFO(r.errors);
    INFO(r.output);
    REQUIRE(r.status == 0);
    REQUIRE(sh.owm.request_count() == 1);
    const auto request = sh.owm.requests().front();
    CHECK(request.path == "/data/2.5/forecast");
    CHECK(request.query.at("zip") == "94107,us");
    CHECK(r.output.rfind("San Francisco, CA, US 94107 (", 0) == 0);
    CHECK(r.output.find("UTC-08:00") != std::string::npos);
    // 40 steps of 3 hours: 5 or 6 local dates from today, each its line, after the heading.
    const auto lines = count_lines(r.output);
    CHECK(lines >= 1 + 5);
    CHECK(lines <= 1 + 6);
    // Temperatures as the weather's report writes them, piped or not: whole degrees, "57°F".
    CHECK(r.output.find("°F ") != std::string::npos);
    CHECK(r.output.find(".0°F") == std::string::npos);
    CHECK(r.output.find("F ") == r.output.find("°F ") + 2);  // never a bare "57F"
    CHECK(r.output.find(sh.owm.api_key()) == std::string::npos);
    CHECK(r.errors.find(sh.owm.api_key()) == std::string::npos);
    CHECK(r.output.find("\x1b[") == std::string::npos);  // not a terminal, NO_COLOR
    CHECK(r.output.find("━") == std::string::npos);      // and the bars in ASCII

    SECTION("more days than the provider gives are said on stderr, not hidden") {
        auto ten = sh.run("forecast", {"--days", "10", "94107"});
        REQUIRE(ten.status == 0);
        CHECK(ten.errors.find("openweathermap gives") != std::string::npos);
        CHECK(ten.errors.find("not 10") != std::string::npos);
    }
}

TEST_CASE("tenki forecast --json is the v2 forecast document; --days and --hours trim it",
          "[integration][forecast][owm]") {
    ForecastShell sh;
    auto r = sh.run("forecast", {"--json", "-u", "metric", "--days", "3", "--hours", "12", "94107"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    const auto doc = json::parse(r.output);
    CHECK(doc["units"] == "metric");
    CHECK(doc["temperature_unit"] == "°C");
    CHECK(doc["source"] == "openweathermap");
    CHECK(doc["step_seconds"] == 10800);
    CHECK(doc["location"]["postal_code"] == "94107");
    CHECK(doc["location"]["timezone_offset"] == -8 * 3600);
    CHECK(doc["daily"].size() == 3);
    CHECK(doc["hourly"].size() == 4);  // 12 hours of 3-hour steps
    CHECK(doc["stale"] == false);
    for (const auto& day : doc["daily"]) {
        REQUIRE(day["temperature"]["min"].is_number());
        CHECK(day["temperature"]["min"].get<double>() <= day["temperature"]["max"].get<double>());
    }

    SECTION("by default 7 days (what there is) and 24 hours") {
        auto all = json::parse(sh.run("forecast", {"--json", "94107"}).output);
        CHECK(all["daily"].size() >= 5);
        CHECK(all["daily"].size() <= 6);
        CHECK(all["hourly"].size() == 8);
    }
}

TEST_CASE("tenki forecast --hourly prints a line a step", "[integration][forecast][owm]") {
    ForecastShell sh;
    auto r = sh.run("forecast", {"--hourly", "94107"});
    REQUIRE(r.status == 0);
    CHECK(count_lines(r.output) == 1 + 8);  // 24 hours of 3-hour steps
    CHECK(r.output.find("3 h") != std::string::npos);
    auto six = sh.run("forecast", {"--hours", "6", "94107"});  // --hours implies --hourly
    REQUIRE(six.status == 0);
    CHECK(count_lines(six.output) == 1 + 2);
}

TEST_CASE(
    "OpenWeatherMap's 3-hour steps: a row is the 3 hours ending at its time, and {rain_next} "
    "reads the rows as the table shows them",
    "[integration][forecast][owm]") {
    ForecastShell sh;
    // The fake's rain.3h falls on the steps at 13:00 and 16:00 in San Francisco (-08:00): the
    // 6 hours from 10:00 to 16:00, which the table shows as the rows 10:00-13:00 and 13:00-16:00.
    auto table = sh.run("forecast", {"--hours", "48", "94107", "-p", "owm"});
    INFO(table.output << table.errors);
    REQUIRE(table.status == 0);
    const std::regex row(R"(\n  \d\d-\d\d (\d\d:\d\d)-(\d\d:\d\d) [^\n]*rain +\d+% +([-0-9.]+)( mm)?)");
    struct Row {
        std::string from, to;
        bool wet;
    };
    std::vector<Row> rows;
    for (std::sregex_iterator it(table.output.begin(), table.output.end(), row), end; it != end; ++it) {
        rows.push_back({(*it)[1].str(), (*it)[2].str(), (*it)[3].str() == "0.9"});
        const auto& r = rows.back();
        // Three hours: "10:00-13:00" (22:00-01:00 across midnight).
        CHECK((std::stoi(r.to.substr(0, 2)) - std::stoi(r.from.substr(0, 2)) + 24) % 24 == 3);
        if (r.wet) CHECK(((r.from == "10:00" && r.to == "13:00") || (r.from == "13:00" && r.to == "16:00")));
    }
    CHECK(rows.size() >= 16);
    const auto first_wet = std::find_if(rows.begin(), rows.end(), [](const Row& r) { return r.wet; });
    REQUIRE(first_wet != rows.end());
    auto run_end = first_wet;
    while (std::next(run_end) != rows.end() && std::next(run_end)->wet) ++run_end;
    CHECK(run_end->to == "16:00");

    auto next = sh.run("weather", {"-f", "{rain_next}", "94107", "-p", "owm"});
    INFO(next.output << next.errors);
    REQUIRE(next.status == 0);
    // From the start of the first wet row's span, or (raining in the first row) until the end of its run.
    static const std::regex phrase(R"(^rain (from|until) (tomorrow )?(\d\d:\d\d)\n$)");
    std::smatch m;
    REQUIRE(std::regex_match(next.output, m, phrase));
    if (m[1].str() == "from") {
        CHECK(first_wet != rows.begin());
        CHECK(m[3].str() == first_wet->from);
    } else {
        CHECK(first_wet == rows.begin());
        CHECK(m[3].str() == run_end->to);
    }
}

TEST_CASE("tenki forecast keeps the forecast on disk for its TTL; --refresh asks again",
          "[integration][forecast][owm]") {
    ForecastShell sh;
    REQUIRE(sh.run("forecast", {"94107"}).status == 0);
    REQUIRE(sh.run("forecast", {"--json", "94107"}).status == 0);
    CHECK(sh.forecast_requests() == 1);
    REQUIRE(sh.run("forecast", {"--refresh", "94107"}).status == 0);
    CHECK(sh.forecast_requests() == 2);
    REQUIRE(sh.run("forecast", {"--cache-ttl", "0", "94107"}).status == 0);
    CHECK(sh.forecast_requests() == 3);
    // tenki forecast keeps no current weather: tenki weather still asks for it.
    REQUIRE(sh.run("weather", {"94107"}).status == 0);
    CHECK(sh.owm.request_count() == 4);
}

TEST_CASE("tenki forecast answers each place in order; a bad one fails only itself",
          "[integration][forecast][owm]") {
    ForecastShell sh;
    auto r = sh.run("forecast", {"94107", "00000", "94107"});
    CHECK(r.status == 3);  // no such place, the first failure's status
    CHECK(r.errors.find("tenki: 00000:") != std::string::npos);
    std::size_t headings = 0;
    for (auto at = r.output.find("San Francisco"); at != std::string::npos;
         at = r.output.find("San Francisco", at + 1))
        ++headings;
    CHECK(headings == 2);
    auto bad = sh.run("forecast", {"--days", "17", "94107"});
    CHECK(bad.status == 2);
    CHECK(bad.errors.find("--days") != std::string::npos);
    CHECK(sh.run("forecast", {"--hours", "49", "94107"}).status == 2);
}

TEST_CASE("tenki forecast from Open-Meteo: up to 16 days, hourly steps",
          "[integration][forecast][open-meteo]") {
    ForecastShell sh;
    sh.with_key = false;
    auto r = sh.run("forecast", {"--json", "--days", "16", "--hours", "48", "94107"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    const auto doc = json::parse(r.output);
    CHECK(doc["source"] == "open-meteo");
    CHECK(doc["step_seconds"] == 3600);
    CHECK(doc["hourly"].size() == 48);
    CHECK(doc["daily"].size() >= 15);  // from today; the provider's 16 days started at its today
    auto text = sh.run("forecast", {"94107"});
    REQUIRE(text.status == 0);
    CHECK(count_lines(text.output) == 1 + 7);
}

TEST_CASE("tenki weather's template reads the forecast only when it names a forecast field",
          "[integration][forecast][weather][open-meteo]") {
    ForecastShell sh;
    sh.with_key = false;
    auto plain = sh.run("weather", {"-u", "metric", "-f", "{temp:.1f}", "94107"});
    REQUIRE(plain.status == 0);
    CHECK(sh.forecast_requests() == 0);

    auto r = sh.run("weather", {"-u", "metric", "-f",
                                "{today_min:.1f}|{today_max:.1f}|{tomorrow_min:.1f}|{tomorrow_max:.1f}|"
                                "{rain_next}|{temp_spark}",
                                "94107"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    REQUIRE(sh.forecast_requests() == 1);
    std::string asked_lat, asked_lon;
    for (const auto& q : sh.meteo.requests())
        if (q.query.count("daily") != 0)
            asked_lat = q.query.at("latitude"), asked_lon = q.query.at("longitude");
    // The fake's days are its place's temperature less and plus 4 °C.
    const double base = FakeOpenMeteo::celsius_at(std::stod(asked_lat), std::stod(asked_lon));
    const auto expected = fmt::format("{:.1f}|{:.1f}|{:.1f}|{:.1f}|", base - 4, base + 4, base - 4, base + 4);
    CHECK(r.output.substr(0, expected.size()) == expected);
    const auto rest = r.output.substr(expected.size());
    static const std::regex phrase(
        R"(^(no rain for \d+ h|(rain|snow) (from|until) (tomorrow )?\d\d:\d\d|(rain|snow) for the next \d+ h)\|)");
    CHECK(std::regex_search(rest, phrase));
    // 24 hourly steps, in ASCII shades under NO_COLOR.
    const auto spark = rest.substr(rest.find('|') + 1);
    CHECK(spark == std::regex_replace(spark, std::regex("[^_.=*#\\- \n]"), ""));
    CHECK(spark.size() == 24 + 1);
}

TEST_CASE("a failed forecast leaves the current weather and says why",
          "[integration][forecast][weather][owm]") {
    ForecastShell sh;
    // The current weather answers, the forecast fails (OpenWeatherMap pinned: no failover).
    sh.owm.route("/data/2.5/forecast", FakeOwm::server_error(503));
    auto r = sh.run("weather", {"-f", "{temp:.0f} {tomorrow_max:.0f} {rain_next}", "94107", "-p", "owm"});
    INFO(r.errors);
    CHECK(r.status == 0);
    CHECK(r.output.find(" - -\n") != std::string::npos);
    CHECK(r.errors.find("no forecast") != std::string::npos);
}

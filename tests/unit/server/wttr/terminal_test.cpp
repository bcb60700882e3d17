#include <catch2/catch.hpp>

#include <string>

#include "server/wttr/terminal.hpp"

using namespace tenki;
using tenki::wttr::LineUnits;
using tenki::wttr::TerminalOptions;

namespace {

constexpr std::int64_t k_terminal_now = 1782043200;  // 2026-06-21 12:00 UTC, 14:00 in Paris

Weather paris_now() {
    Weather w;
    w.place_name = "Paris";
    w.location.country = "fr";
    w.lat = 48.8566;
    w.lon = 2.3522;
    w.timezone_offset = 7200;
    w.observed_at = k_terminal_now;
    w.condition = Condition{ConditionKind::overcast_clouds, "Clouds", "overcast clouds", "04d"};
    w.temp = 281.45;  // 8.3 °C, 47 °F
    w.wind_speed = 3.0;
    w.wind_deg = 230;
    w.visibility = 9000;
    w.rain_1h = 0.25;
    return w;
}

// Four local days from Paris's today, each a degree warmer.
Forecast paris_days() {
    Forecast f;
    f.place_name = "Paris";
    f.location.country = "fr";
    f.timezone_offset = 7200;
    f.source = "open-meteo";
    for (int i = 0; i < 4; ++i) {
        ForecastDay d;
        d.date = "2026-06-2" + std::to_string(1 + i);
        d.temp_min = 283.15 + i;
        d.temp_max = 293.15 + i;
        d.condition = Condition{ConditionKind::light_rain, "Rain", "light rain", "10d"};
        d.precipitation_probability_max = 40;
        d.precipitation_sum = 1.5;
        d.wind_speed_max = 5.0;
        f.daily.push_back(d);
    }
    return f;
}

std::string view(TerminalOptions options, LineUnits units = LineUnits::metric, bool with_days = true,
                 std::optional<std::int64_t> stale_age = std::nullopt) {
    static const auto w = paris_now();
    static const auto f = paris_days();
    return wttr::render_terminal(
        {&w, with_days ? &f : nullptr, units, Language::en, k_terminal_now, stale_age, options});
}

std::size_t day_lines(const std::string& text) {
    std::size_t n = 0;
    for (const auto* day : {"Sun", "Mon", "Tue", "Wed"})
        if (text.find(std::string("  ") + day) != std::string::npos) ++n;
    return n;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("wttr.in's text clients: its PLAIN_TEXT_AGENTS anywhere in the User-Agent, any case", "[wttr]") {
    for (const auto* agent :
         {"curl/8.5.0", "Wget/1.21.3", "HTTPie/3.2.2", "xh/0.20.1", "python-requests/2.31",
          "Mozilla/5.0 (Windows NT 10.0; en-US) WindowsPowerShell/5.1.22621", "fetch libfetch/2.0",
          "Python/3.11 aiohttp/3.9.1", "lwp-request/6.72"}) {
        INFO(agent);
        CHECK(wttr::is_terminal_agent(agent));
    }
    for (const auto* agent : {"", "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
                              "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, "
                              "like Gecko) Safari/605.1.15",
                              "tenki-test"}) {
        INFO(agent);
        CHECK_FALSE(wttr::is_terminal_agent(agent));
    }
}

TEST_CASE("a text client's name ends the User-Agent, follows another's first letters, or is cut short",
          "[wttr]") {
    for (const auto* agent : {"my-tool CURL", "built with zig", "ccurl", "hhttpie/3", "xxh", "NuShell 0.9"}) {
        INFO(agent);
        CHECK(wttr::is_terminal_agent(agent));
    }
    for (const auto* agent : {"cur", "curious/1.0", "wge", "python-request", "Zi", "httpi", "powershel"}) {
        INFO(agent);
        CHECK_FALSE(wttr::is_terminal_agent(agent));
    }
}

TEST_CASE("the terminal view: a titled report of now, then the days, in colour", "[wttr]") {
    const auto text = view({});
    INFO(text);
    CHECK(first_line(text).find("Weather report: ") != std::string::npos);
    CHECK(first_line(text).find("Paris") != std::string::npos);
    CHECK(text.find("Overcast clouds") != std::string::npos);
    CHECK(text.find("Temperature") != std::string::npos);
    CHECK(text.find("Wind") != std::string::npos);
    CHECK(text.find("Visibility") != std::string::npos);
    CHECK(text.find("Rain") != std::string::npos);
    CHECK(text.find("\x1b[") != std::string::npos);
    CHECK(text.find("3 days") != std::string::npos);
    CHECK(day_lines(text) == 3);                 // today and two more: Sunday the 21st to Tuesday
    CHECK(text.find("━") != std::string::npos);  // the days' range bars
    CHECK(text.back() == '\n');
}

TEST_CASE("the terminal view's options: T, q, Q, n and 0 to 3 days", "[wttr]") {
    const auto plain = view({false});
    CHECK(plain.find('\x1b') == std::string::npos);
    const std::string title = "Weather report: ";
    CHECK(first_line(plain).starts_with(title + "Paris"));

    const auto quiet = view({false, true});
    CHECK(first_line(quiet) == first_line(plain).substr(title.size()));
    CHECK(quiet.find("Weather report") == std::string::npos);

    const auto super_quiet = view({false, false, true});
    CHECK(super_quiet.find("Paris") == std::string::npos);  // nor in the days' heading
    CHECK(first_line(super_quiet).ends_with("Overcast clouds"));
    CHECK(day_lines(super_quiet) == 3);

    const auto narrow = view({false, false, false, true});
    CHECK(narrow.find("━") == std::string::npos);
    CHECK(narrow.find("·") == std::string::npos);
    CHECK(day_lines(narrow) == 3);

    CHECK(day_lines(view({false, false, false, false, 0})) == 0);
    CHECK(view({false, false, false, false, 0}).find(" time, ") == std::string::npos);  // no days' heading
    CHECK(day_lines(view({false, false, false, false, 1})) == 1);
    CHECK(day_lines(view({false, false, false, false, 2})) == 2);
    CHECK(day_lines(view({false, false, false, false, 3})) == 3);
}

TEST_CASE("the terminal view: USCS, no forecast, a stale answer", "[wttr]") {
    const auto uscs = view({false}, LineUnits::uscs);
    CHECK(uscs.find("°F") != std::string::npos);
    CHECK(uscs.find("°C") == std::string::npos);
    CHECK(view({false}).find("°C") != std::string::npos);

    const auto now_only = view({false}, LineUnits::metric, false);
    CHECK(day_lines(now_only) == 0);
    CHECK(now_only.find("Overcast clouds") != std::string::npos);

    const auto stale = view({false}, LineUnits::metric, true, 1380);
    CHECK(first_line(stale) == first_line(view({false})) + " (stale: 23 min old)");
}

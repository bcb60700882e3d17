#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <csignal>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "support/browser.hpp"
#include "support/fake_air_quality.hpp"
#include "support/fake_nws.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "tenki/places/zipdb.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

constexpr auto k_answer_timeout = 10s;

// The built `tenki serve` on a free port against its own fake OpenWeatherMap, and a browser.
struct Site {
    Site() : server(argv(), browser.dir().path(), options()) {}

    std::vector<std::string> argv() const {
        return {
            tenki_binary().string(), "serve", "--host", "127.0.0.1", "--port", "{port}", "--threads", "2"};
    }

    tenki::util::RunOptions options() const {
        tenki::util::RunOptions run;
        run.env = {{"TENKI_OWM_URL", owm.base_url()},
                   {"TENKI_NWS_URL", nws.base_url()},
                   {"TENKI_OPENMETEO_AIR_URL", air.base_url()},
                   {"OWM_API_KEY", owm.api_key()},
                   {"HOME", browser.dir().path().string()},
                   {"TENKI_PORT", std::nullopt},
                   {"TENKI_HOST", std::nullopt},
                   {"TENKI_QUIET", std::nullopt},
                   // Each fault on its own: breakers probe again at once, so a closed connection
                   // does not hold back the next asks (a dead network answers at once otherwise).
                   {"TENKI_FAILOVER_BACKOFF", "0"}};
        return run;
    }

    std::string origin() const { return "http://127.0.0.1:" + std::to_string(server.port()); }

    // Types a place into the form and sends it as a user would.
    void ask(const std::string& place) {
        auto input = browser->find("#place");
        input.clear();
        input.send_keys(place);
        browser->find("#go").click();
    }

    // Waits until the answer shows an element matching css and the form is ready again; its text.
    std::string wait_for(const std::string& css) {
        browser->wait_until(
            [&] {
                return !browser->find_all(css).empty() && browser->find("#go").property("disabled") == false;
            },
            k_answer_timeout, "the page shows " + css);
        return browser->find(css).text();
    }

    FakeOwm owm;
    FakeNws nws;  // no alert in force unless a test sets some
    FakeAirQuality air;
    Browser browser;
    ServerProcess server;
};

// What the card should say for a canned upstream answer, in the units the US gets by default.
struct Expected {
    std::string place;
    std::string condition;
    std::string temperature;
    std::string wind_from;  // " from NNE (22°)": the CLI's 16-point name, from the server
};

Expected expected_card(const std::string& zip) {
    auto upstream = json::parse(FakeOwm::place_json(zip));
    std::string condition = upstream["weather"][0]["description"];
    condition[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(condition[0])));
    const double kelvin = upstream["main"]["temp"];
    const double fahrenheit = std::round(((kelvin - 273.15) * 9 / 5 + 32) * 100) / 100;
    // tenki names US places from its offline ZIP table: the place's own name ("San Francisco"),
    // its state the region.
    const auto place = tenki::lookup_us_zip(zip.substr(0, 5));
    REQUIRE(place);
    const int deg = upstream["wind"]["deg"];
    return {std::string(place->place), condition, fmt::format("{:g} °F", std::round(fahrenheit * 10) / 10),
            fmt::format(" from {} ({}\u00b0)", tenki::format::compass_point(deg), deg)};
}

// The card, once its forecast has come too (rows, or the word that it is unavailable).
void check_card(Site& site, const std::string& zip) {
    const auto want = expected_card(zip);
    CHECK(site.wait_for("#result .weather .place") == want.place);
    CHECK(site.browser->find("#result .weather .condition").text() == want.condition);
    CHECK(site.browser->find("#result .weather .temp").text() == want.temperature);
    CHECK(site.browser->find("#result .weather").text().find(want.wind_from) != std::string::npos);
    site.wait_for("#result .forecast .day, #result .forecast .unavailable");
}

// The upstream requests for one kind of answer: "/data/2.5/weather" or "/data/2.5/forecast".
std::size_t owm_requests(const Site& site, const std::string& path) {
    const auto all = site.owm.requests();
    return static_cast<std::size_t>(
        std::count_if(all.begin(), all.end(), [&](const RecordedRequest& r) { return r.path == path; }));
}

// The URLs of every resource the page fetched (scripts, images, fonts, fetch() calls).
std::vector<std::string> resources(Site& site) {
    return site.browser->execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
}

bool is_png(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string head(8, '\0');
    in.read(head.data(), 8);
    return in && head == "\x89PNG\r\n\x1a\n";
}

}  // namespace

TEST_CASE("the page loads with a title, the form and the API's description", "[web][page]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    CHECK_THAT(site.browser->title(), Contains("tenki"));
    CHECK(site.browser->find("h1").text().rfind("tenki", 0) == 0);
    CHECK(site.browser->find("#place").attribute("placeholder").has_value());
    const auto api = site.browser->find("section.api").text();
    CHECK_THAT(api, Contains("GET /api/v1/weather?postalcode=19021"));
    CHECK_THAT(api, Contains("GET /api/v2/weather"));
    CHECK_THAT(api, Contains("/healthz"));
    INFO(describe(site.browser.console_errors()));
    CHECK(site.browser.console_errors().empty());
    CHECK(resources(site).empty());  // no fonts, scripts or images from anywhere
    CHECK(site.owm.request_count() == 0);
}

TEST_CASE("a postal code shows the place, the condition and the temperature", "[web][page]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    site.ask("94107");
    check_card(site, "94107,us");
    CHECK_THAT(site.browser->find("#result .weather").text(), Contains("Humidity"));
    REQUIRE(owm_requests(site, "/data/2.5/weather") == 1);
    CHECK(site.owm.requests()[0].path == "/data/2.5/weather");
    CHECK(site.owm.requests()[0].query.at("zip") == "94107,us");

    const auto shot = site.browser.screenshot("weather-card");
    CHECK(shot.parent_path() == screenshot_dir());
    CHECK(shot.filename() == "weather-card.screenshot.png");
    CHECK(is_png(shot));

    INFO(describe(site.browser.console_errors()));
    CHECK(site.browser.console_errors().empty());
    const auto fetched = resources(site);
    CHECK_FALSE(fetched.empty());
    for (const auto& url : fetched) {
        INFO(url);
        CHECK(url.rfind(site.origin() + "/", 0) == 0);
    }
    // The page carries its icon inline, so the browser never asks for /favicon.ico.
    CHECK(site.server.child().stderr_text().find("favicon") == std::string::npos);
    CHECK_THAT(site.server.child().stderr_text(), Contains("GET /api/v2/weather?q=94107"));
}

TEST_CASE("wttr.in's /{place} in a browser: the page, asking for the place in its path",
          "[web][page][wttr]") {
    Site site;
    site.browser->navigate(site.server.url("/94107"));
    check_card(site, "94107,us");
    CHECK(site.browser->find("#place").property("value") == "94107");
    CHECK(site.browser->execute_script("return location.pathname;") == "/94107");  // kept to share
    INFO(describe(site.browser.console_errors()));
    CHECK(site.browser.console_errors().empty());
}

TEST_CASE("wttr.in's /{place} in a browser, ambiguous or unknown: the page offers the candidates",
          "[web][page][wttr]") {
    Site site;
    // Sent with its 400: the page still asks for the path's place and shows what the form would.
    site.browser->navigate(site.server.url("/Springfield"));
    CHECK_THAT(site.wait_for("#result .error .message"), Contains("Several places have that name"));
    CHECK(site.browser->find_all("#result .choices button").size() == 3);
    CHECK(site.browser->find("#place").property("value") == "Springfield");
    site.browser->navigate(site.server.url("/Londno"));  // 404, and a did-you-mean
    CHECK_THAT(site.wait_for("#result .error .message"), Contains("Did you mean"));
    CHECK_THAT(site.browser->find("#result .choices").text(), Contains("London, England, GB"));
    CHECK(site.owm.request_count() == 0);
}

TEST_CASE("each failure reads as a plain message and the next query still works", "[web][page]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    auto message = [&site] {
        auto text = site.wait_for("#result .error .message");
        CHECK(text.find('{') == std::string::npos);  // words, not the API's JSON
        return text;
    };

    site.ask("12*45");
    CHECK_THAT(message(), Contains("cannot read that as a place"));
    CHECK(site.owm.request_count() == 0);
    site.ask("94107");
    check_card(site, "94107,us");

    site.ask("60601");  // a real ZIP code the fake does not know: 404 city not found
    CHECK_THAT(message(), Contains("could not find that place"));
    site.ask("19021");
    check_card(site, "19021,us");

    site.owm.always(FakeOwm::server_error(503));
    site.ask("10001");
    CHECK_THAT(message(), Contains("not answering properly"));
    site.owm.clear_script();
    site.ask("10001");
    check_card(site, "10001,us");

    site.owm.always(Reply::close_without_answer());
    site.ask("94110");
    CHECK_THAT(message(), Contains("not answering properly"));
    site.owm.clear_script();
    site.ask("94107");
    check_card(site, "94107,us");
    CHECK(site.owm.request_count() >= 6);  // a client may retry a closed connection once

    // Failed answers are logged by the browser itself; the page's script adds no error of its own.
    const auto errors = site.browser.console_errors();
    CHECK(errors.size() == 4);  // one "Failed to load resource" per failed answer
    for (const auto& entry : errors) {
        INFO(entry.source << ": " << entry.message);
        CHECK(entry.source == "network");
        CHECK_THAT(entry.message, Contains(site.origin() + "/api/v2/weather?"));
    }

    // Rate limited: the page says how long the server's Retry-After asks to wait.
    site.owm.always(FakeOwm::rate_limited(7));
    site.ask("94111");
    CHECK_THAT(message(), Contains("slow down") && Contains("Try again in 7 seconds"));

    // The server itself is gone: the page says so instead of waiting forever.
    REQUIRE(site.server.child().signal_and_wait(SIGTERM, 5s) == 0);
    site.ask("60602");  // not asked before, so not in the browser's cache either
    CHECK_THAT(message(), Contains("could not reach the tenki server"));
}

namespace {

// Lays the page out as a phone of this CSS width would (Chrome's device emulation, through
// chromedriver's CDP endpoint): the viewport meta tag applies, as on a real phone.
void emulate_phone(Site& site, int width) {
    site.browser->command(
        "POST", "/goog/cdp/execute",
        {{"cmd", "Emulation.setDeviceMetricsOverride"},
         {"params", {{"width", width}, {"height", 844}, {"deviceScaleFactor", 3}, {"mobile", true}}}},
        "emulate a phone");
}

// How far the page is wider than its viewport, in CSS pixels (0 when it needs no sideways scroll).
int sideways_overflow(Site& site) {
    return site.browser->execute_script(
        "var d = document.documentElement; return Math.max(0, d.scrollWidth - d.clientWidth);");
}

// The page's cumulative layout shift so far, as Lighthouse counts it: every layout-shift entry
// not caused by the user's own input within 500 ms (the Layout Instability API, buffered).
double layout_shift(Site& site) {
    return site.browser->execute_script(
        "var o = new PerformanceObserver(function () {});"
        "o.observe({type: 'layout-shift', buffered: true});"
        "var sum = o.takeRecords().reduce(function (s, e) { return e.hadRecentInput ? s : s + e.value; }, 0);"
        "o.disconnect(); return sum;");
}

}  // namespace

TEST_CASE("at 390 px wide nothing scrolls sideways, before and after an answer", "[web][page]") {
    Site site;
    emulate_phone(site, 390);
    site.browser->navigate(site.server.url("/"));
    CHECK(site.browser->execute_script("return window.innerWidth;") == 390);
    CHECK(sideways_overflow(site) == 0);
    site.ask("94107");
    check_card(site, "94107,us");
    CHECK(sideways_overflow(site) == 0);
    site.ask("60601");  // the error card
    site.wait_for("#result .error .message");
    CHECK(sideways_overflow(site) == 0);
    site.browser.screenshot("phone-390");
}

TEST_CASE("the answer appearing moves nothing: layout shift under 0.1, on a phone and a desktop",
          "[web][page]") {
    for (int width : {390, 1024}) {
        INFO(width << " px");
        Site site;
        emulate_phone(site, width);
        // A shared link asks as the page loads, with no input of the user's to excuse a shift. The
        // answer comes late, so the page is painted waiting for it before the card appears.
        site.owm.next(Reply::json(200, FakeOwm::place_json("94107,us")).with_delay(1500ms));
        // The phone follows a link of today's form, the desktop one of the older form, still served.
        site.browser->navigate(site.server.url(width == 390 ? "/?q=94107" : "/?postalcode=94107&country=us"));
        check_card(site, "94107,us");
        const double shift = layout_shift(site);
        INFO("layout shift " << shift);
        CHECK(shift < 0.1);
    }
}

TEST_CASE("the page has a description, shows no cache state, and draws its kanji", "[web][page]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    const std::string description =
        site.browser->execute_script("return document.querySelector('meta[name=description]').content;");
    CHECK(description.size() > 50);

    site.ask("94107");
    check_card(site, "94107,us");
    site.ask("94107");  // answered from the cache this time
    check_card(site, "94107,us");
    const auto card = site.browser->find("#result").text();
    CHECK(card.find("Cache") == std::string::npos);
    CHECK(card.find("HIT") == std::string::npos);
    CHECK(owm_requests(site, "/data/2.5/weather") == 1);
    CHECK(owm_requests(site, "/data/2.5/forecast") == 1);

    // 天気 is SVG outlines, named for screen readers: readable without a CJK font installed.
    auto kanji = site.browser->find("h1 svg.kanji");
    CHECK(kanji.attribute("aria-label") == "天気");
    CHECK(kanji.attribute("role") == "img");
    CHECK(site.browser->execute_script("return arguments[0].getBoundingClientRect().width;",
                                       json::array({kanji.reference()})) > 20);
    // No CJK character is left to the fonts (the SVG's <title> is its name, not drawn text).
    const bool cjk_text = site.browser->execute_script(
        "var w = document.createTreeWalker(document.querySelector('h1'), NodeFilter.SHOW_TEXT), t = '';"
        "while (w.nextNode()) if (!w.currentNode.parentNode.closest('svg')) t += w.currentNode.nodeValue;"
        "return /[\\u3000-\\u9fff]/.test(t);");
    CHECK_FALSE(cjk_text);
}

namespace {

// "Mon 3 Jun" for a local date "2024-06-03", as the page names a day.
std::string day_name(const std::string& date) {
    std::tm tm{};
    REQUIRE(strptime(date.c_str(), "%Y-%m-%d", &tm) != nullptr);
    const std::time_t at = timegm(&tm);
    gmtime_r(&at, &tm);
    char weekday[8], month[8];
    std::strftime(weekday, sizeof weekday, "%a", &tm);
    std::strftime(month, sizeof month, "%b", &tm);
    return fmt::format("{} {} {}", weekday, tm.tm_mday, month);
}

}  // namespace

TEST_CASE("the next days show under the weather, and a failing forecast leaves the weather shown",
          "[web][page][forecast]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    site.ask("94107");
    check_card(site, "94107,us");
    // What the API answers for the page's question, from the same cache entry.
    const auto doc = json::parse(
        http_get(site.server.port(), "/api/v2/forecast?postalcode=94107&country=us&days=7&hours=0").body);
    const auto& daily = doc["daily"];
    REQUIRE(daily.size() >= 5);
    const auto rows = site.browser->find_all("#result .forecast .day");
    REQUIRE(rows.size() == daily.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& day = daily[i];
        INFO(day.dump());
        const auto text = rows[i].text();
        CHECK_THAT(text, Contains(day_name(day["date"])));
        const auto low = std::lround(day["temperature"]["min"].get<double>());
        const auto high = std::lround(day["temperature"]["max"].get<double>());
        CHECK_THAT(text, Contains(fmt::format("{}\u2013{} \u00b0F", low, high)));
        if (!day["precipitation_probability_max"].is_null())
            CHECK_THAT(text, Contains(fmt::format("{}%", day["precipitation_probability_max"].get<int>())));
    }
    CHECK(site.browser->find_all("#result .forecast .unavailable").empty());
    CHECK(sideways_overflow(site) == 0);
    site.browser.screenshot("forecast");
    emulate_phone(site, 390);
    CHECK(sideways_overflow(site) == 0);
    site.browser.screenshot("forecast-phone");
    CHECK(owm_requests(site, "/data/2.5/forecast") == 1);

    // The forecast fails: the weather still shows, and the forecast says it is unavailable.
    site.owm.route("/data/2.5/forecast", FakeOwm::server_error(500));
    site.ask("10001");
    check_card(site, "10001,us");
    CHECK_THAT(site.browser->find("#result .forecast .unavailable").text(), Contains("unavailable"));
    CHECK(site.browser->find_all("#result .forecast .day").empty());
    const auto errors = site.browser.console_errors();
    REQUIRE(errors.size() == 1);  // the browser's own "Failed to load resource" for the forecast
    CHECK_THAT(errors[0].message, Contains("/api/v2/forecast?"));
}

namespace {

// axe-core's violations on the page as it is now, one line each ("color-contrast: Elements must
// meet minimum color contrast ratio thresholds (2 nodes)"). axe-core is what Lighthouse's
// accessibility audits run; it comes from tests/tools (scripts/install-deps.sh).
std::vector<std::string> axe_violations(Site& site) {
    const auto path =
        std::filesystem::path(TENKI_SOURCE_DIR) / "tests/tools/node_modules/axe-core/axe.min.js";
    INFO("axe-core is missing: run scripts/install-deps.sh (npm ci in tests/tools)");
    REQUIRE(std::filesystem::exists(path));
    std::ifstream in(path);
    const std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    site.browser->execute_script(source + "\nreturn typeof window.axe;");
    site.browser->execute_script(
        "window.tenkiAxe = null;"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
        "  window.tenkiAxe = r.violations.map(function (v) {"
        "    return v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes)'; });"
        "}, function (e) { window.tenkiAxe = ['axe failed: ' + e]; });");
    site.browser->wait_until(
        [&] { return !site.browser->execute_script("return window.tenkiAxe;").is_null(); },
        std::chrono::seconds(20), "axe-core's run");
    return site.browser->execute_script("return window.tenkiAxe;");
}

}  // namespace

TEST_CASE("axe-core finds no accessibility violation, before and after an answer", "[web][page][a11y]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    {
        const auto violations = axe_violations(site);
        INFO(fmt::format("{}", fmt::join(violations, "\n")));
        CHECK(violations.empty());
    }
    site.ask("94107");
    check_card(site, "94107,us");
    {
        const auto violations = axe_violations(site);
        INFO(fmt::format("{}", fmt::join(violations, "\n")));
        CHECK(violations.empty());
    }
    // The check itself works: an image without alternative text is a violation it reports.
    site.browser->execute_script(
        "var i = document.createElement('img'); i.src = 'data:,'; document.body.appendChild(i);");
    const auto violations = axe_violations(site);
    CHECK(std::find_if(violations.begin(), violations.end(), [](const std::string& v) {
              return v.rfind("image-alt:", 0) == 0;
          }) != violations.end());
}

TEST_CASE("a city by name: an ambiguous one offers its candidates, and a click answers for the one picked",
          "[web][page][places]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    site.ask("Springfield");
    CHECK_THAT(site.wait_for("#result .error .message"), Contains("Several places have that name"));
    CHECK(site.owm.request_count() == 0);  // an ambiguous name never leaves the machine
    const auto choices = site.browser->find_all("#result .choices button");
    REQUIRE(choices.size() == 3);
    bool clicked = false;
    for (auto choice : choices) {
        if (choice.text().rfind("Springfield, IL, US", 0) == 0) {
            choice.click();
            clicked = true;
            break;
        }
    }
    REQUIRE(clicked);
    CHECK(site.wait_for("#result .weather .place") == "Springfield");
    CHECK_THAT(site.browser->find("#result .weather .where").text(), Contains("IL, US"));
    CHECK(site.browser->find("#place").property("value") == "Springfield,IL");
    CHECK(site.browser->execute_script("return location.search;") == "?q=Springfield%2CIL");
    REQUIRE(owm_requests(site, "/data/2.5/weather") == 1);
    CHECK(site.owm.requests()[0].query.count("lat") == 1);

    site.ask("Londno");
    CHECK_THAT(site.wait_for("#result .error .message"), Contains("Did you mean"));
    CHECK_THAT(site.browser->find("#result .choices").text(), Contains("London, England, GB"));
}

TEST_CASE("the card shows sunrise, sunset and the observation on the place's own clock, as the CLI does",
          "[web][page]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    site.ask("94107");
    check_card(site, "94107,us");
    const auto upstream = json::parse(FakeOwm::place_json("94107,us"));
    const std::int64_t offset = upstream["timezone"];
    const auto clock = [&](std::int64_t unix_seconds) {
        const std::time_t t = unix_seconds + offset;
        std::tm tm{};
        ::gmtime_r(&t, &tm);
        return fmt::format("{:02}:{:02}", tm.tm_hour, tm.tm_min);
    };
    const auto card = site.browser->find("#result .weather dl").text();
    INFO(card);
    CHECK_THAT(card, Contains("Sunrise\n" + clock(upstream["sys"]["sunrise"])));
    CHECK_THAT(card, Contains("Sunset\n" + clock(upstream["sys"]["sunset"])));
    const auto hours = std::abs(offset) / 3600, minutes = (std::abs(offset) % 3600) / 60;
    CHECK_THAT(
        card, Contains(fmt::format("local time (UTC{}{:02}:{:02})", offset < 0 ? '-' : '+', hours, minutes)));
    CHECK_THAT(card, Contains(clock(upstream["dt"]) + " local time"));
}

TEST_CASE("the card shows the sky of the place's date: sunrise, sunset, day length, the moon",
          "[web][page][moon]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    site.ask("Paris,FR");
    const auto shown = site.wait_for("#result .weather .sky");
    // What the page read: the v2 document's astronomy, from the same cache entry.
    const auto doc = json::parse(http_get(site.server.port(), "/api/v2/weather?q=Paris,FR").body);
    const auto& sky = doc.at("astronomy");
    REQUIRE(sky.is_object());
    INFO(shown << "\n" << sky.dump());
    const auto clock = [](const json& iso) { return iso.get<std::string>().substr(11, 5); };
    CHECK(site.browser->find("#result .weather .sky h3").text() == "Sky");
    CHECK_THAT(shown, Contains("Sunrise\n" + clock(sky["sun"]["sunrise"])));
    CHECK_THAT(shown, Contains("Sunset\n" + clock(sky["sun"]["sunset"])));
    const auto minutes = std::lround(sky["sun"]["day_length_s"].get<double>() / 60);
    CHECK_THAT(shown, Contains(fmt::format("Day length\n{}h {:02}m", minutes / 60, minutes % 60)));
    auto phase = sky["moon"]["phase"].get<std::string>();
    phase[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(phase[0])));
    CHECK_THAT(shown, Contains(fmt::format("Moon\n{} {}, {}% lit", sky["moon"]["emoji"].get<std::string>(),
                                           phase, sky["moon"]["illumination"].get<int>())));
    INFO(describe(site.browser.console_errors()));
    CHECK(site.browser.console_errors().empty());
    site.browser.screenshot("weather-card-sky");

    // In German: the block's words from the catalogue.
    site.browser->navigate(site.server.url("/?lang=de&q=Paris,FR"));
    site.wait_for("#result .weather .sky");
    const auto german = site.browser->find("#result .weather .sky").text();
    INFO(german);
    CHECK(site.browser->find("#result .weather .sky h3").text() == "Himmel");
    CHECK_THAT(german, Contains("Tageslänge\n") && Contains("Mond\n") && Contains("% beleuchtet"));
    CHECK_THAT(german, !Contains("Day length") && !Contains(" lit"));
}

TEST_CASE("the alerts in force show at the top of the card, the most severe first", "[web][page][alerts]") {
    Site site;
    FakeAlert advisory;
    advisory.event = "Wind Advisory";
    advisory.severity = "Moderate";
    advisory.ends = static_cast<std::int64_t>(std::time(nullptr)) + 3600;
    FakeAlert warning;
    warning.ends = advisory.ends;
    site.nws.set_alerts({advisory, warning});
    site.browser->navigate(site.server.url("/"));
    site.ask("10001");
    site.wait_for("#result .weather .place");
    site.browser->wait_until([&] { return site.browser->find_all("#result .weather .alert").size() == 2; },
                             k_answer_timeout, "the page shows the alerts");
    const auto alerts = site.browser->find_all("#result .weather .alert");
    CHECK(alerts.at(0).text() == "\u26a0 Winter Storm Warning (NWS New York NY)");
    CHECK(alerts.at(1).text() == "\u26a0 Wind Advisory (NWS New York NY)");
    INFO(describe(site.browser.console_errors()));
    CHECK(site.browser.console_errors().empty());
    site.browser.screenshot("weather-card-alerts");
}

TEST_CASE("outside the NWS's area the card shows no alert line", "[web][page][alerts]") {
    Site site;
    site.browser->navigate(site.server.url("/"));
    site.ask("Paris,FR");
    site.wait_for("#result .weather .place");
    site.wait_for("#result .forecast .day, #result .forecast .unavailable");
    CHECK(site.browser->find_all("#result .weather .alert").empty());
    CHECK(site.nws.request_count() == 0);
}

TEST_CASE("the air quality at the card's foot: the AQI and its category, the dominant pollutant, modelled",
          "[web][page][air]") {
    Site site;
    site.air.set_current({{"us_aqi", 151}, {"us_aqi_ozone", 151}, {"us_aqi_pm2_5", 40}});
    site.browser->navigate(site.server.url("/"));
    site.ask("10001");
    site.wait_for("#result .weather .place");
    const auto us = site.wait_for("#result .weather .air dl");
    CHECK_THAT(us, Contains("US AQI") && Contains("151, Unhealthy") && Contains("Dominant pollutant"));
    CHECK_THAT(us, Contains("O3") && !Contains("PM2.5"));
    CHECK(site.browser->find("#result .weather .air .air-note").text() == "Modelled (CAMS), not measured");
    site.browser.screenshot("weather-card-air");
    // Elsewhere the European AQI, 40 the first value of Moderate.
    site.air.set_current({{"european_aqi", 40}, {"european_aqi_pm10", 40}});
    site.ask("Paris,FR");
    site.browser->wait_until(
        [&] {
            const auto blocks = site.browser->find_all("#result .weather .air dl");
            return !blocks.empty() && blocks.front().text().find("European AQI") != std::string::npos;
        },
        k_answer_timeout, "the page shows the European AQI");
    CHECK_THAT(site.browser->find("#result .weather .air dl").text(),
               Contains("40, Moderate") && Contains("PM10"));
    INFO(describe(site.browser.console_errors()));
    CHECK(site.browser.console_errors().empty());
}

TEST_CASE("a failing air-quality source leaves the weather shown and says so", "[web][page][air]") {
    Site site;
    site.air.answer_raw(Reply::json(500, R"({"error":true,"reason":"internal"})"));
    site.browser->navigate(site.server.url("/"));
    site.ask("10001");
    check_card(site, "10001,us");
    CHECK(site.wait_for("#result .weather .air .unavailable") == "The air quality is unavailable right now.");
    CHECK(site.browser->find_all("#result .weather .air dl").empty());
}

TEST_CASE(
    "the page in German: its labels, the condition, the next days' weekdays, from lang= and Accept-Language",
    "[web][page][lang]") {
    Site site;
    site.browser->navigate(site.server.url("/?lang=de&q=94107"));
    site.wait_for("#result .weather .place");
    CHECK(site.browser->find("html").attribute("lang") == "de");
    CHECK(site.browser->find("#go").text() == "Wetter anzeigen");
    CHECK(site.browser->find("label[for=place]").property("textContent") == "Ort");
    // What the API answers in German for the page's question, from the same cache entry.
    const auto doc = json::parse(http_get(site.server.port(), "/api/v2/weather?q=94107&lang=de").body);
    const auto condition = doc["condition"]["description"].get<std::string>();
    CHECK(condition == "leicht bewölkt");
    CHECK(site.wait_for("#result .weather .condition") == "Leicht bewölkt");
    const auto card = site.browser->find("#result .weather").text();
    for (const char* label : {"Gefühlt", "Luftfeuchte", "Luftdruck", "Wind", "Sichtweite", "Sonnenaufgang"}) {
        INFO(label);
        CHECK_THAT(card, Contains(label));
    }
    CHECK_THAT(card, !Contains("Humidity"));
    site.wait_for("#result .forecast .day");
    CHECK(site.browser->find("#result .forecast h3").text() == "Die nächsten Tage");
    const auto first_day = site.browser->find_all("#result .forecast .day").front().text();
    bool weekday = false;
    for (const char* day : {"So. ", "Mo. ", "Di. ", "Mi. ", "Do. ", "Fr. ", "Sa. "})
        weekday = weekday || first_day.rfind(day, 0) == 0;
    CHECK(weekday);
    site.browser.screenshot("page-de");
    // One upstream call for the weather, whatever the language.
    CHECK(owm_requests(site, "/data/2.5/weather") == 1);
    // Without lang=, the browser's Accept-Language decides; an English one is the English page.
    HttpClient client(site.server.port());
    const auto german = client.call("GET", "/", {{"Accept-Language", "de-DE,de;q=0.9,en;q=0.8"}});
    CHECK_THAT(german.body, Contains("<html lang=\"de\">") && Contains("Wetter anzeigen"));
    CHECK(client.call("GET", "/", {{"Accept-Language", "en-US"}}).body == client.call("GET", "/").body);
}

TEST_CASE("the page in Russian: decimal commas, CLDR's unit names, the wind's direction in Russian",
          "[web][page][lang]") {
    Site site;  // the fake's 94107 in imperial units: low 286.93 K (56.8 °F), wind 11.5 mph from 270°, 6.2 mi
    site.browser->navigate(site.server.url("/?lang=ru&q=94107"));
    site.wait_for("#result .weather .place");
    const auto card = site.browser->find("#result .weather").text();
    INFO(card);
    for (const char* part : {"56,8 / ", "11,5 ми/ч", "З (270°)", "1016 гПа", "6,2 ми"}) {
        INFO(part);
        CHECK_THAT(card, Contains(part));
    }
    CHECK_THAT(card, !Contains("11.5") && !Contains("mph") && !Contains("hPa"));
    site.browser.screenshot("page-ru");
}

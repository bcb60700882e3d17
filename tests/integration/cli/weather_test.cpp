// tenki weather as a user runs it: the built binary as a child process against the fake upstreams.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

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
namespace fs = std::filesystem;

namespace {

// `tenki weather args...` in a user's shell (tests/support/tenki_shell.hpp).
struct WeatherShell : tenki::test::TenkiShell {
    tenki::util::RunOutput run(std::vector<std::string> args) const {
        return TenkiShell::run("weather", std::move(args));
    }
};

bool mentions_key(const tenki::util::RunOutput& r, const std::string& key) {
    return r.output.find(key) != std::string::npos || r.errors.find(key) != std::string::npos;
}

}  // namespace

TEST_CASE("tenki weather prints the report and sends exactly the documented query",
          "[integration][weather]") {
    WeatherShell sh;
    auto r = sh.run({"94107"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    for (const char* part : {"San Francisco, CA", "94107", "°F", "Humidity", "Wind", "Sunrise", "Sunset"}) {
        INFO(part);
        CHECK(r.output.find(part) != std::string::npos);
    }
    CHECK(r.output.find("\x1b[") == std::string::npos);  // NO_COLOR, and not a terminal
    REQUIRE(sh.owm.request_count() == 1);
    auto req = sh.owm.requests().front();
    CHECK(req.path == "/data/2.5/weather");
    CHECK(req.query == std::map<std::string, std::string>{{"zip", "94107,us"}, {"appid", sh.owm.api_key()}});
    CHECK(req.header("User-Agent").rfind("tenki/", 0) == 0);
    CHECK_FALSE(mentions_key(r, sh.owm.api_key()));
}

TEST_CASE("tenki weather --json prints the v2 document; several codes give an array",
          "[integration][weather]") {
    WeatherShell sh;
    auto one = sh.run({"--json", "--units", "metric", "94107"});
    REQUIRE(one.status == 0);
    auto doc = json::parse(one.output);
    CHECK(doc["location"]["postal_code"] == "94107");
    CHECK(doc["units"] == "metric");
    CHECK(doc["temperature"]["unit"] == "°C");
    CHECK(doc["source"] == "openweathermap");
    // Choices in any case, as TENKI_UNITS and the API's units= take them.
    auto cased = sh.run({"--json", "-u", "Metric", "--icons", "ASCII", "94107"});
    INFO(cased.errors);
    REQUIRE(cased.status == 0);
    CHECK(json::parse(cased.output)["units"] == "metric");

    auto many = sh.run({"--json", "94107", "10001"});
    REQUIRE(many.status == 0);
    auto arr = json::parse(many.output);
    REQUIRE(arr.is_array());
    CHECK(arr.size() == 2);
    CHECK(arr[1]["location"]["postal_code"] == "10001");
}

TEST_CASE("tenki weather --format prints one line; an unknown field lists the known ones",
          "[integration][weather]") {
    WeatherShell sh;
    auto r = sh.run({"--format", "{name}: {temp:.0f}{temp_unit} {description}", "94107"});
    REQUIRE(r.status == 0);
    CHECK(r.output.find("San Francisco: ") == 0);
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 1);

    auto bad = sh.run({"--format", "{nmae}", "94107"});
    CHECK(bad.status == 2);
    CHECK(bad.errors.find("name") != std::string::npos);
    CHECK(sh.owm.request_count() == 1);  // the bad template made no request

    auto empty = sh.run({"-f", "", "94107"});
    CHECK(empty.status == 2);
    CHECK(empty.output.empty());
    CHECK(empty.errors.find("an empty template prints nothing") != std::string::npos);
    CHECK(sh.owm.request_count() == 1);
}

TEST_CASE(
    "{wind_unit} gets a \"did you mean\" as a typo does: on the command line, in a status bar's "
    "output and in the config file",
    "[integration][weather]") {
    WeatherShell sh;
    auto wind = sh.run({"--format", "{wind_speed} {wind_unit}", "94107"});
    CHECK(wind.status == 2);
    CHECK(wind.errors.find("unknown field \"wind_unit\" in the template (did you mean \"speed_unit\"?)") !=
          std::string::npos);
    auto typo = sh.run({"--format", "{nmae}", "94107"});
    CHECK(typo.errors.find("(did you mean \"name\"?)") != std::string::npos);
    auto bar = sh.run({"--output", "plain", "--format", "{wind_unit}", "94107"});
    CHECK(bar.errors.find("(did you mean \"speed_unit\"?)") != std::string::npos);
    const auto file = sh.config("[bar]\nformat = \"{temp} {wind_unit}\"\n");
    auto check = sh.TenkiShell::run("config", {"--check"});
    CHECK(check.status == 2);
    CHECK(check.errors.find(file.string() + ":2") != std::string::npos);
    CHECK(check.errors.find("(did you mean \"speed_unit\"?)") != std::string::npos);
    CHECK(sh.owm.request_count() == 0);
}

TEST_CASE("invalid postal codes exit 2 before any request", "[integration][weather]") {
    WeatherShell sh;
    for (const char* code : {"9410", "94;07", "", "941077777777777"}) {
        auto r = sh.run({code});
        INFO(code << ": " << r.errors);
        CHECK(r.status == 2);
        CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
    }
    CHECK(sh.owm.request_count() == 0);
}

TEST_CASE("a ZIP code no place has is not found (exit 3) before any request", "[integration][weather]") {
    WeatherShell sh;
    auto none = sh.run({"00000"});  // well formed, but no such place: as an unknown city
    CHECK(none.status == 3);
    CHECK(none.errors == "tenki: 00000: unknown US ZIP code 00000: check the five digits\n");
    auto near = sh.run({"94190"});  // no such ZIP code; 94109 is one swap away
    CHECK(near.status == 3);
    CHECK(near.errors.find("tenki: 94190: unknown US ZIP code 94190: did you mean") != std::string::npos);
    CHECK(near.errors.find("after a comma: \"94190,CC\"") != std::string::npos);
    CHECK(std::count(near.errors.begin(), near.errors.end(), '\n') == 1);
    CHECK(sh.owm.request_count() == 0);
}

TEST_CASE("repeated calls are answered from the disk cache; --refresh asks again", "[integration][weather]") {
    WeatherShell sh;
    REQUIRE(sh.run({"94107"}).status == 0);
    REQUIRE(sh.run({"94107", "--units", "metric"}).status == 0);  // one entry serves every unit
    CHECK(sh.owm.request_count() == 1);
    REQUIRE(sh.run({"--refresh", "94107"}).status == 0);
    CHECK(sh.owm.request_count() == 2);

    // A corrupt cache file is ignored and rewritten.
    for (const auto& entry : fs::recursive_directory_iterator(sh.home / "cache"))
        if (entry.is_regular_file()) std::ofstream(entry.path()) << "{not json";
    REQUIRE(sh.run({"94107"}).status == 0);
    CHECK(sh.owm.request_count() == 3);
    REQUIRE(sh.run({"94107"}).status == 0);
    CHECK(sh.owm.request_count() == 3);
}

TEST_CASE("upstream failures give one line and their own exit status", "[integration][weather]") {
    WeatherShell sh;
    // Each fault on its own: the breakers probe at once, rather than answer the last dead
    // network's failure for 30 s (dead_network_test shows them holding back).
    sh.extra = {{"TENKI_FAILOVER_BACKOFF", "0"}};
    struct Case {
        tenki::test::Reply reply;
        int status;
        const char* says;
    };
    std::vector<Case> cases{{FakeOwm::unauthorized(), 4, "key"},
                            {FakeOwm::not_found(), 3, "not found"},
                            {FakeOwm::rate_limited(30), 5, "wait 30 s"},
                            {FakeOwm::server_error(503), 7, "503"},
                            {FakeOwm::invalid_json(), 7, ""},
                            {tenki::test::Reply::close_without_answer(), 6, ""},
                            {tenki::test::Reply::json(200, "{}").with_delay(5s), 6, ""}};
    for (auto& c : cases) {
        sh.owm.always(c.reply);
        // 2 s: OpenWeatherMap's share (half, Open-Meteo being configured) is room enough for a
        // fault's quick answer on a busy machine; the 5 s delay still times out.
        auto r = sh.run({"--refresh", "--timeout", "2", "94107"});
        INFO(r.errors);
        CHECK(r.status == c.status);
        CHECK(r.output.empty());
        CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
        CHECK(r.errors.find(c.says) != std::string::npos);
        CHECK_FALSE(mentions_key(r, sh.owm.api_key()));
    }
    // --timeout with a unit: 500ms is half a second, so the 5 s answer times out (exit 6, not 2).
    sh.owm.always(tenki::test::Reply::json(200, "{}").with_delay(5s));
    const auto ms = sh.run({"--refresh", "--timeout", "500ms", "94107"});
    CHECK(ms.status == 6);
}

TEST_CASE("an answer for another place is refused, never shown under the place asked",
          "[integration][weather]") {
    WeatherShell sh;
    // The upstream answers Lagos, Nigeria, whatever it is asked (a misrouted proxy, a stand-in).
    auto lagos = nlohmann::json::parse(FakeOwm::place_json("94107,us"));
    lagos["name"] = "Lagos";
    lagos["coord"] = {{"lat", 6.4541}, {"lon", 3.3947}};
    lagos["sys"]["country"] = "NG";
    sh.owm.always(tenki::test::Reply::json(200, lagos.dump()));
    for (const std::string place : {"94107", "48.85,2.35", "Paris,FR", "75008,fr"}) {
        auto r = sh.run({"--refresh", place});
        INFO(place << ": " << r.errors);
        CHECK(r.status == 7);  // the upstream's bad answer
        CHECK(r.output.empty());
        CHECK(r.errors.find("is for Lagos") != std::string::npos);
        CHECK(r.errors.find("not shown as its weather") != std::string::npos);
        // The status bar shows the error (its tooltip names Lagos), never Lagos's weather.
        auto bar = sh.run({"--refresh", "--output", "waybar", place});
        INFO(bar.output);
        const auto shown = nlohmann::json::parse(bar.output);
        CHECK(shown.at("class") == nlohmann::json::array({"error", "bad_response"}));
        CHECK(shown.at("text").get<std::string>().find("°") == std::string::npos);
    }
}

TEST_CASE("the API key never appears, --verbose traces included", "[integration][weather]") {
    WeatherShell sh;
    auto r = sh.run({"--verbose", "--refresh", "94107"});
    REQUIRE(r.status == 0);
    CHECK_FALSE(r.errors.empty());
    CHECK_FALSE(mentions_key(r, sh.owm.api_key()));
    sh.owm.always(FakeOwm::unauthorized());
    auto rejected = sh.run({"--verbose", "--refresh", "94107"});
    CHECK(rejected.status == 4);
    CHECK_FALSE(mentions_key(rejected, sh.owm.api_key()));
}

TEST_CASE("with no key configured tenki weather uses Open-Meteo", "[integration][weather][open-meteo]") {
    WeatherShell sh;
    sh.with_key = false;
    sh.with_open_meteo = true;
    const auto& meteo = sh.meteo;
    auto r = sh.run({"--json", "94107"});
    INFO(r.errors);
    REQUIRE(r.status == 0);
    auto doc = json::parse(r.output);
    CHECK(doc["source"] == "open-meteo");
    // A ZIP code's place has one meaning per field, as a city's: its own name, its state the
    // region, the country upper case.
    CHECK(doc["location"]["name"] == "San Francisco");
    CHECK(doc["location"]["region"] == "CA");
    CHECK(doc["location"]["country"] == "US");
    CHECK(meteo.request_count() == 1);
    CHECK(sh.owm.request_count() == 0);

    // Asked for OpenWeatherMap explicitly, the missing key says where tenki looked.
    auto owm = sh.run({"--provider", "owm", "94107"});
    CHECK(owm.status == 4);
    CHECK(owm.errors.find("OWM_API_KEY") != std::string::npos);
    CHECK(owm.errors.find(".openweathermap.key") != std::string::npos);
}

TEST_CASE("a key file readable by others draws a warning", "[integration][weather]") {
    WeatherShell sh;
    sh.with_key = false;
    auto key_file = sh.home.write(".openweathermap.key", sh.owm.api_key() + "\n");
    ::chmod(key_file.c_str(), 0644);
    auto r = sh.run({"94107"});
    REQUIRE(r.status == 0);
    CHECK(r.errors.find("readable by others") != std::string::npos);
    CHECK(sh.owm.request_count() == 1);
    ::chmod(key_file.c_str(), 0600);
    auto quiet = sh.run({"--refresh", "94107"});
    CHECK(quiet.errors.empty());
}

namespace {

// `script` run by sh with $TENKI the binary under test, in the WeatherShell's environment plus `extra`.
tenki::util::RunOutput run_shell(const WeatherShell& sh, const std::string& script,
                                 std::vector<std::pair<std::string, std::optional<std::string>>> extra = {}) {
    auto options = sh.options();
    options.env.emplace_back("TENKI", tenki::test::tenki_binary().string());
    for (auto& e : extra) options.env.push_back(std::move(e));
    auto r = tenki::util::run_capture({"sh", "-c", script}, options);
    REQUIRE(r);
    return *r;
}

}  // namespace

TEST_CASE("several places: each its answer or its one-line error, in order; the first failure's status",
          "[integration][weather]") {
    WeatherShell sh;
    // stderr into stdout, so the order of answers and errors shows.
    auto r = run_shell(
        sh, R"("$TENKI" weather --format '{postal_code} {name}' 94107 00000 10001 "SW1A 1AA,gb" 99999 2>&1)");
    INFO(r.output);
    CHECK(r.status == 3);  // 00000 is not found (3), the first failure
    const auto first_error = r.output.find("tenki: 00000: ");
    const auto new_york = r.output.find("10001 New York");
    CHECK(r.output.rfind("94107 San Francisco", 0) == 0);
    REQUIRE(first_error != std::string::npos);
    REQUIRE(new_york != std::string::npos);
    CHECK(first_error < new_york);
    CHECK(r.output.find("SW1A 1AA London\n") > new_york);
    CHECK(r.output.find("tenki: 99999: ") > r.output.find("SW1A 1AA London"));
    CHECK(std::count(r.output.begin(), r.output.end(), '\n') == 5);
    CHECK(sh.owm.request_count() == 3);  // the codes no place has asked nothing

    auto not_found = sh.run({"94107", "SW1A 1AA,gb", "K1A 0B1,ca"});
    CHECK(not_found.status == 3);
    CHECK_THAT(not_found.errors,
               Catch::Contains("tenki: K1A 0B1,ca: OpenWeatherMap does not know postal code "
                               "K1A 0B1 in CA (tenki asked for its area K1A)"));
    CHECK_THAT(not_found.output, Catch::Contains("London, GB SW1A 1AA (the SW1A area)"));
}

TEST_CASE("a failed write to stdout is one line and a non-zero status; a closed pipe is quiet",
          "[integration][weather]") {
    WeatherShell sh;
    auto full = run_shell(sh, R"("$TENKI" weather 94107 >/dev/full)");
    CHECK(full.status == 8);
    CHECK(full.errors == "tenki: cannot write to standard output: No space left on device\n");

    auto piped = run_shell(sh, R"("$TENKI" weather 94107 10001 19021 | head -1)");
    CHECK(piped.status == 0);
    CHECK(piped.output == "San Francisco, CA, US 94107\n");  // the report's first line
    CHECK(piped.errors.empty());
}

TEST_CASE("TERM=dumb means no colour and no symbols, as NO_COLOR does", "[integration][weather]") {
    WeatherShell sh;
    // `script` gives tenki a terminal; stdout of script is what the terminal showed.
    const std::string on_terminal = R"(script -qec '"$TENKI" weather 94107' /dev/null)";
    auto colour = run_shell(sh, on_terminal, {{"NO_COLOR", std::nullopt}, {"TERM", "xterm"}});
    INFO(colour.output);
    REQUIRE(colour.status == 0);
    CHECK_THAT(colour.output, Catch::Contains("\x1b["));
    auto dumb = run_shell(sh, on_terminal, {{"NO_COLOR", std::nullopt}, {"TERM", "dumb"}});
    INFO(dumb.output);
    REQUIRE(dumb.status == 0);
    CHECK_THAT(dumb.output, Catch::Contains("San Francisco"));
    CHECK_THAT(dumb.output, !Catch::Contains("\x1b[") && !Catch::Contains("☀") && !Catch::Contains("☁"));
}

TEST_CASE("tenki weather with many codes stops calling after a 429 and reports the rest as rate limited",
          "[integration][weather][budget]") {
    WeatherShell sh;
    sh.owm.always(FakeOwm::rate_limited(60));
    auto r = sh.run({"10001", "10002", "10003", "10004", "10005"});
    INFO(r.errors);
    CHECK(r.status == 5);
    CHECK(sh.owm.request_count() == 1);
    for (const char* zip : {"10002", "10003", "10004", "10005"}) {
        INFO(zip);
        const auto at = r.errors.find(std::string("tenki: ") + zip + ": ");
        REQUIRE(at != std::string::npos);
        const auto line = r.errors.substr(at, r.errors.find('\n', at) - at);
        CHECK(line.find("rate limit") != std::string::npos);
    }
}

TEST_CASE("tenki weather checks a non-US code against its country's format offline: exit 2, no call",
          "[integration][weather][postal]") {
    WeatherShell sh;
    for (auto args : {std::vector<std::string>{"12345,zz"}, {"--country", "de", "1234"}}) {
        auto r = sh.run(args);
        INFO(r.errors);
        CHECK(r.status == 2);
        CHECK(r.output.empty());
    }
    // Letters only are a place name (parse_place's rule): one the table does not know is not found.
    auto name = sh.run({"--country", "de", "ABCDE"});
    CHECK(name.status == 3);
    CHECK(name.errors.find("no place named ABCDE in DE") != std::string::npos);
    CHECK(sh.owm.request_count() == 0);
    auto good = sh.run({"SW1A 1AA,gb"});
    INFO(good.errors);
    CHECK(good.status == 0);
}

TEST_CASE("an unusable --key-file is exit 4 naming the file and why, never Open-Meteo instead",
          "[integration][weather]") {
    WeatherShell sh;
    sh.with_key = false;
    sh.with_open_meteo = true;
    const auto& meteo = sh.meteo;
    TempDir keys("tenki-keys");
    fs::create_directories(keys / "a-directory");
    REQUIRE(::mkfifo((keys / "a-fifo").c_str(), 0600) == 0);  // no writer: reading must not block
    keys.write("empty.key", "");
    keys.write("blank.key", "\n" + std::string(sh.owm.api_key()) + "\n");
    keys.write("short.key", "k\n");  // too short to be a key, or to be kept out of the output
    struct Case {
        const char* file;
        const char* why;
    };
    for (auto [file, why] : {Case{"missing.key", "does not exist"}, Case{"a-directory", "is a directory"},
                             Case{"a-fifo", "is not a regular file"}, Case{"empty.key", "is empty"},
                             Case{"blank.key", "first line is blank"},
                             Case{"short.key", "holds a key of 1 character: too short"}}) {
        INFO(file);
        auto r = sh.run({"--key-file", (keys / file).string(), "94107"});
        CHECK(r.status == 4);
        CHECK_FALSE(r.timed_out);
        CHECK(r.output.empty());
        CHECK(std::count(r.errors.begin(), r.errors.end(), '\n') == 1);
        CHECK(r.errors.find((keys / file).string()) != std::string::npos);
        CHECK(r.errors.find(why) != std::string::npos);
    }
    CHECK(meteo.request_count() == 0);
    CHECK(sh.owm.request_count() == 0);

    // tenki serve refuses to start on one, rather than serve without the key it was given.
    tenki::util::RunOptions options;
    options.env = tenki::test::tenki_env({sh.home.path(), sh.owm.base_url(), meteo.base_url()});
    options.timeout = 30s;
    auto serve =
        tenki::test::run_tenki({"serve", "--port", "0", "--key-file", (keys / "a-fifo").string()}, options);
    CHECK(serve.status == 4);
    CHECK(serve.errors.find((keys / "a-fifo").string()) != std::string::npos);
}

TEST_CASE("--key-file wins over OWM_API_KEY", "[integration][weather]") {
    WeatherShell sh;  // OWM_API_KEY holds the right key
    TempDir keys("tenki-keys");
    auto wrong = keys.write("wrong.key", "not-the-key\n");
    ::chmod(wrong.c_str(), 0600);
    auto r = sh.run({"--key-file", wrong.string(), "94107"});
    CHECK(r.status == 4);  // the file's key was sent, and rejected
    REQUIRE(sh.owm.request_count() == 1);
    auto right = keys.write("right.key", std::string(sh.owm.api_key()) + "\n");
    ::chmod(right.c_str(), 0600);
    sh.with_key = false;
    CHECK(sh.run({"--key-file", right.string(), "94107"}).status == 0);
}

TEST_CASE("the key echoed percent-encoded by the upstream, in a header or the body, is redacted",
          "[integration][weather]") {
    WeatherShell sh;
    std::string encoded;
    for (const char c : std::string(sh.owm.api_key()))
        encoded += fmt::format("%{:02X}", static_cast<unsigned>(static_cast<unsigned char>(c)));
    auto reply =
        tenki::test::Reply::json(401, R"({"cod":401,"message":"Invalid API key )" + encoded + R"("})");
    reply.headers.emplace_back("X-Echo", encoded);
    sh.owm.always(reply);
    auto r = sh.run({"--verbose", "--refresh", "94107"});
    CHECK(r.status == 4);
    CHECK(r.errors.find("X-Echo: REDACTED") != std::string::npos);
    CHECK_FALSE(mentions_key(r, encoded));
    CHECK_FALSE(mentions_key(r, sh.owm.api_key()));
}

TEST_CASE("an unreadable --key-file is exit 4 naming the file and why", "[integration][weather]") {
    // Run as nobody (setpriv, util-linux), a key file only root may read is unreadable.
    REQUIRE(::geteuid() == 0);  // the tests run as root in CI and here
    TempDir keys("tenki-keys");
    auto key = keys.write("root-only.key", "a-key\n");
    ::chmod(key.c_str(), 0600);
    ::chmod(keys.path().c_str(), 0755);
    FakeOpenMeteo meteo;
    tenki::util::RunOptions options;
    options.env = tenki::test::tenki_env({keys.path(), "http://127.0.0.1:1", meteo.base_url()});
    // Under `make coverage` nobody cannot write the build's .gcda files, and gcov would say so on
    // stderr: give it a folder nobody may write (and that nothing reads).
    TempDir counters("tenki-gcov");
    ::chmod(counters.path().c_str(), 0777);
    options.env.emplace_back("GCOV_PREFIX", counters.path().string());
    auto r = tenki::util::run_capture(
        {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", tenki::test::tenki_binary().string(),
         "weather", "--key-file", key.string(), "94107"},
        options);
    REQUIRE(r);
    CHECK(r->status == 4);
    CHECK(r->errors == "tenki: --key-file " + key.string() + " cannot be read: Permission denied\n");
    CHECK(meteo.request_count() == 0);
}

TEST_CASE("the place an error line starts with is quoted as its message is: escapes shown, cut at 80 bytes",
          "[integration][weather]") {
    // As a new user found: the "tenki: PLACE:" prefix was written raw and whole.
    WeatherShell sh;
    auto escape = sh.run({"\x1b[31mred"});
    CHECK(escape.status == 2);
    CHECK(escape.errors.rfind("tenki: \\x1B[31mred: ", 0) == 0);
    CHECK(escape.errors.find('\x1b') == std::string::npos);
    auto sun = sh.run({"\xe2\x98\x80 Paris"});  // U+2600 is a character a person reads
    CHECK(sun.status == 3);
    CHECK(sun.errors.rfind("tenki: \xe2\x98\x80 Paris: no place named \xe2\x98\x80 Paris", 0) == 0);
    auto huge = sh.run({std::string(100000, 'a')});
    CHECK(huge.status != 0);
    CHECK(huge.errors.rfind("tenki: " + std::string(80, 'a') + "...: ", 0) == 0);
    CHECK(huge.errors.size() < 400);
    CHECK(sh.owm.request_count() == 0);
}

// tenki serve and tenki check read the config file as weather and forecast do: for every serve
// setting, the option, else the environment variable, else the file, else the default. Proven by
// what the built binary does: the port it listens on, the Cache-Control it answers, the CORS
// origins it allows, `tenki check --json`'s findings.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"

using namespace std::chrono_literals;
using nlohmann::json;
using tenki::test::FakeOwm;
using tenki::test::TempDir;

namespace {

// An operator's machine (tests/support/tenki_shell.hpp): a HOME with a config file the test writes,
// the fake OpenWeatherMap and its key in a 0600 file (TENKI_KEY_FILE), and the variables the test sets.
struct ServeConfShell : tenki::test::TenkiShell {
    ServeConfShell() : TenkiShell("tenki-serveconf") {
        with_key = false;
        key_file_env = write_key_file();
    }

    // `tenki serve` with `args`, once it listens on `port`.
    std::unique_ptr<tenki::test::Child> serve(const std::vector<std::string>& args, int port) const {
        std::vector<std::string> argv{tenki::test::tenki_binary().string(), "serve", "--threads", "1"};
        argv.insert(argv.end(), args.begin(), args.end());
        auto child = std::make_unique<tenki::test::Child>(argv, options(), home.path());
        INFO("serve should listen on " << port);
        REQUIRE(tenki::test::wait_for_port(port, 10s));
        return child;
    }

    // The ids of `tenki check --json`'s findings.
    std::set<std::string> check_ids(std::vector<std::string> args) const {
        args.insert(args.begin(), {"check", "--json"});
        const auto out = run(args);
        INFO(out.output << out.errors);
        const auto doc = json::parse(out.output);
        std::set<std::string> ids;
        for (const auto& f : doc.at("findings")) ids.insert(f.at("id").get<std::string>());
        return ids;
    }

    // `tenki config --json`'s row for a key.
    json setting(const std::string& key) const {
        const auto out = run({"config", "--json"});
        INFO(out.errors);
        REQUIRE(out.status == 0);
        const auto doc = json::parse(out.output);
        for (const auto& row : doc.at("settings"))
            if (row.at("key") == key) return row;
        FAIL("no setting " << key);
        return {};
    }
};

// The max-age of a fresh answer: the cache TTL serve runs with.
std::string serveconf_max_age(int port) {
    const auto answer = tenki::test::http_get(port, "/api/v2/weather?postalcode=94107");
    REQUIRE(answer.status == 200);
    const auto control = answer.header("cache-control");
    const auto at = control.find("max-age=");
    REQUIRE(at != std::string::npos);
    return control.substr(at + 8, control.find(',', at) - at - 8);
}

// The origin serve allows for a page from `origin`; empty when none.
std::string serveconf_allowed(int port, const std::string& origin) {
    tenki::test::HttpClient client(port);
    return client.call("GET", "/api/v2/weather?postalcode=94107", {{"Origin", origin}})
        .header("access-control-allow-origin");
}

}  // namespace

TEST_CASE("serve.port, an integer: option, then TENKI_PORT, then the file; the default shown by config",
          "[integration][config][server]") {
    ServeConfShell sh;
    CHECK(sh.setting("serve.port").at("value") == 5000);
    CHECK(sh.setting("serve.port").at("origin") == "default");
    const int file_port = tenki::test::free_port();
    sh.config("[serve]\nport = " + std::to_string(file_port) + "\n");
    sh.serve({}, file_port);
    const int env_port = tenki::test::free_port();
    sh.extra = {{"TENKI_PORT", std::to_string(env_port)}};
    sh.serve({}, env_port);
    const int option_port = tenki::test::free_port();
    sh.serve({"--port", std::to_string(option_port)}, option_port);
}

TEST_CASE(
    "serve.cache_ttl, a duration: option, then TENKI_CACHE_TTL, then the file, then the provider's "
    "600 s with a key",
    "[integration][config][server]") {
    ServeConfShell sh;
    const int port = tenki::test::free_port();
    const std::vector<std::string> args{"--port", std::to_string(port)};
    {
        auto serve = sh.serve(args, port);
        CHECK(serveconf_max_age(port) == "600");  // OpenWeatherMap asks 10 minutes a place
    }
    sh.config("[serve]\ncache_ttl = \"20m\"\n");
    {
        auto serve = sh.serve(args, port);
        CHECK(serveconf_max_age(port) == "1200");
    }
    // The bug this fixed: CLI11 read the variable as a plain integer and refused "15m".
    sh.extra = {{"TENKI_CACHE_TTL", "15m"}};
    {
        auto serve = sh.serve(args, port);
        CHECK(serveconf_max_age(port) == "900");
    }
    auto with_option = args;
    with_option.insert(with_option.end(), {"--cache-ttl", "10m"});
    auto serve = sh.serve(with_option, port);
    CHECK(serveconf_max_age(port) == "600");
}

TEST_CASE(
    "serve.cache_ttl's default follows the provider in use: OpenWeatherMap's 600 s with a key, "
    "Open-Meteo's 300 s without; tenki config says where it came from",
    "[integration][config][server]") {
    ServeConfShell sh;
    const auto keyed = sh.setting("serve.cache_ttl");
    CHECK(keyed.at("value") == 600);
    CHECK(keyed.at("origin") == "default for OpenWeatherMap (it asks 600 s between calls for one place)");
    CHECK(sh.setting("cache_ttl").at("value") == 600);  // weather's disk cache: 600 already
    CHECK(sh.setting("cache_ttl").at("origin") == "default");

    sh.key_file_env.reset();
    sh.with_open_meteo = true;
    const auto keyless = sh.setting("serve.cache_ttl");
    CHECK(keyless.at("value") == 300);
    CHECK(keyless.at("origin") == "default");
    const int port = tenki::test::free_port();
    auto serve = sh.serve({"--port", std::to_string(port)}, port);
    CHECK(serveconf_max_age(port) == "300");
}

TEST_CASE("serve.cors_origin, a list: option, then TENKI_CORS_ORIGIN, then the file, then none",
          "[integration][config][server]") {
    ServeConfShell sh;
    const int port = tenki::test::free_port();
    const std::vector<std::string> args{"--port", std::to_string(port)};
    const std::string a = "https://a.example", b = "https://b.example", c = "https://c.example";
    {
        auto serve = sh.serve(args, port);
        CHECK(serveconf_allowed(port, a).empty());
    }
    sh.config("[serve]\ncors_origin = [\"" + a + "\", \"" + b + "\"]\n");
    {
        auto serve = sh.serve(args, port);
        CHECK(serveconf_allowed(port, a) == a);
        CHECK(serveconf_allowed(port, b) == b);
        CHECK(serveconf_allowed(port, c).empty());
    }
    sh.extra = {{"TENKI_CORS_ORIGIN", b + "," + c}};
    {
        auto serve = sh.serve(args, port);
        CHECK(serveconf_allowed(port, a).empty());
        CHECK(serveconf_allowed(port, c) == c);
    }
    auto with_option = args;
    with_option.insert(with_option.end(), {"--cors-origin", a});
    auto serve = sh.serve(with_option, port);
    CHECK(serveconf_allowed(port, a) == a);
    CHECK(serveconf_allowed(port, c).empty());
}

TEST_CASE("serve.cache, a choice: option, then TENKI_CACHE, then the file, then memory (tenki check)",
          "[integration][config][check]") {
    ServeConfShell sh;
    // Nothing listens there: with the shared cache chosen, check finds Redis unreachable.
    sh.extra = {{"REDIS_URL", "redis://127.0.0.1:" + std::to_string(tenki::test::free_port()) + "/0"}};
    CHECK(sh.check_ids({}).count("redis.unreachable") == 0);
    sh.config("[serve]\ncache = \"redis\"\n");
    CHECK(sh.check_ids({}).count("redis.unreachable") == 1);
    sh.extra.emplace_back("TENKI_CACHE", "memory");
    CHECK(sh.check_ids({}).count("redis.unreachable") == 0);
    CHECK(sh.check_ids({"--cache", "redis"}).count("redis.unreachable") == 1);
}

TEST_CASE(
    "serve.host, a string: option, then TENKI_HOST, then the file, then loopback (tenki check --deploy)",
    "[integration][config][check]") {
    ServeConfShell sh;
    CHECK(sh.check_ids({"--deploy"}).count("serve.exposed") == 0);
    sh.config("[serve]\nhost = \"0.0.0.0\"\n");
    CHECK(sh.check_ids({"--deploy"}).count("serve.exposed") == 1);
    sh.extra = {{"TENKI_HOST", "127.0.0.1"}};
    CHECK(sh.check_ids({"--deploy"}).count("serve.exposed") == 0);
    CHECK(sh.check_ids({"--deploy", "--host", "0.0.0.0"}).count("serve.exposed") == 1);
}

TEST_CASE("serve.trusted_proxy, a list in the file as one string, read by tenki check",
          "[integration][config][check]") {
    ServeConfShell sh;
    sh.config("[serve]\nhost = \"0.0.0.0\"\ntrusted_proxy = \"10.0.0.0/8, 192.168.0.0/16\"\n");
    CHECK(sh.check_ids({"--deploy"}).count("serve.exposed") == 0);  // a proxy on another machine
    CHECK(sh.setting("serve.trusted_proxy").at("value") == "10.0.0.0/8,192.168.0.0/16");
}

TEST_CASE("serve's variables in duration syntax no longer break other commands; a bad one names itself",
          "[integration][config]") {
    ServeConfShell sh;
    sh.extra = {{"TENKI_CACHE_TTL", "10m"}, {"TENKI_STALE_TTL", "1h"}};
    auto weather = sh.run({"weather", "--json", "94107"});
    INFO(weather.errors);
    CHECK(weather.status == 0);
    auto config = sh.run({"config"});
    INFO(config.errors);
    CHECK(config.status == 0);
    CHECK(config.output.find("# environment TENKI_STALE_TTL") != std::string::npos);
    CHECK(sh.setting("serve.stale_ttl").at("value") == 3600);
    CHECK(sh.run({"serve", "--help"}).status == 0);

    sh.extra = {{"TENKI_STALE_TTL", "forever"}};
    for (const char* command : {"weather", "config", "serve"}) {
        auto r = sh.run({command});
        INFO(command << ": " << r.errors);
        CHECK(r.status == 2);
        CHECK(r.errors.find("TENKI_STALE_TTL (serve.stale_ttl)") != std::string::npos);
        CHECK(r.errors.find("must be seconds or a duration") != std::string::npos);
    }
}

TEST_CASE(
    "TENKI_CACHE_TTL is read for the command's own key: an option overrides it, a bad one names that key",
    "[integration][config]") {
    ServeConfShell sh;
    sh.extra = {{"TENKI_CACHE_TTL", "abc"}};
    auto overridden = sh.run({"weather", "94107", "--cache-ttl", "5m"});
    INFO(overridden.errors);
    CHECK(overridden.status == 0);
    auto weather = sh.run({"weather", "94107"});
    CHECK(weather.status == 2);
    CHECK(weather.errors.find("TENKI_CACHE_TTL (cache_ttl)") != std::string::npos);
    auto serve = sh.run({"serve"});
    CHECK(serve.status == 2);
    CHECK(serve.errors.find("TENKI_CACHE_TTL (serve.cache_ttl)") != std::string::npos);
}

TEST_CASE("a broken serve value in the config file names its line, for serve and check",
          "[integration][config][server]") {
    ServeConfShell sh;
    sh.config("units = \"metric\"\n[serve]\nport = 8080\ncache = \"disk\"\n");
    for (const char* command : {"serve", "check"}) {
        auto r = sh.run({command});
        INFO(command << ": " << r.errors);
        CHECK(r.status == 2);
        CHECK(r.errors.find("config.toml:4:") != std::string::npos);
        CHECK(r.errors.find("serve.cache must be one of memory,redis") != std::string::npos);
    }
    sh.config("[serve]\nforecast_ttl = \"5m\"\n");
    auto short_ttl = sh.run({"serve"});
    CHECK(short_ttl.status == 2);
    CHECK(short_ttl.errors.find("config.toml:2: serve.forecast_ttl") != std::string::npos);
}

TEST_CASE("tenki config shows the settings serve runs with, and where each came from",
          "[integration][config][server]") {
    ServeConfShell sh;
    const int port = tenki::test::free_port();
    sh.config("# tenki\n[serve]\nport = " + std::to_string(port) + "\ncache_ttl = 120\n");
    sh.extra = {{"TENKI_CACHE_TTL", "7m"}};
    const auto port_row = sh.setting("serve.port");
    const auto ttl_row = sh.setting("serve.cache_ttl");
    CHECK_THAT(port_row.at("origin").get<std::string>(), Catch::EndsWith("config.toml:3"));
    CHECK(ttl_row.at("origin") == "environment TENKI_CACHE_TTL");
    auto serve = sh.serve({}, port_row.at("value").get<int>());
    CHECK(serveconf_max_age(port) == std::to_string(ttl_row.at("value").get<int>()));
}

TEST_CASE("serve.cache_memory: --cache-memory bounds the bytes the cache keeps; a bad value is refused",
          "[integration][config][server]") {
    ServeConfShell sh;
    CHECK(sh.setting("serve.cache_memory").at("value") == 256);
    sh.extra = {{"TENKI_CACHE_MEMORY", "64"}};
    CHECK(sh.setting("serve.cache_memory").at("value") == 64);
    sh.extra = {};
    const int port = tenki::test::free_port();
    // 1 MiB: half for the entries, a quarter of that (128 KiB) for weather, about a hundred places.
    auto serve = sh.serve({"--port", std::to_string(port), "--cache-memory", "1", "--upstream-rate", "off",
                           "--client-rate", "off"},
                          port);
    constexpr int k_places = 300;
    for (int i = 0; i < k_places; ++i) {  // as many places: latitudes -75..74 at two longitudes
        const auto answer =
            tenki::test::http_get(port, "/api/v2/weather?lat=" + std::to_string(i % 150 - 75) +
                                            "&lon=" + std::to_string(i / 150 + 1));
        REQUIRE(answer.status == 200);
    }
    const auto metrics = tenki::test::http_get(port, "/metrics").body;
    const auto entries = tenki::test::prometheus_value(metrics, "tenki_cache_entries");
    const auto bytes = tenki::test::prometheus_value(metrics, "tenki_cache_bytes");
    CHECK(entries > 10);
    CHECK(entries < k_places);  // the oldest made room
    CHECK(bytes > 0);
    CHECK(bytes <= 128 * 1024);

    for (const char* bad : {"0", "lots", "-1"}) {
        const auto r = sh.run({"serve", "--port", "0", "--cache-memory", bad});
        INFO(bad << ": " << r.errors);
        CHECK(r.status == 2);
        CHECK(r.errors.find("cache-memory") != std::string::npos);
    }
}

// The systemd units as a booted systemd would run them, without one: each unit's ExecStart and
// Environment lines (and the key drop-in's), with /usr/bin/tenki the built binary, the ports free
// ones, /etc a temporary directory and %d a credentials directory the test fills.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/nginx_server.hpp"
#include "support/process.hpp"
#include "support/redis_server.hpp"
#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct UnitService {
    std::vector<std::string> exec_start;
    std::vector<std::pair<std::string, std::string>> environment;
};

// The [Service] lines a test runs from a unit (or drop-in) file: ExecStart= (its continuation
// lines joined, split on spaces, as the units quote nothing) and every Environment= assignment;
// `specifiers` replaces %i, %d, /etc and the like first.
UnitService unit_service(const std::string& relative, const std::map<std::string, std::string>& specifiers) {
    std::string text = read_file(fs::path(TENKI_SOURCE_DIR) / relative);
    text = std::regex_replace(text, std::regex(R"(\\\n\s*)"), "");
    for (const auto& [from, to] : specifiers)
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    UnitService service;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("ExecStart=")) {
            std::istringstream words(line.substr(10));
            for (std::string word; words >> word;) service.exec_start.push_back(word);
        } else if (line.starts_with("Environment=")) {
            const auto assignment = line.substr(12);
            const auto equals = assignment.find('=');
            service.environment.emplace_back(assignment.substr(0, equals), assignment.substr(equals + 1));
        }
    }
    return service;
}

// What the units' process gets: a clean environment with the providers faked, plus the unit's.
tenki::util::RunOptions unit_env(const TempDir& dir, const FakeOwm& owm, const FakeOpenMeteo& open_meteo,
                                 const std::vector<std::pair<std::string, std::string>>& unit) {
    TenkiEnv base{dir / "home", owm.base_url(), open_meteo.base_url(), std::nullopt};
    tenki::util::RunOptions options;
    options.env = tenki_env(base);
    for (const auto& [name, value] : unit) options.env.emplace_back(name, value);
    return options;
}

struct UnitRun {
    TempDir dir{"tenki-unit"};
    FakeOwm owm;
    FakeOpenMeteo open_meteo;
    RedisServer redis;
    int port = free_port();

    std::map<std::string, std::string> specifiers() const {
        return {{"/usr/bin/tenki", tenki_binary().string()},       {"%i", std::to_string(port)},
                {"--port 5000", "--port " + std::to_string(port)}, {"%d", (dir / "credentials").string()},
                {"=/etc", "=" + (dir / "etc").string()},           {"redis://127.0.0.1:6379/0", redis.url()}};
    }
};

}  // namespace

TEST_CASE("each shipped unit serves keyless (Open-Meteo) with no key and no /etc/tenki/config.toml",
          "[integration][deploy][systemd]") {
    for (const char* unit : {"deploy/systemd/tenki.service", "deploy/systemd/tenki@.service"}) {
        INFO(unit);
        UnitRun run;
        const auto service = unit_service(unit, run.specifiers());
        REQUIRE_FALSE(service.exec_start.empty());
        CHECK_FALSE(fs::exists(run.dir / "etc/tenki/config.toml"));
        Child child(service.exec_start, unit_env(run.dir, run.owm, run.open_meteo, service.environment),
                    run.dir.path());
        INFO(child.stderr_text());
        REQUIRE(wait_for_port(run.port, 10s));
        auto answer = http_get(run.port, "/api/v1/weather?postalcode=94107");
        INFO(answer.body);
        CHECK(answer.status == 200);
        CHECK(run.open_meteo.request_count() >= 1);
        CHECK(run.owm.request_count() == 0);
    }
}

TEST_CASE("the key drop-in makes the unit ask OpenWeatherMap with the key from its credential",
          "[integration][deploy][systemd]") {
    UnitRun run;
    auto service = unit_service("deploy/systemd/tenki@.service", run.specifiers());
    const auto key = unit_service("deploy/systemd/tenki@.service.d/key.conf", run.specifiers());
    service.environment.insert(service.environment.end(), key.environment.begin(), key.environment.end());
    const std::string drop_in =
        read_file(fs::path(TENKI_SOURCE_DIR) / "deploy/systemd/tenki@.service.d/key.conf");
    // systemd copies the file named here into %d, and fails the start when it is missing.
    CHECK(drop_in.find("\nLoadCredential=owm-api-key:/etc/tenki/owm-api-key\n") != std::string::npos);
    run.dir.write("credentials/owm-api-key", std::string(FakeOwm::k_api_key) + "\n");
    Child child(service.exec_start, unit_env(run.dir, run.owm, run.open_meteo, service.environment),
                run.dir.path());
    INFO(child.stderr_text());
    REQUIRE(wait_for_port(run.port, 10s));
    auto answer = http_get(run.port, "/api/v1/weather?postalcode=94107");
    INFO(answer.body);
    CHECK(answer.status == 200);
    CHECK(run.owm.request_count() == 1);  // the fake answers 401 to any other key
    CHECK(run.open_meteo.request_count() == 0);
}

TEST_CASE("the shipped units read /etc/tenki/config.toml", "[integration][deploy][systemd]") {
    for (const char* unit : {"deploy/systemd/tenki.service", "deploy/systemd/tenki@.service"}) {
        INFO(unit);
        UnitRun run;
        const auto service = unit_service(unit, run.specifiers());
        run.dir.write("etc/tenki/config.toml", "[serve]\nthreads = 3\n");
        auto shown = run_tenki({"config"}, unit_env(run.dir, run.owm, run.open_meteo, service.environment));
        INFO(shown.output << shown.errors);
        CHECK(shown.status == 0);
        CHECK(shown.output.find("# config file: " + (run.dir / "etc/tenki/config.toml").string() + "\n") !=
              std::string::npos);
        CHECK(std::regex_search(shown.output, std::regex(R"(\nserve\.threads\s+= 3\s+# )" +
                                                         (run.dir / "etc/tenki/config.toml").string())));
    }
}

namespace {

// README's `sudo env VAR=... tenki ... check ...` line for the units: its environment and words.
struct ReadmeUnitCheck {
    std::vector<std::pair<std::string, std::string>> environment;
    std::vector<std::string> argv;  // from `tenki` on
};

ReadmeUnitCheck readme_unit_check() {
    std::istringstream lines(read_file(fs::path(TENKI_SOURCE_DIR) / "README.md"));
    for (std::string line; std::getline(lines, line);) {
        const auto at = line.find("sudo env ");
        if (at == std::string::npos || line.find(" check ") == std::string::npos) continue;
        ReadmeUnitCheck found;
        std::istringstream words(line.substr(at + 9));
        for (std::string word; words >> word;) {
            const auto equals = word.find('=');
            if (found.argv.empty() && equals != std::string::npos)
                found.environment.emplace_back(word.substr(0, equals), word.substr(equals + 1));
            else
                found.argv.push_back(word);
        }
        return found;
    }
    FAIL("README.md has no `sudo env ... tenki ... check` line for the units");
    return {};
}

}  // namespace

TEST_CASE("README's tenki check for the units checks what tenki@.service runs, and passes",
          "[integration][deploy][systemd]") {
    const auto readme = readme_unit_check();
    const auto unit = unit_service("deploy/systemd/tenki@.service", {{"%i", "5001"}});
    const auto key = unit_service("deploy/systemd/tenki@.service.d/key.conf",
                                  {{"%d/owm-api-key", "/etc/tenki/owm-api-key"}});
    auto environment = unit.environment;
    environment.insert(environment.end(), key.environment.begin(), key.environment.end());
    std::sort(environment.begin(), environment.end());
    auto readme_environment = readme.environment;
    std::sort(readme_environment.begin(), readme_environment.end());
    CHECK(readme_environment == environment);

    // The unit's words with `serve` for `check`, and check's own options (--deploy, --nginx-conf).
    REQUIRE(readme.argv.size() > 2);
    std::vector<std::string> options;
    for (std::size_t i = 1; i < readme.argv.size(); ++i) {
        if (readme.argv[i] == "--nginx-conf")
            ++i;
        else if (readme.argv[i] != "--deploy")
            options.push_back(readme.argv[i] == "check" ? "serve" : readme.argv[i]);
    }
    CHECK(readme.argv[0] == "tenki");
    CHECK(options == std::vector<std::string>(unit.exec_start.begin() + 1, unit.exec_start.end()));

    // Run as written, /etc a temporary directory holding the key, the config and nginx's file.
    TempDir etc("tenki-unit-etc");
    RedisServer redis;
    FakeOwm owm;
    FakeOpenMeteo open_meteo;
    etc.write("tenki/owm-api-key", std::string(FakeOwm::k_api_key) + "\n");
    fs::permissions(etc / "tenki/owm-api-key", fs::perms::owner_read | fs::perms::owner_write);
    etc.write("nginx/conf.d/tenki.conf", render_deploy_conf(free_port(), 5001, 5002));
    auto map = [&](std::string text) {
        if (text.starts_with("/etc/")) return (etc / text.substr(5)).string();
        return text == "redis://127.0.0.1:6379/0" ? redis.url() : text;
    };
    std::vector<std::pair<std::string, std::string>> env;
    for (const auto& [name, value] : readme.environment) env.emplace_back(name, map(value));
    std::vector<std::string> argv{tenki_binary().string()};
    for (std::size_t i = 1; i < readme.argv.size(); ++i) argv.push_back(map(readme.argv[i]));
    auto options_env = unit_env(etc, owm, open_meteo, env);
    auto checked = tenki::util::run_capture(argv, options_env);
    REQUIRE(checked);
    INFO(checked->output << checked->errors);
    CHECK(checked->status == 0);
    CHECK(checked->output.find("ERROR") == std::string::npos);
    CHECK(checked->output.find("key from") != std::string::npos);  // the credential's file, as the unit
    CHECK(owm.request_count() == 0);
}

TEST_CASE("with the key drop-in, a key file that is not there stops the unit's tenki at start",
          "[integration][deploy][systemd]") {
    // systemd refuses the start first (LoadCredential= of a missing file); tenki, given the
    // credential's path all the same, does not fall back to serving keyless.
    UnitRun run;
    auto service = unit_service("deploy/systemd/tenki@.service", run.specifiers());
    const auto key = unit_service("deploy/systemd/tenki@.service.d/key.conf", run.specifiers());
    service.environment.insert(service.environment.end(), key.environment.begin(), key.environment.end());
    std::vector<std::string> args(service.exec_start.begin() + 1, service.exec_start.end());
    auto options = unit_env(run.dir, run.owm, run.open_meteo, service.environment);
    options.timeout = 10s;
    auto ran = run_tenki(args, options);
    INFO(ran.output << ran.errors);
    CHECK(ran.status > 0);
    CHECK(ran.status < 128);  // exited on its own at start, not killed serving at the timeout
    CHECK(ran.errors.find((run.dir / "credentials/owm-api-key").string()) != std::string::npos);
}

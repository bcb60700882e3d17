// tenki check as an operator runs it: the built binary against purpose-broken configurations,
// the fake OpenWeatherMap counting what reached it, a real redis-server and nginx -t.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/fake_owm.hpp"
#include "support/nginx_server.hpp"
#include "support/process.hpp"
#include "support/redis_server.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"
#include "util/subprocess.hpp"

using tenki::test::FakeOwm;
using tenki::test::TempDir;

namespace {

// `tenki check args...` in a user's shell with a key file (tests/support/tenki_shell.hpp); the key
// never shows in what it prints.
struct CheckShell : tenki::test::TenkiShell {
    std::filesystem::path key_file = write_key_file();

    CheckShell() : TenkiShell("tenki-check") { with_key = false; }

    tenki::util::RunOutput run(std::vector<std::string> args) const {
        auto out = TenkiShell::run("check", std::move(args));
        INFO(out.output << out.errors);
        CHECK(out.output.find(FakeOwm::k_api_key) == std::string::npos);
        CHECK(out.errors.find(FakeOwm::k_api_key) == std::string::npos);
        return out;
    }

    // The ids of the findings in `check --json`'s document, and the exit status.
    std::pair<std::set<std::string>, int> ids(std::vector<std::string> args) const {
        args.push_back("--json");
        const auto out = run(args);
        INFO(out.output << out.errors);
        std::set<std::string> found;
        const auto doc = nlohmann::json::parse(out.output);
        for (const auto& f : doc.at("findings")) found.insert(f.at("id").get<std::string>());
        return {found, out.status};
    }

    std::vector<std::string> good(std::vector<std::string> more = {}) const {
        std::vector<std::string> args{"--key-file", key_file.string(), "--cache-ttl", "600"};
        args.insert(args.end(), more.begin(), more.end());
        return args;
    }
};

}  // namespace

TEST_CASE("tenki check on a good deployment: only info, exit 0, no upstream call", "[integration][check]") {
    CheckShell sh;
    tenki::test::RedisServer redis;
    const int port = tenki::test::free_port();
    const auto conf = sh.home.write(
        "tenki.conf", tenki::test::render_deploy_conf(tenki::test::free_port(), port, port + 1));
    // --redis-timeout 2: a PING the busy machine delays past the default quarter second is not
    // this deployment's fault.
    const auto args =
        sh.good({"--deploy", "--port", std::to_string(port), "--cache", "redis", "--redis-url", redis.url(),
                 "--redis-timeout", "2", "--nginx-conf", conf.string(), "--fail-level", "warning"});
    const auto text = sh.run(args);
    INFO(text.output << text.errors);
    CHECK(text.status == 0);
    CHECK(text.output.find("INFO provider.in_use: weather from OpenWeatherMap (owm) at " +
                           sh.owm.base_url()) != std::string::npos);
    CHECK(text.output.find("INFO redis.latency: Redis at " + redis.url() + " answers PING in ") !=
          std::string::npos);
    CHECK(text.output.find("\ntenki check: 0 errors, 0 warnings, 3 info (with --deploy)\n") !=
          std::string::npos);

    auto json_args = args;
    json_args.push_back("--json");
    const auto json_run = sh.run(json_args);
    REQUIRE(json_run.status == 0);
    const auto doc = nlohmann::json::parse(json_run.output);
    std::set<std::string> ids;
    for (const auto& f : doc.at("findings")) {
        CHECK(f.at("level") == "info");
        ids.insert(f.at("id").get<std::string>());
    }
    CHECK(ids == std::set<std::string>{"provider.in_use", "redis.latency", "nginx.in_front"});
    CHECK(doc.at("summary").at("error") == 0);
    CHECK(doc.at("summary").at("deploy") == true);
    CHECK(sh.owm.requests().empty());
}

TEST_CASE("tenki check: the key file readable by others, missing, or no key at all", "[integration][check]") {
    CheckShell sh;
    ::chmod(sh.key_file.c_str(), 0644);
    const auto out = sh.run(sh.good());
    CHECK(out.status == 2);
    CHECK(out.output.find("ERROR key.readable_by_others: " + sh.key_file.string() +
                          " is mode 0644: others can read the OpenWeatherMap key. Hint: chmod 600 " +
                          sh.key_file.string() + "\n") != std::string::npos);
    ::chmod(sh.key_file.c_str(), 0600);
    CHECK(sh.ids(sh.good()).second == 0);

    auto [missing, status] = sh.ids({"--key-file", (sh.home / "nope.key").string(), "--cache-ttl", "600"});
    CHECK(missing.count("key.file_unusable") == 1);
    CHECK(status == 2);

    auto [none, none_status] = sh.ids({"--provider", "owm", "--cache-ttl", "600"});
    CHECK(none.count("key.missing") == 1);
    CHECK(none_status == 2);
    CHECK(sh.owm.requests().empty());
}

TEST_CASE("tenki check --cache redis: Redis down is an error", "[integration][check]") {
    CheckShell sh;
    const auto url = "redis://127.0.0.1:" + std::to_string(tenki::test::free_port()) + "/0";
    const auto out = sh.run(sh.good({"--cache", "redis", "--redis-url", url}));
    CHECK(out.status == 2);
    CHECK(out.output.find("ERROR redis.unreachable: Redis cannot be used: ") != std::string::npos);
    CHECK(out.output.find(url + ": Connection refused. Hint: start Redis there") != std::string::npos);
}

TEST_CASE("tenki check --deploy: listening beyond loopback with no proxy in front", "[integration][check]") {
    CheckShell sh;
    const auto exposed = sh.good({"--host", "0.0.0.0"});
    CHECK(sh.ids(exposed).first.count("serve.exposed") == 0);  // a production check only
    auto deploy = exposed;
    deploy.push_back("--deploy");
    auto [ids, status] = sh.ids(deploy);
    CHECK(ids.count("serve.exposed") == 1);
    CHECK(status == 0);  // a warning, below the default --fail-level
    deploy.insert(deploy.end(), {"--fail-level", "warning"});
    CHECK(sh.ids(deploy).second == 2);
    // The environment, as serve reads it: a proxy on another machine is in front.
    sh.extra = {{"TENKI_TRUSTED_PROXY", "10.0.0.0/8"}};
    CHECK(sh.ids(deploy).first.count("serve.exposed") == 0);
}

TEST_CASE("tenki check: a cache TTL shorter than OpenWeatherMap asks, a budget above its limit",
          "[integration][check]") {
    CheckShell sh;
    sh.extra = {{"TENKI_CACHE_TTL", "300"}};  // Open-Meteo's default, given to OpenWeatherMap
    auto [ttl, ttl_status] = sh.ids({"--key-file", sh.key_file.string()});
    CHECK(ttl.count("cache.ttl_below_provider_ask") == 1);
    CHECK(ttl_status == 0);
    sh.extra = {{"TENKI_CACHE_TTL", "600"}};
    CHECK(sh.ids({"--key-file", sh.key_file.string()}).first.count("cache.ttl_below_provider_ask") == 0);

    CHECK(sh.ids(sh.good({"--upstream-rate", "120/min"})).first.count("budget.above_published") == 1);
    CHECK(sh.ids(sh.good({"--upstream-rate", "off"})).first.count("budget.above_published") == 1);
    CHECK(sh.ids(sh.good({"--upstream-rate", "30/min"})).first.count("budget.above_published") == 0);
}

TEST_CASE("tenki check on the shipped defaults passes clean, with a key (OpenWeatherMap) and without",
          "[integration][check]") {
    CheckShell sh;
    for (const bool keyed : {true, false}) {
        INFO((keyed ? "with a key" : "without a key"));
        const std::vector<std::string> args =
            keyed ? std::vector<std::string>{"--key-file", sh.key_file.string()} : std::vector<std::string>{};
        const auto text = sh.run(args);
        CHECK(text.output.find("WARNING") == std::string::npos);
        CHECK(text.output.find("ERROR") == std::string::npos);
        CHECK(text.output.find(keyed ? "OpenWeatherMap (owm)" : "Open-Meteo (open-meteo)") !=
              std::string::npos);
        auto strict = args;
        strict.insert(strict.end(), {"--fail-level", "warning"});
        auto [ids, status] = sh.ids(strict);
        CHECK(ids.count("cache.ttl_below_provider_ask") == 0);
        CHECK(status == 0);
    }
}

TEST_CASE("tenki check --deploy: an OpenWeatherMap URL in plain HTTP to another machine",
          "[integration][check]") {
    CheckShell sh;
    sh.extra = {{"TENKI_OWM_URL", "http://api.openweathermap.org"}};
    CHECK(sh.ids(sh.good({"--deploy"})).first.count("provider.plain_http") == 1);
    sh.extra.clear();
    CHECK(sh.ids(sh.good({"--deploy"})).first.count("provider.plain_http") == 0);  // loopback fake
}

TEST_CASE("tenki check --nginx-conf: nginx -t failing, and a config proxying elsewhere",
          "[integration][check]") {
    CheckShell sh;
    const int port = tenki::test::free_port();
    auto conf = tenki::test::render_deploy_conf(tenki::test::free_port(), port, port + 1);
    const auto broken = sh.home.write("broken.conf", "proxy_pas http://127.0.0.1:1;\n" + conf);
    const auto out = sh.run(sh.good({"--port", std::to_string(port), "--nginx-conf", broken.string()}));
    CHECK(out.status == 2);
    CHECK(out.output.find("ERROR nginx.test_failed: nginx -t fails on " + broken.string()) !=
          std::string::npos);
    CHECK(out.output.find("[emerg] unknown directive in " + broken.string() + ":1") != std::string::npos);
    CHECK(out.output.find("proxy_pas") == std::string::npos);  // nginx's verdict, not the config's words

    const auto elsewhere = sh.home.write("elsewhere.conf", conf);
    auto [ids, status] =
        sh.ids(sh.good({"--port", std::to_string(port + 2), "--nginx-conf", elsewhere.string()}));
    CHECK(ids.count("nginx.not_in_front") == 1);
    CHECK(ids.count("nginx.test_failed") == 0);
    CHECK(status == 2);
    // The same file in front of the instance it names.
    auto [good_ids, good_status] =
        sh.ids(sh.good({"--port", std::to_string(port), "--nginx-conf", elsewhere.string()}));
    CHECK(good_ids.count("nginx.in_front") == 1);
    CHECK(good_status == 0);
}

TEST_CASE("tenki check --online makes one weather call for the default place, and only then",
          "[integration][check]") {
    CheckShell sh;
    auto [offline, offline_status] = sh.ids(sh.good());
    CHECK(offline.count("online.ok") == 0);
    CHECK(offline_status == 0);
    CHECK(sh.owm.requests().empty());

    auto [online, status] = sh.ids(sh.good({"--online"}));
    CHECK(online.count("online.ok") == 1);
    CHECK(status == 0);
    REQUIRE(sh.owm.requests().size() == 1);
    CHECK(sh.owm.requests().at(0).query.at("zip") == "19021,us");

    sh.owm.next(FakeOwm::unauthorized());
    const auto failed = sh.run(sh.good({"--online"}));
    CHECK(failed.status == 2);
    CHECK(failed.output.find(
              "ERROR online.failed: one call to OpenWeatherMap for 19021,us failed (unauthorized)") !=
          std::string::npos);
}

TEST_CASE("tenki check --list prints the table of checks", "[integration][check]") {
    const auto out = tenki::test::run_tenki({"check", "--list"});
    REQUIRE(out.status == 0);
    CHECK(out.output.find("key.readable_by_others") != std::string::npos);
    CHECK(out.output.find("serve.exposed") != std::string::npos);
}

TEST_CASE("tenki check --nginx-conf: a whole nginx.conf is tested as it stands", "[integration][check]") {
    CheckShell sh;
    const int port = tenki::test::free_port();
    const auto dir = sh.home.path().string();
    std::string conf = "pid " + dir + "/nginx.pid;\nerror_log " + dir + "/error.log warn;\n";
    conf += "events { worker_connections 64; }\nhttp {\n  access_log " + dir + "/access.log;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        conf += std::string("  ") + temp + "_temp_path " + dir + "/" + temp + ";\n";
    conf += "  server {\n    listen 127.0.0.1:" + std::to_string(tenki::test::free_port()) +
            ";\n    location / { proxy_pass http://localhost:" + std::to_string(port) + "; }\n  }\n}\n";
    const auto whole = sh.home.write("nginx.conf", conf);
    const auto out = sh.run(sh.good({"--port", std::to_string(port), "--nginx-conf", whole.string()}));
    CHECK(out.status == 0);
    CHECK(out.output.find("INFO nginx.in_front: nginx -t passes on " + whole.string() +
                          "; it proxies to localhost:" + std::to_string(port) + ".\n") != std::string::npos);
}

TEST_CASE("tenki check --nginx-conf: the verdict names file and line, never a word of a root-only include",
          "[integration][check]") {
    CheckShell sh;
    const auto secret = sh.home.write("secret.conf", "tokenfromasecretfile-7f3a on;\n");
    ::chmod(secret.c_str(), 0600);  // only root reads it, and nginx -t runs as whoever runs tenki check
    const auto conf =
        sh.home.write("nginx.conf", "events {}\nhttp {\n  include " + secret.string() + ";\n}\n");
    const auto out = sh.run(sh.good({"--nginx-conf", conf.string()}));
    CHECK(out.status == 2);
    CHECK(out.output.find("ERROR nginx.test_failed: nginx -t fails on " + conf.string()) !=
          std::string::npos);
    CHECK(out.output.find("[emerg] unknown directive in " + secret.string() + ":1") != std::string::npos);
    CHECK(out.output.find("tokenfromasecretfile") == std::string::npos);
    CHECK(out.errors.find("tokenfromasecretfile") == std::string::npos);
}

TEST_CASE("tenki check --nginx-conf: nginx -t creates none of the files the config names",
          "[integration][check]") {
    CheckShell sh;
    const int port = tenki::test::free_port();
    const auto made = sh.home / "made";
    std::filesystem::create_directories(made);
    const auto dir = made.string();
    std::string conf = "pid " + dir + "/nginx.pid;\nerror_log " + dir + "/error.log warn;\n";
    conf += "events { worker_connections 64; }\nhttp {\n  access_log " + dir + "/access.log;\n";
    for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        conf += std::string("  ") + temp + "_temp_path " + dir + "/" + temp + ";\n";
    conf += "  server {\n    listen 127.0.0.1:" + std::to_string(tenki::test::free_port()) +
            ";\n    access_log " + dir +
            "/site.log;\n    location / { proxy_pass http://localhost:" + std::to_string(port) +
            "; }\n  }\n}\n";
    const auto whole = sh.home.write("nginx.conf", conf);
    // The same config, tested by nginx itself, makes files there: the check below could fail.
    const auto control = sh.home / "control";
    std::filesystem::create_directories(control);
    std::string control_conf = conf;
    for (auto at = control_conf.find(dir); at != std::string::npos; at = control_conf.find(dir, at))
        control_conf.replace(at, dir.size(), control.string());
    const auto control_file = sh.home.write("control.conf", control_conf);
    const auto by_nginx = tenki::util::run_capture({"nginx", "-t", "-q", "-c", control_file.string()});
    REQUIRE(by_nginx);
    CHECK_FALSE(std::filesystem::is_empty(control));

    const auto out = sh.run(sh.good({"--port", std::to_string(port), "--nginx-conf", whole.string()}));
    CHECK(out.status == 0);
    CHECK(out.output.find("INFO nginx.in_front: nginx -t passes on " + whole.string()) != std::string::npos);
    std::vector<std::string> created;
    for (const auto& entry : std::filesystem::directory_iterator(made))
        created.push_back(entry.path().string());
    INFO(created.size() << " created, the first " << (created.empty() ? "" : created.front()));
    CHECK(created.empty());
}

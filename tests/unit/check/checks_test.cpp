// The table of checks, each row made to fire on purpose-broken facts and kept quiet on good ones.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>

#include "support/temp_dir.hpp"
#include "tenki/check/check.hpp"

using namespace std::chrono_literals;
using tenki::CheckFacts;
using tenki::CheckLevel;

namespace {

// A configuration with nothing wrong: OpenWeatherMap, its key from a 0600 file, TTLs as it asks,
// the published budget, loopback, Redis answering, nginx passing and proxying here.
CheckFacts checks_good_facts() {
    CheckFacts f;
    f.input.provider.urls["TENKI_OWM_URL"] = "http://127.0.0.1:8081";
    f.input.host = "127.0.0.1";
    f.input.port = 5001;
    f.input.cache_ttl = 600s;
    f.input.forecast_ttl = 1800s;
    f.input.deploy = true;
    f.input.redis = tenki::cache::RedisCacheOptions{};
    f.input.online = true;
    f.have_key = true;
    f.key_origin = "--key-file /etc/tenki/owm.key";
    f.key_file = "/etc/tenki/owm.key";
    f.key_file_mode = 0600;
    f.provider = tenki::ProviderKind::owm;
    f.redis = CheckFacts::RedisProbe{"redis://127.0.0.1:6379/0", std::nullopt, 150us};
    f.nginx = CheckFacts::NginxProbe{
        "/etc/nginx/conf.d/tenki.conf", true, 0, "", {"127.0.0.1:5001", "127.0.0.1:5002"}};
    f.online = CheckFacts::OnlineProbe{"19021,us", std::nullopt, "Croydon"};
    return f;
}

// For each check: how to break the good facts so that it fires. Info checks fire on the good
// facts already: their "broken" facts are the good ones, and a change that silences them is below.
const std::map<std::string, std::function<void(CheckFacts&)>>& checks_breakers() {
    static const std::map<std::string, std::function<void(CheckFacts&)>> breakers = {
        {"key.file_unusable", [](CheckFacts& f) { f.key_error = "--key-file /nope does not exist"; }},
        {"key.missing",
         [](CheckFacts& f) {
             f.have_key = false;
             f.key_file.reset();
             f.key_file_mode.reset();
             f.missing_key_message = "no OpenWeatherMap API key";
         }},
        {"key.readable_by_others", [](CheckFacts& f) { f.key_file_mode = 0644; }},
        {"provider.unknown",
         [](CheckFacts& f) {
             f.provider.reset();
             f.provider_error = "unknown weather provider 'acme'";
         }},
        {"provider.in_use", [](CheckFacts&) {}},
        {"provider.plain_http",
         [](CheckFacts& f) { f.input.provider.urls["TENKI_OWM_URL"] = "http://api.example.com"; }},
        {"cache.ttl_below_provider_ask", [](CheckFacts& f) { f.input.cache_ttl = 300s; }},
        {"cache.dir_unusable",
         [](CheckFacts& f) {
             f.cache_dir.problem = tenki::DiskCache::DirProblem{"is not private (mode 0777)", "chmod 700 it"};
             f.cache_dir.usable = false;
         }},
        {"cache.dir_fallback",
         [](CheckFacts& f) {
             f.cache_dir.problem = tenki::DiskCache::DirProblem{"is not private (mode 0777)", "chmod 700 it"};
         }},
        {"budget.above_published",
         [](CheckFacts& f) {
             f.input.upstream_rate = tenki::RateLimit{120, 60s};
         }},
        {"redis.unreachable", [](CheckFacts& f) { f.redis->error = "Connection refused"; }},
        {"redis.latency", [](CheckFacts&) {}},
        {"serve.exposed", [](CheckFacts& f) { f.input.host = "0.0.0.0"; }},
        {"nginx.unreadable",
         [](CheckFacts& f) {
             f.nginx->status = 1;
             f.nginx->ran = false;
             f.nginx->unreadable = true;
             f.nginx->errors = "the nginx config /x.conf does not exist";
         }},
        {"nginx.test_failed",
         [](CheckFacts& f) {
             f.nginx->status = 1;
             f.nginx->errors = "[emerg] unknown directive \"proxy_pas\"";
         }},
        {"nginx.not_in_front", [](CheckFacts& f) { f.input.port = 5003; }},
        {"nginx.in_front", [](CheckFacts&) {}},
        {"online.failed",
         [](CheckFacts& f) {
             f.online->error = tenki::Error{tenki::ErrorKind::unauthorized, "Invalid API key"};
         }},
        {"online.ok", [](CheckFacts&) {}},
        {"lang.untranslated",
         [](CheckFacts& f) {
             f.untranslated = {{"de", {"light rain", "fog"}}};
         }},
    };
    return breakers;
}

std::set<std::string> checks_fired(const CheckFacts& f) {
    std::set<std::string> ids;
    for (const auto& finding : tenki::run_checks(f)) ids.insert(finding.id);
    return ids;
}

}  // namespace

TEST_CASE("every check in the table has a breaker here, and ids are unique", "[check]") {
    std::set<std::string> ids;
    for (const auto& check : tenki::checks()) {
        INFO(check.id);
        CHECK(checks_breakers().count(std::string(check.id)) == 1);
        CHECK(ids.insert(std::string(check.id)).second);
        CHECK_FALSE(check.summary.empty());
    }
    CHECK(ids.size() == checks_breakers().size());
}

TEST_CASE("the good configuration has only info findings", "[check]") {
    const auto findings = tenki::run_checks(checks_good_facts());
    for (const auto& f : findings) {
        INFO(f.id << ": " << f.message);
        CHECK(f.level == CheckLevel::info);
    }
    CHECK_FALSE(tenki::fails_at(findings, CheckLevel::warning));
    CHECK(checks_fired(checks_good_facts()) ==
          std::set<std::string>{"provider.in_use", "redis.latency", "nginx.in_front", "online.ok"});
}

TEST_CASE("each warning and error check fires on its broken configuration, at its level", "[check]") {
    for (const auto& check : tenki::checks()) {
        if (check.level == CheckLevel::info) continue;
        INFO(check.id);
        auto facts = checks_good_facts();
        REQUIRE(checks_fired(facts).count(std::string(check.id)) == 0);
        checks_breakers().at(std::string(check.id))(facts);
        const auto findings = tenki::run_checks(facts);
        const auto it = std::find_if(findings.begin(), findings.end(),
                                     [&](const tenki::Finding& f) { return f.id == check.id; });
        REQUIRE(it != findings.end());
        CHECK(it->level == check.level);
        CHECK_FALSE(it->message.empty());
        CHECK_FALSE(it->hint.empty());
        CHECK(tenki::fails_at(findings, check.level));
    }
}

TEST_CASE("info checks stay quiet without what they report on", "[check]") {
    auto f = checks_good_facts();
    f.redis.reset();
    f.nginx.reset();
    f.online.reset();
    f.provider.reset();
    CHECK(checks_fired(f).empty());
}

TEST_CASE("deploy-only checks run only with --deploy", "[check]") {
    auto f = checks_good_facts();
    f.input.host = "0.0.0.0";
    f.input.provider.urls["TENKI_OWM_URL"] = "http://api.example.com";
    CHECK(checks_fired(f).count("serve.exposed") == 1);
    CHECK(checks_fired(f).count("provider.plain_http") == 1);
    f.input.deploy = false;
    CHECK(checks_fired(f).count("serve.exposed") == 0);
    CHECK(checks_fired(f).count("provider.plain_http") == 0);
}

TEST_CASE("key.readable_by_others says the mode and the chmod, and is quiet for 0600 and 0400", "[check]") {
    auto f = checks_good_facts();
    f.key_file_mode = 0640;
    const auto findings = tenki::run_checks(f);
    const auto it = std::find_if(findings.begin(), findings.end(),
                                 [](const tenki::Finding& x) { return x.id == "key.readable_by_others"; });
    REQUIRE(it != findings.end());
    CHECK(it->message == "/etc/tenki/owm.key is mode 0640: its group can read the OpenWeatherMap key");
    CHECK(it->hint == "chmod 600 /etc/tenki/owm.key");
    f.key_file_mode = 0400;
    CHECK(checks_fired(f).count("key.readable_by_others") == 0);
}

TEST_CASE("a proxy on another machine is a proxy in front; loopback defaults are not", "[check]") {
    auto f = checks_good_facts();
    f.input.host = "0.0.0.0";
    CHECK(checks_fired(f).count("serve.exposed") == 1);
    f.input.trusted_proxies = {*tenki::server::parse_ip_network("10.0.0.0/8")};
    CHECK(checks_fired(f).count("serve.exposed") == 0);
    f.input.trusted_proxies.clear();  // --trusted-proxy none
    CHECK(checks_fired(f).count("serve.exposed") == 1);
    f.input.host = "::1";
    CHECK(checks_fired(f).count("serve.exposed") == 0);
}

TEST_CASE("TTLs and budgets are held to the provider's published facts", "[check]") {
    auto f = checks_good_facts();
    f.input.cache_ttl = tenki::published_min_refresh("owm");
    CHECK(checks_fired(f).count("cache.ttl_below_provider_ask") == 0);
    f.input.cache_ttl -= 1s;
    CHECK(checks_fired(f).count("cache.ttl_below_provider_ask") == 1);
    // Open-Meteo asks nothing: any TTL will do.
    f.provider = tenki::ProviderKind::open_meteo;
    CHECK(checks_fired(f).count("cache.ttl_below_provider_ask") == 0);

    f = checks_good_facts();
    f.input.upstream_rate = tenki::published_rate_limit("owm");
    CHECK(checks_fired(f).count("budget.above_published") == 0);
    f.input.upstream_rate = tenki::RateLimit{1, 1s};  // 60/min written per second
    CHECK(checks_fired(f).count("budget.above_published") == 0);
    f.input.upstream_rate = tenki::RateLimit{2, 1s};
    CHECK(checks_fired(f).count("budget.above_published") == 1);
    f.input.upstream_rate = tenki::RateLimit{0, 60s};  // off
    CHECK(checks_fired(f).count("budget.above_published") == 1);
}

TEST_CASE("nginx in front: any loopback spelling of this instance counts, a wildcard host any", "[check]") {
    auto f = checks_good_facts();
    f.nginx->proxied = {"localhost:5001"};
    CHECK(checks_fired(f).count("nginx.not_in_front") == 0);
    f.nginx->proxied = {"10.1.2.3:5001"};
    CHECK(checks_fired(f).count("nginx.not_in_front") == 1);
    f.input.host = "0.0.0.0";
    CHECK(checks_fired(f).count("nginx.not_in_front") == 0);
    f.nginx->proxied.clear();
    CHECK(checks_fired(f).count("nginx.not_in_front") == 1);
}

TEST_CASE("check levels parse in any case and refuse other words", "[check]") {
    CHECK(tenki::parse_check_level("Warning") == CheckLevel::warning);
    CHECK(tenki::parse_check_level("error") == CheckLevel::error);
    REQUIRE_FALSE(tenki::parse_check_level("fatal"));
    CHECK(tenki::parse_check_level("fatal").error().kind == tenki::ErrorKind::invalid_input);
    CHECK(tenki::fails_at({{"x", CheckLevel::warning, "m", ""}}, CheckLevel::warning));
    CHECK_FALSE(tenki::fails_at({{"x", CheckLevel::warning, "m", ""}}, CheckLevel::error));
}

TEST_CASE("the man page lists every check with its level, from the table", "[check][docs]") {
    const auto man = tenki::test::read_file(std::string(TENKI_SOURCE_DIR) + "/man/tenki.1");
    REQUIRE_FALSE(man.empty());
    for (const auto& check : tenki::checks()) {
        const auto entry = ".B " + std::string(check.id) + "\n" + std::string(to_string(check.level)) +
                           (check.deploy_only ? ", deploy: " : ": ");
        INFO(entry);
        CHECK(man.find(entry) != std::string::npos);
    }
}

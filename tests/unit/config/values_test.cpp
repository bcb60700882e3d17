#include <catch2/catch.hpp>

#include <string>

#include "config/values.hpp"
#include "tenki/config/config.hpp"

using namespace tenki;

namespace {

const ConfigKey& key(std::string_view name) {
    const ConfigKey* k = find_config_key(name);
    REQUIRE(k);
    return *k;
}

}  // namespace

TEST_CASE("durations are seconds or a number with s, m, h or d", "[config]") {
    CHECK(parse_duration_seconds("600") == 600);
    CHECK(parse_duration_seconds("90s") == 90);
    CHECK(parse_duration_seconds("10m") == 600);
    CHECK(parse_duration_seconds("6h") == 21600);
    CHECK(parse_duration_seconds("1d") == 86400);
    CHECK(parse_duration_seconds("1h30m") == 5400);
    for (const char* bad : {"", "-5", "5x", "h", "1.5h", "10 m", "m10", "99999999999d"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration_seconds(bad));
    }
}

TEST_CASE("config values parse by type, with their choices and ranges", "[config]") {
    CHECK(std::get<std::string>(parse_config_value(key("units"), "Metric").value()) == "metric");
    CHECK(std::get<std::int64_t>(parse_config_value(key("serve.port"), "8080").value()) == 8080);
    CHECK(std::get<std::int64_t>(parse_config_value(key("cache_ttl"), "10m").value()) == 600);
    CHECK(std::get<bool>(parse_config_value(key("serve.quiet"), "yes").value()));
    CHECK_FALSE(std::get<bool>(parse_config_value(key("serve.quiet"), "0").value()));
    CHECK(std::get<double>(parse_config_value(key("serve.redis_timeout"), "0.5").value()) == 0.5);

    auto units = parse_config_value(key("units"), "kelvin");
    REQUIRE_FALSE(units);
    CHECK(units.error().kind == ErrorKind::invalid_input);
    CHECK(units.error().message.find("metric,imperial,standard") != std::string::npos);
    auto port = parse_config_value(key("serve.port"), "70000");
    REQUIRE_FALSE(port);
    CHECK(port.error().message.find("65535") != std::string::npos);
    CHECK_FALSE(parse_config_value(key("serve.port"), "80x"));
    CHECK_FALSE(parse_config_value(key("cache_ttl"), "8d"));  // past its 7-day range
    CHECK_FALSE(parse_config_value(key("serve.quiet"), "maybe"));
    CHECK_FALSE(parse_config_value(key("serve.redis_timeout"), "nan"));
    CHECK_FALSE(parse_config_value(key("serve.host"), ""));
}

TEST_CASE("a bar format with an unknown field is refused, naming the known ones", "[config]") {
    auto bad = parse_config_value(key("bar.format"), "{temprature}");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().message.find("bar.format") != std::string::npos);
    CHECK(bad.error().message.find("feels_like") != std::string::npos);
    CHECK(parse_config_value(key("bar.format"), "{temp:.0f}{temp_unit}"));
}

TEST_CASE("a secret's text is redacted", "[config]") {
    CHECK(config_value_text(key("api_key"), ConfigValue(std::string("abcdef123456"))) == "<redacted>");
    CHECK(config_value_text(key("serve.port"), ConfigValue(std::int64_t{80})) == "80");
}

TEST_CASE("a Redis URL's password is redacted, the rest shown", "[config]") {
    const auto& redis = key("serve.redis_url");
    CHECK(secret_of(redis) == ConfigSecret::url_password);
    auto shown = [&](const char* url) { return config_value_text(redis, ConfigValue(std::string(url))); };
    CHECK(shown("redis://:hunter2@10.0.0.5:6379/2") == "redis://:<redacted>@10.0.0.5:6379/2");
    CHECK(shown("redis://tenki:hunter2@cache.example/0") == "redis://tenki:<redacted>@cache.example/0");
    CHECK(shown("redis://hunter2@[::1]:6380") == "redis://<redacted>@[::1]:6380");  // older clients' form
    CHECK(shown("redis://:p@ss@host") == "redis://:<redacted>@host");
    CHECK(shown("redis://127.0.0.1:6379/0") == "redis://127.0.0.1:6379/0");
}

TEST_CASE("every setting that can hold a secret is marked so in the table", "[config]") {
    // The API key is one; a URL may carry a password. Every other key is marked none.
    for (const auto& k : config_keys()) {
        INFO(k.name);
        if (k.name == "api_key")
            CHECK(secret_of(k) == ConfigSecret::whole);
        else if (k.name == "serve.redis_url")
            CHECK(secret_of(k) == ConfigSecret::url_password);
        else
            CHECK(secret_of(k) == ConfigSecret::none);
        // A URL-valued key must be marked: it may carry user:password@.
        if (std::string(k.fallback).find("://") != std::string::npos)
            CHECK(secret_of(k) != ConfigSecret::none);
    }
}

TEST_CASE("a list is items separated by commas, trimmed, none empty", "[config]") {
    auto origins = parse_config_value(key("serve.cors_origin"), "https://a.example, https://b.example");
    REQUIRE(origins);
    CHECK(std::get<std::string>(*origins) == "https://a.example,https://b.example");
    for (const char* bad : {"", "a,,b", "a,", " , "}) {
        INFO(bad);
        auto refused = parse_config_value(key("serve.trusted_proxy"), bad);
        REQUIRE_FALSE(refused);
        CHECK(refused.error().message.find("serve.trusted_proxy") != std::string::npos);
    }
}

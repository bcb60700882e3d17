#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "tenki/config/config.hpp"

using namespace tenki;

TEST_CASE("every config key's default parses as its own type", "[config]") {
    for (const auto& key : config_keys()) {
        if (key.fallback.empty()) continue;
        INFO(key.name << " = " << key.fallback);
        CHECK(parse_config_value(key, key.fallback).has_value());
    }
}

TEST_CASE("config keys are unique, described, and TOML names", "[config]") {
    std::set<std::string_view> names;
    for (const auto& key : config_keys()) {
        INFO(key.name);
        CHECK(names.insert(key.name).second);
        CHECK_FALSE(key.description.empty());
        CHECK(find_config_key(key.name) == &key);
        CHECK((key.option.empty() || key.option.starts_with("--")));
        CHECK((key.type != ConfigType::choice || !key.choices.empty()));
        for (char c : key.name) CHECK(((c >= 'a' && c <= 'z') || c == '_' || c == '.'));
    }
    CHECK(find_config_key("no_such_key") == nullptr);
}

TEST_CASE("the default place is today's 19021 and the API key stays out of the file", "[config]") {
    REQUIRE(find_config_key("place"));
    CHECK(find_config_key("place")->fallback == "19021");
    REQUIRE(find_config_key("api_key"));
    CHECK(find_config_key("api_key")->type == ConfigType::secret);
    CHECK_FALSE(find_config_key("api_key")->in_file);
}

TEST_CASE("keys that share a variable read it alike: one value is good for all or for none", "[config]") {
    // TENKI_CACHE_TTL is weather's cache_ttl and serve.cache_ttl: every command resolves both.
    int shared = 0;
    for (const auto& a : config_keys()) {
        for (const auto& b : config_keys()) {
            if (&a == &b || a.env.empty() || a.env != b.env) continue;
            INFO(a.name << " and " << b.name << " share " << a.env);
            ++shared;
            CHECK(a.type == b.type);
            CHECK(a.choices == b.choices);
            CHECK(a.min == b.min);
            CHECK(a.max == b.max);
        }
    }
    CHECK(shared >= 2);
}

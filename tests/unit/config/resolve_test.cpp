#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "support/temp_dir.hpp"
#include "tenki/config/config.hpp"

using namespace tenki;
using tenki::test::TempDir;

namespace {

using Values = std::map<std::string, std::string, std::less<>>;

ConfigLookup lookup(const Values& values) {
    return [values](std::string_view name) -> std::optional<std::string> {
        const auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return it->second;
    };
}

ConfigFile file_with(const TempDir& dir, const std::string& text) {
    auto file = read_config_file(dir.write("config.toml", text));
    REQUIRE(file);
    REQUIRE(file->problems.empty());
    return *file;
}

Config resolved(const ConfigFile& file, const Values& env, const Values& options) {
    auto config = resolve_config(file, lookup(env), lookup(options));
    REQUIRE(config);
    return *config;
}

}  // namespace

TEST_CASE("option, then environment, then file, then default: for a setting of each type", "[config]") {
    TempDir dir;
    // One key of each kind, with its file value, an environment value and an option value.
    struct Case {
        const char* key;
        const char* file_line;
        const char* env_value;
        const char* option_value;
        const char* from_file;
        const char* from_env;
        const char* from_option;
    };
    const Case cases[] = {
        {"units", "units = \"metric\"", "standard", "imperial", "metric", "standard", "imperial"},
        {"serve.port", "serve.port = 8080", "8081", "8082", "8080", "8081", "8082"},
        {"serve.quiet", "serve.quiet = true", "false", "true", "true", "false", "true"},
        {"cache_ttl", "cache_ttl = \"5m\"", "60", "1h", "300", "60", "3600"},
        {"serve.redis_timeout", "serve.redis_timeout = 2.5", "0.5", "3", "2.5", "0.5", "3"},
        {"serve.host", "serve.host = \"::1\"", "127.0.0.2", "0.0.0.0", "::1", "127.0.0.2", "0.0.0.0"},
        {"place", "place = \"home\"", "10001", "", "home", "10001", ""},
    };
    for (const auto& c : cases) {
        INFO(c.key);
        const ConfigKey& key = *find_config_key(c.key);
        const auto file = file_with(dir, std::string(c.file_line) + "\n");
        const Values env{{std::string(key.env), c.env_value}};
        const Values options{{std::string(key.name), c.option_value}};

        const auto by_default = resolved(ConfigFile{}, {}, {});
        CHECK(by_default.get(c.key).origin == ConfigOrigin::fallback);
        CHECK(by_default.text(c.key) ==
              config_value_text(key, parse_config_value(key, key.fallback).value()));

        const auto by_file = resolved(file, {}, {});
        CHECK(by_file.get(c.key).origin == ConfigOrigin::file);
        CHECK(by_file.get(c.key).line == 1);
        CHECK(by_file.text(c.key) == std::string(c.from_file));

        const auto by_env = resolved(file, env, {});
        CHECK(by_env.get(c.key).origin == ConfigOrigin::environment);
        CHECK(by_env.text(c.key) == std::string(c.from_env));

        if (key.option.empty()) continue;  // the place's "option" is the command's argument
        const auto by_option = resolved(file, env, options);
        CHECK(by_option.get(c.key).origin == ConfigOrigin::option);
        CHECK(by_option.text(c.key) == std::string(c.from_option));
        CHECK(by_option.origin_text(by_option.get(c.key)) == "option " + std::string(key.option));
    }
}

TEST_CASE("typed getters read the resolved values", "[config]") {
    const auto config = resolved(ConfigFile{}, {{"TENKI_CACHE_TTL", "2m"}, {"TENKI_QUIET", "on"}}, {});
    CHECK(config.seconds("cache_ttl") == std::chrono::seconds(120));
    CHECK(config.seconds("serve.cache_ttl") == std::chrono::seconds(120));  // one variable, both commands
    CHECK(config.flag("serve.quiet") == true);
    CHECK(config.integer("serve.port") == 5000);
    CHECK(config.number("serve.redis_timeout") == 0.25);
    CHECK(config.seconds("stale_window") == std::chrono::hours(6));
    CHECK_FALSE(config.text("key_file"));
    CHECK_THROWS_AS(config.get("nope"), std::out_of_range);
}

TEST_CASE("a bad value from the environment or an option names where it came from", "[config]") {
    auto env = resolve_config(ConfigFile{}, lookup({{"TENKI_PORT", "http"}}), lookup({}));
    REQUIRE_FALSE(env);
    CHECK(env.error().kind == ErrorKind::invalid_input);
    CHECK(env.error().message.starts_with("TENKI_PORT (serve.port): "));
    auto option = resolve_config(ConfigFile{}, lookup({}), lookup({{"units", "furlongs"}}));
    REQUIRE_FALSE(option);
    CHECK(option.error().message.starts_with("--units (units): "));
}

TEST_CASE("the file's origin is its path and line", "[config]") {
    TempDir dir;
    const auto file = file_with(dir, "\n\nunits = \"metric\"\n");
    const auto config = resolved(file, {}, {});
    CHECK(config.origin_text(config.get("units")) == (dir / "config.toml").string() + ":3");
    CHECK(config.origin_text(config.get("serve.port")) == "default");
    const auto env = resolved(file, {{"TENKI_UNITS", "imperial"}}, {});
    CHECK(env.origin_text(env.get("units")) == "environment TENKI_UNITS");
}

TEST_CASE("a path's ~/ is the home directory", "[config]") {
    const auto config = resolved(ConfigFile{}, {{"HOME", "/home/ann"}, {"TENKI_KEY_FILE", "~/owm.key"}}, {});
    CHECK(config.text("key_file") == "/home/ann/owm.key");
}

TEST_CASE("named places expand, and places that cannot be one are problems with their line", "[config]") {
    TempDir dir;
    const auto file = file_with(dir,
                                "place = \"home\"\n"
                                "[places]\n"
                                "home = \"94107\"\n"
                                "work = \"SW1A 1AA,gb\"\n"
                                "moon = \"@@\"\n");
    const auto config = resolved(file, {}, {});
    CHECK(config.expand_place("home") == "94107");
    CHECK(config.expand_place("work") == "SW1A 1AA,gb");
    CHECK(config.expand_place("10001") == "10001");
    const auto problems = check_places(config);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 5);
    CHECK(problems[0].message.starts_with("places.moon: "));

    const auto bad_default = resolved(file_with(dir, "place = \"nowhere\"\n"), {}, {});
    const auto default_problems = check_places(bad_default);
    REQUIRE(default_problems.size() == 1);
    CHECK(default_problems[0].line == 1);
}

TEST_CASE("one bad named place is a problem of its own use only; the default place is checked apart",
          "[config]") {
    TempDir dir;
    const auto file = file_with(dir,
                                "[places]\n"
                                "home = \"94107\"\n"
                                "moon = \"@@\"\n"
                                "lake = 42\n"
                                "\"my cabin\" = \"10001\"\n");
    const auto config = resolved(file, {}, {});
    REQUIRE(config.places().size() == 4);
    CHECK_FALSE(check_named_place(config, *config.find_place("home")));
    const auto moon = check_named_place(config, *config.find_place("moon"));
    REQUIRE(moon);
    CHECK(moon->line == 3);
    CHECK(moon->message.starts_with("places.moon: "));
    const auto lake = check_named_place(config, *config.find_place("lake"));
    REQUIRE(lake);
    CHECK(lake->line == 4);
    CHECK(lake->message == "places.lake must be a place as a string (\"94107\"), not an integer");
    const auto* cabin = config.find_place("my cabin");
    REQUIRE(cabin);
    REQUIRE(check_named_place(config, *cabin));
    CHECK(check_named_place(config, *cabin)->line == 5);
    CHECK(check_places(config).size() == 3);   // config --check still lists each
    CHECK_FALSE(check_default_place(config));  // none configured

    const auto pointing = resolved(file_with(dir, "place = \"lake\"\n[places]\nlake = 42\n"), {}, {});
    const auto fallback = check_default_place(pointing);
    REQUIRE(fallback);
    CHECK(fallback->line == 3);  // the entry's own problem, where it is
}

TEST_CASE("config file choice: --config, TENKI_CONFIG, XDG_CONFIG_HOME, then ~/.config", "[config]") {
    const Values all{{"TENKI_CONFIG", "/etc/t.toml"}, {"XDG_CONFIG_HOME", "/x"}, {"HOME", "/home/ann"}};
    auto by_option = choose_config_file(std::string("/o.toml"), lookup(all));
    CHECK(by_option.path == "/o.toml");
    CHECK(by_option.named);
    CHECK(choose_config_file(std::nullopt, lookup(all)).path == "/etc/t.toml");
    auto xdg = choose_config_file(std::nullopt, lookup({{"XDG_CONFIG_HOME", "/x"}, {"HOME", "/home/ann"}}));
    CHECK(xdg.path == "/x/tenki/config.toml");
    CHECK_FALSE(xdg.named);
    // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
    CHECK(
        choose_config_file(std::nullopt, lookup({{"XDG_CONFIG_HOME", "rel"}, {"HOME", "/home/ann"}})).path ==
        "/home/ann/.config/tenki/config.toml");
}

TEST_CASE("the listing shows every key with its origin and redacts the API key", "[config]") {
    TempDir dir;
    const auto file = file_with(dir, "units = \"metric\"\n[places]\nhome = \"94107\"\n");
    const auto config = resolved(file, {{"OWM_API_KEY", "0123456789abcdef"}}, {{"serve.port", "9000"}});
    const auto text = format_config_listing(config);
    CHECK(text.find("0123456789abcdef") == std::string::npos);
    CHECK(text.find("<redacted>") != std::string::npos);
    CHECK(text.find("# environment OWM_API_KEY") != std::string::npos);
    CHECK(text.find("# option --port") != std::string::npos);
    CHECK(text.find("\"metric\"") != std::string::npos);
    CHECK(text.find("config.toml:1") != std::string::npos);
    CHECK(text.find("home = \"94107\"") != std::string::npos);
    for (const auto& key : config_keys()) {
        INFO(key.name);
        CHECK(text.find("\n" + std::string(key.name) + " ") != std::string::npos);
    }
    const auto json = config_listing_json(config);
    CHECK(json.find("0123456789abcdef") == std::string::npos);
    CHECK(json.find("\"places\"") != std::string::npos);
}

TEST_CASE("the listing shows a [places] entry that is no place as a comment with the reason", "[config]") {
    TempDir dir;
    const auto file = file_with(dir, "[places]\nhome = \"94107\"\nbad = \"00000\"\n");
    const auto text = format_config_listing(resolved(file, {}, {}));
    INFO(text);
    CHECK(text.find("\nhome = \"94107\"  # " + file.path.string() + ":2\n") != std::string::npos);
    CHECK(text.find("\n# bad = \"00000\"  # not a place: unknown US ZIP code 00000: check the five digits (" +
                    file.path.string() + ":3)\n") != std::string::npos);
    CHECK(text.find("\nbad = ") == std::string::npos);  // never an ordinary line
}

TEST_CASE("config --json lists a [places] entry that is no place under invalid_places, with its error",
          "[config]") {
    TempDir dir;
    const auto file = file_with(dir, "[places]\nhome = \"94107\"\nbad = \"00000\"\nodd = 5\n");
    const auto doc = nlohmann::json::parse(config_listing_json(resolved(file, {}, {})));
    INFO(doc.dump(2));
    CHECK(doc["places"] == nlohmann::json{{"home", "94107"}});  // only what a command can use
    const auto bad = doc["invalid_places"]["bad"];
    CHECK(bad["place"] == "00000");
    CHECK(bad["line"] == 3);
    CHECK(bad["error"] == "not a place: unknown US ZIP code 00000: check the five digits");
    const auto odd = doc["invalid_places"]["odd"];
    CHECK(odd["place"].is_null());
    CHECK(odd["line"] == 4);
    CHECK(odd["error"].get<std::string>().find("places.odd") != std::string::npos);
    CHECK(doc["invalid_places"].size() == 2);
}

TEST_CASE("the listing, text and JSON, shows a Redis URL without its password", "[config]") {
    TempDir dir;
    const auto file = file_with(dir, "[serve]\nredis_url = \"redis://:filepassword7@10.0.0.5:6379/2\"\n");
    for (const auto& config :
         {resolved(file, {}, {}), resolved(file, {{"REDIS_URL", "redis://u:envpassword7@h:1/0"}}, {})}) {
        const auto text = format_config_listing(config);
        const auto json = config_listing_json(config);
        for (const auto& shown : {text, json}) {
            INFO(shown);
            CHECK(shown.find("password7") == std::string::npos);
            CHECK(shown.find(":<redacted>@") != std::string::npos);
        }
    }
    CHECK(format_config_listing(resolved(file, {}, {})).find("\"redis://:<redacted>@10.0.0.5:6379/2\"") !=
          std::string::npos);
}

TEST_CASE("named places hold any place form; an ambiguous or unknown city is a problem", "[config]") {
    TempDir dir;
    const auto file = file_with(dir,
                                "[places]\n"
                                "paris = \"Paris,FR\"\n"
                                "here = \"37.7749,-122.4194\"\n"
                                "somewhere = \"Springfield\"\n"
                                "typo = \"Pariss,FR\"\n");
    const auto problems = check_places(resolved(file, {}, {}));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].line == 4);
    CHECK(problems[0].message.find("Springfield") != std::string::npos);
    CHECK(problems[1].line == 5);
    CHECK(problems[1].message.starts_with("places.typo: "));
}

TEST_CASE("a TTL left at its default follows what the provider in use asks; a given one never does",
          "[config]") {
    auto config = resolved(ConfigFile{}, {}, {});
    config.follow_provider("OpenWeatherMap", std::chrono::seconds(600));
    CHECK(config.seconds("serve.cache_ttl") == std::chrono::seconds(600));  // 300 raised
    CHECK(config.get("serve.cache_ttl").origin == ConfigOrigin::provider);
    CHECK(config.origin_text(config.get("serve.cache_ttl")) ==
          "default for OpenWeatherMap (it asks 600 s between calls for one place)");
    CHECK(config.seconds("cache_ttl") == std::chrono::seconds(600));  // 600 already: left as it is
    CHECK(config.get("cache_ttl").origin == ConfigOrigin::fallback);
    CHECK(config.seconds("serve.stale_ttl") == std::chrono::seconds(3600));  // not a TTL that follows

    auto keyless = resolved(ConfigFile{}, {}, {});
    keyless.follow_provider("Open-Meteo", std::chrono::seconds(0));
    CHECK(keyless.seconds("serve.cache_ttl") == std::chrono::seconds(300));
    CHECK(keyless.origin_text(keyless.get("serve.cache_ttl")) == "default");

    auto given = resolved(ConfigFile{}, {{"TENKI_CACHE_TTL", "120"}}, {});
    given.follow_provider("OpenWeatherMap", std::chrono::seconds(600));
    CHECK(given.seconds("serve.cache_ttl") == std::chrono::seconds(120));  // check warns about it
    CHECK(given.get("serve.cache_ttl").origin == ConfigOrigin::environment);
}

TEST_CASE(
    "named places are checked as the weather resolves them: a ZIP code no place has, a malformed "
    "postal code; one only a provider can locate passes",
    "[config]") {
    TempDir dir;
    const auto file = file_with(dir,
                                "[places]\n"
                                "bad = \"00000\"\n"
                                "short = \"7500,fr\"\n"
                                "office = \"SW1A 1AA,gb\"\n"
                                "home = \"94107\"\n");
    const auto problems = check_places(resolved(file, {}, {}));
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].line == 2);
    CHECK(problems[0].message.starts_with("places.bad: unknown US ZIP code 00000"));
    CHECK(problems[1].line == 3);
    CHECK(problems[1].message.starts_with("places.short: "));
}

TEST_CASE("a named place that shadows a city name is a warning, also when only its case differs",
          "[config]") {
    TempDir dir;
    const auto file = file_with(dir,
                                "[places]\n"
                                "paris = \"75001,fr\"\n"
                                "Paris = \"SW1A 1AA,gb\"\n"
                                "berlin = \"Berlin,DE\"\n"
                                "home = \"94107\"\n");
    const auto config = resolved(file, {}, {});
    CHECK(check_places(config).empty());
    const auto warnings = place_warnings(config);
    REQUIRE(warnings.size() == 3);
    CHECK(warnings[0].line == 2);
    CHECK(warnings[0].message.starts_with("places.paris shadows the city Paris"));
    CHECK(warnings[0].message.find("but for case") != std::string::npos);
    CHECK(warnings[1].line == 3);
    CHECK(warnings[1].message.starts_with("places.Paris shadows the city Paris"));
    CHECK(warnings[1].message.find("but for case") == std::string::npos);
    // Names are matched in any case: Paris is paris's name, and paris (the first) answers both.
    CHECK(warnings[2].line == 3);
    CHECK(warnings[2].message.starts_with("places.Paris is the name places.paris (line 2) already has"));
    CHECK(config.expand_place("PARIS") == "75001,fr");
    CHECK(config.expand_place("Paris") == "75001,fr");
}

TEST_CASE("a named place is matched in any case, as city names are", "[config]") {
    TempDir dir;
    const auto file = file_with(dir,
                                "[places]\n"
                                "paris = \"94107\"\n"
                                "Home-Town = \"10001\"\n");
    const auto config = resolved(file, {}, {});
    for (const char* typed : {"paris", "Paris", "PARIS", " paris "})
        CHECK(config.expand_place(typed) == "94107");
    CHECK(config.expand_place("home town") == "10001");
    CHECK(config.expand_place("Paris,FR") == "Paris,FR");  // a city as typed: no named place
    REQUIRE(config.find_place("Paris"));
    CHECK(config.find_place("Paris")->name == "paris");
    const auto city = shadowed_city(config, *config.find_place("Paris"));
    REQUIRE(city);
    CHECK(city->country == "FR");
    CHECK_FALSE(shadowed_city(config, *config.find_place("home-town")));
}

TEST_CASE(
    "resolve_config_listing marks each bad value, from an option, a variable or the file, and keeps the rest",
    "[config]") {
    TempDir dir;
    auto file = read_config_file(dir.write("config.toml", "units = \"metric\"\n[serve]\nport = \"http\"\n"));
    REQUIRE(file);
    REQUIRE(file->problems.size() == 1);
    const auto config = resolve_config_listing(*file, lookup({{"TENKI_STALE_WINDOW", "forever"}}),
                                               lookup({{"icons", "clipart"}}));
    const auto& stale = config.get("stale_window");
    CHECK_FALSE(stale.value);
    CHECK(stale.origin == ConfigOrigin::environment);
    CHECK(stale.problem.value_or("").starts_with("TENKI_STALE_WINDOW (stale_window): "));
    CHECK(config.get("icons").origin == ConfigOrigin::option);
    CHECK(config.get("icons").problem.value_or("").starts_with("--icons (icons): "));
    const auto& port = config.get("serve.port");
    CHECK_FALSE(port.value);
    CHECK(port.line == 3);
    CHECK(port.problem ==
          (dir / "config.toml").string() + ":3:8: serve.port must be an integer, not a string");
    CHECK(config.text("units") == "metric");  // the rest as resolve_config decides it
    CHECK(config.seconds("cache_ttl") == std::chrono::seconds(600));
    CHECK_FALSE(config.get("units").problem);

    // A variable over the file's bad value stands, as resolve_config would take it.
    const auto overridden = resolve_config_listing(*file, lookup({{"TENKI_PORT", "8081"}}), lookup({}));
    CHECK(overridden.integer("serve.port") == 8081);
    CHECK_FALSE(overridden.get("serve.port").problem);

    const auto text = format_config_listing(config);
    INFO(text);
    CHECK(text.find("\n# TENKI_STALE_WINDOW (stale_window): stale_window must be ") != std::string::npos);
    CHECK(text.find("\nstale_window ") == std::string::npos);
    CHECK(text.find("\n# " + *port.problem + "\n") != std::string::npos);
    CHECK(text.find("\nunits ") != std::string::npos);

    const std::vector<std::string> problems{"one", "two"};
    const auto doc = nlohmann::json::parse(config_listing_json(config, problems));
    CHECK(doc["problems"] == nlohmann::json(problems));
    for (const auto& row : doc["settings"]) {
        if (row["key"] != "stale_window") continue;
        CHECK(row["value"].is_null());
        CHECK(row["error"] == *stale.problem);
    }
    CHECK(nlohmann::json::parse(config_listing_json(resolved(ConfigFile{}, {}, {})))["problems"].empty());
}

TEST_CASE("a default place naming a bad [places] entry is that entry's problem, said once with what named it",
          "[config]") {
    TempDir dir;
    const auto path = (dir / "config.toml").string();
    const auto file = file_with(dir, "place = \"bad\"\n[places]\nbad = \"00000\"\nlake = 42\n");
    const auto config = resolved(file, {}, {});
    const auto problem = check_default_place(config);
    REQUIRE(problem);
    CHECK(problem->line == 3);
    CHECK(format_config_problem(path, *problem) ==
          path +
              ":3: places.bad (the default place, line 1): unknown US ZIP code 00000: check the five digits");
    const auto all = check_places(config);
    CHECK(all.size() == 2);  // bad once, lake
    CHECK(std::ranges::count(all, 3, &ConfigProblem::line) == 1);

    const auto by_env = resolved(file_with(dir, "[places]\nbad = \"00000\"\n"), {{"TENKI_PLACE", "bad"}}, {});
    CHECK(
        check_default_place(by_env)->message ==
        "places.bad (the default place, environment TENKI_PLACE): unknown US ZIP code 00000: check the five "
        "digits");
    const auto direct = resolved(file_with(dir, "place = \"00000\"\n"), {}, {});
    CHECK(format_config_problem(path, *check_default_place(direct)) ==
          path + ":1: place: unknown US ZIP code 00000: check the five digits");
    const auto direct_env = resolved(ConfigFile{}, {{"TENKI_PLACE", "00000"}}, {});
    CHECK(check_default_place(direct_env)->message ==
          "place (from environment TENKI_PLACE): unknown US ZIP code 00000: check the five digits");
}

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <set>
#include <string>

#include "tenki/providers/table.hpp"

using namespace tenki;

TEST_CASE("choose_provider defaults to OpenWeatherMap only when a key is configured", "[provider]") {
    CHECK(choose_provider(std::nullopt, true) == ProviderKind::owm);
    CHECK(choose_provider(std::nullopt, false) == ProviderKind::open_meteo);
    CHECK(choose_provider(std::string(), true) == ProviderKind::owm);  // TENKI_PROVIDER= set empty
    CHECK(choose_provider(std::string(), false) == ProviderKind::open_meteo);
}

TEST_CASE("choose_provider follows an explicit request, key or not", "[provider]") {
    CHECK(choose_provider("open-meteo", true) == ProviderKind::open_meteo);
    CHECK(choose_provider("OpenMeteo", true) == ProviderKind::open_meteo);
    CHECK(choose_provider("owm", false) == ProviderKind::owm);
    CHECK(choose_provider("OpenWeatherMap", true) == ProviderKind::owm);
}

TEST_CASE("choose_provider names the known providers when given another", "[provider]") {
    auto r = choose_provider("darksky", true);
    REQUIRE_FALSE(r);
    CHECK(r.error().kind == ErrorKind::invalid_input);
    CHECK_THAT(r.error().message,
               Catch::Contains("darksky") && Catch::Contains("owm") && Catch::Contains("open-meteo"));
}

TEST_CASE("to_string gives the names --provider takes", "[provider]") {
    CHECK(to_string(ProviderKind::owm) == "owm");
    CHECK(to_string(ProviderKind::open_meteo) == "open-meteo");
    CHECK(choose_provider(std::string(to_string(ProviderKind::open_meteo)), true) ==
          ProviderKind::open_meteo);
}

TEST_CASE("each row names its endpoints, the base one first, with unique options and variables",
          "[provider]") {
    std::set<std::string_view> options;
    std::set<std::string_view> variables;
    for (const auto& row : providers()) {
        INFO(row.name);
        REQUIRE_FALSE(row.endpoints.empty());
        CHECK(row.endpoints.front().name == "base");
        CHECK(&row.endpoint() == &row.endpoints.front());
        for (const auto& endpoint : row.endpoints) {
            INFO(endpoint.name);
            CHECK(endpoint.default_url.starts_with("https://"));
            CHECK(endpoint.env.starts_with("TENKI_"));
            CHECK_FALSE(endpoint.help.empty());
            CHECK(variables.insert(endpoint.env).second);
            if (!endpoint.option.empty()) CHECK(options.insert(endpoint.option).second);
        }
        CHECK(row.make != nullptr);
        CHECK(find_provider(row.source) == &row);
    }
    CHECK(provider_info(ProviderKind::owm).endpoint().env == "TENKI_OWM_URL");
    CHECK(provider_info(ProviderKind::open_meteo).endpoint("geocoding").env ==
          "TENKI_OPENMETEO_GEOCODING_URL");
    CHECK(provider_info(ProviderKind::open_meteo).endpoint("geocoding").option.empty());  // variable only
}

TEST_CASE("the rows carry the published limits and minimum refresh", "[provider]") {
    using std::chrono::seconds;
    CHECK(provider_info(ProviderKind::owm).published_limit == RateLimit{60, seconds(60)});
    CHECK(provider_info(ProviderKind::owm).min_refresh == seconds(600));
    CHECK(provider_info(ProviderKind::open_meteo).published_limit == RateLimit{600, seconds(60)});
    CHECK(provider_info(ProviderKind::open_meteo).min_refresh == seconds(0));
}

TEST_CASE("find_provider knows each row by name, alias or source, in any case", "[provider]") {
    CHECK(find_provider("owm") == &provider_info(ProviderKind::owm));
    CHECK(find_provider("OpenWeatherMap") == &provider_info(ProviderKind::owm));
    CHECK(find_provider("Open-Meteo") == &provider_info(ProviderKind::open_meteo));
    CHECK(find_provider("openmeteo") == &provider_info(ProviderKind::open_meteo));
    CHECK(find_provider("darksky") == nullptr);
    CHECK(find_provider("") == nullptr);
}

TEST_CASE("help reads the table: names and what no request chooses", "[provider]") {
    CHECK(provider_names(" or ") == "owm or open-meteo");
    CHECK(auto_provider_rule() == "owm with an API key, open-meteo without");
}

TEST_CASE("ProviderSetup::url takes an endpoint's override by its variable, else the default", "[provider]") {
    ProviderSetup setup;
    CHECK(setup.url(ProviderKind::owm) == "https://api.openweathermap.org");
    CHECK(setup.url(ProviderKind::open_meteo, "geocoding") == "https://geocoding-api.open-meteo.com");
    setup.urls["TENKI_OPENMETEO_GEOCODING_URL"] = "http://127.0.0.1:8082";
    setup.urls["TENKI_OWM_URL"] = "";  // set empty: the default
    CHECK(setup.url(ProviderKind::open_meteo, "geocoding") == "http://127.0.0.1:8082");
    CHECK(setup.url(ProviderKind::open_meteo) == "https://api.open-meteo.com");
    CHECK(setup.url(ProviderKind::owm) == "https://api.openweathermap.org");
}

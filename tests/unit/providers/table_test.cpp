#include <catch2/catch.hpp>

#include <optional>
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

#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "tenki/astronomy/sky_place.hpp"
#include "tenki/astronomy/sky_text.hpp"
#include "tenki/places/places.hpp"
#include "tenki/places/time_zone.hpp"

using namespace tenki;

TEST_CASE("every city of the table keeps its GeoNames time zone", "[astronomy][places]") {
    auto paris = find_city(*parse_city_query("Paris,FR"));
    REQUIRE(paris);
    CHECK(paris->time_zone == "Europe/Paris");
    CHECK(paris->population > 2'000'000);  // the zone's bits left the population as it was
    auto sao_paulo = find_city(*parse_city_query("São Paulo"));
    REQUIRE(sao_paulo);
    CHECK(sao_paulo->time_zone == "America/Sao_Paulo");
    auto honolulu = find_city(*parse_city_query("Honolulu"));
    REQUIRE(honolulu);
    CHECK(honolulu->time_zone == "Pacific/Honolulu");
}

TEST_CASE("time_zone_at gives the boundary data's zone, the sea's nautical zone, or invalid_input",
          "[astronomy][places]") {
    CHECK(*time_zone_at(48.8566, 2.3522) == "Europe/Paris");
    CHECK(*time_zone_at(40.7128, -74.0060) == "America/New_York");
    CHECK(*time_zone_at(-23.5505, -46.6333) == "America/Sao_Paulo");
    CHECK(*time_zone_at(34.0901, -118.4065) == "America/Los_Angeles");
    CHECK(*time_zone_at(35.6762, 139.6503) == "Asia/Tokyo");
    CHECK(*time_zone_at(0, -30) == "Etc/GMT+2");  // mid-Atlantic
    CHECK(*time_zone_at(90, 0) == "Etc/GMT");
    CHECK(time_zone_at(-90, 0).has_value());
    CHECK(time_zone_at(10, 180).has_value());
    CHECK(time_zone_at(10, -180).has_value());
    for (auto [lat, lon] : {std::pair{91.0, 0.0}, {0.0, 181.0}, {std::nan(""), 0.0}, {0.0, std::nan("")}}) {
        auto bad = time_zone_at(lat, lon);
        REQUIRE_FALSE(bad);
        CHECK(bad.error().kind == ErrorKind::invalid_input);
    }
}

TEST_CASE("locate_offline finds cities, US ZIP codes and coordinates, and no other postal code",
          "[astronomy]") {
    auto city = locate_offline("Paris");
    REQUIRE(city);
    CHECK(city->label == "Paris, Île-de-France, FR");
    CHECK(city->place.zone == "Europe/Paris");
    auto zip = locate_offline("90210");
    REQUIRE(zip);
    CHECK(zip->place.zone == "America/Los_Angeles");
    CHECK(zip->label.find("90210") != std::string::npos);
    auto at = locate_offline("-33.8688,151.2093");
    REQUIRE(at);
    CHECK(at->label == "-33.8688, 151.2093");
    // Echoed as the weather echoes a point (coordinates_text), however typed.
    for (const char* typed : {"40.7,-74.0", "40.70,-74.00", "40.7, -74.0", "+40.7,-74"}) {
        auto as_typed = locate_offline(typed);
        REQUIRE(as_typed);
        CHECK(as_typed->label == "40.7, -74");
        CHECK(as_typed->place.lat == 40.7);
        CHECK(as_typed->place.lon == -74.0);
    }
    CHECK(at->place.zone == "Australia/Sydney");
    auto london = locate_offline("SW1A 1AA", "gb");
    REQUIRE_FALSE(london);
    CHECK(london.error().kind == ErrorKind::invalid_input);
    CHECK(london.error().message.find("provider") != std::string::npos);
    auto unknown = locate_offline("00000");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().kind == ErrorKind::not_found);
    auto nowhere = locate_offline("Xqzzyville");
    REQUIRE_FALSE(nowhere);
    CHECK(nowhere.error().kind == ErrorKind::not_found);
}

TEST_CASE("the sky's words: day lengths, changes and absent times", "[astronomy]") {
    CHECK(format_day_length(29962) == "8h 19m");
    CHECK(format_day_length(86400) == "24h 00m");
    CHECK(format_day_length(0) == "0h 00m");
    CHECK(format_day_length_change(-58) == "-58s");
    CHECK(format_day_length_change(151) == "+2m 31s");
    CHECK(format_day_length_change(0) == "0s");
    CHECK(format_local_time(std::nullopt) == "-");
}

TEST_CASE(
    "locate_offline: another country's postal code says at once that a provider must locate it, "
    "however it is written",
    "[astronomy][places]") {
    for (const auto& [typed, country] : {std::pair{"10115 de", ""},
                                         {"10115 DE", ""},
                                         {"10115,de", ""},
                                         {"10115", "de"},
                                         {"SW1A 1AA gb", ""},
                                         {"SW1A 1AA", "gb"}}) {
        INFO(typed << " -c " << country);
        const auto where = locate_offline(typed, country);
        REQUIRE_FALSE(where);
        CHECK(where.error().kind == ErrorKind::invalid_input);
        CHECK(where.error().message ==
              fmt::format("\"{}\" is a postal code that only a weather provider can locate, and this works "
                          "offline: give the city or its coordinates instead",
                          typed));
        CHECK(where.error().message.find("comma") == std::string::npos);
    }
    // A last word that is no country, or a code that does not fit it, keeps parse_place's error.
    CHECK(locate_offline("10115 zz").error().message.find("not a US ZIP code") != std::string::npos);
    CHECK(locate_offline("ABCDE de").error().message.find("only a weather provider") == std::string::npos);
}

TEST_CASE("weather_sky_place: the place tenki resolved, a US ZIP code's included, over the provider's point",
          "[astronomy][places]") {
    // A provider's point some way off, as OpenWeatherMap's for a ZIP code is.
    const std::optional<double> lat = 37.7562, lon = -122.4086;
    const auto zip = parse_location("94107");
    REQUIRE(zip);
    const auto at_zip = weather_sky_place(*zip, lat, lon);
    const auto moon = locate_offline("94107");
    REQUIRE(at_zip);
    REQUIRE(moon);
    CHECK(at_zip->lat == moon->place.lat);  // `tenki moon 94107`'s point, not the provider's
    CHECK(at_zip->lon == moon->place.lon);
    CHECK(at_zip->zone == moon->place.zone);
    CHECK(weather_sky_place(*zip, std::nullopt, std::nullopt)->lat == moon->place.lat);  // before the answer
    const auto paris = city_location(48.8534, 2.3488, "Paris", "Île-de-France", "fr", 2988507);
    CHECK(weather_sky_place(paris, lat, lon)->zone == "Europe/Paris");
    // A postal code only the provider locates: the provider's point, and none before its answer.
    const auto london = parse_location("SW1A 1AA", "gb");
    REQUIRE(london);
    const auto provider = weather_sky_place(*london, 51.5014, -0.1419);
    REQUIRE(provider);
    CHECK(provider->lat == 51.5014);
    CHECK(provider->zone == "Europe/London");
    CHECK_FALSE(weather_sky_place(*london, std::nullopt, std::nullopt));
    CHECK_FALSE(weather_sky_place(*london, 95.0, 0.0));  // out of range
    CHECK_FALSE(std::signbit(weather_sky_place(*london, -0.0, -0.0)->lat));
}

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "providers/answered_place.hpp"
#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"
#include "tenki/domain/location.hpp"

using namespace tenki;
using providers_detail::great_circle_km;
using providers_detail::refuse_far;
using providers_detail::refuse_other_country;
using providers_detail::same_postal_system;

namespace {

Weather answer_at(Location asked, double lat, double lon, std::string name = "Lagos") {
    Weather w;
    w.location = std::move(asked);
    w.place_name = std::move(name);
    w.lat = lat;
    w.lon = lon;
    return w;
}

// The San Francisco answer of the samples, moved to Lagos, Nigeria.
std::string lagos_body() {
    auto doc = nlohmann::json::parse(test::owm::k_san_francisco);
    doc["name"] = "Lagos";
    doc["coord"] = {{"lat", 6.4541}, {"lon", 3.3947}};
    doc["sys"]["country"] = "NG";
    return doc.dump();
}

}  // namespace

TEST_CASE("great-circle distances in km", "[providers][place]") {
    CHECK(great_circle_km(48.8566, 2.3522, 48.8566, 2.3522) == Approx(0).margin(1e-9));
    CHECK(great_circle_km(48.8566, 2.3522, 51.5074, -0.1278) == Approx(343.6).margin(1.0));  // Paris-London
    CHECK(great_circle_km(0, 0, 0, 180) == Approx(20015.1).margin(1.0));  // half the Equator
    CHECK(great_circle_km(37.7621, -122.3971, 6.4541, 3.3947) == Approx(12625).epsilon(0.01));
}

TEST_CASE("postal systems: a territory that uses its country's codes is the same system",
          "[providers][place]") {
    CHECK(same_postal_system("fr", "FR"));
    CHECK(same_postal_system("us", "PR"));
    CHECK(same_postal_system("pr", "us"));
    CHECK(same_postal_system("gu", "VI"));  // two US territories
    CHECK(same_postal_system("fr", "MC"));
    CHECK(same_postal_system("gb", "JE"));
    CHECK(same_postal_system("fi", "AX"));
    CHECK_FALSE(same_postal_system("fr", "NG"));
    CHECK_FALSE(same_postal_system("us", "CA"));
    CHECK_FALSE(same_postal_system("gb", "IE"));
}

TEST_CASE("an answer far from the point tenki knows is refused, naming both places", "[providers][place]") {
    const auto zip = *parse_location("94107");
    const auto far = refuse_far(answer_at(zip, 6.4541, 3.3947), "OpenWeatherMap's answer");
    REQUIRE_FALSE(far);
    CHECK(far.error().kind == ErrorKind::bad_response);
    CHECK(far.error().message.starts_with("OpenWeatherMap's answer is for Lagos (6.45, 3.39), 12,"));
    CHECK(far.error().message.find("km from 94107's point (37.76, -122.40): not shown as its weather") !=
          std::string::npos);
    // A far centroid (San Jose, 60 km) is the same ZIP code's answer.
    CHECK(refuse_far(answer_at(zip, 37.3382, -121.8863, "San Jose"), "x"));
    // Coordinates as typed and a city of the table: the point asked.
    const auto typed = coordinates_location(48.85, 2.35);
    const auto elsewhere = refuse_far(answer_at(typed, 6.45, 3.39), "Open-Meteo's answer");
    REQUIRE_FALSE(elsewhere);
    CHECK(elsewhere.error().message.find("from the coordinates asked (48.85, 2.35)") != std::string::npos);
    const auto paris = city_location(48.85341, 2.3488, "Paris", "Île-de-France", "fr", 2988507);
    CHECK(refuse_far(answer_at(paris, 48.8534, 2.3488, "Paris"), "x"));
    const auto lagos_for_paris = refuse_far(answer_at(paris, 6.45, 3.39), "x");
    REQUIRE_FALSE(lagos_for_paris);
    CHECK(lagos_for_paris.error().message.find("km from Paris (48.85, 2.35)") != std::string::npos);
    // An error stays that error.
    const auto failed = refuse_far(Result<Weather>(tl::unexpected(Error{ErrorKind::timeout, "slow"})), "x");
    REQUIRE_FALSE(failed);
    CHECK(failed.error().kind == ErrorKind::timeout);
}

TEST_CASE("a postal code tenki cannot place is checked by the answer's country", "[providers][place]") {
    const auto paris_code = *parse_location("75008,fr");
    const auto wrong =
        refuse_other_country(answer_at(paris_code, 6.45, 3.39), "NG", "OpenWeatherMap's answer");
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().message ==
          "OpenWeatherMap's answer for postal code 75008 in FR is for Lagos in NG: not shown as its weather; "
          "try "
          "again later or choose another provider with --provider");
    CHECK(refuse_other_country(answer_at(paris_code, 48.87, 2.31, "Paris"), "FR", "x"));
    CHECK(refuse_other_country(answer_at(*parse_location("98000,fr"), 43.73, 7.42, "Monaco"), "MC", "x"));
    CHECK(refuse_other_country(answer_at(paris_code, 48.87, 2.31, "Paris"), "", "x"));  // no country said
}

TEST_CASE("OpenWeatherMap's answer in another country than the postal code's is bad_response",
          "[owm][place]") {
    // A point tenki knows is checked by the provider's ask (the CLI's integration tests), not the parser.
    CHECK(parse_owm_response(200, lagos_body(), *parse_location("94107")));
    const auto for_code = parse_owm_response(200, lagos_body(), *parse_location("10115,de"));
    REQUIRE_FALSE(for_code);
    CHECK(for_code.error().kind == ErrorKind::bad_response);
    CHECK(for_code.error().message.find("for postal code 10115 in DE is for Lagos in NG") !=
          std::string::npos);
    CHECK(parse_owm_response(200, lagos_body(), *parse_location("100001,ng")));
}

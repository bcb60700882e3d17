#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "providers/owm/owm.hpp"
#include "support/owm_samples.hpp"
#include "tenki/astronomy/sky.hpp"
#include "tenki/astronomy/sky_place.hpp"
#include "tenki/astronomy/sky_text.hpp"
#include "tenki/format/bar.hpp"
#include "tenki/format/format.hpp"

using namespace tenki;
namespace samples = tenki::test::owm;

namespace {

// An answer for Paris observed at noon UTC on 2026-12-12 (the example day).
Weather paris_answer() {
    auto w = samples::from_sample(samples::k_san_francisco);
    w.location = city_location(48.8566, 2.3522, "Paris", "Île-de-France", "FR", 2988507);
    w.lat = 48.8566;
    w.lon = 2.3522;
    w.observed_at = 1797076800;  // 2026-12-12T12:00:00Z
    return w;
}

Sky paris_sky() {
    const std::chrono::year_month_day day{std::chrono::year{2026}, std::chrono::December,
                                          std::chrono::day{12}};
    auto sky = sky_on(SkyPlace{48.8566, 2.3522, "Europe/Paris"}, day);
    REQUIRE(sky);
    return *sky;
}

std::string rendered(std::string_view tmpl, const Weather& w) {
    auto text = render_template(tmpl, w, Units::metric);
    if (!text) FAIL(text.error().message);
    return *text;
}

}  // namespace

TEST_CASE("the sky's template fields give the moon and the sun of the place's local date",
          "[format][astronomy]") {
    const auto sky = paris_sky();
    const auto w = paris_answer();
    CHECK(rendered("{moon} {moon_phase}", w) == "🌒 waxing crescent");
    CHECK(rendered("{moon_illumination}", w) == std::to_string(std::lround(sky.moon.illumination_pct)));
    CHECK(rendered("{moonrise} {moonset}", w) ==
          format_local_time(sky.moon.rise) + " " + format_local_time(sky.moon.set));
    CHECK(rendered("{dawn} {noon} {dusk}", w) == format_local_time(sky.sun.dawn) + " " +
                                                     format_local_time(sky.sun.noon) + " " +
                                                     format_local_time(sky.sun.dusk));
    CHECK(rendered("{day_length} ({day_length_change})", w) ==
          format_day_length(sky.sun.day_length_s) + " (" +
              format_day_length_change(sky.sun.day_length_change_s) + ")");
    CHECK(rendered("{dawn}", w).size() == 5);
}

TEST_CASE("without coordinates the sky's fields are '-'", "[format][astronomy]") {
    auto w = paris_answer();
    w.location = Location{"75008", "fr", std::nullopt};
    w.lat.reset();
    w.lon.reset();
    CHECK(rendered("{moon} {dawn} {day_length}", w) == "- - -");
}

TEST_CASE("the v2 weather document carries the sky as astronomy, and the text a Sky line",
          "[format][astronomy]") {
    const auto w = paris_answer();
    const auto doc = to_v2_json(w, Units::metric);
    REQUIRE(doc.contains("astronomy"));
    CHECK(doc.at("astronomy") == nlohmann::json(paris_sky()));
    CHECK(doc.at("astronomy").at("moon").at("emoji") == "🌒");
    const auto text = render_text(w, Units::metric, TextStyle{});
    CHECK(text.find("Sky") != std::string::npos);
    CHECK(text.find("waxing crescent") != std::string::npos);
}

TEST_CASE("the Waybar tooltip has the sky's line, the moon drawn for the hemisphere",
          "[format][bar][astronomy]") {
    const auto w = paris_answer();
    const auto out = render_bar(BarOutput::waybar,
                                BarAnswer{&w, Units::metric, "x", nullptr, 0, std::nullopt, std::nullopt});
    const std::string tooltip = nlohmann::json::parse(out).at("tooltip");
    const auto sky = paris_sky();
    CHECK(tooltip.find("🌒 waxing crescent " + std::to_string(std::lround(sky.moon.illumination_pct)) +
                       "%; dawn " + format_local_time(sky.sun.dawn)) != std::string::npos);
}

TEST_CASE("a US ZIP code's sky is at its point of the offline table, tenki moon's, not the provider's",
          "[format][astronomy]") {
    // Asked for New York's 10001, answered with San Francisco's coordinates: New York's sky.
    auto w = paris_answer();
    w.location = *parse_location("10001");
    w.lat = 37.7631;
    w.lon = -122.3912;
    const auto where = locate_offline("10001");
    REQUIRE(where);
    const std::chrono::sys_seconds at{std::chrono::seconds{w.observed_at}};
    const auto zip_sky = sky_at(where->place, at);
    REQUIRE(zip_sky);
    CHECK(zip_sky->zone == "America/New_York");
    const auto doc = to_v2_json(w, Units::metric);
    CHECK(doc.at("astronomy") == nlohmann::json(*zip_sky));
    CHECK(doc.at("location").at("lat") == 37.7631);  // the answer's own point is still echoed
    CHECK(rendered("{dawn} {dusk}", w) ==
          format_local_time(zip_sky->sun.dawn) + " " + format_local_time(zip_sky->sun.dusk));
    const auto line = sky_summary(*sky_at(where->place, at, false), false);
    CHECK(render_text(w, Units::metric, TextStyle{}).find(line) != std::string::npos);
    const auto out = render_bar(BarOutput::waybar,
                                BarAnswer{&w, Units::metric, "x", nullptr, 0, std::nullopt, std::nullopt});
    CHECK(nlohmann::json::parse(out).at("tooltip").get<std::string>().find(
              sky_summary(*sky_at(where->place, at, false), true)) != std::string::npos);
    // Another country's postal code: only the provider's coordinates locate it.
    w.location = *parse_location("SW1A 1AA", "gb");
    const auto provider_place = sky_place_at(37.7631, -122.3912);
    REQUIRE(provider_place);
    CHECK(to_v2_json(w, Units::metric).at("astronomy") == nlohmann::json(*sky_at(*provider_place, at)));
}

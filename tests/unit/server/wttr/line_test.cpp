#include <catch2/catch.hpp>

#include <chrono>

#include "server/wttr/codes.hpp"
#include "server/wttr/line.hpp"
#include "tenki/astronomy/sky.hpp"
#include "tenki/astronomy/sky_place.hpp"
#include "tenki/domain/location.hpp"
#include "unit/server/wttr/samples.hpp"

using namespace tenki;
using tenki::wttr::LineUnits;

namespace {

constexpr std::int64_t k_now = 1782043200;  // 2026-06-21 12:00 UTC

// Sydney, a clear winter's day below freezing (southern hemisphere, west of nothing: +10 h).
Weather sydney() {
    Weather w;
    w.place_name = "Sydney";
    w.lat = -33.8688;
    w.lon = 151.2093;
    w.timezone_offset = 36000;
    w.condition = Condition{ConditionKind::clear_sky, "Clear", "clear sky", "01d"};
    w.temp = 268.15 - 0.2;  // -5.2 °C, 22.6 °F
    return w;
}

std::string line(std::string_view format, const Weather& w, LineUnits units = LineUnits::metric,
                 const Forecast* forecast = nullptr) {
    return wttr::render_line(format, {&w, forecast, w.place_name, units, Language::en, k_now});
}

std::string preset(std::string_view name, const Weather& w, LineUnits units = LineUnits::metric) {
    return line(*wttr::preset_format(name), w, units);
}

std::string clock_of(const std::optional<LocalInstant>& t) { return t ? local_hhmm(*t) + ":00" : ""; }

}  // namespace

TEST_CASE("wttr presets 1 to 4: wttr.in's shapes byte for byte, a trailing newline", "[wttr]") {
    const auto w = wttr_samples::paris();
    CHECK(preset("1", w) == "\u2601\ufe0f  +8°C\n");
    CHECK(preset("2", w) == "\u2601\ufe0f  \U0001f321\ufe0f+8°C \U0001f32c\ufe0f↗11km/h\n");
    CHECK(preset("3", w) == "Paris: \u2601\ufe0f  +8°C\n");
    CHECK(preset("4", w) == "Paris: \u2601\ufe0f  \U0001f321\ufe0f+8°C \U0001f32c\ufe0f↗11km/h\n");
    CHECK(preset("3", w, LineUnits::uscs) == "Paris: \u2601\ufe0f  +47°F\n");
    CHECK(preset("4", w, LineUnits::metric_ms) ==
          "Paris: \u2601\ufe0f  \U0001f321\ufe0f+8°C \U0001f32c\ufe0f↗3m/s\n");
    CHECK_FALSE(wttr::preset_format("5"));
    CHECK_FALSE(wttr::preset_format("j1"));
}

TEST_CASE("wttr presets below zero and in the southern hemisphere", "[wttr]") {
    const auto w = sydney();
    CHECK(preset("3", w) == "Sydney: \u2600\ufe0f  -5°C\n");
    CHECK(preset("3", w, LineUnits::uscs) == "Sydney: \u2600\ufe0f  +23°F\n");
    // No wind in the answer: %w is "", as wttr.in's missing values are.
    CHECK(preset("2", w) == "\u2600\ufe0f  \U0001f321\ufe0f-5°C \U0001f32c\ufe0f\n");
}

TEST_CASE("wttr % codes of the observation, both unit systems", "[wttr]") {
    const auto w = wttr_samples::paris();
    CHECK(line("%c", w) == "\u2601\ufe0f ");
    CHECK(line("%C", w) == "Overcast clouds");
    CHECK(line("%x", w) == "mmm");
    CHECK(line("%i", w) == "122");
    CHECK(line("%t|%f", w) == "+8°C|+6°C");
    CHECK(line("%t|%f", w, LineUnits::uscs) == "+47°F|+43°F");
    CHECK(line("%w", w) == "↗11km/h");
    CHECK(line("%w", w, LineUnits::uscs) == "↗7mph");
    CHECK(line("%w", w, LineUnits::metric_ms) == "↗3m/s");
    CHECK(line("%p", w, LineUnits::uscs) == "0.01 in");
    CHECK(line("%h %p %P %u", w) == "81% 0.2mm 1013hPa 3");
    CHECK(line("%e", w) == "+5°C");  // Magnus: 8.3 °C at 81 % is 5.2 °C
    CHECK(line("%e", w, LineUnits::uscs) == "+41°F");
    CHECK(line("%l", w) == "Paris");
    CHECK(line("%T", w) == "14:00:00+0200");
    CHECK(line("%T", sydney()) == "22:00:00+1000");
}

TEST_CASE("wttr % codes: missing values are empty, unknown codes stay as written", "[wttr]") {
    auto w = sydney();
    w.condition = Condition{};
    CHECK(line("%h|%p|%P|%u|%f|%w|%e|%o|%H|%L", w) == "|||||||||");
    CHECK(line("%c|%x|%i", w) == "\u2728 |?|");
    CHECK(line("%Y %q %% %", w) == "%Y %q %% %");
    w.timezone_offset.reset();
    CHECK(line("%T", w).empty());
}

TEST_CASE("wttr % codes: + is a space before here, \\n a newline, a custom format ends bare", "[wttr]") {
    const auto w = wttr_samples::paris();
    CHECK(line("%l:\\n%t\\n", w) == "Paris:\n+8°C\n");
    CHECK(line("%l: %t\n\n", w) == "Paris: +8°C");
}

TEST_CASE("wttr % codes of the forecast: today's high and low, the chance of rain", "[wttr]") {
    const auto w = wttr_samples::paris();
    Forecast f;
    f.timezone_offset = 7200;
    ForecastDay day;
    day.date = "2026-06-21";
    day.temp_min = 280.15;
    day.temp_max = 295.15;
    f.daily.push_back(day);
    ForecastStep before;
    before.time = k_now - 3600;
    before.precipitation_probability = 90;
    ForecastStep dry;
    dry.time = k_now + 7200;
    dry.precipitation_probability = 0;  // wttr.in writes no 0 %
    ForecastStep under_way;
    under_way.time = k_now + 3600;
    under_way.precipitation_probability = 40;
    f.hourly = {before, under_way};
    CHECK(line("%H %L %o", w, LineUnits::metric, &f) == "+22°C +7°C 40%");
    CHECK(line("%H %L", w, LineUnits::uscs, &f) == "+72°F +45°F");
    f.hourly = {before, dry};
    CHECK(line("%o", w, LineUnits::metric, &f).empty());
    CHECK(line("%H %L %o", w) == "  ");
    CHECK(wttr::line_wants_forecast("%l %H"));
    CHECK_FALSE(wttr::line_wants_forecast("%l: %c %t\\n"));
}

TEST_CASE("wttr sky codes: the place's sun and moon today, both hemispheres", "[wttr]") {
    for (const auto& w : {wttr_samples::paris(), sydney()}) {
        auto place = sky_place_at(*w.lat, *w.lon);
        REQUIRE(place);
        auto date = local_date(place->zone, std::chrono::sys_seconds{std::chrono::seconds{k_now}});
        REQUIRE(date);
        auto sky = sky_on(*place, *date, true);
        REQUIRE(sky);
        CHECK(line("%D %S %z %s %d", w) == clock_of(sky->sun.dawn) + " " + clock_of(sky->sun.sunrise) + " " +
                                               clock_of(sky->sun.noon) + " " + clock_of(sky->sun.sunset) +
                                               " " + clock_of(sky->sun.dusk));
        CHECK(line("%Z", w) == place->zone);
        CHECK(line("%m", w) == std::string(moon_emoji(sky->moon.phase, *w.lat)));
        CHECK(line("%M", w) == std::to_string(static_cast<int>(sky->moon.age_days)));
    }
    CHECK(line("%Z", wttr_samples::paris()) == "Europe/Paris");
    CHECK(line("%Z", sydney()) == "Australia/Sydney");
    CHECK(line("%S", wttr_samples::paris()).starts_with("05:"));  // midsummer in Paris: sunrise 05:47 local
}

namespace {

// What a stand-in upstream answered for every place: San Francisco's name and coordinates.
Weather upstream_san_francisco(Location asked) {
    auto w = wttr_samples::paris();
    w.location = std::move(asked);
    w.place_name = "San Francisco";
    w.lat = 37.765;
    w.lon = -122.389;
    return w;
}

std::string sun_line(double lat, double lon) {
    auto place = sky_place_at(lat, lon);
    REQUIRE(place);
    auto date = local_date(place->zone, std::chrono::sys_seconds{std::chrono::seconds{k_now}});
    REQUIRE(date);
    auto sky = sky_on(*place, *date, true);
    REQUIRE(sky);
    return clock_of(sky->sun.dawn) + " " + clock_of(sky->sun.sunrise) + " " + clock_of(sky->sun.noon) + " " +
           clock_of(sky->sun.sunset) + " " + clock_of(sky->sun.dusk);
}

}  // namespace

TEST_CASE("wttr sky codes: at the place tenki resolved, not the upstream's coordinates", "[wttr]") {
    // Asked for Paris (tenki's city), answered with San Francisco's coordinates: Paris's sky.
    const auto w =
        upstream_san_francisco(city_location(48.85341, 2.3488, "Paris", "Île-de-France", "fr", 2988507));
    CHECK(line("%D %S %z %s %d", w) == sun_line(48.85341, 2.3488));
    CHECK(line("%D %S %z %s %d", w) != sun_line(37.765, -122.389));
    CHECK(line("%Z", w) == "Europe/Paris");
    CHECK(line("%z", w).starts_with("13:5"));  // solar noon in Paris, 13:53 CEST (San Francisco: 13:11)
    // Coordinates as typed are tenki's place too.
    CHECK(line("%Z", upstream_san_francisco(coordinates_location(-33.8688, 151.2093))) == "Australia/Sydney");
    // A US ZIP code is tenki's place too, at its point of the offline table (tenki moon's): New
    // York's 10001, whatever coordinates the upstream answered with.
    const auto new_york = locate_offline("10001");
    REQUIRE(new_york);
    const auto by_zip = upstream_san_francisco(*parse_location("10001"));
    CHECK(line("%Z", by_zip) == "America/New_York");
    CHECK(line("%D %S %z %s %d", by_zip) == sun_line(new_york->place.lat, new_york->place.lon));
    // A postal code only the provider located: its coordinates are the only ones there are.
    auto postcode = parse_location("SW1A 1AA", "gb");
    REQUIRE(postcode);
    const auto by_code = upstream_san_francisco(*postcode);
    CHECK(line("%Z", by_code) == "America/Los_Angeles");
    CHECK(line("%D %S %z %s %d", by_code) == sun_line(37.765, -122.389));
}

TEST_CASE("wttr's WorldWeatherOnline table covers tenki's vocabulary", "[wttr]") {
    for (const auto& info : conditions()) {
        const auto& c = wttr::wwo_condition(info.kind);
        CHECK_FALSE(c.emoji.empty());
        CHECK_FALSE(c.plain.empty());
        if (info.kind != ConditionKind::unknown) CHECK(c.code.size() == 3);
    }
    CHECK(wttr::wwo_condition(ConditionKind::clear_sky).code == "113");
    CHECK(wttr::wwo_condition(ConditionKind::heavy_rain).code == "308");
}

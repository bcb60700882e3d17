#include "tenki/astronomy/sky_place.hpp"

#include <fmt/format.h>
#include <variant>

#include "tenki/places/place.hpp"
#include "tenki/places/places.hpp"
#include "tenki/places/postal_format.hpp"
#include "tenki/places/time_zone.hpp"
#include "tenki/places/zipdb.hpp"
#include "util/ascii.hpp"

namespace tenki {
namespace {

Result<SkyLocation> at_coordinates(std::string label, double lat, double lon) {
    auto place = sky_place_at(lat, lon);
    if (!place) return tl::unexpected(place.error());
    return SkyLocation{std::move(label), std::move(*place)};
}

Error needs_provider(std::string_view typed) {
    return {ErrorKind::invalid_input,
            fmt::format("\"{}\" is a postal code that only a weather provider can locate, and this "
                        "works offline: give the city or its coordinates instead",
                        util::printable(typed))};
}

// "10115 de": another country's postal code written with its country after a space, which
// parse_place refuses with a hint to write "10115,de"; offline that form fails too, so say at once
// that a provider is needed.
bool is_spaced_foreign_postal_code(std::string_view text) {
    const auto space = text.rfind(' ');
    if (space == std::string_view::npos || text.size() - space != 3) return false;
    const auto country = util::lower(text.substr(space + 1));
    const auto code = text.substr(0, space);
    return country != "us" && find_country(country) && check_postal_code(country, code).has_value();
}

Result<SkyLocation> at_postal_code(const Location& postal, std::string_view typed) {
    if (postal.country != "us") return tl::unexpected(needs_provider(typed));
    auto zip = find_us_zip(postal.postal_code);
    if (!zip) return tl::unexpected(zip.error());
    return at_coordinates(fmt::format("{} {}", zip_label(*zip), zip->zip), zip->lat, zip->lon);
}

}  // namespace

Result<SkyPlace> sky_place_at(double lat, double lon) {
    auto zone = time_zone_at(lat, lon);
    if (!zone) return tl::unexpected(zone.error());
    return SkyPlace{lat, lon, std::string(*zone)};
}

std::optional<SkyPlace> weather_sky_place(const Location& location, std::optional<double> lat,
                                          std::optional<double> lon) {
    auto point = offline_point(location);
    if (!point && lat && lon) point = Coordinates{*lat + 0.0, *lon + 0.0};
    if (!point) return std::nullopt;
    auto place = sky_place_at(point->lat, point->lon);
    if (!place) return std::nullopt;
    return std::move(*place);
}

Result<SkyLocation> locate_offline(std::string_view text, std::string_view country) {
    auto parsed = parse_place(text, country);
    if (!parsed && country.empty() && is_spaced_foreign_postal_code(text))
        return tl::unexpected(needs_provider(text));
    if (!parsed) return tl::unexpected(parsed.error());
    if (const auto* postal = std::get_if<Location>(&*parsed)) return at_postal_code(*postal, text);
    // Coordinates echoed as the weather echoes them ("40.7,-74", however typed).
    if (const auto* at = std::get_if<Coordinates>(&*parsed))
        return at_coordinates(coordinates_text(at->lat, at->lon), at->lat, at->lon);
    auto city = find_city(std::get<CityQuery>(*parsed));
    if (!city) return tl::unexpected(city.error());
    if (city->time_zone.empty()) return at_coordinates(city_label(*city), city->lat, city->lon);
    return SkyLocation{city_label(*city), SkyPlace{city->lat, city->lon, std::string(city->time_zone)}};
}

}  // namespace tenki

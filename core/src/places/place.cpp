#include "tenki/places/place.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "places/city_table.hpp"
#include "places/fold.hpp"
#include "util/ascii.hpp"

namespace tenki {
namespace {

// "-122.4194", "+48", "2.35": an optional sign, digits, an optional fraction. Nothing else.
std::optional<double> decimal(std::string_view text) {
    text = util::trim(text);
    std::string_view digits = text;
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) digits.remove_prefix(1);
    const auto point = digits.find('.');
    const auto whole = digits.substr(0, point);
    const auto fraction = point == std::string_view::npos ? std::string_view("0") : digits.substr(point + 1);
    if (!util::all_digits(whole) || !util::all_digits(fraction)) return std::nullopt;
    if (text.front() == '+') text.remove_prefix(1);
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<Result<PlaceArg>> coordinates(std::string_view text) {
    const auto comma = text.find(',');
    if (comma == std::string_view::npos || text.find(',', comma + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    const auto lat = decimal(text.substr(0, comma));
    const auto lon = decimal(text.substr(comma + 1));
    if (!lat || !lon) return std::nullopt;
    // Named by the part out of range, as typed: the API's lat=/lon= come here joined by a comma.
    const bool lat_out = *lat < -90 || *lat > 90;
    if (lat_out || *lon < -180 || *lon > 180) {
        return fail(
            ErrorKind::invalid_input,
            fmt::format("{} {} is out of range ({}): coordinates are latitude then longitude in "
                        "decimal degrees, such as 37.7749,-122.4194",
                        lat_out ? "latitude" : "longitude",
                        util::printable(util::trim(lat_out ? text.substr(0, comma) : text.substr(comma + 1))),
                        lat_out ? "-90 to 90" : "-180 to 180"));
    }
    return PlaceArg{Coordinates{*lat, *lon}};
}

bool is_city_name(std::string_view name) {
    const auto key = places::fold(name);
    for (const auto* table : {&places::k_name_keys, &places::k_alias_keys}) {
        const auto [lo, hi] = places::key_range(*table, key, true, 0, table->size());
        if (lo < hi) return true;
    }
    return false;
}

bool is_postal_code(std::string_view first_part) {
    if (std::none_of(first_part.begin(), first_part.end(), util::is_digit)) return false;
    const auto digits_and_hyphens = std::all_of(first_part.begin(), first_part.end(),
                                                [](char c) { return util::is_digit(c) || c == '-'; });
    return digits_and_hyphens || !is_city_name(first_part);
}

}  // namespace

Result<PlaceArg> parse_place(std::string_view text, std::string_view country) {
    const auto trimmed = util::trim(text);
    if (trimmed.empty()) {
        return fail(ErrorKind::invalid_input,
                    "no place given; pass a postal code (94107), a city (Paris,FR) or coordinates "
                    "(37.7749,-122.4194)");
    }
    if (auto coords = coordinates(trimmed)) return std::move(*coords);
    if (is_postal_code(util::trim(trimmed.substr(0, trimmed.find(','))))) {
        auto location = parse_location(trimmed, country);
        if (!location) return tl::unexpected(location.error());
        return PlaceArg{std::move(*location)};
    }
    auto city = parse_city_query(trimmed, country);
    if (!city) return tl::unexpected(city.error());
    return PlaceArg{std::move(*city)};
}

}  // namespace tenki

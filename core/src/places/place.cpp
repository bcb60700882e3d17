#include "tenki/places/place.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/core.h>

#include "places/city_table.hpp"
#include "places/fold.hpp"
#include "tenki/places/zipdb.hpp"
#include "util/ascii.hpp"

namespace tenki {
namespace {

enum class Reading { number, not_a_number, too_large, no_number };
struct NumberRead {
    Reading kind = Reading::no_number;
    double value = 0;
};

// What the text is as a number, whole: "37.7", "+48", "-1e400" (too large), "nan", "inf".
NumberRead read_number(std::string_view text) {
    text = util::trim(text);
    if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') text.remove_prefix(1);
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [stop, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || stop != end) return {};
    if (ec == std::errc::result_out_of_range) {
        // Too large, or so small that it is 0 ("1e-400"): the exponent's sign tells which.
        const auto e = text.find_first_of("eE");
        const bool tiny = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
        return tiny ? NumberRead{Reading::number, 0.0} : NumberRead{Reading::too_large};
    }
    if (ec != std::errc()) return {};
    if (std::isnan(value)) return {Reading::not_a_number};
    return {Reading::number, value + 0.0};  // + 0.0: -0 is 0
}

// "37.7749 -122.4194": two numbers split by spaces, one of them with a decimal point or a sign,
// as coordinates are copied from a map. Two whole numbers stay a postal code ("113 51", Sweden).
std::optional<std::size_t> space_between_coordinates(std::string_view text) {
    const auto space = text.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    const auto first = text.substr(0, space), second = util::trim(text.substr(space));
    const auto decimal = [](std::string_view part) {
        return part.find('.') != std::string_view::npos || part.starts_with('-') || part.starts_with('+');
    };
    if (second.find(' ') != std::string_view::npos || !(decimal(first) || decimal(second)) ||
        read_number(first).kind == Reading::no_number || read_number(second).kind == Reading::no_number)
        return std::nullopt;
    return space;
}

std::optional<Result<PlaceArg>> coordinates(std::string_view text) {
    auto comma = text.find(',');
    if (comma == std::string_view::npos) {
        const auto space = space_between_coordinates(text);
        if (!space) return std::nullopt;
        comma = *space;
    } else if (text.find(',', comma + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    const auto lat_text = text.substr(0, comma), lon_text = text.substr(comma + 1);
    // Two numbers of any spelling are coordinates, valid or not: never a city ("nan,nan" is not
    // Nan, Thailand) nor a postal code ("1e308,0").
    if (read_number(lat_text).kind == Reading::no_number ||
        read_number(lon_text).kind == Reading::no_number) {
        return std::nullopt;
    }
    auto lat = parse_coordinate(lat_text, Axis::latitude, "latitude");
    if (!lat) return tl::unexpected(lat.error());
    auto lon = parse_coordinate(lon_text, Axis::longitude, "longitude");
    if (!lon) return tl::unexpected(lon.error());
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

Result<double> parse_coordinate(std::string_view text, Axis axis, std::string_view subject) {
    const bool latitude = axis == Axis::latitude;
    // "lat=NaN" for the API's parameters, "latitude nan" for a place as typed.
    const auto typed =
        fmt::format("{}{}{}", subject, subject.ends_with('=') ? "" : " ", util::printable(util::trim(text)));
    const auto hint = subject.ends_with('=')
                          ? "lat= and lon= are decimal degrees, such as lat=37.7749&lon=-122.4194"
                          : "coordinates are latitude then longitude in decimal degrees, "
                            "such as 37.7749,-122.4194";
    const auto read = read_number(text);
    if (read.kind == Reading::no_number || read.kind == Reading::not_a_number) {
        return fail(ErrorKind::invalid_input, fmt::format("{} is not a number: {}", typed, hint));
    }
    const double limit = latitude ? 90 : 180;
    if (read.kind == Reading::too_large || !(std::fabs(read.value) <= limit)) {
        return fail(ErrorKind::invalid_input,
                    fmt::format("{} is out of range ({} to {}): {}", typed, -limit, limit, hint));
    }
    return read.value;
}

std::string coordinates_text(double lat, double lon) {
    const auto degrees = [](double value) {
        auto text = fmt::format("{:.5f}", value);
        while (text.back() == '0') text.pop_back();
        if (text.back() == '.') text.pop_back();
        return text == "-0" ? std::string("0") : text;
    };
    return degrees(lat) + ", " + degrees(lon);
}

std::optional<Coordinates> offline_point(const Location& location) {
    if (location.place) return Coordinates{location.place->lat + 0.0, location.place->lon + 0.0};
    if (location.country != "us") return std::nullopt;
    const auto zip = lookup_us_zip(location.postal_code);
    if (!zip) return std::nullopt;
    return Coordinates{zip->lat + 0.0, zip->lon + 0.0};
}

namespace {

// "75008,France", "SW1A 1AA, United Kingdom": a country's English name (or short form, "UK") after
// a postal code is its ISO 3166 code, as a city takes it ("Paris,France"); anything else as typed.
std::string with_country_code(std::string_view text) {
    const auto comma = text.find(',');
    if (comma == std::string_view::npos) return std::string(text);
    const auto after = util::trim(text.substr(comma + 1));
    if (after.find(',') != std::string_view::npos) return std::string(text);
    const auto code = places::country_code(after);  // "ca" stays Canada; "UK" is GB
    if (code.empty()) return std::string(text);
    return std::string(text.substr(0, comma)) + "," + util::lower(code);
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
        auto location = parse_location(with_country_code(trimmed), country);
        if (!location) return tl::unexpected(location.error());
        return PlaceArg{std::move(*location)};
    }
    auto city = parse_city_query(trimmed, country);
    if (!city) return tl::unexpected(city.error());
    return PlaceArg{std::move(*city)};
}

}  // namespace tenki

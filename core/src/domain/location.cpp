#include "tenki/domain/location.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/core.h>

#include "tenki/places/postal_format.hpp"
#include "util/ascii.hpp"

namespace tenki {
namespace {

// The longest postal codes in use are 10 characters (US ZIP+4, Iran); a little slack for
// formats written with a space.
constexpr std::size_t k_max_postal_code_length = 12;

std::string in_quotes(std::string_view text) { return fmt::format("\"{}\"", util::printable(text)); }

Result<std::string> parse_country(std::string_view text) {
    auto country = util::lower(util::trim(text));
    if (country.empty()) country = "us";
    const bool valid = country.size() == 2 && std::all_of(country.begin(), country.end(), util::is_letter);
    if (!valid) {
        return fail(
            ErrorKind::invalid_input,
            fmt::format("{} is not a country code; use two letters such as us, gb or jp", in_quotes(text)));
    }
    return country;
}

// Upper-cases letters and folds runs of spaces into one, so "sw1a  1aa" and "SW1A 1AA" are
// the same place (and the same cache key).
Result<std::string> normalise_code(std::string_view text) {
    std::string code;
    for (char c : util::trim(text)) {
        if (c == ' ') {
            if (code.empty() || code.back() != ' ') code += ' ';
        } else if (util::is_letter(c) || util::is_digit(c) || c == '-') {
            code += util::to_upper(c);
        } else if ((c == '.' || c == '+') &&
                   util::trim(text).find_first_not_of("+-.0123456789") == std::string_view::npos) {
            // "37.7749", one half of a point given as two words.
            return fail(ErrorKind::invalid_input,
                        fmt::format("{} is a number, not a postal code: give a point as latitude,longitude "
                                    "in one word, such as 37.7749,-122.4194",
                                    in_quotes(text)));
        } else {
            return fail(ErrorKind::invalid_input,
                        fmt::format("{} is not a postal code: use only letters, digits, spaces and hyphens",
                                    in_quotes(text)));
        }
    }
    if (code.empty()) {
        return fail(ErrorKind::invalid_input, "no postal code given; pass one such as 94107");
    }
    if (code.size() > k_max_postal_code_length) {
        return fail(ErrorKind::invalid_input,
                    fmt::format("{} is too long for a postal code (at most {} characters)", in_quotes(text),
                                k_max_postal_code_length));
    }
    if (std::none_of(code.begin(), code.end(),
                     [](char c) { return util::is_digit(c) || util::is_letter(c); })) {
        return fail(ErrorKind::invalid_input,
                    fmt::format("{} is not a postal code: it has no letter or digit", in_quotes(text)));
    }
    return code;
}

// A code that is no US ZIP code: how to name its country. Its own when its last word is a
// country the rest fits ("10115 DE": "10115,de"), or the one country whose format it fits
// ("SW1A 1AA": "SW1A 1AA,gb"), else neutral ("CODE,CC"): never another country's example.
std::string not_a_zip_message(const std::string& code) {
    const auto space = code.rfind(' ');
    if (space != std::string::npos && code.size() - space == 3) {
        const auto country = util::lower(std::string_view(code).substr(space + 1));
        const auto rest = std::string_view(code).substr(0, space);
        const auto info = find_country(country);
        if (country != "us" && info && check_postal_code(country, rest))
            return fmt::format(
                "{} is not a US ZIP code; for a postal code of {}, put the country after a "
                "comma: \"{},{}\"",
                in_quotes(code), info->name, rest, country);
    }
    if (const auto fitting = countries_fitting(code); fitting.size() == 1)
        return fmt::format(
            "{} is not a US ZIP code; for a postal code of {}, put the country after a comma: \"{},{}\"",
            in_quotes(code), fitting.front().name, code, fitting.front().code);
    return fmt::format(
        "{} is not a US ZIP code: use 5 digits such as 94107 (or ZIP+4 such as 94107-1234), "
        "or name its country after a comma, \"{},CC\" (CC: its ISO 3166 code)",
        in_quotes(code), code);
}

// "94107" as is; "94107-1234" (ZIP+4) reduced to its first five digits.
Result<std::string> us_zip(const std::string& code) {
    const std::string_view view = code;
    if (view.size() == 5 && util::all_digits(view)) return code;
    if (view.size() == 10 && view[5] == '-' && util::all_digits(view.substr(0, 5)) &&
        util::all_digits(view.substr(6))) {
        return code.substr(0, 5);
    }
    return fail(ErrorKind::invalid_input, not_a_zip_message(code));
}

}  // namespace

std::string Location::key() const {
    if (place) return coordinates_key(place->lat, place->lon);
    return postal_code + "," + country;
}

std::string coordinates_key(double lat, double lon) {
    const auto scale = std::pow(10.0, k_place_key_decimals);
    // + 0.0 turns a rounded -0 into 0, so 0.00001 and -0.00001 share a key.
    const auto rounded = [scale](double degrees) { return std::round(degrees * scale) / scale + 0.0; };
    return fmt::format("{:.{}f},{:.{}f}", rounded(lat), k_place_key_decimals, rounded(lon),
                       k_place_key_decimals);
}

Location city_location(double lat, double lon, std::string_view name, std::string_view region,
                       std::string_view country, std::uint32_t geonames_id) {
    return Location{"", util::lower(country),
                    ResolvedPlace{lat + 0.0, lon + 0.0, std::string(name), std::string(region), geonames_id}};
}

Location coordinates_location(double lat, double lon) {
    return Location{"", "", ResolvedPlace{lat + 0.0, lon + 0.0, "", "", 0}};  // + 0.0: never a -0
}

Result<Location> parse_location(std::string_view text, std::string_view default_country) {
    auto code_text = util::trim(text);
    auto country_text = default_country;
    if (const auto comma = code_text.find(','); comma != std::string_view::npos) {
        country_text = code_text.substr(comma + 1);
        code_text = code_text.substr(0, comma);
        if (country_text.find(',') != std::string_view::npos) {
            return fail(ErrorKind::invalid_input,
                        fmt::format("{} has more than one comma; write a postal code and a country "
                                    "such as 94107,us",
                                    in_quotes(text)));
        }
        if (util::trim(country_text).empty()) {
            return fail(ErrorKind::invalid_input,
                        fmt::format("{} has no country after the comma; write one such as 94107,us",
                                    in_quotes(text)));
        }
    }
    auto country = parse_country(country_text);
    if (!country) return tl::unexpected(country.error());
    auto code = normalise_code(code_text);
    if (!code) return tl::unexpected(code.error());
    if (*country == "us") {
        code = us_zip(*code);
        if (!code) return tl::unexpected(code.error());
    } else if (auto fits = check_postal_code(*country, *code); !fits) {
        return tl::unexpected(fits.error());
    }
    return Location{std::move(*code), std::move(*country)};
}

}  // namespace tenki

#include "providers/answered_place.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "tenki/places/place.hpp"
#include "util/ascii.hpp"

namespace tenki::providers_detail {

namespace {

constexpr double k_earth_mean_radius_km = 6371.0088;

// A territory and the country whose postal codes it uses (lower case, ISO 3166-1 alpha-2).
struct PostalDependency {
    std::string_view territory, country;
};

constexpr std::array k_postal_dependencies = {
    // US ZIP codes: the territories and the freely associated states.
    PostalDependency{"pr", "us"}, PostalDependency{"gu", "us"}, PostalDependency{"vi", "us"},
    PostalDependency{"as", "us"}, PostalDependency{"mp", "us"}, PostalDependency{"um", "us"},
    PostalDependency{"fm", "us"}, PostalDependency{"mh", "us"}, PostalDependency{"pw", "us"},
    // French postal codes: the overseas departments and collectivities, and Monaco (980xx).
    PostalDependency{"gp", "fr"}, PostalDependency{"mq", "fr"}, PostalDependency{"gf", "fr"},
    PostalDependency{"re", "fr"}, PostalDependency{"yt", "fr"}, PostalDependency{"pm", "fr"},
    PostalDependency{"bl", "fr"}, PostalDependency{"mf", "fr"}, PostalDependency{"wf", "fr"},
    PostalDependency{"pf", "fr"}, PostalDependency{"nc", "fr"}, PostalDependency{"tf", "fr"},
    PostalDependency{"mc", "fr"},
    // UK postcodes: the Crown Dependencies (GY, JE, IM).
    PostalDependency{"gg", "gb"}, PostalDependency{"je", "gb"}, PostalDependency{"im", "gb"},
    PostalDependency{"ax", "fi"}, PostalDependency{"fo", "dk"}, PostalDependency{"gl", "dk"},
    PostalDependency{"sj", "no"}, PostalDependency{"cx", "au"}, PostalDependency{"cc", "au"},
    PostalDependency{"nf", "au"}, PostalDependency{"sm", "it"}, PostalDependency{"va", "it"},
    PostalDependency{"li", "ch"}};

// The country whose postal system a code's territory uses: itself but for a dependency.
std::string postal_system_of(std::string_view country) {
    const auto lower = util::lower(country);
    for (const auto& d : k_postal_dependencies)
        if (d.territory == lower) return std::string(d.country);
    return lower;
}

double radians(double degrees) { return degrees * std::numbers::pi / 180; }

std::string thousands(double km) {
    const auto digits = fmt::format("{:.0f}", km);
    std::string text;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) text.push_back(',');
        text.push_back(digits[i]);
    }
    return text;
}

std::string named(std::string_view place_name) {
    return place_name.empty() ? std::string("a place") : std::string(place_name);
}

template <typename T>
std::optional<std::string> far_from_asked(const T& answer) {
    const auto& asked = answer.location;
    const auto point = offline_point(asked);
    if (!point || !answer.lat || !answer.lon) return std::nullopt;
    const double km = great_circle_km(point->lat, point->lon, *answer.lat, *answer.lon);
    if (km <= k_elsewhere_km) return std::nullopt;
    const auto what = !asked.place                ? asked.postal_code + "'s point"
                      : asked.place->name.empty() ? std::string("the coordinates asked")
                                                  : asked.place->name;
    return fmt::format("is for {} ({:.2f}, {:.2f}), {} km from {} ({:.2f}, {:.2f})", named(answer.place_name),
                       *answer.lat, *answer.lon, thousands(km), what, point->lat, point->lon);
}

template <typename T>
std::optional<std::string> other_country(const T& answer, std::string_view answered_country) {
    const auto& asked = answer.location;
    if (asked.place || answered_country.empty() || offline_point(asked) ||
        same_postal_system(asked.country, answered_country))
        return std::nullopt;
    return fmt::format("for postal code {} in {} is for {} in {}", asked.postal_code,
                       util::upper(asked.country), named(answer.place_name), util::upper(answered_country));
}

template <typename T>
Result<T> refuse(Result<T> answer, const std::optional<std::string>& why, std::string_view whose) {
    if (!why) return answer;
    return tl::unexpected(Error{ErrorKind::bad_response,
                                fmt::format("{} {}: not shown as its weather; try again later or choose "
                                            "another provider with --provider",
                                            whose, *why)});
}

}  // namespace

double great_circle_km(double lat1, double lon1, double lat2, double lon2) {
    // The haversine formula, well conditioned for small distances.
    const double dlat = radians(lat2 - lat1);
    const double dlon = radians(lon2 - lon1);
    const double h = std::pow(std::sin(dlat / 2), 2) +
                     std::cos(radians(lat1)) * std::cos(radians(lat2)) * std::pow(std::sin(dlon / 2), 2);
    return 2 * k_earth_mean_radius_km * std::asin(std::min(1.0, std::sqrt(h)));
}

bool same_postal_system(std::string_view country_a, std::string_view country_b) {
    return postal_system_of(country_a) == postal_system_of(country_b);
}

Result<Weather> refuse_far(Result<Weather> answer, std::string_view whose) {
    const auto why = answer ? far_from_asked(*answer) : std::nullopt;
    return refuse(std::move(answer), why, whose);
}

Result<Forecast> refuse_far(Result<Forecast> answer, std::string_view whose) {
    const auto why = answer ? far_from_asked(*answer) : std::nullopt;
    return refuse(std::move(answer), why, whose);
}

Result<Weather> refuse_other_country(Result<Weather> answer, std::string_view answered_country,
                                     std::string_view whose) {
    const auto why = answer ? other_country(*answer, answered_country) : std::nullopt;
    return refuse(std::move(answer), why, whose);
}

Result<Forecast> refuse_other_country(Result<Forecast> answer, std::string_view answered_country,
                                      std::string_view whose) {
    const auto why = answer ? other_country(*answer, answered_country) : std::nullopt;
    return refuse(std::move(answer), why, whose);
}

}  // namespace tenki::providers_detail

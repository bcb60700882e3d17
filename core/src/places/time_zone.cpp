#include "tenki/places/time_zone.hpp"

#include <fmt/core.h>
#include <cmath>
#include <cstddef>

#include "places/city_table.hpp"

namespace tenki {
namespace {

#include "places/tz_lookup_data.inc"

// One node of the quadtree: two characters of the alphabet '#'..'Z', base 56.
long tz_node(std::size_t at) {
    const auto hi = static_cast<unsigned char>(k_tz_tree[at]);
    const auto lo = static_cast<unsigned char>(k_tz_tree[at + 1]);
    return 56L * hi + lo - 1995;
}

}  // namespace

// tz.js's lookup, step for step (scripts/gen-tz-lookup.py checks the package still does this):
// a 48 x 24 grid of roots, then each node either a zone (>= 3136 - zone count) or four children.
Result<std::string_view> time_zone_at(double lat, double lon) {
    if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180))
        return fail(ErrorKind::invalid_input,
                    fmt::format("coordinates {},{} are out of range (latitude -90 to 90, longitude "
                                "-180 to 180)",
                                lat, lon));
    if (lat >= 90) return std::string_view("Etc/GMT");
    const long zones = static_cast<long>(k_tz_zone_count);
    double x = 48 * (180 + lon) / 360.00000000000006;
    double y = 24 * (90 - lat) / 180.00000000000003;
    long col = static_cast<long>(x), row = static_cast<long>(y);
    long node = tz_node(static_cast<std::size_t>(96 * row + 2 * col));
    long parent = -1;
    while (node + zones < 3136) {
        parent = parent + node + 1;
        y = std::fmod(2 * (y - static_cast<double>(row)), 2);
        row = static_cast<long>(y);
        x = std::fmod(2 * (x - static_cast<double>(col)), 2);
        col = static_cast<long>(x);
        const long at = 8 * parent + 4 * row + 2 * col + 2304;
        if (at < 0 || static_cast<std::size_t>(at) + 1 >= k_tz_tree_size)
            return fail(ErrorKind::internal, "the time zone table is damaged");
        node = tz_node(static_cast<std::size_t>(at));
    }
    const long zone = node + zones - 3136;
    if (zone < 0 || zone >= zones) return fail(ErrorKind::internal, "the time zone table is damaged");
    return std::string_view(k_tz_zones[zone]);
}

std::string_view country_at(double lat, double lon) {
    const auto zone = time_zone_at(lat, lon);
    return zone ? places::zone_country(*zone) : std::string_view();
}

std::string_view time_zone_attribution() {
    return "Time zones: @photostructure/tz-lookup 11.7.0 (CC0), from timezone-boundary-builder "
           "(OpenStreetMap contributors, ODbL)";
}

}  // namespace tenki

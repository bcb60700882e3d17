#include "format/presentation.hpp"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string_view>

#include <fmt/format.h>

#include "tenki/format/icons.hpp"
#include "tenki/lang/cldr.hpp"
#include "tenki/lang/translate.hpp"
#include "tenki/places/place.hpp"
#include "util/ascii.hpp"

namespace tenki::format {

std::string_view compass_point(int degrees) {
    static constexpr std::array<std::string_view, 16> k_points = {
        N_("N"), N_("NNE"), N_("NE"), N_("ENE"), N_("E"), N_("ESE"), N_("SE"), N_("SSE"),
        N_("S"), N_("SSW"), N_("SW"), N_("WSW"), N_("W"), N_("WNW"), N_("NW"), N_("NNW")};
    const int normalised = ((degrees % 360) + 360) % 360;
    // Each point covers 22.5°, centred on it: N is [348.75, 11.25).
    const auto index = static_cast<std::size_t>((normalised * 2 + 22) / 45) % k_points.size();
    return k_points[index];
}

std::string_view condition_symbol(const Condition& condition) {
    const bool night = !condition.icon.empty() && condition.icon.back() == 'n';
    return condition_glyph(condition.kind, IconSet::emoji, night);
}

PlaceEcho place_echo(const Location& location, std::string_view provider_name, std::optional<double> lat,
                     std::optional<double> lon) {
    // Every output of a place's coordinates passes here: + 0.0 turns a -0 (typed, or the
    // provider's) into 0, as README promises.
    const auto unsigned_zero = [](std::optional<double> degrees) {
        return degrees ? std::optional<double>(*degrees + 0.0) : std::nullopt;
    };
    const auto& place = location.place;
    if (!place) return {util::without_controls(provider_name), "", unsigned_zero(lat), unsigned_zero(lon)};
    auto name = place->name.empty() ? util::without_controls(provider_name) : place->name;
    return {std::move(name), place->region, place->lat + 0.0, place->lon + 0.0};
}

PlaceEcho place_fields(const Location& location, std::string_view provider_name,
                       std::string_view provider_region, std::optional<double> lat,
                       std::optional<double> lon) {
    auto echo = place_echo(location, provider_name, lat, lon);
    if (!location.place) echo.region = util::without_controls(provider_region);
    return echo;
}

std::string place_label(std::string_view name, std::string_view region) {
    std::string label(name);
    if (!region.empty()) label += (label.empty() ? "" : ", ") + std::string(region);
    return label;
}

std::string place_heading(const Location& location, std::string_view provider_name, std::string_view area,
                          Language language) {
    const auto echo = place_echo(location, provider_name, std::nullopt, std::nullopt);
    if (!location.place) {
        auto where = fmt::format("{} {}", util::upper(location.country), location.postal_code);
        if (!area.empty())
            where +=
                " " + fmt::format(fmt::runtime(tr(language, "(the {} area)")), util::without_controls(area));
        return echo.name.empty() ? where : fmt::format("{}, {}", echo.name, where);
    }
    std::string label = echo.name;
    for (const auto& part : {echo.region, util::upper(location.country)}) {
        if (part.empty()) continue;
        label += label.empty() ? part : ", " + part;
    }
    const auto coordinates = coordinates_text(*echo.lat, *echo.lon);  // as moon echoes a point
    return label.empty() ? coordinates : fmt::format("{} ({})", label, coordinates);
}

std::string capitalised(std::string_view text) {
    std::string out(text);
    if (!out.empty()) out[0] = util::to_upper(out[0]);
    return out;
}

namespace {

// The upper-case letter of a lower-case one in the two-byte UTF-8 range (U+0080-U+07FF) of the
// languages tenki speaks, or the code point itself.
char32_t upper_letter(char32_t c, Language language) {
    if (c == U'i' && language == Language::tr) return U'\u0130';
    if (c >= U'a' && c <= U'z') return c - 0x20;
    if (c == 0x131) return U'I';  // dotless ı, Turkish
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x430 && c <= 0x44F)) return c - 0x20;
    if (c >= 0x450 && c <= 0x45F) return c - 0x50;
    if (c == 0x491) return 0x490;
    const bool odd_lower = (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
    const bool even_lower = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if ((odd_lower && c % 2 == 1) || (even_lower && c % 2 == 0)) return c - 1;
    return c;
}

std::string utf8_of(char32_t c) {
    if (c < 0x80) return std::string(1, static_cast<char>(c));
    if (c < 0x800) return {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    return {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
            static_cast<char>(0x80 | (c & 0x3F))};
}

}  // namespace

std::string capitalised(std::string_view text, Language language) {
    if (language == Language::en || text.empty()) return capitalised(text);
    char32_t first = 0;
    const auto length = util::utf8_sequence(text, 0, first);
    if (length == 0) return std::string(text);
    return utf8_of(upper_letter(first, language)) + std::string(text.substr(length));
}

std::string condition_words(const Condition& condition, Language language) {
    const auto& source = condition.description.empty() ? condition.main : condition.description;
    if (language == Language::en || condition.kind == ConditionKind::unknown)
        return util::without_controls(source);
    return std::string(tr(language, condition_info(condition.kind).description));
}

std::string condition_group(const Condition& condition, Language language) {
    // The vocabulary's group words (condition.cpp's table), marked for scripts/update-po.py.
    [[maybe_unused]] static constexpr std::array k_groups = {
        N_("Thunderstorm"), N_("Drizzle"), N_("Rain"),  N_("Snow"),   N_("Clear"),
        N_("Clouds"),       N_("Mist"),    N_("Smoke"), N_("Haze"),   N_("Dust"),
        N_("Fog"),          N_("Sand"),    N_("Ash"),   N_("Squall"), N_("Tornado")};
    if (language == Language::en || condition.kind == ConditionKind::unknown)
        return util::without_controls(condition.main);
    return std::string(tr(language, condition_info(condition.kind).main));
}

std::string described(const Condition& condition, Language language) {
    return language == Language::en ? condition.description : condition_words(condition, language);
}

std::string_view compass_point(int degrees, Language language) {
    return tr(language, compass_point(degrees));
}

double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double result = std::round(value * scale) / scale;
    return result == 0.0 ? 0.0 : result;  // -0.0 == 0.0: the zero without its sign
}

std::string fixed(double value, int decimals) {
    return fmt::format("{:.{}f}", rounded(value, decimals), decimals);
}

std::string fixed(double value, int decimals, Language language) {
    return with_decimal_separator(fixed(value, decimals), language);
}

std::string with_decimal_separator(std::string text, Language language) {
    if (language == Language::en) return text;
    const auto point = text.find('.');
    if (point != std::string::npos) text.replace(point, 1, cldr_names(language).decimal);
    return text;
}

std::string with_unit(std::string_view number, CldrUnit unit, Language language) {
    if (language == Language::en) return fmt::format("{} {}", number, unit_symbol(unit, language));
    return fmt::format(fmt::runtime(cldr_names(language).units[static_cast<std::size_t>(unit)]), number);
}

std::string unit_symbol(CldrUnit unit, Language language) {
    static constexpr std::array<std::string_view, 9> k_english = {"h",  "min", "s",  "m/s", "mph",
                                                                  "mm", "km",  "mi", "hPa"};
    const auto index = static_cast<std::size_t>(unit);
    if (language == Language::en) return std::string(k_english[index]);
    std::string_view pattern = cldr_names(language).units[index];
    const auto at = pattern.find("{}");
    // The unit is on one side of the number; CLDR's space beside it may be a (narrow) no-break one.
    auto symbol = at == 0 ? pattern.substr(2) : pattern.substr(0, at);
    for (const std::string_view space : {" ", "\u00a0", "\u202f"}) {
        if (symbol.starts_with(space)) symbol.remove_prefix(space.size());
        if (symbol.ends_with(space)) symbol.remove_suffix(space.size());
    }
    return std::string(symbol);
}

CldrUnit speed_cldr_unit(Units units) {
    return units == Units::imperial ? CldrUnit::mile_per_hour : CldrUnit::metre_per_second;
}

std::optional<double> temperature(const std::optional<double>& kelvin, Units units) {
    if (!kelvin) return std::nullopt;
    return convert_temperature(*kelvin, units);
}

std::optional<double> speed(const std::optional<double>& metres_per_second, Units units) {
    if (!metres_per_second) return std::nullopt;
    return convert_speed(*metres_per_second, units);
}

std::string temperature_text(double kelvin, Units units) {
    const auto unit = temperature_unit(units);
    const bool degrees = unit.substr(0, 2) == "°";
    return fmt::format("{}{}{}", fixed(convert_temperature(kelvin, units), 0), degrees ? "" : " ", unit);
}

std::string day_label(const std::string& date, Language language) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return date;
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) return date;
    // English's CLDR names are "Sun" ... "Sat", as before.
    const auto& days = cldr_names(language).weekdays_abbreviated;
    return fmt::format("{} {:02}-{:02}", days[weekday{sys_days{ymd}}.c_encoding()], m, d);
}

std::string visibility_text(int metres, Units units, Language language) {
    if (units == Units::imperial)
        return with_unit(fixed(metres / 1609.344, 1, language), CldrUnit::mile, language);
    return with_unit(fixed(metres / 1000.0, 1, language), CldrUnit::kilometre, language);
}

std::string_view temperature_colour(double kelvin) {
    if (kelvin <= 273.15) return "\x1b[34m";
    if (kelvin < 288.15) return "\x1b[36m";
    if (kelvin < 298.15) return "\x1b[33m";
    return "\x1b[31m";
}

}  // namespace tenki::format

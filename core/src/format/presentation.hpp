#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "tenki/domain/units.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/lang/cldr.hpp"
#include "tenki/lang/language.hpp"

// What the text report, the template and the JSON documents share about showing a value.
namespace tenki::format {

// ANSI SGR codes of the text reports (the weather's and the forecast's): reset, bold, dim.
inline constexpr std::string_view k_reset = "\x1b[0m";
inline constexpr std::string_view k_bold = "\x1b[1m";
inline constexpr std::string_view k_dim = "\x1b[2m";

// A temperature's ANSI colour in the text reports: blue at or below freezing, cyan when cool,
// yellow when mild, red from 25 °C.
std::string_view temperature_colour(double kelvin);

// The 16-point compass direction the wind blows from: 0 "N", 22 "NNE", 293 "WNW", 360 "N".
std::string_view compass_point(int degrees);

// A symbol for the condition ("☀", "🌙" at night, "🌧", ...); "" for an unknown code.
std::string_view condition_symbol(const Condition& condition);

// What {main} shows: OpenWeatherMap's group word ("Rain", "Clouds"), the source's own in English;
// in another language the catalogue's word for the vocabulary's group ("Regen"), the source's for
// an unknown kind. The documents' condition.main stays the source's (a value programs compare).
std::string condition_group(const Condition& condition, Language language);

// "clear sky" -> "Clear sky" (ASCII first letter only; descriptions in other scripts stay).
std::string capitalised(std::string_view text);
// In a language other than English also a first letter of Latin-1, Latin Extended-A or Cyrillic
// ("śnieg" -> "Śnieg", "ясно" -> "Ясно"; Turkish "i" -> "İ"); English as capitalised(text).
std::string capitalised(std::string_view text, Language language);

// What a person reads of a condition: in English the source's own words (its description, else
// its main), as they were; in another language the catalogue's phrase for the vocabulary's kind
// (po/<lang>.po), the source's words for an unknown kind. Controls removed (without_controls).
std::string condition_words(const Condition& condition, Language language);

// The documents' condition.description: the source's as it is in English (the documents' bytes
// unchanged), condition_words' in another language.
std::string described(const Condition& condition, Language language);

// compass_point's name in `language`: "NO" in German, "ЮЗ" in Russian (the catalogue's).
std::string_view compass_point(int degrees, Language language);

// Rounded to `decimals` places, then without the sign of a zero: 26.850000000000023 -> 26.85,
// -0.04 -> 0 at one place (never "-0.0"). The one rounding rule of every output: the text, the
// template, --json, v2 and the page (which shows v2's values).
double rounded(double value, int decimals);

// `value` rounded to `decimals` places and written with exactly that many: fixed(-0.04, 1) "0.0".
std::string fixed(double value, int decimals);
// fixed() with `language`'s decimal separator (CLDR's, cldr_names): fixed(12.25, 1, de) "12,3";
// English's "." as fixed(value, decimals). For what a person reads; JSON keeps its numbers.
std::string fixed(double value, int decimals, Language language);
// A number fmt wrote, its one "." (the decimal point) as `language`'s CLDR separator: "0.25" ->
// "0,25" in German; the text as it is in English or without a point.
std::string with_decimal_separator(std::string text, Language language);

// An amount with its unit as `language` writes it short (CLDR's pattern, cldr_names):
// with_unit("5,7", metre_per_second, ru) "5,7 м/с", ("23", minute, de) "23 Min."; English as tenki
// always wrote it: "5.7 m/s", "23 min", "3 h", "45 s".
std::string with_unit(std::string_view number, CldrUnit unit, Language language);
// The unit alone, for "{} {}" phrases and {speed_unit}: "м/с" in Russian, "m/s" in English.
std::string unit_symbol(CldrUnit unit, Language language);
// The wind speed's unit in `units` (speed_unit's): metre_per_second or mile_per_hour.
CldrUnit speed_cldr_unit(Units units);

std::optional<double> temperature(const std::optional<double>& kelvin, Units units);
std::optional<double> speed(const std::optional<double>& metres_per_second, Units units);

// A temperature in the text reports (weather's and forecast's, on a terminal or not): whole
// degrees, rounded first so no "-0", and the unit as every output writes it (temperature_unit):
// "63°F", "0°C", "290 K". The status bar's default template ({temp:.0f}{temp_unit}) writes the same.
std::string temperature_text(double kelvin, Units units);

// What an answer says of its place: the place tenki resolved (a city of the table, coordinates as
// typed) over what the provider named, so the answer echoes what was chosen.
struct PlaceEcho {
    std::string name;    // "Paris"; for coordinates or a postal code the provider's name; "" for none
    std::string region;  // "Île-de-France", "TX"; "" for none
    std::optional<double> lat, lon;  // degrees
};
PlaceEcho place_echo(const Location& location, std::string_view provider_name, std::optional<double> lat,
                     std::optional<double> lon);
// The v2 documents' place fields, one meaning for every kind of place: name is the place's own
// ("San Francisco", "Paris"), region its first-level division ("CA", "Île-de-France"; "" when
// unknown): the resolved place's, else the provider's.
PlaceEcho place_fields(const Location& location, std::string_view provider_name,
                       std::string_view provider_region, std::optional<double> lat,
                       std::optional<double> lon);
// How the text faces label a provider's place: "San Francisco, CA" (the name alone without a region).
std::string place_label(std::string_view name, std::string_view region);

// The heading of a text answer: "San Francisco, US 94107" ("London, GB SW1A 1AA (the SW1A area)"
// when the answer is for a part of the code), "Paris, Île-de-France, FR (48.85341, 2.3488)" for a
// city, "San Francisco (37.7749, -122.4194)" for coordinates (the provider's name for the point).
// The area's words in `language`.
std::string place_heading(const Location& location, std::string_view provider_name, std::string_view area,
                          Language language = Language::en);

// The v2 documents' location (weather and forecast): postal_code and country (null when none:
// a city has no postal code, coordinates neither), the echo's name, region, lat and lon, a city's
// geonames_id (else null), then the keys of `extra`.
nlohmann::json location_json(const Location& location, const PlaceEcho& echo, nlohmann::json extra);

// The v2 documents' wind "direction": compass_point's 16-point name of the degrees (the one rule
// the text, the bars, the templates and the page use), or null without them. Text a person reads,
// so in the document's language ("ONO" in French); a program reads "deg".
nlohmann::json direction_json(const std::optional<int>& degrees, Language language = Language::en);

// "Mon 06-03" from a local date "2024-06-03"; the text itself when it is no date. In another
// language the weekday is CLDR's abbreviated (format) name: "Mo. 06-03" in German.
std::string day_label(const std::string& date, Language language = Language::en);

// Visibility as a person reads it: miles in imperial, kilometres otherwise. "6.2 mi" ("10,0 km"
// in German: the language's decimal separator).
std::string visibility_text(int metres, Units units, Language language = Language::en);

}  // namespace tenki::format

// The page in tenki's other languages (issue 27): the English page with its words replaced.
#include <array>
#include <memory>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "server/api/documents.hpp"
#include "server/api/reply.hpp"
#include "tenki/lang/cldr.hpp"
#include "tenki/lang/translate.hpp"

namespace tenki::server {

namespace {

// The page's words a person reads, each replaced where it stands quoted in the page's script
// ("Humidity") or between tags in its markup (>Place<). The API's description and the error
// messages stay English, as the CLI's errors do.
constexpr std::array k_page_words = {
    N_("Feels like"),
    N_("Low / high"),
    N_("Humidity"),
    N_("Pressure"),
    N_("Wind"),
    N_("Clouds"),
    N_("Visibility"),
    N_("Sunrise"),
    N_("Sunset"),
    // The sky's block (showSky): its heading, rows and the moon's words.
    N_("Sky"),
    N_("Day length"),
    N_("Moon"),
    N_("lit"),
    N_("new"),
    N_("waxing crescent"),
    N_("first quarter"),
    N_("waxing gibbous"),
    N_("full"),
    N_("waning gibbous"),
    N_("last quarter"),
    N_("waning crescent"),
    N_("polar day (no sunset)"),
    N_("polar night (no sunrise)"),
    N_("Observed"),
    N_("Forecast"),
    N_("The next days"),
    N_("Chance of precipitation"),
    N_("Place"),
    N_("Country"),
    N_("Units"),
    N_("Show the weather"),
    N_("Usual units"),
    N_("No weather this time"),
    N_(" local time ("),
    N_(" from "),
    N_(", gusts "),
    N_("Postal code "),
    // The air quality's block (askAir); "US AQI" and "European AQI" are the CLI's words too.
    N_("Air quality"),
    N_("Asking for the air quality…"),
    N_("The air quality is unavailable right now."),
    N_("US AQI"),
    N_("European AQI"),
    N_("Dominant pollutant"),
};

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// A JavaScript array of CLDR's names: ["So.", "Mo.", ...].
template <std::size_t N>
std::string js_names(const std::array<std::string_view, N>& names) {
    std::string out = "[";
    for (const auto& n : names) out += fmt::format("{}\"{}\"", out.size() > 1 ? ", " : "", n);
    return out + "]";
}

// The page's units in `language` as a JavaScript object: {"m/s": "м/с", "hPa": "гПа", ...}.
std::string js_unit_names(Language language) {
    constexpr std::array<std::pair<std::string_view, CldrUnit>, 5> k_units{
        {{"m/s", CldrUnit::metre_per_second},
         {"mph", CldrUnit::mile_per_hour},
         {"hPa", CldrUnit::hectopascal},
         {"km", CldrUnit::kilometre},
         {"mi", CldrUnit::mile}}};
    std::string out = "{";
    for (const auto& [english, unit] : k_units)
        out += fmt::format("{}\"{}\": \"{}\"", out.size() > 1 ? ", " : "", english,
                           format::unit_symbol(unit, language));
    return out + "}";
}

std::string translated_page(Language language) {
    std::string page(index_page());
    const auto& info = language_info(language);
    replace_all(page, "<html lang=\"en\">", fmt::format("<html lang=\"{}\">", info.tag));
    for (const auto word : k_page_words) {
        const auto words = tr(language, word);
        replace_all(page, fmt::format("\"{}\"", word), fmt::format("\"{}\"", words));
        replace_all(page, fmt::format(">{}<", word), fmt::format(">{}<", words));
    }
    const auto& cldr = cldr_names(language);
    const auto& english = cldr_names(Language::en);
    replace_all(page, js_names(english.weekdays_abbreviated), js_names(cldr.weekdays_abbreviated));
    replace_all(page, js_names(english.months_abbreviated), js_names(cldr.months_abbreviated));
    replace_all(page, "var decimal = \".\", unitNames = {};",
                fmt::format("var decimal = \"{}\", unitNames = {};", cldr.decimal, js_unit_names(language)));
    // The page's own questions ask in its language.
    const auto lang = fmt::format(" + \"&lang={}\", {{", info.tag);
    replace_all(page, "params.toString(), {", "params.toString()" + lang);
    replace_all(page, "query.toString(), {", "query.toString()" + lang);
    return page;
}

}  // namespace

const Document& index_document(Language language) {
    if (language == Language::en) return index_document();
    static const auto k_documents = [] {
        std::vector<std::unique_ptr<const Document>> documents(k_language_count);
        for (const auto& row : k_languages) {
            if (row.language == Language::en) continue;
            auto page = translated_page(row.language);
            auto etag = strong_etag(page);
            documents[static_cast<std::size_t>(row.language)] =
                std::make_unique<const Document>(std::move(page), std::move(etag), true);
        }
        return documents;
    }();
    return *k_documents[static_cast<std::size_t>(language)];
}

}  // namespace tenki::server

#include "tenki/lang/cldr.hpp"

#include <algorithm>
#include <cctype>

namespace tenki {
namespace {

#include "lang/cldr_data.inc"

struct Territory {
    std::string_view code;  // ISO 3166-1 alpha-2, upper case
    std::string_view name;  // CLDR's English name
};

#include "lang/cldr_territories.inc"

static_assert(k_cldr_names.size() == k_language_count, "gen-cldr.py writes one row per language");

}  // namespace

const CldrNames& cldr_names(Language language) { return k_cldr_names[static_cast<std::size_t>(language)]; }

std::optional<std::string_view> territory_name(std::string_view iso3166_alpha2) {
    if (iso3166_alpha2.size() != 2) return std::nullopt;
    char code[2];
    for (std::size_t i = 0; i < 2; ++i)
        code[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(iso3166_alpha2[i])));
    const std::string_view key(code, 2);
    const auto* found = std::lower_bound(k_territories.begin(), k_territories.end(), key,
                                         [](const Territory& t, std::string_view k) { return t.code < k; });
    if (found == k_territories.end() || found->code != key) return std::nullopt;
    return found->name;
}

std::string_view cldr_version() {
    return "Unicode CLDR 48.2.0 (cldr-core, cldr-dates-full, cldr-numbers-full, cldr-units-full, "
           "cldr-localenames-full; Unicode licence v3)";
}

}  // namespace tenki

#include "tenki/lang/cldr.hpp"

namespace tenki {
namespace {

#include "lang/cldr_data.inc"

static_assert(k_cldr_names.size() == k_language_count, "gen-cldr.py writes one row per language");

}  // namespace

const CldrNames& cldr_names(Language language) { return k_cldr_names[static_cast<std::size_t>(language)]; }

std::string_view cldr_version() {
    return "Unicode CLDR 48.2.0 (cldr-core, cldr-dates-full, cldr-numbers-full, cldr-units-full; Unicode "
           "licence v3)";
}

}  // namespace tenki

#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/lang/language.hpp"

namespace tenki {

// Marks an English string for scripts/update-po.py where it is not passed to tr() directly (a
// table's row): the string itself, translated later with tr(language, it).
constexpr std::string_view N_(std::string_view english) { return english; }

// `english` in `language`, from tenki's gettext catalogue po/<po>.po (compiled by msgfmt and
// embedded at build time; read in place, nothing is loaded before a non-English language is asked
// for). English is `english` itself, byte for byte. A string the catalogue lacks falls back to
// English for that string alone and is counted (untranslated_lookups). A translation with "{}"
// keeps the English one's placeholders in order (a unit test holds every catalogue to it).
std::string_view tr(Language language, std::string_view english);

// ngettext's: the singular or plural form of a string that counts `n`, as the language's plural
// rule (its catalogue's Plural-Forms) picks; English: singular for 1, plural otherwise.
std::string_view trn(Language language, std::string_view singular, std::string_view plural, std::int64_t n);

// Every msgid of po/tenki.pot (the template scripts/update-po.py extracts from the sources), in its order.
std::vector<std::string> translatable_strings();

// The msgids `language`'s catalogue lacks or leaves empty (none for English): `tenki check`
// lists them, a unit test holds them empty for every language.
std::vector<std::string> missing_translations(Language language);

// How many lookups in `language` fell back to English since the process started.
std::uint64_t untranslated_lookups(Language language);

}  // namespace tenki

#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/error.hpp"

namespace tenki {

// The languages tenki speaks (issue 27), English first. What a person reads is translated at
// render time from these; what an upstream writes (place names, alert headlines) and error
// messages and logs stay as they are.
enum class Language : std::uint8_t {
    en,
    de,
    fr,
    ru,
    zh_hans,
    zh_hant,
    pt_br,
    pt_pt,
    tr,
    ja,
    es,
    pl,
    it,
    uk,
    da
};

// One row of the language table. `tag` is the BCP 47 tag tenki answers with (Content-Language, the
// error's list); `po` names po/<po>.po; `cldr` the CLDR locale its names and numbers come from.
struct LanguageInfo {
    Language language;
    std::string_view tag;   // "pt-BR"
    std::string_view po;    // "pt_BR"
    std::string_view cldr;  // "pt", CLDR's default content for pt-BR
    std::string_view name;  // "Português (Brasil)", the language's own name for itself
};

// The table, in Language's order (a static_assert holds it there).
inline constexpr std::array<LanguageInfo, 15> k_languages{{
    {Language::en, "en", "en", "en", "English"},
    {Language::de, "de", "de", "de", "Deutsch"},
    {Language::fr, "fr", "fr", "fr", "Français"},
    {Language::ru, "ru", "ru", "ru", "Русский"},
    {Language::zh_hans, "zh-Hans", "zh_Hans", "zh", "简体中文"},
    {Language::zh_hant, "zh-Hant", "zh_Hant", "zh-Hant", "繁體中文"},
    {Language::pt_br, "pt-BR", "pt_BR", "pt", "Português (Brasil)"},
    {Language::pt_pt, "pt-PT", "pt_PT", "pt-PT", "Português (Portugal)"},
    {Language::tr, "tr", "tr", "tr", "Türkçe"},
    {Language::ja, "ja", "ja", "ja", "日本語"},
    {Language::es, "es", "es", "es", "Español"},
    {Language::pl, "pl", "pl", "pl", "Polski"},
    {Language::it, "it", "it", "it", "Italiano"},
    {Language::uk, "uk", "uk", "uk", "Українська"},
    {Language::da, "da", "da", "da", "Dansk"},
}};
inline constexpr std::size_t k_language_count = k_languages.size();
constexpr bool languages_in_order() {
    for (std::size_t i = 0; i < k_languages.size(); ++i)
        if (static_cast<std::size_t>(k_languages[i].language) != i) return false;
    return true;
}
static_assert(languages_in_order(), "k_languages has one row per Language, in the enum's order");
const LanguageInfo& language_info(Language language);

// A BCP 47 tag (RFC 5646) or a POSIX locale name mapped to a language tenki speaks, as CLDR's
// parent locales and likely subtags have it: any case, "_" or "-" ("pt_BR" = "pt-BR"), a POSIX
// ".UTF-8" codeset and "@modifier" dropped. pt and pt-BR are Brazilian, pt-PT (and pt-AO, pt-MZ,
// ...) European; zh, zh-CN, zh-SG, zh-Hans simplified; zh-TW, zh-HK, zh-MO, zh-Hant traditional;
// any region of another language is that language (de-AT German). nullopt for anything else,
// "C" and "POSIX" included.
std::optional<Language> match_language(std::string_view tag);

// A language asked for explicitly (--lang, config lang, TENKI_LANG, ?lang=): match_language, or
// invalid_input naming the supported tags.
Result<Language> parse_language(std::string_view tag);

// The language of a locale from the environment: LC_ALL, then LC_MESSAGES, then LANG (POSIX's
// order: the first set and non-empty one decides); English for a locale tenki does not speak.
Language language_from_locale(std::optional<std::string_view> lc_all,
                              std::optional<std::string_view> lc_messages,
                              std::optional<std::string_view> lang);

// An Accept-Language header (RFC 9110 §12.5.4): the supported language of highest q-value (ties
// to the earlier range); q=0 excludes; "*" is English; English when nothing matches or the header
// is malformed.
Language negotiate_language(std::string_view accept_language);

// "en, de, fr, ...": every supported tag, for messages and the man page.
std::string supported_language_tags();

}  // namespace tenki

#include <catch2/catch.hpp>

#include "tenki/lang/language.hpp"

using namespace tenki;

TEST_CASE("language tags match in any case, with - or _", "[lang]") {
    CHECK(match_language("de") == Language::de);
    CHECK(match_language("DE") == Language::de);
    CHECK(match_language("de-AT") == Language::de);
    CHECK(match_language("pt_BR") == Language::pt_br);
    CHECK(match_language("pt-br") == Language::pt_br);
    CHECK(match_language("PT_pt") == Language::pt_pt);
    CHECK(match_language(" ja ") == Language::ja);
    CHECK(match_language("en-GB") == Language::en);
    CHECK(match_language("uk-UA") == Language::uk);
    CHECK(match_language("da-DK") == Language::da);
}

TEST_CASE("POSIX locales lose their codeset and modifier", "[lang]") {
    CHECK(match_language("de_DE.UTF-8") == Language::de);
    CHECK(match_language("fr_FR@euro") == Language::fr);
    CHECK(match_language("ru_RU.KOI8-R@modifier") == Language::ru);
    CHECK(match_language("C") == std::nullopt);
    CHECK(match_language("POSIX") == std::nullopt);
    CHECK(match_language("C.UTF-8") == std::nullopt);
    CHECK(match_language("") == std::nullopt);
    CHECK(match_language("ko_KR.UTF-8") == std::nullopt);
}

TEST_CASE("CLDR's mapping: pt and pt-BR Brazilian, pt-PT European", "[lang]") {
    CHECK(match_language("pt") == Language::pt_br);
    CHECK(match_language("pt-BR") == Language::pt_br);
    CHECK(match_language("pt-PT") == Language::pt_pt);
    CHECK(match_language("pt-AO") == Language::pt_pt);
}

TEST_CASE("CLDR's mapping: zh simplified, zh-TW, zh-HK and zh-Hant traditional", "[lang]") {
    for (const auto* tag : {"zh", "zh-CN", "zh-Hans", "zh_CN.UTF-8", "zh-SG", "zh-Hans-HK"})
        CHECK(match_language(tag) == Language::zh_hans);
    for (const auto* tag : {"zh-TW", "zh-HK", "zh-Hant", "zh-MO", "zh_TW.UTF-8", "zh-Hant-CN"})
        CHECK(match_language(tag) == Language::zh_hant);
}

TEST_CASE("an unknown language given explicitly names the supported ones", "[lang]") {
    const auto bad = parse_language("ko");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().kind == ErrorKind::invalid_input);
    CHECK_THAT(bad.error().message,
               Catch::Contains("\"ko\"") && Catch::Contains("en, de, fr, ru, zh-Hans, zh-Hant, "
                                                            "pt-BR, pt-PT, tr, ja, es, pl, it, uk, da"));
    CHECK_FALSE(parse_language("de-"));
    CHECK_FALSE(parse_language("x"));
    CHECK(parse_language("Pt_Pt").value() == Language::pt_pt);
}

TEST_CASE("the environment's locale: LC_ALL, then LC_MESSAGES, then LANG; else English", "[lang]") {
    CHECK(language_from_locale("de_DE.UTF-8", "fr_FR.UTF-8", "ja_JP.UTF-8") == Language::de);
    CHECK(language_from_locale(std::nullopt, "fr_FR.UTF-8", "ja_JP.UTF-8") == Language::fr);
    CHECK(language_from_locale("", "", "ja_JP.UTF-8") == Language::ja);
    CHECK(language_from_locale(std::nullopt, std::nullopt, "ko_KR.UTF-8") == Language::en);
    CHECK(language_from_locale("C", std::nullopt, "de_DE.UTF-8") == Language::en);  // LC_ALL decides
    CHECK(language_from_locale(std::nullopt, std::nullopt, std::nullopt) == Language::en);
}

TEST_CASE("Accept-Language: the supported range of highest q-value", "[lang]") {
    CHECK(negotiate_language("de") == Language::de);
    CHECK(negotiate_language("ko, de;q=0.5, fr;q=0.8") == Language::fr);
    CHECK(negotiate_language("ko-KR,ko;q=0.9,ja;q=0.8,en;q=0.7") == Language::ja);
    CHECK(negotiate_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5") == Language::fr);
    CHECK(negotiate_language("de;q=0.5, pt-PT;q=0.5") == Language::de);  // a tie goes to the earlier
    CHECK(negotiate_language("zh-TW,zh;q=0.9") == Language::zh_hant);
    CHECK(negotiate_language("de;Q=0.3, it;q=0.4") == Language::it);
}

TEST_CASE("Accept-Language: q=0 excludes; nothing supported, or garbage, is English", "[lang]") {
    CHECK(negotiate_language("de;q=0, fr;q=0.1") == Language::fr);
    CHECK(negotiate_language("de;q=0") == Language::en);
    CHECK(negotiate_language("ko, ar") == Language::en);
    CHECK(negotiate_language("") == Language::en);
    CHECK(negotiate_language("*") == Language::en);
    CHECK(negotiate_language("de;q=2") == Language::en);
    CHECK(negotiate_language("de;q=abc") == Language::en);
    CHECK(negotiate_language(";;;,,,") == Language::en);
    CHECK(negotiate_language("de;q=") == Language::en);
}

TEST_CASE("every language's tag matches itself", "[lang]") {
    for (const auto& row : k_languages) {
        CHECK(match_language(row.tag) == row.language);
        CHECK(match_language(row.po) == row.language);
    }
}

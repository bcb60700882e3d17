#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "tenki/domain/condition.hpp"
#include "tenki/lang/cldr.hpp"
#include "tenki/lang/translate.hpp"

using namespace tenki;

namespace {

// The placeholders of a format string, in order: "{}", "{:>5}".
std::vector<std::string> placeholders(std::string_view text) {
    static const std::regex k_field(R"(\{[^{}]*\})");
    std::vector<std::string> found;
    const std::string s(text);
    for (auto it = std::sregex_iterator(s.begin(), s.end(), k_field); it != std::sregex_iterator(); ++it)
        found.push_back(it->str());
    return found;
}

}  // namespace

TEST_CASE("every language translates every string of po/tenki.pot", "[lang]") {
    const auto all = translatable_strings();
    REQUIRE(all.size() > 100);
    for (const auto& row : k_languages) {
        const auto missing = missing_translations(row.language);
        INFO(row.tag << " lacks: " << fmt::format("\"{}\"", fmt::join(missing, "\", \"")));
        CHECK(missing.empty());
    }
}

TEST_CASE("every condition of the vocabulary is a string to translate", "[lang]") {
    const auto all = translatable_strings();
    for (const auto& c : conditions()) {
        INFO(c.name);
        CHECK(std::find(all.begin(), all.end(), c.description) != all.end());
    }
}

TEST_CASE("a translation keeps its English placeholders, in order", "[lang]") {
    for (const auto& row : k_languages) {
        for (const auto& id : translatable_strings()) {
            INFO(row.tag << ": " << id << " -> " << tr(row.language, id));
            CHECK(placeholders(tr(row.language, id)) == placeholders(id));
        }
    }
}

TEST_CASE("English is the string itself; other languages the catalogue's", "[lang]") {
    CHECK(tr(Language::en, "light rain") == "light rain");
    CHECK(tr(Language::de, "light rain") == "leichter Regen");
    CHECK(tr(Language::fr, "overcast clouds") == "couvert");
    CHECK(tr(Language::ja, "clear sky") == "快晴");
    CHECK(tr(Language::pt_br, "drizzle") == "garoa");
    CHECK(tr(Language::pt_pt, "drizzle") == "chuvisco");
    CHECK(tr(Language::zh_hans, "fog") == "雾");
    CHECK(tr(Language::zh_hant, "fog") == "霧");
}

TEST_CASE("a missing string falls back to English for that string alone, and is counted", "[lang]") {
    const auto before = untranslated_lookups(Language::de);
    CHECK(tr(Language::de, "a string no catalogue has") == "a string no catalogue has");
    CHECK(untranslated_lookups(Language::de) == before + 1);
    CHECK(tr(Language::de, "snow") == "Schneefall");
    CHECK(untranslated_lookups(Language::de) == before + 1);
    const auto english = untranslated_lookups(Language::en);
    CHECK(tr(Language::en, "a string no catalogue has") == "a string no catalogue has");
    CHECK(untranslated_lookups(Language::en) == english);
}

TEST_CASE("plural forms follow each language's rule", "[lang]") {
    CHECK(trn(Language::en, "{} day", "{} days", 1) == "{} day");
    CHECK(trn(Language::en, "{} day", "{} days", 5) == "{} days");
    CHECK(trn(Language::ru, "{} day", "{} days", 1) == "{} день");
    CHECK(trn(Language::ru, "{} day", "{} days", 3) == "{} дня");
    CHECK(trn(Language::ru, "{} day", "{} days", 5) == "{} дней");
    CHECK(trn(Language::ru, "{} day", "{} days", 21) == "{} день");
    CHECK(trn(Language::pl, "{} day", "{} days", 22) == "{} dni");
    CHECK(trn(Language::fr, "{} day", "{} days", 0) == "{} jour");
    CHECK(trn(Language::de, "{} day", "{} days", 0) == "{} Tage");
    CHECK(trn(Language::ja, "{} day", "{} days", 7) == "{} 日間");
}

TEST_CASE("CLDR's weekday names and decimal separators", "[lang]") {
    CHECK(cldr_names(Language::en).weekdays_abbreviated[1] == "Mon");
    CHECK(cldr_names(Language::de).weekdays_abbreviated[1] == "Mo.");
    CHECK(cldr_names(Language::fr).months[0] == "janvier");
    CHECK(cldr_names(Language::ja).weekdays_abbreviated[0] == "日");
    CHECK(cldr_names(Language::de).decimal == ",");
    CHECK(cldr_names(Language::en).decimal == ".");
}

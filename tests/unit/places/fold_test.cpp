#include <catch2/catch.hpp>

#include <string>

#include "places/city_table.hpp"
#include "places/fold.hpp"
#include "places/suggest.hpp"

using namespace tenki::places;

TEST_CASE("fold lower-cases, drops accents and apostrophes, and makes any punctuation one space",
          "[places]") {
    CHECK(fold("São Paulo") == "sao paulo");
    CHECK(fold("Saint-Lô") == "saint lo");
    CHECK(fold("  St. John's  ") == "st johns");
    CHECK(fold("Ḩukūmat‘ah") == "hukumatah");  // a modifier-letter apostrophe vanishes
    CHECK(fold("Århus") == "arhus");
    CHECK(fold("--") == "");
    CHECK(fold("Москва") == "Москва");  // no ASCII form known: kept as it is
    CHECK(fold(std::string("ab\xff"
                           "cd")) ==
          "ab\xff"
          "cd");  // not UTF-8: kept, no crash
    CHECK(transliterate("Łódź") == "Lodz");
}

TEST_CASE("compare_folded agrees with fold, and with a prefix limit", "[places]") {
    CHECK(compare_folded("São Paulo", "sao paulo") == 0);
    CHECK(compare_folded("São Paulo", "sao") > 0);
    CHECK(compare_folded("São Paulo", "sao", 3) == 0);
    CHECK(compare_folded("São Paulo", "sao q") < 0);
    CHECK(compare_folded("Sao", "sao paulo") < 0);
}

// The generator sorted the table by its own folding: every key must fold here as it did there,
// or the binary searches miss places. So the names must be sorted as folded here, and every ASCII
// name that folds differently from its name must be among the extra keys.
TEST_CASE("the table is sorted by the names folded here, and every ASCII name is a key", "[places]") {
    std::size_t unsorted = 0, missed = 0;
    std::string previous;
    for (std::size_t i = 0; i < city_count(); ++i) {
        auto key = fold(city_name(i));
        if (key < previous) {
            UNSCOPED_INFO(previous << " > " << key);
            ++unsorted;
        }
        const auto ascii_key = fold(city_at(i).ascii_name);
        if (ascii_key != key && !ascii_key.empty()) {
            auto [lo, hi] = key_range(k_alias_keys, ascii_key, true, 0, k_alias_keys.size());
            bool hit = false;
            for (std::size_t a = lo; a < hi && !hit; ++a) hit = k_alias_keys.city(a) == i;
            if (!hit) {
                UNSCOPED_INFO(city_at(i).ascii_name);
                ++missed;
            }
        }
        previous = std::move(key);
    }
    CHECK(unsorted == 0);
    CHECK(missed == 0);
    for (std::size_t a = 1; a < k_alias_keys.size(); ++a)
        CHECK(k_alias_keys.key(a - 1) <= k_alias_keys.key(a));
}

TEST_CASE("within_one_edit counts a change, an addition, a removal and a swap as one", "[places]") {
    CHECK(within_one_edit("london", "londn"));
    CHECK(within_one_edit("london", "londno"));
    CHECK(within_one_edit("london", "lxndon"));
    CHECK(within_one_edit("london", "londonn"));
    CHECK(within_one_edit("london", "london"));
    CHECK_FALSE(within_one_edit("london", "lodnno"));
    CHECK_FALSE(within_one_edit("london", "lond"));
    CHECK_FALSE(within_one_edit("paris", "sirap"));
}

#include <catch2/catch.hpp>

#include "tenki/util/edit_distance.hpp"

using tenki::edit_distance;
using tenki::nearest_words;

TEST_CASE("edit_distance counts insertions, deletions, substitutions and adjacent swaps", "[util]") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("", "serve") == 5);
    CHECK(edit_distance("serve", "") == 5);
    CHECK(edit_distance("weather", "weather") == 0);
    CHECK(edit_distance("serv", "serve") == 1);       // insertion
    CHECK(edit_distance("tests", "test") == 1);       // deletion
    CHECK(edit_distance("clear", "clean") == 1);      // substitution
    CHECK(edit_distance("waether", "weather") == 1);  // swap of two adjacent letters
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("ca", "abc") == 3);  // optimal string alignment: a swapped pair is not edited again
}

TEST_CASE("nearest_words keeps the near candidates, nearest first, and the ones the word begins", "[util]") {
    const std::vector<std::string> commands{"test",    "integration", "webtest", "clean",
                                            "weather", "serve",       "urls"};
    CHECK(nearest_words("waether", commands) == std::vector<std::string>{"weather"});
    CHECK(nearest_words("tset", commands) == std::vector<std::string>{"test"});
    CHECK(nearest_words("integ", commands) == std::vector<std::string>{"integration"});
    CHECK(nearest_words("bogus", commands).empty());
    CHECK(nearest_words("test", commands).empty());  // the word itself is not offered
    CHECK(nearest_words("tests", commands) == std::vector<std::string>{"test"});
    CHECK(nearest_words("cleaner", commands) == std::vector<std::string>{"clean"});
    CHECK(nearest_words("ur", commands) == std::vector<std::string>{"urls"});
    CHECK(nearest_words("x", commands).empty());
    CHECK(nearest_words("e", {"a", "b", "c", "d"}, 2) == std::vector<std::string>{"a", "b"});
}

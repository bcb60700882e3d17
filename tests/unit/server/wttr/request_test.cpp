#include <catch2/catch.hpp>

#include "server/wttr/request.hpp"

using namespace tenki;
using namespace tenki::wttr;

TEST_CASE("wttr targets: places, presets, the reserved paths win", "[wttr]") {
    CHECK(is_wttr_target("/Paris"));
    CHECK(is_wttr_target("/Paris?format=3"));
    CHECK(is_wttr_target("/S%C3%A3o+Paulo?format=%l:+%c+%t"));
    CHECK(is_wttr_target("/?format=3"));
    CHECK_FALSE(is_wttr_target("/"));
    CHECK_FALSE(is_wttr_target("/?lang=de"));
    CHECK_FALSE(is_wttr_target("/healthz"));
    CHECK_FALSE(is_wttr_target("/metrics?format=3"));
    CHECK_FALSE(is_wttr_target("/api"));
    CHECK_FALSE(is_wttr_target("/api/v2/weather"));
    CHECK_FALSE(is_wttr_target("/Paris/London"));
    CHECK_FALSE(is_wttr_target("/:help"));
}

TEST_CASE("wttr targets: / is the terminal view's for a text client or ?A, the page's for a browser",
          "[wttr]") {
    const auto* firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
    CHECK(is_wttr_target("/", "curl/8.5.0"));
    CHECK(is_wttr_target("/?lang=de", "Wget/1.21.3"));
    CHECK(is_wttr_target("/?A"));
    CHECK(is_wttr_target("/?0AT", firefox));
    CHECK_FALSE(is_wttr_target("/", firefox));
    CHECK_FALSE(is_wttr_target("/?T", firefox));
    CHECK_FALSE(is_wttr_target("/?lang=A", firefox));
    CHECK(is_wttr_target("/Paris", firefox));  // a place: this route answers (the page, for a browser)
    CHECK_FALSE(is_wttr_target("/healthz", "curl/8.5.0"));
    CHECK_FALSE(is_wttr_target("/:help", "curl/8.5.0"));
}

TEST_CASE("wttr targets parse as wttr.in's: places, a tolerant format, option letters", "[wttr]") {
    auto r = parse_wttr_target("/S%C3%A3o+Paulo:London?format=%l:+%c+%t%25&lang=de&mT");
    REQUIRE(r);
    CHECK(r->places == std::vector<std::string>{"São Paulo", "London"});
    CHECK(r->format == "%l: %c %t%");
    CHECK(r->lang == "de");
    CHECK(r->units == LineUnits::metric);
    CHECK(r->no_colour);
    auto u = parse_wttr_target("/?format=3&u&0q");
    REQUIRE(u);
    CHECK(u->places.empty());
    CHECK(u->units == LineUnits::uscs);
    CHECK(u->days == 0);
    CHECK(u->quiet);
    CHECK(parse_wttr_target("/x?M")->units == LineUnits::metric_ms);
    CHECK_FALSE(parse_wttr_target("/Paris::London"));
    CHECK_FALSE(parse_wttr_target("/Paris:"));
    CHECK_FALSE(parse_wttr_target("/Paris?format=%0a"));  // a control character
}

TEST_CASE("wttr's landmark, domain and airport forms are 404 with a sentence", "[wttr]") {
    for (const auto* place : {"~Eiffel Tower", "@github.com", "muc"}) {
        auto form = supported_place_form(place);
        REQUIRE_FALSE(form);
        CHECK(form.error().kind == ErrorKind::not_found);
        CHECK(form.error().message.find("tenki does not") == 0);
    }
    CHECK(supported_place_form("Paris"));
    CHECK(supported_place_form("Ulm,DE"));
    CHECK(supported_place_form("94107"));
}

TEST_CASE("the format= of a target that may not parse: a parameter named format, not one ending so",
          "[wttr]") {
    CHECK(query_format("/Paris?format=j1") == "j1");
    CHECK(query_format("/~Eiffel+Tower?lang=de&format=j2") == "j2");
    CHECK(query_format("/Paris?format=%l:+%c") == "%l: %c");
    CHECK(query_format("/Paris?format=3&format=j1") == "3");  // the first wins, as the parser's (Flask's)
    const auto twice = parse_wttr_target("/Paris?format=3&lang=de&format=j1&lang=fr");
    REQUIRE(twice);
    CHECK(twice->format == "3");
    CHECK(twice->lang == "de");
    CHECK(query_format("/Paris?format") == "");         // given, empty: not the page
    CHECK(query_format("/Paris?%66ormat=j1") == "j1");  // the name decoded, as the parser's
    CHECK(query_format("/Paris?format=%0a") == "%0a");  // a control character: as written
    CHECK_FALSE(query_format("/Paris?xformat=3"));
    CHECK_FALSE(query_format("/Paris?xformat=j1&formats=j2"));
    CHECK_FALSE(query_format("/Paris"));
    CHECK_FALSE(query_format("/format=j1"));
    // The parser agrees on each: the same format, or none.
    for (const auto* target :
         {"/Paris?format=j1", "/Paris?xformat=3", "/Paris?format", "/Paris?%66ormat=j1"}) {
        INFO(target);
        CHECK(parse_wttr_target(target)->format == query_format(target));
    }
}

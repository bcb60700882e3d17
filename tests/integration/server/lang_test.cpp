// The API in tenki's languages (issue 27): ?lang= and Accept-Language on a real `tenki serve`.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "support/http_client.hpp"
#include "support/served_tenki.hpp"
#include "support/tenki_shell.hpp"

using namespace tenki::test;
using nlohmann::json;

namespace {

struct LangServe : ServedTenki {
    LangServe() : ServedTenki({{}, "k3y-for-lang-tests", 2, true}) {}
    HttpAnswer get(const std::string& target, const std::string& accept_language = "") const {
        HttpClient client(port);
        if (accept_language.empty()) return client.call("GET", target);
        return client.call("GET", target, {{"Accept-Language", accept_language}});
    }
};

std::string description(const HttpAnswer& a) { return json::parse(a.body)["condition"]["description"]; }

}  // namespace

TEST_CASE("?lang= translates the v2 document's description; English stays byte for byte, one upstream call",
          "[integration][server][lang]") {
    LangServe s;
    const auto before = s.get("/api/v2/weather?postalcode=94107");
    const auto de = s.get("/api/v2/weather?postalcode=94107&lang=de");
    const auto ja = s.get("/api/v2/weather?postalcode=94107&lang=JA");
    const auto after = s.get("/api/v2/weather?postalcode=94107");
    REQUIRE(before.status == 200);
    REQUIRE(de.status == 200);
    CHECK(description(before) == "few clouds");
    CHECK(description(de) == "leicht bewölkt");
    CHECK(description(ja) == "晴れ");
    CHECK(after.body == before.body);
    CHECK(after.header("etag") == before.header("etag"));
    CHECK(de.header("etag") != before.header("etag"));
    CHECK(ja.header("etag") != de.header("etag"));
    auto german = json::parse(de.body), english = json::parse(before.body);
    german["condition"]["description"] = english["condition"]["description"];
    CHECK(german == english);  // only the words a person reads change
    for (const auto* a : {&before, &de, &ja}) CHECK(a->header("vary") == "Accept-Encoding, Accept-Language");
    CHECK(s.owm.request_count() == 1);
}

TEST_CASE("wind.direction is text in the document's language; deg is the value",
          "[integration][server][lang]") {
    LangServe s;
    const auto english = json::parse(s.get("/api/v2/weather?postalcode=94107").body);
    const auto french = json::parse(s.get("/api/v2/weather?postalcode=94107&lang=fr").body);
    const auto japanese = json::parse(s.get("/api/v2/forecast?postalcode=94107&days=1&hours=1", "ja").body);
    CHECK(english["wind"]["direction"] == "W");
    CHECK(french["wind"]["direction"] == "O");  // ouest
    CHECK(french["wind"]["deg"] == english["wind"]["deg"]);
    const auto& step = japanese["hourly"].at(0)["wind"];
    CHECK(step["direction"] != nullptr);
    CHECK(step["direction"].get<std::string>().find_first_of("NESW") == std::string::npos);
}

TEST_CASE("Accept-Language picks the language by q-value; none supported is English",
          "[integration][server][lang]") {
    LangServe s;
    const auto english = s.get("/api/v2/weather?postalcode=94107");
    CHECK(description(s.get("/api/v2/weather?postalcode=94107", "ko, fr;q=0.9, de;q=0.8")) == "peu nuageux");
    CHECK(description(s.get("/api/v2/weather?postalcode=94107", "pt-PT")) == "pouco nublado");
    CHECK(description(s.get("/api/v2/weather?postalcode=94107", "zh-TW,zh;q=0.9")) == "少雲");
    CHECK(s.get("/api/v2/weather?postalcode=94107", "ko-KR, ar;q=0.5").body == english.body);
    // lang= wins over the header, and the target's remembered ask keeps no language of its own.
    CHECK(description(s.get("/api/v2/weather?postalcode=94107&lang=it", "de")) == "poco nuvoloso");
    CHECK(description(s.get("/api/v2/weather?postalcode=94107", "es")) == "poco nuboso");
    CHECK(description(s.get("/api/v2/weather?postalcode=94107")) == "few clouds");
    // v1 is the original service's document: English whatever is asked.
    CHECK(s.get("/api/v1/weather?postalcode=94107", "de").body ==
          s.get("/api/v1/weather?postalcode=94107").body);
}

TEST_CASE("an unknown ?lang= is 400 naming the supported tags", "[integration][server][lang]") {
    LangServe s;
    const auto bad = s.get("/api/v2/weather?postalcode=94107&lang=xx");
    INFO(bad.body);
    CHECK(bad.status == 400);
    CHECK(json::parse(bad.body)["error"]["code"] == "invalid_input");
    CHECK(bad.body.find("en, de, fr, ru, zh-Hans, zh-Hant, pt-BR, pt-PT, tr, ja, es, pl, it, uk, da") !=
          std::string::npos);
    CHECK(s.get("/api/v2/forecast?postalcode=94107&lang=klingon").status == 400);
}

TEST_CASE("the forecast document in another language, memoised apart", "[integration][server][lang]") {
    LangServe s;
    const auto en = s.get("/api/v2/forecast?postalcode=94107&days=3");
    const auto fr = s.get("/api/v2/forecast?postalcode=94107&days=3&lang=fr");
    REQUIRE(en.status == 200);
    REQUIRE(fr.status == 200);
    CHECK(fr.header("vary") == "Accept-Encoding, Accept-Language");
    const auto e = json::parse(en.body), f = json::parse(fr.body);
    REQUIRE(e["daily"].size() == f["daily"].size());
    bool translated = false;
    for (std::size_t i = 0; i < e["daily"].size(); ++i) {
        if (e["daily"][i]["condition"].is_null()) continue;
        translated |= e["daily"][i]["condition"]["description"] != f["daily"][i]["condition"]["description"];
        CHECK(e["daily"][i]["condition"]["code"] == f["daily"][i]["condition"]["code"]);
    }
    CHECK(translated);
    CHECK(s.get("/api/v2/forecast?postalcode=94107&days=3").body == en.body);
}

TEST_CASE("the API and the CLI agree on the words in each language", "[integration][server][lang]") {
    LangServe s;
    TenkiShell sh("tenki-lang-agree");
    for (const char* tag : {"de", "ru", "zh-Hans", "pt-BR", "da"}) {
        INFO(tag);
        const auto api = s.get(std::string("/api/v2/weather?postalcode=94107&lang=") + tag);
        const auto cli = sh.run("weather", {"--json", "--lang", tag, "94107"});
        REQUIRE(cli.status == 0);
        CHECK(json::parse(cli.output)["condition"]["description"] == description(api));
        CHECK(json::parse(cli.output)["wind"]["direction"] == json::parse(api.body)["wind"]["direction"]);
        // The header asking for the same language is the same document, byte for byte.
        CHECK(s.get("/api/v2/weather?postalcode=94107", tag).body == api.body);
        const auto line = sh.run("weather", {"--lang", tag, "-f", "{description}", "94107"});
        CHECK(line.output == description(api) + "\n");
    }
}

// wttr.in's terminal view on `tenki serve` (issue 28): a curl-like client (or ?A) asking /{place}
// or / without format= gets the weather now and the days ahead as text; a browser gets the page.
// Against the fake OpenWeatherMap's canned places (94107: few clouds, 288.71 K; 19021 the default).
#include <catch2/catch.hpp>

#include <string>

#include "support/http_client.hpp"
#include "support/served_tenki.hpp"

using namespace tenki::test;

namespace {

constexpr const char* k_terminal_key = "k3y-for-wttr-terminal-28";
constexpr const char* k_curl = "curl/8.5.0";
constexpr const char* k_firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";

struct TerminalServer : ServedTenki {
    TerminalServer() : ServedTenki({{"-q", "--client-rate", "off"}, k_terminal_key, 1}) {}
};

HttpAnswer as_client(HttpClient& client, const std::string& target, const std::string& agent,
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
    headers.emplace_back("User-Agent", agent);
    auto answer = client.call("GET", target, headers);
    INFO(agent << " " << target << " -> " << answer.status << "\n" << answer.body);
    return answer;
}

HttpAnswer terminal_ok(HttpClient& client, const std::string& target, const std::string& agent = k_curl) {
    auto answer = as_client(client, target, agent);
    INFO(target << "\n" << answer.body);
    CHECK(answer.status == 200);
    CHECK(answer.header("content-type") == "text/plain; charset=utf-8");
    return answer;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("GET /{place} from curl, Wget or HTTPie: the weather now and the days ahead, in colour",
          "[integration][server][wttr]") {
    TerminalServer s;
    HttpClient client(s.port);
    for (const char* agent : {k_curl, "Wget/1.21.3", "HTTPie/3.2.2"}) {
        auto answer = terminal_ok(client, "/94107", agent);
        CHECK(first_line(answer.body).starts_with("Weather report: "));
        CHECK(answer.body.find("Few clouds") != std::string::npos);
        CHECK(answer.body.find("°F") != std::string::npos);  // a US place: USCS
        CHECK(answer.body.find("\x1b[") != std::string::npos);
        CHECK(answer.body.find(" time, ") != std::string::npos);  // the days' heading
        const auto vary = answer.header("vary");
        CHECK(vary.find("User-Agent") != std::string::npos);
        CHECK(vary.find("Accept-Encoding") != std::string::npos);
        CHECK(vary.find("Accept-Language") != std::string::npos);
    }
    // ?A from any client; ?m metric; lang= as for format=.
    CHECK(terminal_ok(client, "/94107?A&m", k_firefox).body.find("°C") != std::string::npos);
    const auto german = terminal_ok(client, "/94107?lang=de").body;
    CHECK(german.find("Weather report") == std::string::npos);
    CHECK(german.find("Few clouds") == std::string::npos);
    // The key never shows.
    CHECK(german.find(k_terminal_key) == std::string::npos);
}

TEST_CASE("the terminal view's options: ?T no colour, ?q and ?Q quiet, ?0 no days, ?n narrow",
          "[integration][server][wttr]") {
    TerminalServer s;
    HttpClient client(s.port);
    const auto plain = terminal_ok(client, "/94107?T").body;
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(first_line(plain).starts_with("Weather report: "));
    const auto quiet = terminal_ok(client, "/94107?Tq").body;
    CHECK(quiet.find("Weather report") == std::string::npos);
    CHECK(first_line(quiet) == first_line(plain).substr(std::string("Weather report: ").size()));
    const auto super_quiet = terminal_ok(client, "/94107?TQ").body;
    const auto place = first_line(quiet);
    REQUIRE_FALSE(place.empty());
    CHECK(super_quiet.find(place) == std::string::npos);  // no place line, no days' heading
    CHECK(first_line(super_quiet).ends_with("Few clouds"));
    const auto now_only = terminal_ok(client, "/94107?0T").body;
    CHECK(now_only.find(" time, ") == std::string::npos);
    CHECK(now_only.size() < plain.size());
    const auto narrow = terminal_ok(client, "/94107?nT").body;
    CHECK(plain.find("━") != std::string::npos);  // the days' range bars
    CHECK(narrow.find("━") == std::string::npos);
    CHECK(narrow.find(" time, ") != std::string::npos);
}

TEST_CASE("GET / from curl is the default place's terminal view; from a browser, the page",
          "[integration][server][wttr]") {
    TerminalServer s;
    HttpClient client(s.port);
    auto text = terminal_ok(client, "/");
    CHECK(first_line(text.body).starts_with("Weather report: "));
    CHECK(text.header("vary").find("User-Agent") != std::string::npos);
    CHECK(terminal_ok(client, "/?A", k_firefox).body == text.body);
    auto page = as_client(client, "/", k_firefox);
    CHECK(page.status == 200);
    CHECK(page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.header("vary").find("User-Agent") != std::string::npos);
    // No User-Agent at all (scripts' HTTP libraries): the page, as before.
    CHECK(client.call("GET", "/").header("content-type") == "text/html; charset=utf-8");
}

TEST_CASE("GET /{place} from a browser: the page (it asks for the place); never the memoised text",
          "[integration][server][wttr]") {
    TerminalServer s;
    HttpClient client(s.port);
    auto text = terminal_ok(client, "/94107");
    auto page = as_client(client, "/94107", k_firefox);
    CHECK(page.status == 200);
    CHECK(page.header("content-type") == "text/html; charset=utf-8");
    CHECK(page.header("vary").find("User-Agent") != std::string::npos);
    CHECK(page.body.find("pathPlace") != std::string::npos);  // the page's script reads the path
    CHECK(page.header("etag") != text.header("etag"));
    // The text's validator from a browser is not the page's: 200 and the page, not 304.
    auto conditional = as_client(client, "/94107", k_firefox, {{"If-None-Match", text.header("etag")}});
    CHECK(conditional.status == 200);
    CHECK(conditional.header("content-type") == "text/html; charset=utf-8");
    // And the text again for curl, from the memo (the same bytes, the same tag), and 304 on its tag.
    auto again = terminal_ok(client, "/94107");
    CHECK(again.body == text.body);
    CHECK(again.header("etag") == text.header("etag"));
    CHECK(as_client(client, "/94107", k_curl, {{"If-None-Match", text.header("etag")}}).status == 304);
    // Several places are the terminal view for every client (the page takes one).
    auto two = terminal_ok(client, "/94107:10001?T", k_firefox);
    CHECK(count_of(two.body, "Weather report: ") == 2);
    CHECK(two.body.find("\x1b") == std::string::npos);
    // format= answers every client alike and says no Vary: User-Agent.
    auto line = as_client(client, "/94107?format=3", k_firefox);
    CHECK(line.header("content-type") == "text/plain; charset=utf-8");
    CHECK(line.header("vary").find("User-Agent") == std::string::npos);
}

TEST_CASE("the terminal view's failures are format='s: 404, candidates, stale with Age, 503 with Retry-After",
          "[integration][server][wttr]") {
    ServedTenki s({{"-q", "--client-rate", "off", "--cache-ttl", "0"}, k_terminal_key, 1, false});
    HttpClient client(s.port);
    for (const char* target : {"/Xqzzyvillezz", "/~Eiffel+Tower"}) {
        auto unknown = as_client(client, target, k_curl);
        CHECK(unknown.status == 404);
        CHECK(unknown.header("content-type") == "text/plain; charset=utf-8");
        CHECK(unknown.body.find('\n') == unknown.body.size() - 1);
    }
    auto ambiguous = as_client(client, "/Springfield", k_curl);
    CHECK(ambiguous.status == 400);
    CHECK(ambiguous.body.find("Springfield, ") != std::string::npos);
    CHECK(as_client(client, "/Springfield", k_firefox).status == 400);  // a browser too (the page, below)
    auto fresh = terminal_ok(client, "/94107?T");
    CHECK(fresh.header("x-cache") == "MISS");
    s.owm.always(Reply::text(502, "<html>bad gateway</html>", "text/html"));
    auto stale = terminal_ok(client, "/94107?T");
    CHECK(stale.header("x-cache") == "STALE");
    CHECK_FALSE(stale.header("age").empty());
    CHECK(first_line(stale.body).find("(stale: ") != std::string::npos);
    auto failed = as_client(client, "/10001", k_curl);
    CHECK(failed.status == 503);
    CHECK(std::stoi(failed.header("retry-after")) >= 1);
    CHECK(failed.header("content-type") == "text/plain; charset=utf-8");
    CHECK(failed.body.find(k_terminal_key) == std::string::npos);
}

TEST_CASE("GET /:help: wttr.in's URL language as tenki answers it, as text", "[integration][server][wttr]") {
    TerminalServer s;
    HttpClient client(s.port);
    auto help = as_client(client, "/:help", k_curl);
    CHECK(help.status == 200);
    CHECK(help.header("content-type") == "text/plain; charset=utf-8");
    CHECK(help.body.find("%c ") != std::string::npos);
    CHECK(help.body.find("format=j1") != std::string::npos);
    CHECK(as_client(client, "/:help", k_firefox).body == help.body);
    CHECK_FALSE(help.header("etag").empty());
    CHECK(as_client(client, "/:help", k_curl, {{"If-None-Match", help.header("etag")}}).status == 304);
    CHECK(s.owm.request_count() == 0);
}

TEST_CASE("GET /{place} from a browser, the place unknown or ambiguous: the page with the status",
          "[integration][server][wttr]") {
    TerminalServer s;
    HttpClient client(s.port);
    for (const auto& [target, status] :
         {std::pair<std::string, int>{"/Springfield", 400}, {"/Xyzzyplace", 404}}) {
        auto page = as_client(client, target, k_firefox);
        CHECK(page.status == status);
        CHECK(page.header("content-type") == "text/html; charset=utf-8");
        CHECK(page.header("vary").find("User-Agent") != std::string::npos);
        CHECK(page.body.find("pathPlace") != std::string::npos);  // it asks for the path's place
        CHECK(page.header("etag").empty());                       // no validator: a 304 would be a 200's
        // curl keeps the line of text, from the same kept job as the page's.
        auto text = as_client(client, target, k_curl);
        CHECK(text.status == status);
        CHECK(text.header("content-type") == "text/plain; charset=utf-8");
        CHECK(text.header("vary").find("User-Agent") != std::string::npos);
        CHECK(text.body.find('\n') == text.body.size() - 1);
    }
    CHECK(s.owm.request_count() == 0);
}

TEST_CASE("GET /{a}:{b} from a browser: the terminal view without ANSI colour; curl's in colour",
          "[integration][server][wttr]") {
    TerminalServer s;
    HttpClient client(s.port);
    // The browser first and then curl, and curl first for another target: neither memo answers the other.
    auto plain = terminal_ok(client, "/94107:10001", k_firefox);
    CHECK(plain.body.find("\x1b") == std::string::npos);
    CHECK(plain.header("vary").find("User-Agent") != std::string::npos);
    auto coloured = terminal_ok(client, "/94107:10001", k_curl);
    CHECK(coloured.body.find("\x1b[") != std::string::npos);
    CHECK(terminal_ok(client, "/10001:94107", k_curl).body.find("\x1b[") != std::string::npos);
    CHECK(terminal_ok(client, "/10001:94107", k_firefox).body.find("\x1b") == std::string::npos);
    // ?A asks for the terminal's view, colour and all, from any client; ?T for none from curl.
    CHECK(terminal_ok(client, "/94107:10001?A", k_firefox).body.find("\x1b[") != std::string::npos);
    CHECK(terminal_ok(client, "/94107:10001?T", k_curl).body.find("\x1b") == std::string::npos);
}

TEST_CASE("a parameter named like format= is not one: /~Eiffel+Tower?xformat=j1 fails as the text view",
          "[integration][server][wttr]") {
    TerminalServer s;
    HttpClient client(s.port);
    auto text = as_client(client, "/~Eiffel+Tower?xformat=j1", k_curl);
    CHECK(text.status == 404);
    CHECK(text.header("content-type") == "text/plain; charset=utf-8");
    CHECK(text.header("vary").find("User-Agent") != std::string::npos);  // no format=: the client's view
    auto unknown = as_client(client, "/Xqzzyvillezz?xformat=3", k_curl);
    CHECK(unknown.status == 404);
    CHECK(unknown.header("vary").find("User-Agent") != std::string::npos);
    // format=j1 itself: the JSON error, the same for every client.
    auto j1_error = as_client(client, "/~Eiffel+Tower?format=j1", k_curl);
    CHECK(j1_error.status == 404);
    CHECK(j1_error.header("content-type").starts_with("application/json"));
    CHECK(j1_error.header("vary").find("User-Agent") == std::string::npos);
}

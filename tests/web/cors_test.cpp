// A dashboard on another origin calls tenki serve's API from a real browser: CORS end to end.
#include <catch2/catch.hpp>

#include <string>

#include "support/browser.hpp"
#include "support/fake_http.hpp"
#include "support/fake_owm.hpp"

using namespace tenki::test;
using namespace std::chrono_literals;

namespace {

// The dashboard's page: fetches the weather from the API named in its query string, with a
// header that makes the browser send a preflight first, and writes what it got into its title.
constexpr const char* k_cors_dashboard = R"html(<!doctype html>
<html><head><title>waiting</title></head><body><script>
const api = new URLSearchParams(location.search).get("api");
fetch(api + "/api/v2/weather?postalcode=94107", {headers: {"X-Request-Id": "dash-1"}})
  .then(r => r.json().then(doc => {
    document.title = ["answered", r.status, r.headers.get("X-Request-Id"),
                      r.headers.get("ETag") ? "etag" : "no-etag", doc.location.postal_code].join(" ");
  }))
  .catch(() => { document.title = "blocked"; });
</script></body></html>)html";

// `tenki serve` on a free port with `extra` options, against `owm`.
std::vector<std::string> cors_serve_argv(const std::vector<std::string>& extra) {
    std::vector<std::string> argv{tenki_binary().string(), "serve", "--port", "{port}", "--threads", "1"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return argv;
}

tenki::util::RunOptions cors_serve_env(const FakeOwm& owm, const Browser& browser) {
    tenki::util::RunOptions run;
    run.env = {{"TENKI_OWM_URL", owm.base_url()},       {"OWM_API_KEY", owm.api_key()},
               {"HOME", browser.dir().path().string()}, {"TENKI_PORT", std::nullopt},
               {"TENKI_CORS_ORIGIN", std::nullopt},     {"TENKI_QUIET", std::nullopt}};
    return run;
}

std::string cors_page_title(Browser& browser, const std::string& url) {
    browser->navigate(url);
    browser->wait_until([&] { return browser->title() != "waiting"; }, 10s, "the dashboard's fetch settles");
    return browser->title();
}

}  // namespace

TEST_CASE("a page on another origin reads the API only when --cors-origin allows that origin",
          "[web][cors]") {
    FakeHttpServer dashboard([](const RecordedRequest&) {
        return Reply::text(200, k_cors_dashboard, "text/html; charset=utf-8");
    });
    FakeOwm owm;
    Browser browser;
    const auto page = dashboard.base_url() + "/?api=";

    ServerProcess allowing(cors_serve_argv({"--cors-origin", dashboard.base_url()}), browser.dir().path(),
                           cors_serve_env(owm, browser));
    CHECK(cors_page_title(browser, page + "http://127.0.0.1:" + std::to_string(allowing.port())) ==
          "answered 200 dash-1 etag 94107");

    // Another origin allowed, not this one; and CORS off: the browser keeps the answer from the page.
    ServerProcess other(cors_serve_argv({"--cors-origin", "https://elsewhere.example"}), browser.dir().path(),
                        cors_serve_env(owm, browser));
    CHECK(cors_page_title(browser, page + "http://127.0.0.1:" + std::to_string(other.port())) == "blocked");
    ServerProcess closed(cors_serve_argv({}), browser.dir().path(), cors_serve_env(owm, browser));
    CHECK(cors_page_title(browser, page + "http://127.0.0.1:" + std::to_string(closed.port())) == "blocked");
}

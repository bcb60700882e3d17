#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <string>

#include "support/browser.hpp"
#include "support/webdriver.hpp"

using namespace tenki::test;
using Catch::Matchers::Contains;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A form whose button greets the typed name, at once and again a moment later.
const std::string k_form_page = R"(<title>greeter</title>
<form onsubmit="return false">
  <input id="name" name="name" value="nobody" data-role="who">
  <button id="go" type="button">Greet</button>
</form>
<p id="out"></p><p id="later"></p>
<script>
document.getElementById("go").addEventListener("click", function () {
  var name = document.getElementById("name").value;
  document.getElementById("out").textContent = "Hello, " + name + "!";
  setTimeout(function () { document.getElementById("later").textContent = "done"; }, 300);
});
</script>)";

}  // namespace

TEST_CASE("navigate loads a page and title reads it", "[web][webdriver]") {
    Browser browser;
    browser->navigate(data_url("<title>tenki 天気</title><h1>hi</h1>"));
    CHECK(browser->title() == "tenki 天気");
    CHECK(browser->current_url().rfind("data:text/html", 0) == 0);
}

TEST_CASE("find and find_all read text, attributes and properties", "[web][webdriver]") {
    Browser browser;
    browser->navigate(data_url(k_form_page + "<ul><li>a</li><li class=x>b</li><li>c</li></ul>"));
    CHECK(browser->find("button#go").text() == "Greet");
    auto input = browser->find("#name");
    CHECK(input.attribute("data-role") == "who");
    CHECK(input.attribute("no-such-attribute") == std::nullopt);
    CHECK(input.property("value") == "nobody");
    auto items = browser->find_all("li");
    REQUIRE(items.size() == 3);
    CHECK(items[1].text() == "b");
    CHECK(browser->find_all("table").empty());
}

TEST_CASE("typing and clicking drive a page's script", "[web][webdriver]") {
    Browser browser;
    browser->navigate(data_url(k_form_page));
    auto input = browser->find("#name");
    input.clear();
    input.send_keys("Hanako");
    CHECK(input.property("value") == "Hanako");
    browser->find("#go").click();
    CHECK(browser->find("#out").text() == "Hello, Hanako!");
    // The second result comes later: wait for it, do not sleep.
    browser->wait_until([&] { return browser->find("#later").text() == "done"; }, std::chrono::seconds(5),
                        "the late result");
}

TEST_CASE("execute_script returns values and takes elements as arguments", "[web][webdriver]") {
    Browser browser;
    browser->navigate(data_url(k_form_page));
    CHECK(browser->execute_script("return 6 * 7;") == 42);
    CHECK(browser->execute_script("return [arguments[0], {a: arguments[1]}];", {"x", true}) ==
          json::parse(R"(["x", {"a": true}])"));
    auto input = browser->find("#name");
    CHECK(browser->execute_script("return arguments[0].dataset.role;", json::array({input.reference()})) ==
          "who");
    CHECK(browser->execute_script("document.title = 'changed';").is_null());
    CHECK(browser->title() == "changed");
}

TEST_CASE("wait_until gives up after its timeout and says what it waited for", "[web][webdriver]") {
    Browser browser;
    browser->navigate(data_url("<p id=never></p>"));
    const auto start = std::chrono::steady_clock::now();
    try {
        browser->wait_until([&] { return browser->find("#never").text() == "ready"; },
                            std::chrono::milliseconds(400), "#never says ready");
        FAIL("wait_until returned");
    } catch (const WebDriverError& e) {
        CHECK(e.step() == "wait until #never says ready");
        CHECK(e.error() == "timeout");
        CHECK_THAT(e.what(), Contains("wait until #never says ready") && Contains("timed out after 400 ms"));
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed >= std::chrono::milliseconds(400));
    CHECK(elapsed < std::chrono::seconds(5));

    // An error inside the predicate means "not yet", and the last one is in the message.
    CHECK_THROWS_WITH(browser->wait_until([&] { return browser->find("#missing").text() == "x"; },
                                          std::chrono::milliseconds(200), "#missing appears"),
                      Contains("wait until #missing appears") && Contains("no such element"));
}

TEST_CASE("a failing step names itself and carries the browser's error", "[web][webdriver]") {
    Browser browser;
    browser->navigate(data_url("<p>nothing here</p>"));
    try {
        browser->find("#result");
        FAIL("find returned an element");
    } catch (const WebDriverError& e) {
        CHECK(e.step() == "find '#result'");
        CHECK(e.error() == "no such element");
        CHECK_THAT(e.what(), Contains("find '#result': no such element") && Contains("#result"));
    }
    CHECK_THROWS_WITH(browser->execute_script("return undefinedFunction();"),
                      Contains("execute script") && Contains("javascript error") &&
                          Contains("undefinedFunction is not defined"));
    CHECK_THROWS_WITH(browser->find("p[").text(), Contains("find 'p['") && Contains("invalid selector"));
}

TEST_CASE("screenshot writes a PNG named *.screenshot.png", "[web][webdriver]") {
    Browser browser;
    browser->navigate(data_url("<body style='background:#4a90d9'><h1>screenshot</h1></body>"));
    const fs::path path = browser.screenshot("webdriver screenshot test");
    CHECK(path.filename() == "webdriver-screenshot-test.screenshot.png");
    CHECK(path.parent_path() == screenshot_dir());
    REQUIRE(fs::exists(path));
    CHECK(fs::file_size(path) > 1000);
    std::ifstream in(path, std::ios::binary);
    std::string magic(8, '\0');
    in.read(magic.data(), 8);
    CHECK(magic == std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST_CASE("console errors are caught, and a clean page has none", "[web][webdriver]") {
    Browser browser;
    browser->navigate(data_url("<title>clean</title><script>console.log('just saying');</script>"));
    CHECK(browser.console_errors().empty());

    browser->navigate(data_url("<script>console.error('tenki-boom');</script>"));
    auto errors = browser.console_errors();
    INFO(describe(errors));
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Contains("tenki-boom"));
    CHECK(errors[0].source == "console-api");

    browser->navigate(data_url("<script>throw new Error('tenki-uncaught');</script>"));
    errors = browser.console_errors();
    INFO(describe(errors));
    REQUIRE(errors.size() == 1);
    CHECK_THAT(errors[0].message, Contains("tenki-uncaught"));
}

TEST_CASE("base64_decode decodes what the driver sends", "[web][webdriver]") {
    CHECK(base64_decode("aGVsbG8=") == "hello");
    CHECK(base64_decode("aGVs\nbG8h") == "hello!");
    CHECK(base64_decode("") == "");
    CHECK_THROWS_AS(base64_decode("a*b="), std::invalid_argument);
}

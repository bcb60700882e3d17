#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "support/temp_dir.hpp"
#include "tenki/providers/api_key.hpp"

using namespace tenki;
using tenki::test::TempDir;
namespace fs = std::filesystem;

namespace {

fs::path write_key(const TempDir& dir, const fs::path& relative, const std::string& content,
                   fs::perms mode = fs::perms::owner_read | fs::perms::owner_write) {
    auto path = dir.write(relative, content);
    fs::permissions(path, mode, fs::perm_options::replace);
    return path;
}

}  // namespace

TEST_CASE("the environment variable wins, trimmed; an empty one counts as unset", "[api_key]") {
    TempDir dir;
    write_key(dir, "home/.openweathermap.key", "from-home\n");
    KeyLookup lookup{"  from-env \r\n", dir / "home", std::nullopt};
    auto key = find_api_key(lookup);
    REQUIRE(key);
    REQUIRE(*key);
    CHECK((*key)->value == "from-env");
    CHECK((*key)->origin == "OWM_API_KEY");

    lookup.env_value = "  ";
    key = find_api_key(lookup);
    REQUIRE(key);
    REQUIRE(*key);
    CHECK((*key)->value == "from-home");
    CHECK((*key)->origin == "~/.openweathermap.key");
}

TEST_CASE("the key file is the first line of ~/.openweathermap.key, CR and blanks trimmed", "[api_key]") {
    TempDir dir;
    write_key(dir, "home/.openweathermap.key", " abc12345\r\nsecond line\n");
    auto key = find_api_key({std::nullopt, dir / "home", std::nullopt});
    REQUIRE(key);
    REQUIRE(*key);
    CHECK((*key)->value == "abc12345");
    CHECK((*key)->warnings.empty());

    write_key(dir, "home/.openweathermap.key", "\n");  // an empty home file is no key
    key = find_api_key({std::nullopt, dir / "home", std::nullopt});
    REQUIRE(key);
    CHECK_FALSE(*key);
}

TEST_CASE("--key-file wins over OWM_API_KEY and the home file, as options win over the environment",
          "[api_key]") {
    TempDir dir;
    auto file = write_key(dir, "keys/owm.txt", "from-option\n");
    write_key(dir, "home/.openweathermap.key", "from-home\n");
    auto key = find_api_key({"from-env", dir / "home", file});
    REQUIRE(key);
    REQUIRE(*key);
    CHECK((*key)->value == "from-option");
    CHECK((*key)->origin == "--key-file " + file.string());
}

TEST_CASE("an unusable --key-file is unauthorized, naming the file and why, never no key", "[api_key]") {
    TempDir dir;
    write_key(dir, "home/.openweathermap.key", "from-home\n");
    fs::create_directories(dir / "a-directory");
    REQUIRE(::mkfifo((dir / "a-fifo").c_str(), 0600) == 0);
    write_key(dir, "empty.key", "");
    write_key(dir, "blank.key", "  \r\nsecond-line-key\n");
    write_key(dir, "huge.key", std::string(64 * 1024, 'k'));
    struct Case {
        const char* file;
        const char* why;
    };
    for (auto [file, why] :
         {Case{"missing.key", "does not exist"}, Case{"a-directory", "is a directory"},
          Case{"a-fifo", "is not a regular file"}, Case{"empty.key", "is empty, or its first line is blank"},
          Case{"blank.key", "is empty, or its first line is blank"},
          Case{"huge.key", "first line is longer than 4 KB"}}) {
        INFO(file);
        auto key = find_api_key({"from-env", dir / "home", dir / file});  // a FIFO must not block here
        REQUIRE_FALSE(key);
        CHECK(key.error().kind == ErrorKind::unauthorized);
        CHECK(key.error().message.find((dir / file).string()) != std::string::npos);
        CHECK(key.error().message.find(why) != std::string::npos);
        CHECK(key.error().message.find('\n') == std::string::npos);
    }
}

TEST_CASE("a home key file that is there but cannot be read is an error too", "[api_key]") {
    TempDir dir;
    fs::create_directories(dir / "home/.openweathermap.key");
    auto key = find_api_key({std::nullopt, dir / "home", std::nullopt});
    REQUIRE_FALSE(key);
    CHECK(key.error().message == "~/.openweathermap.key is a directory, not a key file");
}

TEST_CASE("no key anywhere is nullopt; the message names every place tenki looked, in one line",
          "[api_key]") {
    TempDir dir;
    KeyLookup lookup{std::nullopt, dir / "home", std::nullopt};
    auto key = find_api_key(lookup);
    REQUIRE(key);
    CHECK_FALSE(*key);
    const auto message = missing_key_message(lookup);
    CHECK(message.find('\n') == std::string::npos);
    for (const char* place : {"OWM_API_KEY", "~/.openweathermap.key", "--key-file"}) {
        INFO(place);
        CHECK(message.find(place) != std::string::npos);
    }
}

TEST_CASE("a key file others can read is used, with a warning as ssh gives", "[api_key]") {
    TempDir dir;
    write_key(
        dir, "home/.openweathermap.key", "k3y-of-home\n",
        fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
    auto key = find_api_key({std::nullopt, dir / "home", std::nullopt});
    REQUIRE(key);
    REQUIRE(*key);
    CHECK((*key)->value == "k3y-of-home");
    REQUIRE((*key)->warnings.size() == 1);
    CHECK((*key)->warnings[0] == "~/.openweathermap.key is readable by others; chmod 600 it");

    auto file =
        write_key(dir, "group.key", "g-k3y-of-group\n", fs::perms::owner_read | fs::perms::group_read);
    key = find_api_key({std::nullopt, std::nullopt, file});
    REQUIRE(key);
    REQUIRE(*key);
    REQUIRE((*key)->warnings.size() == 1);
    CHECK((*key)->warnings[0].find("--key-file " + file.string()) == 0);
}

TEST_CASE(
    "a key under 8 characters is refused, naming where it came from: no OpenWeatherMap key is, and "
    "hiding it would mangle every message",
    "[api_key]") {
    // As found by a new user: OWM_API_KEY=k turned "check your network" into "checREDACTED your
    // networREDACTED".
    auto key = find_api_key({std::string("k"), std::nullopt, std::nullopt});
    REQUIRE_FALSE(key);
    CHECK(key.error().kind == ErrorKind::unauthorized);
    CHECK(key.error().message ==
          "OWM_API_KEY holds a key of 1 character: too short to be an OpenWeatherMap key (theirs are 32) or "
          "to be hidden from tenki's output; check it");
    TempDir dir;
    const auto file = write_key(dir, "short.key", "1234567\n");
    key = find_api_key({std::nullopt, std::nullopt, file});
    REQUIRE_FALSE(key);
    CHECK(key.error().message.find("--key-file " + file.string() + " holds a key of 7 characters") == 0);
    key = find_api_key({std::string("12345678"), std::nullopt, std::nullopt});  // 8 is enough
    REQUIRE(key);
    REQUIRE(*key);
    CHECK((*key)->value == "12345678");
}

TEST_CASE("redact hides every occurrence of the key and every appid value", "[api_key]") {
    CHECK(redact("k=SECRET and SECRET again", "SECRET") == "k=REDACTED and REDACTED again");
    CHECK(redact("GET /data/2.5/weather?zip=94107,us&appid=abc123 HTTP/1.1", "") ==
          "GET /data/2.5/weather?zip=94107,us&appid=REDACTED HTTP/1.1");
    CHECK(redact("?appid=abc&zip=1", "") == "?appid=REDACTED&zip=1");
    CHECK(redact("url=\"x?appid=abc\"", "") == "url=\"x?appid=REDACTED\"");
    CHECK(redact("x?appid=abc", "") == "x?appid=REDACTED");
    CHECK(redact("APPID=abc", "") == "APPID=REDACTED");
    // What follows the value in an upstream's message is kept: a parenthesis, a semicolon, a comma.
    CHECK(redact("Invalid API key (see the FAQ. appid=abc123); check", "") ==
          "Invalid API key (see the FAQ. appid=REDACTED); check");
    CHECK(redact("appid=abc%2B1+2,units=metric", "") == "appid=REDACTED,units=metric");
    CHECK(redact("{\"url\":\"x?appid=abc\"}", "") == "{\"url\":\"x?appid=REDACTED\"}");
    // A key with a space or '&' in it is hidden whole after appid=, not only up to that character.
    CHECK(redact("appid=my key&x=1 (appid=my%20key)", "my key") == "appid=REDACTED&x=1 (appid=REDACTED)");
    CHECK(redact("appid=other&appid=SECRET", "SECRET") == "appid=REDACTED&appid=REDACTED");
    CHECK(redact("nothing to hide", "SECRET") == "nothing to hide");
    CHECK(redact("", "SECRET").empty());
}

TEST_CASE("redact hides the key in every spelling an upstream may echo", "[api_key]") {
    const std::string key = "my key/+&é";  // a space, a slash, a plus, an ampersand, UTF-8
    for (std::string echoed : {std::string("my key/+&é"), std::string("my%20key%2F%2B%26%C3%A9"),
                               std::string("my%20key%2f%2b%26%c3%a9"), std::string("my+key%2F%2B%26%C3%A9"),
                               std::string("my%2520key%252F%252B%2526%25C3%25A9"),
                               std::string("my\\u0020key\\/+&é"), std::string("m%79 k%65y/%2B&%C3%A9")}) {
        INFO(echoed);
        CHECK(redact("q=" + echoed + " end", key) == "q=REDACTED end");
    }
    // An OpenWeatherMap key, percent-encoded character by character, in a -v trace of a header.
    CHECK(redact("< X-Echo: %61%62%63%31%32%33", "abc123") == "< X-Echo: REDACTED");
    CHECK(redact("abc12", "abc123") == "abc12");
    CHECK(redact("abc%3123", "abc123") == "REDACTED");
}

TEST_CASE("redact: a key with '%' echoed percent-encoded, once or twice, either hex case", "[api_key]") {
    const std::string key = "a&b=c%d";
    for (std::string echoed :
         {std::string("a&b=c%d"), std::string("a%26b%3Dc%25d"), std::string("a%26b%3dc%25d"),
          std::string("a%2526b%253Dc%2525d"), std::string("a%2526b%253dc%2525d"), std::string("a&b=c%25d")}) {
        INFO(echoed);
        CHECK(redact("{\"message\": \"bad key " + echoed + "\"}", key) ==
              "{\"message\": \"bad key REDACTED\"}");
    }
    // Its '%' read as the start of "%25" must not hide a key that is not there.
    CHECK(redact("a%26b%3Dc%25e", key) == "a%26b%3Dc%25e");
}

TEST_CASE("redact: a space as '+', \"%20\", \"%2B\" and \"%2520\"", "[api_key]") {
    for (std::string echoed :
         {std::string("my key"), std::string("my+key"), std::string("my%20key"), std::string("my%2Bkey"),
          std::string("my%2bkey"), std::string("my%2520key"), std::string("my%252Bkey")}) {
        INFO(echoed);
        CHECK(redact("[" + echoed + "]", "my key") == "[REDACTED]");
    }
}

TEST_CASE("redact: a key that is not ASCII echoed as \\xNN bytes, in either case, or quoted in JSON",
          "[api_key]") {
    const std::string key = "clé€1";  // é is C3 A9, € is E2 82 AC
    for (std::string echoed :
         {std::string("cl\\xc3\\xa9\\xe2\\x82\\xac1"), std::string("cl\\xC3\\xA9\\xE2\\x82\\xAC1"),
          std::string("cl\\xc3\\xa9€1"), std::string(R"(cl\\xc3\\xa9\\xe2\\x82\\xac1)")}) {  // quoted in JSON
        INFO(echoed);
        CHECK(redact("b'" + echoed + "'", key) == "b'REDACTED'");
    }
}

TEST_CASE("redact: a key in JSON's escapes: \\\", \\\\, \\/ and \\uXXXX of each character", "[api_key]") {
    CHECK(redact(R"({"key": "q\"u\\o\/te"})", "q\"u\\o/te") == R"({"key": "REDACTED"})");
    CHECK(redact(R"("cl\u00e9\u20ac1")", "clé€1") == R"("REDACTED")");
    CHECK(redact(R"("cl\u00E9\u20AC1")", "clé€1") == R"("REDACTED")");
    CHECK(redact(R"("k\ud83d\ude00y")", "k😀y") == R"("REDACTED")");  // a surrogate pair
    CHECK(redact(R"("\u0061bc")", "abc") == R"("REDACTED")");
    // A code point that is not the key's is left alone.
    CHECK(redact(R"("cl\u00e8\u20ac1")", "clé€1") == R"("cl\u00e8\u20ac1")");
}

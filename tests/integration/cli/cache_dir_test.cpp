// The disk cache's folder as a user meets it: an unusable one is said once a run on stderr (the
// status bar's stdout untouched), the next folder of the documented order used instead, and
// `tenki check` reports it; a healthy one is never mentioned.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/tenki_shell.hpp"

namespace fs = std::filesystem;

namespace {

struct CacheDirShell : tenki::test::TenkiShell {
    CacheDirShell() : TenkiShell("tenki-cachedir") {}

    // XDG_CACHE_HOME for every run; the cache folder is `xdg`/tenki.
    void xdg(const fs::path& dir) { extra.emplace_back("XDG_CACHE_HOME", dir.string()); }

    tenki::util::RunOutput bar() const {
        auto r = run({"weather", "--output", "waybar", "94107"});
        INFO(r.errors);
        CHECK(r.status == 0);
        // stdout is the bar's one JSON object, whatever stderr says.
        const auto doc = nlohmann::json::parse(r.output, nullptr, false);
        CHECK(doc.is_object());
        CHECK(doc.contains("text"));
        return r;
    }

    std::set<std::string> check_ids() const {
        auto r = run({"check", "--json"});
        INFO(r.output << r.errors);
        std::set<std::string> ids;
        const auto doc = nlohmann::json::parse(r.output);
        for (const auto& f : doc.at("findings")) ids.insert(f.at("id").get<std::string>());
        return ids;
    }
};

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

// Three status bar polls: each says the one warning naming `folder` and `reason`, and (the
// folder under $HOME taking over) the upstream is asked by the first only: weather and forecast.
void polls_warn_and_fall_back(CacheDirShell& sh, const fs::path& folder, const std::string& reason) {
    const auto fallback = sh.home / "cache-home" / ".cache" / "tenki";
    for (int i = 0; i < 3; ++i) {
        const auto r = sh.bar();
        INFO(r.errors);
        CHECK(count_of(r.errors, "tenki: warning: ") == 1);
        CHECK(r.errors.find("tenki: warning: the cache folder " + folder.string() + " " + reason) !=
              std::string::npos);
        CHECK(r.errors.find("using " + fallback.string() + " instead") != std::string::npos);
    }
    CHECK(sh.owm.request_count() == 2);
    CHECK(fs::is_directory(fallback));
    // Another folder took over: information, not a warning (nothing is lost).
    CHECK(sh.check_ids().count("cache.dir_fallback") == 1);
    CHECK(sh.check_ids().count("cache.dir_unusable") == 0);
}

}  // namespace

TEST_CASE("a cache folder others can write is said once a run and the next folder used",
          "[integration][cache][weather]") {
    CacheDirShell sh;
    sh.extra.emplace_back("HOME", (sh.home / "cache-home").string());
    const auto folder = sh.home / "shared" / "tenki";
    fs::create_directories(folder);
    ::chmod(folder.c_str(), 0777);
    sh.xdg(sh.home / "shared");
    polls_warn_and_fall_back(sh, folder, "is not private (mode 0777)");
    CHECK(fs::is_empty(folder));  // never written
}

TEST_CASE("a file where the cache folder's parent should be is said once a run and the next folder used",
          "[integration][cache][weather]") {
    CacheDirShell sh;
    sh.extra.emplace_back("HOME", (sh.home / "cache-home").string());
    const auto file = sh.home.write("not-a-folder", "x\n");
    sh.xdg(file);
    polls_warn_and_fall_back(sh, file / "tenki", "cannot be created: " + file.string() + " is not a folder");
}

TEST_CASE("a cache folder that cannot be created is said once a run and the next folder used",
          "[integration][cache][weather]") {
    CacheDirShell sh;
    sh.extra.emplace_back("HOME", (sh.home / "cache-home").string());
    // Not even root makes a folder in /proc.
    sh.xdg("/proc/tenki-no-such-folder");
    polls_warn_and_fall_back(sh, "/proc/tenki-no-such-folder/tenki", "cannot be created (");
}

TEST_CASE("a cache folder another user owns is said once a run and the next folder used",
          "[integration][cache][weather]") {
    REQUIRE(::geteuid() == 0);  // chown needs root; the tests run as root in CI and here
    CacheDirShell sh;
    sh.extra.emplace_back("HOME", (sh.home / "cache-home").string());
    const auto folder = sh.home / "theirs" / "tenki";
    fs::create_directories(folder);
    ::chmod(folder.c_str(), 0700);
    REQUIRE(::chown(folder.c_str(), 65534, 65534) == 0);
    sh.xdg(sh.home / "theirs");
    polls_warn_and_fall_back(sh, folder, "belongs to another user (uid 65534)");
}

TEST_CASE("with no usable cache folder each run says what it costs and still answers",
          "[integration][cache][weather]") {
    CacheDirShell sh;
    sh.xdg("/proc/tenki-no-such-folder");
    sh.extra.emplace_back("HOME", "/proc/tenki-no-such-home");
    sh.extra.emplace_back("TMPDIR", "/proc/tenki-no-such-tmp");
    for (int i = 0; i < 2; ++i) {
        const auto r = sh.bar();
        INFO(r.errors);
        CHECK(count_of(r.errors, "tenki: warning: ") == 1);
        CHECK(r.errors.find("tenki: warning: the cache folder /proc/tenki-no-such-folder/tenki cannot be "
                            "created (") != std::string::npos);
        CHECK(r.errors.find("not used: every run asks the upstream") != std::string::npos);
    }
    CHECK(sh.owm.request_count() == 4);  // the honest cost: weather and forecast, each run
    CHECK(sh.check_ids().count("cache.dir_unusable") == 1);
    CHECK(sh.check_ids().count("cache.dir_fallback") == 0);
}

TEST_CASE("a healthy cache folder, new or private, is never mentioned", "[integration][cache][weather]") {
    CacheDirShell sh;  // XDG_CACHE_HOME under HOME, not yet there
    const auto folder = sh.home / "cache" / "tenki";
    CHECK(sh.check_ids().count("cache.dir_unusable") == 0);
    CHECK_FALSE(fs::exists(folder));  // check looks, never creates
    for (int i = 0; i < 2; ++i) {
        const auto r = sh.bar();
        CHECK(r.errors.empty());
    }
    CHECK(sh.owm.request_count() == 2);
    CHECK((fs::status(folder).permissions() & fs::perms::all) == fs::perms::owner_all);
    CHECK(sh.check_ids().count("cache.dir_unusable") == 0);
    CHECK(sh.check_ids().count("cache.dir_fallback") == 0);
}

TEST_CASE("a write into a usable-looking cache folder that fails is said once a run",
          "[integration][cache][weather]") {
    CacheDirShell sh;
    const auto folder = sh.home / "cache" / "tenki";
    // A folder where the weather's entry goes: its rename fails as a full disk's write would.
    fs::create_directories(folder / "weather-v2-94107,us.json");
    ::chmod(folder.c_str(), 0700);
    for (int i = 0; i < 2; ++i) {
        const auto r = sh.bar();
        INFO(r.errors);
        CHECK(count_of(r.errors, "tenki: warning: ") == 1);
        CHECK(r.errors.find("tenki: warning: the cache folder " + folder.string() +
                            " cannot be written (Is a directory): not kept; every run asks the upstream") !=
              std::string::npos);
    }
    CHECK(sh.owm.request_count() == 3);  // the weather at each run; the forecast was kept
}

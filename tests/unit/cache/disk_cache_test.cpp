#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"
#include "tenki/cache/disk_cache.hpp"
#include "tenki/cache/weather_cache.hpp"
#include "tenki/util/file.hpp"

using namespace tenki;
using tenki::test::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t k_now = 1717430500;

Weather san_francisco() {
    Weather w;
    w.location = {"94107", "us"};
    w.place_name = "San Francisco";
    w.lat = 37.7697;
    w.observed_at = 1717430400;
    w.condition = {ConditionKind::few_clouds, "Clouds", "few clouds", "02d"};
    w.temp = 288.71;
    w.humidity = 72;
    w.wind_gust = 8.23;
    return w;
}

// Sets an environment variable for one scope, restoring the old value.
class EnvGuard {
public:
    EnvGuard(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~EnvGuard() {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    EnvGuard(const EnvGuard&) = delete;
    EnvGuard& operator=(const EnvGuard&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

}  // namespace

TEST_CASE("a stored answer is a hit, in weather-v2-<key>.json, mode 0600, no temp file left", "[cache]") {
    TempDir dir;
    DiskCache cache(dir / "tenki", 600s);
    cache.put(san_francisco(), k_now);
    auto hit = cache.get({"94107", "us"}, k_now + 10);
    REQUIRE(hit);
    // Compared through the canonical JSON: weather.hpp's defaulted Weather == is deleted while
    // Condition has no ==.
    CHECK(nlohmann::json(*hit) == nlohmann::json(san_francisco()));
    CHECK(hit->place_name == "San Francisco");
    CHECK(hit->humidity == 72);

    const auto file = dir / "tenki" / "weather-v2-94107,us.json";
    CHECK(cache.path_for({"94107", "us"}) == file);
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    int entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir / "tenki")) ++entries;
    CHECK(entries == 1);
    CHECK_FALSE(cache.get({"10001", "us"}, k_now));
}

TEST_CASE("entries older than the TTL, or from the future, are misses", "[cache]") {
    TempDir dir;
    DiskCache cache(dir.path(), 600s);
    cache.put(san_francisco(), k_now);
    CHECK(cache.get({"94107", "us"}, k_now + 599));
    CHECK_FALSE(cache.get({"94107", "us"}, k_now + 600));
    CHECK_FALSE(cache.get({"94107", "us"}, k_now - 1));
    CHECK_FALSE(DiskCache(dir.path(), 0s).get({"94107", "us"}, k_now));
}

TEST_CASE("get_within reads an entry past its TTL up to a maximum age, with that age", "[cache]") {
    TempDir dir;
    DiskCache cache(dir.path(), 600s);
    cache.put(san_francisco(), k_now);
    CHECK_FALSE(cache.get({"94107", "us"}, k_now + 1200));
    auto last = cache.get_within<Weather>({"94107", "us"}, k_now + 1200, 3600s);
    REQUIRE(last);
    CHECK(last->age_s == 1200);
    CHECK(last->answer.place_name == "San Francisco");
    CHECK_FALSE(cache.get_within<Weather>({"94107", "us"}, k_now + 3600, 3600s));
    CHECK_FALSE(cache.get_within<Weather>({"10001", "us"}, k_now + 10, 3600s));
}

TEST_CASE("a newer answer replaces the old one", "[cache]") {
    TempDir dir;
    DiskCache cache(dir.path(), 600s);
    cache.put(san_francisco(), k_now);
    auto later = san_francisco();
    later.temp = 290.0;
    cache.put(later, k_now + 100);
    CHECK(cache.get({"94107", "us"}, k_now + 650)->temp == 290.0);
}

TEST_CASE("corrupt, truncated, wrong-shaped or unreadable entries are misses", "[cache]") {
    TempDir dir;
    DiskCache cache(dir.path(), 600s);
    const Location sf{"94107", "us"};
    cache.put(san_francisco(), k_now);
    const std::string good = [&] {
        std::ifstream in(cache.path_for(sf));
        return std::string(std::istreambuf_iterator<char>(in), {});
    }();
    for (std::string bad :
         {std::string(), std::string("not json"), good.substr(0, good.size() / 2), std::string("[1,2,3]"),
          std::string(R"({"version":2,"fetched_at":"yesterday","weather":{}})"),
          std::string(R"({"version":2,"fetched_at":1717430500})"),
          std::string(R"({"version":2,"fetched_at":1717430500,"weather":{"temp":"hot"}})"),
          std::string(R"({"version":2,"fetched_at":1717430500,"weather":[]})")}) {
        INFO(bad);
        dir.write(cache.path_for(sf).filename(), bad);
        CHECK_FALSE(cache.get(sf, k_now + 1));
    }
    // An entry for another place under this place's name is not this place's weather.
    auto other = san_francisco();
    other.location = {"10001", "us"};
    cache.put(other, k_now);
    fs::rename(cache.path_for(other.location), cache.path_for(sf));
    CHECK_FALSE(cache.get(sf, k_now + 1));

    // A directory where the file should be cannot be read; put fails quietly, get misses.
    fs::remove(cache.path_for(sf));
    fs::create_directory(cache.path_for(sf));
    cache.put(san_francisco(), k_now);
    CHECK_FALSE(cache.get(sf, k_now + 1));
}

TEST_CASE("an entry that is a FIFO, a link to /dev/zero or over 1 MiB is a miss at once", "[cache]") {
    TempDir dir;
    DiskCache cache(dir.path(), 600s);
    const Location sf{"94107", "us"};
    const auto entry = cache.path_for<Weather>(sf);
    cache.put(san_francisco(), k_now);
    REQUIRE(cache.get(sf, k_now + 1));  // a regular entry is read: what follows is refused for its kind
    fs::remove(entry);
    REQUIRE(::mkfifo(entry.c_str(), 0600) == 0);  // no writer: reading it whole would wait forever
    CHECK_FALSE(cache.get(sf, k_now + 1));
    fs::remove(entry);
    fs::create_symlink("/dev/zero", entry);  // read whole, it never ends
    CHECK_FALSE(cache.get(sf, k_now + 1));
    fs::remove(entry);
    dir.write(entry.filename(), std::string(k_max_cache_entry_bytes + 1, ' '));
    CHECK_FALSE(cache.get(sf, k_now + 1));
    // The breaker state beside it, likewise.
    REQUIRE(::mkfifo((dir / "breakers.json").c_str(), 0600) == 0);
    CHECK_FALSE(read_private_file(dir / "breakers.json", k_max_state_bytes));
}

TEST_CASE("an entry of another record format is a miss, and left for the tenki that wrote it", "[cache]") {
    TempDir dir;
    DiskCache cache(dir.path(), 600s);
    const Location sf{"94107", "us"};
    cache.put(san_francisco(), k_now);
    auto record = nlohmann::json::parse(tenki::test::read_file(cache.path_for(sf)));
    CHECK(record.at("version") == cache::k_record_version);
    CHECK(cache.path_for(sf).filename() == "weather-" + std::string(cache::k_record_tag) + "-94107,us.json");
    // The same record marked with another version, or none, under this version's name.
    for (const auto& version : {nlohmann::json(nullptr), nlohmann::json(1), nlohmann::json(3)}) {
        INFO(version.dump());
        auto other = record;
        if (version.is_null())
            other.erase("version");
        else
            other["version"] = version;
        dir.write(cache.path_for(sf).filename(), other.dump());
        CHECK_FALSE(cache.get(sf, k_now + 1));
    }
    // What the tenki before record versions wrote, under its own name, is never read.
    fs::remove(cache.path_for(sf));
    auto older = record;
    older.erase("version");
    older["weather"]["condition"] = {
        {"code", 801}, {"main", "Clouds"}, {"description", "few clouds"}, {"icon", "02d"}};
    dir.write("weather-94107,us.json", older.dump());
    CHECK_FALSE(cache.get(sf, k_now + 1));
    cache.put(san_francisco(), k_now);
    CHECK(cache.get(sf, k_now + 1));
    CHECK(tenki::test::read_file(dir / "weather-94107,us.json") == older.dump());
}

TEST_CASE("a corrupt entry is rewritten by the next put", "[cache]") {
    TempDir dir;
    DiskCache cache(dir.path(), 600s);
    dir.write("weather-v2-94107,us.json", "{{{{");
    cache.put(san_francisco(), k_now);
    CHECK(cache.get({"94107", "us"}, k_now + 1));
}

TEST_CASE("an unusable cache directory never breaks anything", "[cache]") {
    TempDir dir;
    auto blocker = dir.write("not-a-dir", "a file, not a directory");
    for (const auto& where : {blocker, blocker / "tenki"}) {
        INFO(where);
        DiskCache cache(where, 600s);
        Result<void> kept;
        CHECK_NOTHROW(kept = cache.put(san_francisco(), k_now));
        REQUIRE_FALSE(kept);
        CHECK(kept.error().kind == ErrorKind::io);
        CHECK_FALSE(cache.get({"94107", "us"}, k_now + 1));
    }
}

TEST_CASE("a write that fails says why, as the failed step's reason alone", "[cache]") {
    TempDir dir;
    DiskCache cache(dir / "tenki", 600s);
    REQUIRE(cache.put(san_francisco(), k_now));
    // A folder where the entry goes: the rename fails as a full disk's write would.
    const auto entry = cache.path_for(san_francisco().location);
    fs::remove(entry);
    fs::create_directories(entry / "in-the-way");
    auto kept = cache.put(san_francisco(), k_now);
    REQUIRE_FALSE(kept);
    CHECK(kept.error().kind == ErrorKind::io);
    CHECK(kept.error().message == "Is a directory");
    CHECK(std::distance(fs::directory_iterator(dir / "tenki"), fs::directory_iterator()) ==
          1);  // no temp left

    ::chmod((dir / "tenki").c_str(), 0777);  // others may write: never trusted
    kept = cache.put(san_francisco(), k_now);
    REQUIRE_FALSE(kept);
    CHECK(kept.error().message == "the folder is not private");
}

TEST_CASE("the cache folder is created mode 0700", "[cache]") {
    TempDir dir;
    DiskCache cache(dir / "tenki-cache-1000", 600s);
    cache.put(san_francisco(), k_now);
    struct stat st {};
    REQUIRE(::lstat((dir / "tenki-cache-1000").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    CHECK(cache.get({"94107", "us"}, k_now + 1));
}

// Another user's answer, fresh and for the place asked: what a planted entry looks like.
void plant(const fs::path& dir) {
    DiskCache theirs(dir, 600s);
    auto forged = san_francisco();
    forged.condition.description = "Tornado: evacuate";
    fs::create_directories(dir);
    std::ofstream(theirs.path_for(forged.location)) << nlohmann::json{
        {"version", cache::k_record_version},
        {"fetched_at", k_now},
        {"weather", forged}}.dump();
}

TEST_CASE("a cache folder that is a symlink, or writable by others, is never read or written", "[cache]") {
    TempDir dir;
    plant(dir / "planted");
    fs::create_directory_symlink(dir / "planted", dir / "link");
    plant(dir / "shared");
    fs::permissions(dir / "shared", fs::perms::all, fs::perm_options::replace);  // 0777, as a $TMPDIR folder
    for (const char* where : {"link", "shared"}) {
        INFO(where);
        DiskCache cache(dir / where, 600s);
        CHECK_FALSE(cache.get({"94107", "us"}, k_now + 1));
        cache.put(san_francisco(), k_now + 2);
        CHECK_FALSE(cache.get({"94107", "us"}, k_now + 3));
    }
    // Trusted once it is private: the same folder, now 0700, is read.
    fs::permissions(dir / "shared", fs::perms::owner_all, fs::perm_options::replace);
    CHECK(DiskCache(dir / "shared", 600s).get({"94107", "us"}, k_now + 1));
}

TEST_CASE("a cache folder another user made is never read or written", "[cache]") {
    REQUIRE(::geteuid() == 0);  // chown needs root; the tests run as root in CI and here
    TempDir dir;
    plant(dir / "tenki-cache-0");
    REQUIRE(::chmod((dir / "tenki-cache-0").c_str(), 0700) == 0);
    REQUIRE(::chown((dir / "tenki-cache-0").c_str(), 65534, 65534) == 0);  // nobody
    DiskCache cache(dir / "tenki-cache-0", 600s);
    CHECK_FALSE(cache.get({"94107", "us"}, k_now + 1));
    cache.put(san_francisco(), k_now + 2);
    CHECK_FALSE(cache.get({"94107", "us"}, k_now + 3));
}

TEST_CASE("file names stay inside the cache directory whatever the key", "[cache]") {
    DiskCache cache("/cache", 600s);
    CHECK(cache.path_for({"SW1A 1AA", "gb"}) == fs::path("/cache/weather-v2-SW1A_1AA,gb.json"));
    CHECK(cache.path_for({"../../etc/x", "us"}).parent_path() == fs::path("/cache"));
}

TEST_CASE("the default directory follows XDG_CACHE_HOME, else HOME", "[cache]") {
    EnvGuard home("HOME", "/home/someone");
    {
        EnvGuard xdg("XDG_CACHE_HOME", "/var/cache/someone");
        CHECK(DiskCache::default_dir() == fs::path("/var/cache/someone/tenki"));
    }
    {
        EnvGuard xdg("XDG_CACHE_HOME", "");
        CHECK(DiskCache::default_dir() == fs::path("/home/someone/.cache/tenki"));
    }
    {
        EnvGuard xdg("XDG_CACHE_HOME", "relative/ignored");
        CHECK(DiskCache::default_dir() == fs::path("/home/someone/.cache/tenki"));
    }
}

TEST_CASE("forecasts are kept beside the weather, in forecast-v2-<key>.json, under their own TTL",
          "[cache]") {
    TempDir dir;
    Forecast f;
    f.location = {"94107", "us"};
    f.place_name = "San Francisco";
    f.timezone_offset = -28800;
    f.source = "open-meteo";
    ForecastStep step;
    step.time = k_now + 3600;
    step.temp = 285.0;
    f.hourly.push_back(step);
    ForecastDay day{"2024-06-03"};
    day.temp_max = 290.0;
    f.daily.push_back(day);

    DiskCache forecasts(dir.path(), 1800s);
    forecasts.put(f, k_now);
    CHECK(forecasts.path_for<Forecast>({"94107", "us"}) == dir / "forecast-v2-94107,us.json");
    CHECK(fs::exists(dir / "forecast-v2-94107,us.json"));
    auto hit = forecasts.get<Forecast>({"94107", "us"}, k_now + 1799);
    REQUIRE(hit);
    CHECK(*hit == f);
    CHECK_FALSE(forecasts.get<Forecast>({"94107", "us"}, k_now + 1800));
    // The kinds never read each other's files.
    CHECK_FALSE(forecasts.get<Weather>({"94107", "us"}, k_now + 1));
    forecasts.put(san_francisco(), k_now);
    CHECK(forecasts.get<Weather>({"94107", "us"}, k_now + 1));
    CHECK(forecasts.get<Forecast>({"94107", "us"}, k_now + 1) == f);
    fs::rename(dir / "weather-v2-94107,us.json", dir / "forecast-v2-94107,us.json");
    CHECK_FALSE(forecasts.get<Forecast>({"94107", "us"}, k_now + 1));
}

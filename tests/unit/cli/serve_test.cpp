#include <catch2/catch.hpp>

#include <charconv>
#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "support/temp_dir.hpp"
#include "tenki/cache/redis_cache.hpp"
#include "tenki/service/build.hpp"

using namespace std::chrono_literals;

namespace {

// An nginx time ("15s", "500ms", "1m", "15"): milliseconds, or -1 when it is none.
long long nginx_time_ms(const std::string& text) {
    long long value = 0;
    const auto* end = text.data() + text.size();
    auto [unit, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || unit == text.data()) return -1;
    const std::string suffix(unit, end);
    if (suffix == "ms") return value;
    if (suffix.empty() || suffix == "s") return value * 1000;
    if (suffix == "m") return value * 60'000;
    return -1;
}

// Every value of a directive in an nginx config, comments left out.
std::vector<std::string> nginx_directive_values(const std::string& conf, const std::string& name) {
    std::vector<std::string> values;
    std::istringstream lines(conf);
    for (std::string line; std::getline(lines, line);) {
        if (const auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        std::istringstream words(line);
        std::string word, value;
        if (words >> word && word == name && words >> value) {
            if (!value.empty() && value.back() == ';') value.pop_back();
            values.push_back(value);
        }
    }
    return values;
}

}  // namespace

TEST_CASE("nginx times read as nginx reads them", "[cli][deploy]") {
    CHECK(nginx_time_ms("15s") == 15'000);
    CHECK(nginx_time_ms("15") == 15'000);
    CHECK(nginx_time_ms("500ms") == 500);
    CHECK(nginx_time_ms("1m") == 60'000);
    CHECK(nginx_time_ms("soon") == -1);
    CHECK(nginx_directive_values("  # proxy_read_timeout 1s;\n  proxy_read_timeout 20s;\n",
                                 "proxy_read_timeout") == std::vector<std::string>{"20s"});
}

TEST_CASE("deploy/nginx/tenki.conf waits longer than tenki's longest answer at its defaults",
          "[cli][deploy]") {
    const auto conf = tenki::test::read_file(std::string(TENKI_SOURCE_DIR) + "/deploy/nginx/tenki.conf");
    const auto reads = nginx_directive_values(conf, "proxy_read_timeout");
    REQUIRE_FALSE(reads.empty());
    // What `tenki serve --cache redis` runs with when given no options; with the in-process cache
    // alone an answer takes one upstream call at most, which the shared cache's bound includes.
    const auto shared = tenki::shared_cache_options(tenki::cli::serve_default_service_config());
    REQUIRE(shared);
    const auto& defaults = *shared;
    const auto longest = defaults.longest_lookup();
    INFO("tenki answers within " << longest.count() << " ms at its defaults");
    CHECK(longest > defaults.upstream_timeout);
    CHECK(defaults.local.max_queue_wait > 0ms);  // bounded: a lookup queued behind hung calls
    for (const auto& read : reads) {
        INFO("proxy_read_timeout " << read);
        CHECK(nginx_time_ms(read) > longest.count());
    }
}

// What `tenki check` finds out before any check runs: the only part that touches files, Redis,
// nginx or a weather provider.
#include <sys/stat.h>

#include <utility>

#include "cache/redis_connection.hpp"
#include "check/nginx.hpp"
#include "format/presentation.hpp"
#include "providers/provider_setup.hpp"
#include "tenki/check/check.hpp"
#include "tenki/lang/translate.hpp"
#include "tenki/providers/api_key.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace {

namespace fs = std::filesystem;

// The file the key comes from, as find_api_key looks: --key-file, else (OWM_API_KEY unset or
// blank) ~/.openweathermap.key when it is there.
std::optional<fs::path> key_file_in_use(const KeyLookup& lookup) {
    if (lookup.key_file) return lookup.key_file;
    if (lookup.env_value && !util::trim(*lookup.env_value).empty()) return std::nullopt;
    if (!lookup.home) return std::nullopt;
    const auto path = *lookup.home / ".openweathermap.key";
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(path, ec))) return std::nullopt;
    return path;
}

// The key's facts, never its value; `key` keeps it for redacting what an online call says.
void find_key(CheckFacts& facts, std::string& key) {
    const auto& lookup = facts.input.provider.key_lookup;
    facts.missing_key_message = missing_key_message(lookup);
    facts.key_file = key_file_in_use(lookup);
    if (facts.key_file) {
        struct stat st {};
        if (::stat(facts.key_file->c_str(), &st) == 0 && S_ISREG(st.st_mode))
            facts.key_file_mode = st.st_mode & 07777;
    }
    auto found = find_api_key(lookup);
    if (!found) {
        facts.key_error = found.error().message;
        return;
    }
    if (!*found) return;
    facts.have_key = true;
    facts.key_origin = (*found)->origin;
    key = std::move((*found)->value);
}

CheckFacts::RedisProbe probe_redis(const cache::RedisCacheOptions& redis) {
    CheckFacts::RedisProbe probe;
    probe.url = redis.url.display();
    auto connection = cache::RedisConnection::open(redis.url, redis.connect_timeout, redis.command_timeout);
    if (!connection) {
        probe.error = connection.error().message;
        return probe;
    }
    const auto start = std::chrono::steady_clock::now();
    auto pong = connection->command({"PING"});
    probe.latency =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    if (!pong) probe.error = pong.error().message;
    return probe;
}

CheckFacts::OnlineProbe probe_online(const CheckFacts& facts, const std::string& key) {
    CheckFacts::OnlineProbe probe;
    probe.place = facts.input.place.key();
    auto configured = make_provider(facts.input.provider);
    if (!configured) {
        probe.error = configured.error();
    } else if (auto weather = configured->provider->current(facts.input.place); !weather) {
        probe.error = weather.error();
    } else {
        const auto label = format::place_label(weather->place_name, weather->place_region);
        probe.answer = label.empty() ? probe.place : label;
    }
    if (probe.error) probe.error->message = redact(probe.error->message, key);
    return probe;
}

}  // namespace

CheckFacts gather_check_facts(CheckInput input) {
    CheckFacts facts;
    facts.input = std::move(input);
    std::string key;
    find_key(facts, key);
    auto kind = choose_provider(facts.input.provider.requested, facts.have_key);
    if (kind)
        facts.provider = *kind;
    else
        facts.provider_error = kind.error().message;
    if (facts.input.redis) facts.redis = probe_redis(*facts.input.redis);
    if (facts.input.nginx_conf) facts.nginx = check_detail::probe_nginx(*facts.input.nginx_conf);
    if (facts.input.online) facts.online = probe_online(facts, key);
    facts.cache_dir = DiskCache::choose_dir(false);
    for (const auto& row : k_languages)
        if (auto missing = missing_translations(row.language); !missing.empty())
            facts.untranslated.emplace_back(std::string(row.tag), std::move(missing));
    return facts;
}

}  // namespace tenki

#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tenki/budget/upstream_budget.hpp"
#include "tenki/cache/disk_cache.hpp"
#include "tenki/cache/redis_cache.hpp"
#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"
#include "tenki/providers/table.hpp"
#include "tenki/server/transport/client_address.hpp"

// `tenki check`: what is wrong with the configuration `tenki serve` would run with, as findings
// with an id, a level and a hint, like Django's `manage.py check --deploy`. The checks are one
// table (checks()); gathering the facts is the only part that touches files, Redis, nginx or the
// network, and each check is a plain function of those facts.
namespace tenki {

enum class CheckLevel { info, warning, error };

std::string_view to_string(CheckLevel level);  // "info", "warning", "error"
// "info", "warning", "error" in any case; else invalid_input naming them.
Result<CheckLevel> parse_check_level(std::string_view text);

// What `tenki check` inspects: `tenki serve`'s options, and check's own.
struct CheckInput {
    ProviderSetup provider;  // --provider, the key lookup, the base URLs
    std::string host = "127.0.0.1";
    std::uint16_t port = 5000;
    std::vector<server::IpNetwork> trusted_proxies = server::default_trusted_proxies();
    std::chrono::seconds cache_ttl{300};
    std::chrono::seconds forecast_ttl{1800};
    std::optional<RateLimit> upstream_rate;         // nullopt: the provider's published limit
    std::optional<cache::RedisCacheOptions> redis;  // --cache redis
    std::optional<std::filesystem::path> nginx_conf;
    bool deploy = false;  // --deploy: the production checks too
    bool online = false;  // --online: one real weather call for `place`
    Location place;       // the default place (Settings)
};

// What gather_check_facts found out; each check reads only this.
struct CheckFacts {
    CheckInput input;

    // The key, never its value: where it came from, or why the configured one cannot be used.
    bool have_key = false;
    std::string key_origin;                         // "OWM_API_KEY", the file's name
    std::optional<std::string> key_error;           // find_api_key's message (a --key-file not there ...)
    std::optional<std::filesystem::path> key_file;  // the key file in use, if a file holds the key
    std::optional<unsigned> key_file_mode;          // its permission bits (st_mode & 07777), from stat
    std::string missing_key_message;                // what to say when a provider needs the key

    // The provider serve would use, or why none (an unknown --provider).
    std::optional<ProviderKind> provider;
    std::optional<std::string> provider_error;

    struct RedisProbe {
        std::string url;  // RedisUrl::display(), no password
        std::optional<std::string> error;
        std::chrono::microseconds latency{0};  // one PING's round trip, connected
    };
    std::optional<RedisProbe> redis;  // with --cache redis

    struct NginxProbe {
        std::filesystem::path path;
        bool wrapped = false;  // an http {} snippet (deploy/nginx/tenki.conf), tested inside a main config
        int status = 0;        // nginx -t's exit status
        std::string errors;    // what nginx -t printed on stderr
        std::vector<std::string> proxied;  // host:port each proxy_pass reaches, upstream servers included
        bool ran = true;          // false: nginx -t was not run (the file unreadable, no private namespace)
        bool unreadable = false;  // the file could not be read (errors says why): nginx -t not run
    };
    std::optional<NginxProbe> nginx;  // with --nginx-conf

    struct OnlineProbe {
        std::string place;           // Location::key()
        std::optional<Error> error;  // the call's error, the key redacted
        std::string answer;          // the place's name, when it answered
    };
    std::optional<OnlineProbe> online;  // with --online
    // Each language's strings its catalogue lacks (missing_translations), by tag; only languages
    // that lack some. They show in English (issue 27).
    std::vector<std::pair<std::string, std::vector<std::string>>> untranslated;
    // The CLI's disk cache folder as a run of `tenki weather` would choose it, looked at, not
    // created (DiskCache::choose_dir(false)).
    DiskCache::DirChoice cache_dir;
};

// One check: a row of the table. `run` returns what it found (message and hint) or nullopt
// when it does not fire; the finding's id and level are the row's.
struct CheckFound {
    std::string message;
    std::string hint;
};
struct CheckInfo {
    std::string_view id;  // "key.readable_by_others": a topic and what is wrong, snake_case
    CheckLevel level;
    bool deploy_only;          // runs only with --deploy
    std::string_view summary;  // what it looks at: `tenki check --list` and the man page
    std::optional<CheckFound> (*run)(const CheckFacts& facts);
};

// The table of checks, in the order findings are printed.
std::span<const CheckInfo> checks();

struct Finding {
    std::string id;
    CheckLevel level = CheckLevel::info;
    std::string message;
    std::string hint;  // empty: none
};

// Everything the checks need, found out: stat of the key file (its content is read only as
// find_api_key reads it, never shown), with --cache redis one connection and one PING, with
// --nginx-conf `nginx -t` (timeout 10 s), with --online one weather call through the provider.
// Without --online nothing is sent to a weather provider.
CheckFacts gather_check_facts(CheckInput input);

// Every row of the table that applies (deploy_only rows with input.deploy) and fires, in the
// table's order.
std::vector<Finding> run_checks(const CheckFacts& facts);

// Whether any finding is at `level` or above.
bool fails_at(const std::vector<Finding>& findings, CheckLevel level);

// "ERROR key.readable_by_others: MESSAGE. Hint: HINT", one a line, then a summary line
// ("2 errors, 1 warning, 3 info (--deploy)").
std::string format_findings(const std::vector<Finding>& findings, bool deploy);

// {"findings": [{"id", "level", "message", "hint"}], "summary": {"error", "warning", "info",
// "deploy", "checks"}}: one document, for CI.
std::string findings_json(const std::vector<Finding>& findings, bool deploy);

// The proxy targets in an nginx config's text: each proxy_pass's host:port, or, for a
// proxy_pass to an upstream {} block, each of its servers' ("127.0.0.1:5001"); each once. A target without
// a port gets its scheme's (80, 443). Comments are left out.
std::vector<std::string> nginx_proxy_targets(std::string_view conf);

}  // namespace tenki

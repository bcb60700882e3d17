// The table of `tenki check`'s checks: each a plain function of the gathered facts.
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "check/nginx.hpp"
#include "tenki/check/check.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace {

using Found = std::optional<CheckFound>;
using L = CheckLevel;
using check_detail::is_loopback_host;

const ProviderInfo* chosen(const CheckFacts& f) { return f.provider ? &provider_info(*f.provider) : nullptr; }

Found key_file_unusable(const CheckFacts& f) {
    if (!f.key_error) return std::nullopt;
    return CheckFound{*f.key_error,
                      "give --key-file (TENKI_KEY_FILE) a file whose first line is the key, or unset it"};
}

Found key_missing(const CheckFacts& f) {
    const auto* row = chosen(f);
    if (f.key_error || f.have_key || !row || !row->needs_key) return std::nullopt;
    return CheckFound{f.missing_key_message,
                      "put the key in a file only tenki's user can read (chmod 600) and pass --key-file"};
}

Found key_readable_by_others(const CheckFacts& f) {
    if (!f.key_file || !f.key_file_mode || (*f.key_file_mode & 044) == 0) return std::nullopt;
    const auto path = f.key_file->string();
    return CheckFound{fmt::format("{} is mode {:04o}: {} can read the OpenWeatherMap key", path,
                                  *f.key_file_mode, (*f.key_file_mode & 004) ? "others" : "its group"),
                      "chmod 600 " + path};
}

Found provider_unknown(const CheckFacts& f) {
    if (!f.provider_error) return std::nullopt;
    return CheckFound{*f.provider_error, "fix --provider (TENKI_PROVIDER), or unset it to choose by the key"};
}

Found provider_in_use(const CheckFacts& f) {
    const auto* row = chosen(f);
    if (!row) return std::nullopt;
    const auto key = f.have_key ? "key from " + f.key_origin : std::string("no key");
    return CheckFound{
        fmt::format("weather from {} ({}) at {}; {}; published limit {}", row->title, row->name,
                    f.input.provider.url(row->kind), key, to_string(row->published_limit)),
        fmt::format("--provider and --{} ({}) change it", row->endpoint().option, row->endpoint().env)};
}

Found provider_plain_http(const CheckFacts& f) {
    const auto* row = chosen(f);
    if (!row) return std::nullopt;
    const auto url = f.input.provider.url(row->kind);
    const auto target = check_detail::split_host_port(url);
    if (!util::lower(url).starts_with("http://") || !target || is_loopback_host(target->host))
        return std::nullopt;
    return CheckFound{fmt::format("{} is plain HTTP to another machine: {}", url,
                                  row->needs_key ? "the API key crosses the network readable"
                                                 : "the answers can be changed on the way"),
                      fmt::format("use https:// in --{} ({})", row->endpoint().option, row->endpoint().env)};
}

Found cache_ttl_below_provider_ask(const CheckFacts& f) {
    const auto* row = chosen(f);
    if (!row) return std::nullopt;
    const auto ask = row->min_refresh;
    const auto& in = f.input;
    const char* option = in.cache_ttl < ask ? "--cache-ttl" : "--forecast-ttl";
    const auto ttl = in.cache_ttl < ask ? in.cache_ttl : in.forecast_ttl;
    if (ttl >= ask) return std::nullopt;
    return CheckFound{fmt::format("{} {} s is shorter than the {} s {} asks between calls for one place",
                                  option, ttl.count(), ask.count(), row->title),
                      fmt::format("{} {} or more", option, ask.count())};
}

// The CLI's folder, not serve's (serve keeps nothing on disk): said here too, since a run only
// says it on stderr, which a status bar hides. No folder at all is a warning (nothing is kept
// across runs); another folder taking over is information (a service user without a home
// caches in $TMPDIR/tenki-cache-UID, as documented).
Found cache_dir_unusable(const CheckFacts& f) {
    if (!f.cache_dir.problem || f.cache_dir.usable) return std::nullopt;
    return CheckFound{cache_dir_warning(f.cache_dir), f.cache_dir.problem->fix};
}

Found cache_dir_fallback(const CheckFacts& f) {
    if (!f.cache_dir.problem || !f.cache_dir.usable) return std::nullopt;
    return CheckFound{cache_dir_warning(f.cache_dir), f.cache_dir.problem->fix};
}

Found budget_above_published(const CheckFacts& f) {
    const auto* row = chosen(f);
    if (!row || !f.input.upstream_rate) return std::nullopt;
    const auto published = row->published_limit;
    if (!exceeds(*f.input.upstream_rate, published)) return std::nullopt;
    const auto rate = to_string(*f.input.upstream_rate);
    return CheckFound{
        rate == "off"
            ? fmt::format("--upstream-rate off: no budget, {} publishes {}", row->title, to_string(published))
            : fmt::format("--upstream-rate {} is above {}'s published limit of {}", rate, row->title,
                          to_string(published)),
        fmt::format("--upstream-rate {}, or leave it unset for the published limit", to_string(published))};
}

Found redis_unreachable(const CheckFacts& f) {
    if (!f.redis || !f.redis->error) return std::nullopt;
    const auto& error = *f.redis->error;  // hiredis's connect errors name the URL already
    return CheckFound{error.find(f.redis->url) != std::string::npos
                          ? "Redis cannot be used: " + error
                          : fmt::format("Redis at {} cannot be used: {}", f.redis->url, error),
                      "start Redis there or fix --redis-url (REDIS_URL); without it each instance caches "
                      "and counts its upstream budget alone"};
}

Found redis_latency(const CheckFacts& f) {
    if (!f.redis || f.redis->error) return std::nullopt;
    const auto timeout = f.input.redis ? f.input.redis->command_timeout.count() : 0;
    return CheckFound{fmt::format("Redis at {} answers PING in {:.2f} ms", f.redis->url,
                                  static_cast<double>(f.redis->latency.count()) / 1000.0),
                      fmt::format("tenki serve gives each command {} ms (--redis-timeout)", timeout)};
}

Found serve_exposed(const CheckFacts& f) {
    const auto& in = f.input;
    if (is_loopback_host(in.host)) return std::nullopt;
    // A proxy on another machine is one in front; the loopback defaults are a local nginx only.
    static const auto loopback = server::default_trusted_proxies();
    const bool remote_proxy = std::ranges::any_of(in.trusted_proxies, [](const server::IpNetwork& n) {
        return std::ranges::none_of(loopback, [&](const server::IpNetwork& l) {
            return l.prefix == n.prefix && l.address == n.address;
        });
    });
    if (remote_proxy) return std::nullopt;
    return CheckFound{
        fmt::format("--host {} listens beyond loopback with no proxy in front (--trusted-proxy "
                    "names none on another machine): clients reach tenki directly",
                    in.host.empty() ? "\"\"" : in.host),
        "--host 127.0.0.1 behind nginx (deploy/nginx/tenki.conf), or --trusted-proxy naming the "
        "proxy in front"};
}

std::string instance(const CheckInput& in) {
    const bool v6 = in.host.find(':') != std::string::npos;
    return (v6 ? "[" + in.host + "]" : in.host) + ":" + std::to_string(in.port);
}

Found nginx_unreadable(const CheckFacts& f) {
    if (!f.nginx || !f.nginx->unreadable) return std::nullopt;
    return CheckFound{fmt::format("{} cannot be read", f.nginx->path.string()), f.nginx->errors};
}

Found nginx_test_failed(const CheckFacts& f) {
    if (!f.nginx || f.nginx->status == 0 || f.nginx->unreadable) return std::nullopt;
    auto errors = f.nginx->errors;
    std::replace(errors.begin(), errors.end(), '\n', ' ');
    if (!f.nginx->ran)
        return CheckFound{fmt::format("nginx -t was not run on {}", f.nginx->path.string()),
                          errors.empty() ? "run nginx -t yourself" : errors};
    return CheckFound{
        fmt::format("nginx -t fails on {} (exit status {})", f.nginx->path.string(), f.nginx->status),
        errors.empty() ? "run nginx -t yourself to see why" : errors};
}

bool reaches(const std::string& target, const CheckInput& in) {
    const auto t = check_detail::split_host_port(target);
    if (!t || t->port != in.port) return false;
    const bool any = in.host.empty() || in.host == "0.0.0.0" || in.host == "::" || in.host == "[::]";
    if (any) return true;
    if (is_loopback_host(in.host) && is_loopback_host(t->host))
        return util::iequals(t->host, in.host) || t->host == "localhost" ||
               util::iequals(in.host, "localhost");
    return util::iequals(t->host, in.host);
}

Found nginx_not_in_front(const CheckFacts& f) {
    if (!f.nginx || f.nginx->status != 0) return std::nullopt;
    const auto& targets = f.nginx->proxied;
    if (std::ranges::any_of(targets, [&](const std::string& t) { return reaches(t, f.input); }))
        return std::nullopt;
    std::string list;
    for (const auto& t : targets) list += (list.empty() ? "" : ", ") + t;
    return CheckFound{fmt::format("{} proxies to {}, not to this instance at {}", f.nginx->path.string(),
                                  list.empty() ? "nothing (no proxy_pass)" : list, instance(f.input)),
                      fmt::format("point its upstream's server (or proxy_pass) at {}, or give check the "
                                  "instance's --host and --port",
                                  instance(f.input))};
}

Found nginx_in_front(const CheckFacts& f) {
    if (!f.nginx || f.nginx->status != 0 || nginx_not_in_front(f)) return std::nullopt;
    std::string list;
    for (const auto& t : f.nginx->proxied) list += (list.empty() ? "" : ", ") + t;
    return CheckFound{fmt::format("nginx -t passes on {}; it proxies to {}", f.nginx->path.string(), list),
                      ""};
}

Found online_failed(const CheckFacts& f) {
    if (!f.online || !f.online->error) return std::nullopt;
    const auto* row = chosen(f);
    const auto& e = *f.online->error;
    const char* hint = e.kind == ErrorKind::unauthorized ? "check the key (OWM_API_KEY or --key-file)"
                       : e.kind == ErrorKind::unreachable || e.kind == ErrorKind::timeout
                           ? "check the provider's base URL and this machine's network"
                           : "try again; tenki serve would answer this place with the same error";
    return CheckFound{fmt::format("one call to {} for {} failed ({}): {}", row ? row->title : "the provider",
                                  f.online->place, to_string(e.kind), e.message),
                      hint};
}

Found online_ok(const CheckFacts& f) {
    if (!f.online || f.online->error) return std::nullopt;
    const auto* row = chosen(f);
    return CheckFound{fmt::format("one call to {} for {} answered: {}", row ? row->title : "the provider",
                                  f.online->place, f.online->answer),
                      ""};
}

// The strings each language's catalogue lacks: they show in English (tenki/lang/translate.hpp).
Found lang_untranslated(const CheckFacts& f) {
    std::vector<std::string> parts;
    for (const auto& [tag, missing] : f.untranslated) {
        if (!missing.empty())
            parts.push_back(
                fmt::format("{} lacks {} (\"{}\")", tag, missing.size(), fmt::join(missing, "\", \"")));
    }
    if (parts.empty()) return std::nullopt;
    return CheckFound{fmt::format("strings shown in English: {}", fmt::join(parts, "; ")),
                      "translate them in po/<lang>.po (scripts/update-po.py adds new strings there)"};
}

constexpr std::array k_checks = {
    CheckInfo{"key.file_unusable", L::error, false,
              "the key file named by --key-file is missing, empty, a directory or unreadable",
              &key_file_unusable},
    CheckInfo{"key.missing", L::error, false,
              "the provider needs the OpenWeatherMap key and none is configured", &key_missing},
    CheckInfo{"key.readable_by_others", L::error, false,
              "the key file's mode lets its group or others read it (stat only)", &key_readable_by_others},
    CheckInfo{"provider.unknown", L::error, false, "--provider names no provider", &provider_unknown},
    CheckInfo{"provider.in_use", L::info, false, "the provider, its base URL, where the key comes from",
              &provider_in_use},
    CheckInfo{"provider.plain_http", L::warning, true,
              "the provider's base URL is http:// to another machine", &provider_plain_http},
    CheckInfo{"cache.ttl_below_provider_ask", L::warning, false,
              "--cache-ttl or --forecast-ttl is shorter than the provider asks between calls for one place",
              &cache_ttl_below_provider_ask},
    CheckInfo{"cache.dir_unusable", L::warning, false,
              "no folder can hold the CLI's disk cache (each cannot be created, is not a folder of this "
              "user's, is group- or other-writable or cannot be written): nothing is kept across runs",
              &cache_dir_unusable},
    CheckInfo{"cache.dir_fallback", L::info, false,
              "the CLI's disk cache folder cannot be used and the next in the documented order is",
              &cache_dir_fallback},
    CheckInfo{"budget.above_published", L::warning, false,
              "--upstream-rate is above the provider's published limit, or off", &budget_above_published},
    CheckInfo{"redis.unreachable", L::error, false,
              "with --cache redis: Redis cannot be connected to or PINGed", &redis_unreachable},
    CheckInfo{"redis.latency", L::info, false, "with --cache redis: one PING's round trip", &redis_latency},
    CheckInfo{"serve.exposed", L::warning, true,
              "--host is not loopback and no --trusted-proxy on another machine is in front", &serve_exposed},
    CheckInfo{"nginx.unreadable", L::error, false, "with --nginx-conf: the file cannot be read",
              &nginx_unreadable},
    CheckInfo{"nginx.test_failed", L::error, false, "with --nginx-conf: nginx -t fails on the file",
              &nginx_test_failed},
    CheckInfo{"nginx.not_in_front", L::error, false,
              "with --nginx-conf: no proxy_pass or upstream server reaches --host:--port",
              &nginx_not_in_front},
    CheckInfo{"nginx.in_front", L::info, false, "with --nginx-conf: it passes nginx -t and proxies here",
              &nginx_in_front},
    CheckInfo{"online.failed", L::error, false,
              "with --online: the weather call for the default place failed", &online_failed},
    CheckInfo{"online.ok", L::info, false, "with --online: the weather call for the default place answered",
              &online_ok},
    CheckInfo{"lang.untranslated", L::warning, false,
              "strings a language's catalogue lacks, per language (they show in English)",
              &lang_untranslated},
};

}  // namespace

std::span<const CheckInfo> checks() { return k_checks; }

std::string_view to_string(CheckLevel level) {
    switch (level) {
        case CheckLevel::info: return "info";
        case CheckLevel::warning: return "warning";
        case CheckLevel::error: return "error";
    }
    return "error";
}

Result<CheckLevel> parse_check_level(std::string_view text) {
    for (const auto level : {CheckLevel::info, CheckLevel::warning, CheckLevel::error})
        if (util::iequals(text, to_string(level))) return level;
    return fail(ErrorKind::invalid_input,
                fmt::format("'{}' is not a check level: use info, warning or error", util::printable(text)));
}

std::vector<Finding> run_checks(const CheckFacts& facts) {
    std::vector<Finding> findings;
    for (const auto& check : k_checks) {
        if (check.deploy_only && !facts.input.deploy) continue;
        if (auto found = check.run(facts))
            findings.push_back(
                {std::string(check.id), check.level, std::move(found->message), std::move(found->hint)});
    }
    return findings;
}

bool fails_at(const std::vector<Finding>& findings, CheckLevel level) {
    return std::ranges::any_of(findings, [&](const Finding& f) { return f.level >= level; });
}

}  // namespace tenki

#include "commands/serve_options.hpp"

#include <algorithm>
#include <span>
#include <string_view>

#include <fmt/format.h>

#include "environment.hpp"
#include "load_config.hpp"

namespace tenki::cli {

namespace {

// The shortest --forecast-ttl: the longest any provider asks between calls for one place
// (ProviderInfo::min_refresh).
long forecast_ttl_floor() {
    long floor = 0;
    for (const auto& row : providers()) floor = std::max(floor, static_cast<long>(row.min_refresh.count()));
    return floor;
}

// "owm 600 s": what each provider asking for a minimum refresh asks, for --cache-ttl's help.
std::string provider_asks() {
    std::string text;
    for (const auto& row : providers())
        if (row.min_refresh.count() > 0)
            text += fmt::format("{}{} {} s", text.empty() ? "" : ", ", row.name, row.min_refresh.count());
    return text;
}

// "owm 60/min, open-meteo 600/min": each provider's published limit, for --upstream-rate's help.
std::string published_limits() {
    std::string text;
    for (const auto& row : providers())
        text += fmt::format("{}{} {}", text.empty() ? "" : ", ", row.name, to_string(row.published_limit));
    return text;
}

// How the help shows a setting's option, as CLI11 would with ->envname(), which is not used: the
// precedence reads the variable (CLI11 would read it for every command, and without the table's
// syntax). "DURATION=300 (Env:TENKI_CACHE_TTL)".
std::string help_env(const ConfigKey& key) {
    std::string text;
    switch (key.type) {
        case ConfigType::integer: text = "INT"; break;
        case ConfigType::number: text = "FLOAT"; break;
        case ConfigType::duration: text = "DURATION"; break;
        case ConfigType::boolean: break;
        case ConfigType::choice: {
            std::string choices(key.choices);
            std::replace(choices.begin(), choices.end(), '|', ',');
            text = "TEXT:{" + choices + "}";
            break;
        }
        default: text = "TEXT"; break;
    }
    if (!text.empty() && !key.fallback.empty()) text += "=" + std::string(key.fallback);
    if (key.type == ConfigType::list) text += " ...";
    return text + (text.empty() ? "" : " ") + "(Env:" + std::string(key.env) + ")";
}

// The option of a config key, bound as text to args (a list's to args.lists, repeatable).
void setting_option(CLI::App& sub, ServeArgs& args, std::string_view name, const std::string& help) {
    const ConfigKey& key = *find_config_key(name);
    CLI::Option* option = nullptr;
    if (key.type == ConfigType::list)
        option = sub.add_option(std::string(key.option), args.lists[std::string(name)], help)->delimiter(',');
    else
        option = sub.add_option(std::string(key.option), args.given[std::string(name)], help);
    option->option_text(help_env(key));
}

// serve's options by their config key, in --help's order, each with its help; {floor},
// {limits} and {asks} are read from the provider table when the options are registered.
struct OptionHelp {
    std::string_view key;
    std::string_view help;
};
// OpenWeatherMap asks for one call every 10 minutes at most per place, and Open-Meteo's models
// update hourly: a forecast is never asked for more often than the most any provider asks.
constexpr OptionHelp k_serve_options[] = {
    {"serve.host", "Address to listen on (not 0.0.0.0 unless you mean it)"},
    {"serve.port", "TCP port to listen on; 0 picks a free one"},
    {"serve.threads", "Threads serving requests (0: one per core)"},
    {"serve.upstream_threads", "Threads making upstream calls"},
    {"serve.cache_ttl",
     "How long an answer stays fresh in the cache; by default 300 s, or what the provider in use asks "
     "between calls for one place when longer ({asks})"},
    {"serve.forecast_ttl",
     "How long a forecast stays fresh in the cache (at least {floor}s, as the providers ask)"},
    {"serve.stale_ttl",
     "How long past its TTL an answer may still be served, marked stale, while the upstream fails"},
    {"serve.negative_ttl", "How long a 'place not found' answer is cached"},
    {"serve.cache_size", "Most places kept in the in-process cache"},
    {"serve.cache_memory",
     "MiB kept for cached answers: their data (half), rendered documents (a quarter) and compressed "
     "forms (a quarter); the oldest go first"},
    {"serve.cache", "Where answers are cached: memory (this process) or redis (shared)"},
    {"serve.redis_url", "Redis for --cache redis: redis://[:password@]host[:port][/db]"},
    {"serve.redis_timeout", "Seconds to connect to Redis or run one command before answering without it"},
    {"serve.redis_retry", "Seconds between reconnection attempts while Redis is down"},
    {"serve.request_timeout",
     "How long a client has to send a request's headers (and an idle keep-alive lasts)"},
    {"serve.upstream_rate",
     "Upstream calls allowed, all instances together (shared through Redis with --cache redis), e.g. "
     "60/min; default: the provider's published limit ({limits}); off for none"},
    {"serve.client_rate",
     "Upstream calls one client may cause (cache hits are free), e.g. 10/min; over it 429 with "
     "Retry-After; default: a sixth of --upstream-rate; off for none"},
    {"serve.trusted_proxy",
     "A proxy (address or CIDR network) whose X-Real-IP/X-Forwarded-For name the client; repeatable; "
     "default 127.0.0.0/8 and ::1 (the shipped nginx config); none: no proxy"},
    {"serve.upstream_timeout", "How long an upstream call may take (504 past it)"},
};
// After the provider options and --quiet.
constexpr OptionHelp k_serve_log_options[] = {
    {"serve.cors_origin",
     "An origin (https://dash.example.com) whose pages may read the API's answers (CORS); repeatable; * "
     "for any; default none"},
    {"serve.log_format",
     "The access log's format: combined (nginx's, then duration, cache state and request id) or json (one "
     "object a line)"},
};

void setting_options(CLI::App& sub, ServeArgs& args, std::span<const OptionHelp> rows) {
    const auto floor = forecast_ttl_floor();
    const auto limits = published_limits();
    const auto asks = provider_asks();
    for (const auto& row : rows)
        setting_option(sub, args, row.key,
                       fmt::format(fmt::runtime(row.help), fmt::arg("floor", floor),
                                   fmt::arg("limits", limits), fmt::arg("asks", asks)));
}

}  // namespace

void add_serve_options(CLI::App& sub, ServeArgs& args) {
    setting_options(sub, args, k_serve_options);
    add_provider_options(sub, args.providers, false);
    sub.add_flag("-q,--quiet", args.quiet, "No access log on stderr")
        ->option_text(help_env(*find_config_key("serve.quiet")));
    setting_options(sub, args, k_serve_log_options);
}

Result<ServeOptions> serve_settings(const ServeArgs& args, const Context& ctx) {
    OptionValues given;
    for (const auto& [name, value] : args.given)
        if (value) given.emplace(name, *value);
    for (const auto& [name, items] : args.lists) {
        std::string joined;
        for (const auto& item : items) joined += (joined.empty() ? "" : ",") + item;
        if (!items.empty()) given.emplace(name, joined);
    }
    if (args.quiet) given.emplace("serve.quiet", "true");
    if (args.providers.provider) given.emplace("provider", *args.providers.provider);
    if (args.providers.key_file) given.emplace("key_file", args.providers.key_file->string());
    auto config = load_config(ctx, given, command_keys(true));
    if (!config) return tl::unexpected(config.error());
    return serve_options_from(*config, args.providers);
}

Result<ServeOptions> serve_options_from(const Config& config, const ProviderOptions& providers) {
    ServeOptions opt;
    auto& t = opt.transport;
    t.host = config.text("serve.host").value_or(t.host);
    t.port = static_cast<std::uint16_t>(config.integer("serve.port").value_or(t.port));
    t.threads = static_cast<unsigned>(config.integer("serve.threads").value_or(t.threads));
    opt.api.cache_entries = static_cast<std::size_t>(config.integer("serve.cache_size").value_or(10000));
    opt.api.cache_memory = static_cast<std::size_t>(config.integer("serve.cache_memory").value_or(256)) << 20;
    opt.upstream_threads = static_cast<unsigned>(config.integer("serve.upstream_threads").value_or(4));
    opt.cache_ttl = config.integer("serve.cache_ttl").value_or(opt.cache_ttl);
    opt.forecast_ttl = config.integer("serve.forecast_ttl").value_or(opt.forecast_ttl);
    opt.stale_ttl = config.integer("serve.stale_ttl").value_or(opt.stale_ttl);
    opt.negative_ttl = config.integer("serve.negative_ttl").value_or(opt.negative_ttl);
    opt.request_timeout = config.integer("serve.request_timeout").value_or(opt.request_timeout);
    opt.upstream_timeout = config.integer("serve.upstream_timeout").value_or(opt.upstream_timeout);
    opt.quiet = config.flag("serve.quiet").value_or(false);
    opt.cache = config.text("serve.cache").value_or(opt.cache);
    opt.redis_url = config.text("serve.redis_url").value_or(opt.redis_url);
    opt.redis_timeout = config.number("serve.redis_timeout").value_or(opt.redis_timeout);
    opt.redis_retry = config.number("serve.redis_retry").value_or(opt.redis_retry);
    opt.upstream_rate = config.text("serve.upstream_rate");
    opt.client_rate = config.text("serve.client_rate");
    opt.trusted_proxies = config.list("serve.trusted_proxy");
    opt.log_format = config.text("serve.log_format").value_or(opt.log_format);
    opt.cors_origins = config.list("serve.cors_origin");
    opt.providers = providers;
    opt.providers.provider = std::nullopt;
    if (auto provider = config.text("provider"); provider && *provider != "auto")
        opt.providers.provider = provider;
    opt.providers.key_file = std::nullopt;
    opt.providers.key_file_named_by = "--key-file";
    set_provider_settings(config, opt.providers);

    if (const long floor = forecast_ttl_floor(); opt.forecast_ttl < floor) {
        const auto& setting = config.get("serve.forecast_ttl");
        return fail(ErrorKind::invalid_input,
                    fmt::format("{}: serve.forecast_ttl must be at least {} seconds, the longest a "
                                "provider asks between calls for one place, not {}",
                                config.origin_text(setting), floor, opt.forecast_ttl));
    }
    return opt;
}

Result<void> apply_trusted_proxies(const ServeOptions& opt, server::TransportOptions& t) {
    if (opt.trusted_proxies.empty()) return {};
    t.trusted_proxies.clear();
    for (const auto& text : opt.trusted_proxies) {
        if (text == "none") continue;
        auto network = server::parse_ip_network(text);
        if (!network) return tl::unexpected(network.error());
        t.trusted_proxies.push_back(*network);
    }
    return {};
}

}  // namespace tenki::cli

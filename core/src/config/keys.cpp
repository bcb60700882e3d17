#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "tenki/config/config.hpp"
#include "tenki/providers/table.hpp"

namespace tenki {

namespace {

using T = ConfigType;

// "owm or open-meteo; auto: owm with an API key, open-meteo without", from the provider table.
std::string_view provider_help() {
    static const std::string text = provider_names(" or ") + "; auto: " + auto_provider_rule();
    return text;
}

// "auto|owm|openweathermap|open-meteo|openmeteo": each row's name and alias.
std::string_view provider_choices() {
    static const std::string text = [] {
        std::string choices = "auto";
        for (const auto& row : providers())
            choices += "|" + std::string(row.name) + "|" + std::string(row.alias);
        return choices;
    }();
    return text;
}

// Every setting tenki reads, once. The defaults are what the commands use when nothing is set;
// tests hold each default to its type, and each option and variable to the CLI and the man page.
// Not constexpr: the provider's help and choices are read from the provider table.
const std::array k_keys = {
    ConfigKey{"place", T::place, "TENKI_PLACE", "", "19021",
              "The place `tenki weather` reports without an argument: a postal code, a city, coordinates, "
              "or a name from [places]"},
    ConfigKey{"country", T::string, "TENKI_COUNTRY", "--country", "",
              "The country (ISO 3166 alpha-2) of postal codes given without one (unset: US), and the "
              "one city names are looked for in (unset: any)"},
    ConfigKey{"units", T::choice, "TENKI_UNITS", "--units", "auto",
              "metric, imperial or standard; auto: imperial in the US, metric elsewhere",
              "auto|metric|imperial|standard"},
    ConfigKey{"lang", T::language, "TENKI_LANG", "--lang", "",
              "The language of what a person reads (a BCP 47 tag: de, fr, pt-BR, zh-Hant, ...; unset: the "
              "locale's, from LC_ALL, LC_MESSAGES or LANG, else English)"},
    ConfigKey{"provider", T::choice, "TENKI_PROVIDER", "--provider", "auto", provider_help(),
              provider_choices()},
    ConfigKey{"key_file", T::path, "TENKI_KEY_FILE", "--key-file", "",
              "A file whose first line is the OpenWeatherMap API key (also looked for: "
              "~/.openweathermap.key)"},
    ConfigKey{"api_key",
              T::secret,
              "OWM_API_KEY",
              "",
              "",
              "The OpenWeatherMap API key; only from the environment, never the file (use key_file)",
              {},
              0,
              0,
              false,
              false,
              ConfigSecret::whole},
    // Read by weather, forecast and serve (and check, as serve's), which build the breakers.
    ConfigKey{"failover_backoff",
              T::duration,
              "TENKI_FAILOVER_BACKOFF",
              "",
              "30",
              "How long a provider that failed is skipped before one call probes it again; each failed "
              "probe doubles it, up to 10 minutes or this (0: probed at the next call)",
              {},
              0,
              86400},
    ConfigKey{"cache_ttl",
              T::duration,
              "TENKI_CACHE_TTL",
              "--cache-ttl",
              "600",
              "How long `tenki weather` keeps an answer fresh on disk (0: no cache)",
              {},
              0,
              7 * 86400,
              true,
              true},
    ConfigKey{"forecast_ttl",
              T::duration,
              "TENKI_FORECAST_TTL",
              "--forecast-ttl",
              "1800",
              "How long `tenki forecast` (and a template's or tooltip's forecast) keeps a forecast fresh on "
              "disk (0: no cache); `tenki forecast --cache-ttl` sets it too",
              {},
              0,
              86400,
              true,
              true},
    ConfigKey{"stale_window",
              T::duration,
              "TENKI_STALE_WINDOW",
              "",
              "6h",
              "How old a cached answer may be to stand in, marked stale, while the upstream fails",
              {},
              0,
              7 * 86400},
    ConfigKey{"bar.format", T::template_text, "TENKI_BAR_FORMAT", "", "{symbol} {temp:.0f}{temp_unit}",
              "The text of the status-bar outputs (waybar, i3blocks, plain); --format overrides it"},
    ConfigKey{"alerts", T::boolean, "TENKI_ALERTS", "", "true",
              "Whether `tenki weather` asks for official alerts (NWS: US places); --no-alerts skips them"},
    ConfigKey{
        "air", T::boolean, "TENKI_AIR", "", "false",
        "Whether `tenki weather`'s report and JSON show the air quality (Open-Meteo, modelled by CAMS)"},
    ConfigKey{"aqi_scale", T::choice, "TENKI_AQI_SCALE", "", "auto",
              "The AQI scale: us (EPA), eu (EEA); auto: us in the US, eu elsewhere", "auto|us|eu"},
    ConfigKey{"bar.hide_good_air", T::boolean, "TENKI_BAR_HIDE_GOOD_AIR", "", "false",
              "The bars' {aqi} and {aqi_label} read empty while the air is good"},
    ConfigKey{"icons", T::choice, "TENKI_ICONS", "--icons", "auto",
              "The symbols of {symbol} and the status bars: emoji, nerd (Nerd Fonts 3's nf-weather glyphs) "
              "or ascii; auto: emoji, but ascii in a template under NO_COLOR or TERM=dumb",
              "auto|emoji|nerd|ascii"},
    ConfigKey{"bar.hot",
              T::number,
              "TENKI_BAR_HOT",
              "",
              "30",
              "The status bars' class `hot` (i3blocks: a red colour) from this temperature up, in °C "
              "whatever the units",
              {},
              -100,
              100},
    ConfigKey{"bar.cold",
              T::number,
              "TENKI_BAR_COLD",
              "",
              "0",
              "The status bars' class `cold` (i3blocks: a blue colour) at this temperature and below, in °C "
              "whatever the units",
              {},
              -100,
              100},
    ConfigKey{"serve.host", T::string, "TENKI_HOST", "--host", "127.0.0.1",
              "The address `tenki serve` listens on"},
    ConfigKey{"serve.port",
              T::integer,
              "TENKI_PORT",
              "--port",
              "5000",
              "The TCP port `tenki serve` listens on; 0 picks a free one",
              {},
              0,
              65535},
    ConfigKey{"serve.threads",
              T::integer,
              "TENKI_THREADS",
              "--threads",
              "0",
              "Threads serving requests (0: one per core)",
              {},
              0,
              256},
    ConfigKey{"serve.upstream_threads",
              T::integer,
              "TENKI_UPSTREAM_THREADS",
              "--upstream-threads",
              "4",
              "Threads making upstream calls",
              {},
              1,
              256},
    ConfigKey{
        "serve.cache_ttl",
        T::duration,
        "TENKI_CACHE_TTL",
        "--cache-ttl",
        "300",
        "How long `tenki serve` keeps an answer fresh; by default 300 s, or what the provider in use asks "
        "between calls for one place when longer (OpenWeatherMap with a key: 10m)",
        {},
        0,
        7 * 86400,
        true,
        true},
    ConfigKey{"serve.forecast_ttl",
              T::duration,
              "TENKI_FORECAST_TTL",
              "--forecast-ttl",
              "1800",
              "How long `tenki serve` keeps a forecast fresh; at least the longest any provider asks between "
              "calls for one place (10m)",
              {},
              0,
              86400,
              true,
              true},
    ConfigKey{"serve.stale_ttl",
              T::duration,
              "TENKI_STALE_TTL",
              "--stale-ttl",
              "3600",
              "How long past its TTL `tenki serve` may answer stale while the upstream fails",
              {},
              0,
              7 * 86400},
    ConfigKey{"serve.negative_ttl",
              T::duration,
              "TENKI_NEGATIVE_TTL",
              "--negative-ttl",
              "60",
              "How long `tenki serve` remembers a place the upstream does not know",
              {},
              0,
              86400},
    ConfigKey{"serve.cache_size",
              T::integer,
              "TENKI_CACHE_SIZE",
              "--cache-size",
              "10000",
              "The most places `tenki serve` keeps in its in-process cache",
              {},
              1,
              100000000},
    ConfigKey{"serve.cache_memory",
              T::integer,
              "TENKI_CACHE_MEMORY",
              "--cache-memory",
              "256",
              "The MiB `tenki serve` keeps for cached answers: their data, documents and compressed forms",
              {},
              1,
              1048576},
    ConfigKey{"serve.cache", T::choice, "TENKI_CACHE", "--cache", "memory",
              "Where `tenki serve` caches: memory (this process) or redis (shared)", "memory|redis"},
    ConfigKey{"serve.redis_url",
              T::string,
              "REDIS_URL",
              "--redis-url",
              "redis://127.0.0.1:6379/0",
              "The Redis of `cache = \"redis\"`: redis://[:password@]host[:port][/db]",
              {},
              0,
              0,
              true,
              false,
              ConfigSecret::url_password},
    ConfigKey{"serve.redis_timeout",
              T::number,
              "TENKI_REDIS_TIMEOUT",
              "--redis-timeout",
              "0.25",
              "Seconds to connect to Redis or run one command before answering without it",
              {},
              0.001,
              60},
    ConfigKey{"serve.redis_retry",
              T::number,
              "TENKI_REDIS_RETRY",
              "--redis-retry",
              "1.0",
              "Seconds between reconnection attempts while Redis is down",
              {},
              0.01,
              3600},
    ConfigKey{"serve.request_timeout",
              T::duration,
              "TENKI_REQUEST_TIMEOUT",
              "--request-timeout",
              "10",
              "How long a client has to send a request's headers",
              {},
              1,
              3600},
    ConfigKey{"serve.upstream_timeout",
              T::duration,
              "TENKI_UPSTREAM_TIMEOUT",
              "--upstream-timeout",
              "8",
              "How long an upstream call may take before `tenki serve` answers 504",
              {},
              1,
              600},
    ConfigKey{"serve.upstream_rate", T::string, "TENKI_UPSTREAM_RATE", "--upstream-rate", "",
              "Upstream calls allowed, all instances together, e.g. 60/min (unset: the provider's "
              "published limit; off: none)"},
    ConfigKey{"serve.client_rate", T::string, "TENKI_CLIENT_RATE", "--client-rate", "",
              "Upstream calls one client may cause, e.g. 10/min; over it 429 (unset: a sixth of "
              "upstream_rate; off: none)"},
    ConfigKey{"serve.trusted_proxy", T::list, "TENKI_TRUSTED_PROXY", "--trusted-proxy", "",
              "Proxies (addresses or CIDR networks) whose X-Real-IP/X-Forwarded-For "
              "name the client (unset: loopback; none: no proxy)"},
    ConfigKey{"serve.quiet", T::boolean, "TENKI_QUIET", "--quiet", "false", "No access log on stderr"},
    ConfigKey{"serve.cors_origin", T::list, "TENKI_CORS_ORIGIN", "--cors-origin", "",
              "Origins (or *) whose pages may read the API's answers (CORS); unset: none"},
    ConfigKey{"serve.log_format", T::choice, "TENKI_LOG_FORMAT", "--log-format", "combined",
              "The access log's format: combined (nginx's, then duration, cache state and request id) or "
              "json (one object a line)",
              "combined|json"},
};

}  // namespace

std::string_view to_string(ConfigType type) {
    switch (type) {
        case T::string: return "string";
        case T::choice: return "choice";
        case T::integer: return "integer";
        case T::number: return "number";
        case T::boolean: return "boolean";
        case T::duration: return "duration";
        case T::path: return "path";
        case T::place: return "place";
        case T::template_text: return "template";
        case T::secret: return "secret";
        case T::list: return "list";
        case T::language: return "language";
    }
    return "string";
}

std::span<const ConfigKey> config_keys() { return k_keys; }

const ConfigKey* find_config_key(std::string_view name) {
    const auto it =
        std::find_if(k_keys.begin(), k_keys.end(), [&](const ConfigKey& k) { return k.name == name; });
    return it == k_keys.end() ? nullptr : &*it;
}

}  // namespace tenki

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "commands/commands.hpp"
#include "environment.hpp"
#include "tenki/api_key.hpp"
#include "tenki/current.hpp"
#include "tenki/disk_cache.hpp"
#include "tenki/format.hpp"
#include "tenki/provider.hpp"
#include "tenki/provider_choice.hpp"
#include "tenki/upstream_budget.hpp"
#include "tenki/zipdb.hpp"

namespace tenki::cli {

namespace {

namespace fs = std::filesystem;

struct WeatherOptions {
    std::vector<std::string> places;
    std::optional<std::string> country;
    std::optional<std::string> units;
    bool json = false;
    std::optional<std::string> format;
    bool refresh = false;
    int cache_ttl = 600;
    std::optional<fs::path> key_file;
    std::string owm_url = std::string(k_owm_default_url);
    std::optional<std::string> provider;
    std::string open_meteo_url;
    double timeout = 8;
    double connect_timeout = 3;
};

Result<std::vector<Location>> parse_places(const WeatherOptions& opt, const Settings& settings) {
    std::vector<std::string> texts = opt.places;
    if (texts.empty()) texts.push_back(settings.default_postal_code);
    const std::string country = opt.country.value_or(settings.default_country);
    std::vector<Location> out;
    for (const auto& text : texts) {
        auto loc = parse_location(text, country);
        if (!loc) return tl::unexpected(loc.error());
        // Every US ZIP code is known offline: one that does not exist is bad input, not a request.
        if (loc->country == "us") {
            if (auto known = find_us_zip(loc->postal_code); !known)
                return fail(ErrorKind::invalid_input, known.error().message);
        }
        out.push_back(std::move(*loc));
    }
    return out;
}

// Once the upstream says "rate limited", the places after it are not asked (answers in the disk
// cache still are): the upstream budget, with no rate of its own, holds every call after a 429.
class StopAfterRateLimit : public Provider {
public:
    explicit StopAfterRateLimit(std::unique_ptr<Provider> inner)
        : m_inner(std::move(inner)), m_budget(make_local_budget({})) {}

    Result<Weather> current(const Location& location) override {
        if (auto decision = m_budget->decide(m_inner->name(), "cli"); !decision)
            return tl::unexpected(
                Error{ErrorKind::rate_limited,
                      "not asked: the weather service is rate limiting tenki; try again in " +
                          std::to_string(decision.retry_after.count()) + " s",
                      static_cast<int>(decision.retry_after.count())});
        auto result = m_inner->current(location);
        if (!result && result.error().kind == ErrorKind::rate_limited)
            m_budget->provider_refused(m_inner->name(), result.error().retry_after);
        return result;
    }
    std::string_view name() const override { return m_inner->name(); }

private:
    std::unique_ptr<Provider> m_inner;
    std::unique_ptr<UpstreamBudget> m_budget;
};

// Units for one place: --units (or TENKI_UNITS), else imperial for the US and metric elsewhere.
Result<Units> units_for(const WeatherOptions& opt, const Location& loc) {
    if (opt.units) return parse_units(*opt.units);
    return default_units(loc);
}

std::string render(const WeatherOptions& opt, const Weather& w, Units units, std::string& error) {
    if (opt.format) {
        auto line = render_template(*opt.format, w, units);
        if (!line) error = line.error().message;
        return line ? *line : std::string();
    }
    const bool tty = ::isatty(STDOUT_FILENO) == 1 && !env("NO_COLOR");
    return render_text(w, units, TextStyle{tty, tty});
}

CommandResult run_weather(const WeatherOptions& opt, const Context& ctx) {
    // Every input is checked before any network call.
    auto locations = parse_places(opt, ctx.settings);
    if (!locations) return tl::unexpected(locations.error());
    std::vector<Units> units;
    for (const auto& loc : *locations) {
        auto u = units_for(opt, loc);
        if (!u) return tl::unexpected(u.error());
        units.push_back(*u);
    }
    if (opt.format) {  // an unknown field fails before the network too
        auto probe = render_template(*opt.format, Weather{}, units.front());
        if (!probe) return tl::unexpected(probe.error());
    }
    ProviderSetup setup{opt.provider,
                        {env("OWM_API_KEY"),
                         env("HOME") ? std::optional<fs::path>(*env("HOME")) : std::nullopt, opt.key_file},
                        opt.owm_url,
                        opt.open_meteo_url,
                        millis(opt.connect_timeout),
                        millis(opt.timeout),
                        ctx.verbose};
    auto configured = make_provider(setup);
    if (!configured) return tl::unexpected(configured.error());
    for (const auto& w : configured->warnings) std::cerr << "tenki: warning: " << w << '\n';
    StopAfterRateLimit provider(std::move(configured->provider));
    DiskCache cache(DiskCache::default_dir(), std::chrono::seconds(opt.cache_ttl));
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();

    nlohmann::json documents = nlohmann::json::array();
    std::optional<Error> first_error;
    for (std::size_t i = 0; i < locations->size(); ++i) {
        const auto& loc = (*locations)[i];
        auto result =
            current_weather(loc, provider, opt.cache_ttl > 0 ? &cache : nullptr, {opt.refresh, now});
        if (!result) {
            std::cerr << "tenki: " << loc.postal_code << ": " << result.error().message << '\n';
            if (!first_error) first_error = result.error();
            continue;
        }
        if (ctx.verbose)
            std::cerr << "tenki: " << loc.key()
                      << (result->from_cache ? ": from the cache\n" : ": fetched\n");
        if (opt.json) {
            documents.push_back(to_v2_json(result->weather, units[i]));
            continue;
        }
        std::string error;
        std::string text = render(opt, result->weather, units[i], error);
        if (!error.empty()) return fail(ErrorKind::invalid_input, error);
        if (i > 0 && !opt.format) std::cout << '\n';
        std::cout << text << (text.ends_with('\n') ? "" : "\n");
    }
    if (opt.json && !documents.empty())
        std::cout << (locations->size() == 1 ? documents.front() : documents).dump(2) << '\n';
    if (first_error) return exit_status(first_error->kind);
    return 0;
}

}  // namespace

void register_weather(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<WeatherOptions>();
    auto* sub = app.add_subcommand("weather", "Print the current weather for one or more postal codes");
    sub->add_option("postal_codes", opt->places,
                    "Postal codes, optionally with a country: 94107, 94107,us, \"SW1A 1AA\" (default: the "
                    "configured postal code, 19021)");
    sub->add_option("-c,--country", opt->country, "Country for codes without one (ISO 3166, default us)");
    sub->add_option("-u,--units", opt->units, "metric, imperial or standard (default: imperial in the US)")
        ->envname("TENKI_UNITS")
        ->check(CLI::IsMember({"metric", "imperial", "standard"}));
    auto* json = sub->add_flag("-j,--json", opt->json, "Print the JSON document of /api/v2/weather");
    sub->add_option("-f,--format", opt->format, "One line from named fields: '{name}: {temp}{temp_unit}'")
        ->excludes(json);
    sub->add_flag("-r,--refresh", opt->refresh, "Ask the upstream even when the cache has a fresh answer");
    sub->add_option("--cache-ttl", opt->cache_ttl, "Seconds a cached answer stays fresh (0: no cache)")
        ->envname("TENKI_CACHE_TTL")
        ->check(CLI::Range(0, 86400))
        ->capture_default_str();
    sub->add_option("--key-file", opt->key_file, "A file whose first line is the OpenWeatherMap API key")
        ->envname("TENKI_KEY_FILE");
    sub->add_option("--owm-url", opt->owm_url, "OpenWeatherMap base URL")
        ->envname("TENKI_OWM_URL")
        ->capture_default_str();
    sub->add_option("-p,--provider", opt->provider,
                    "owm or open-meteo (default: owm with an API key, open-meteo without)")
        ->envname("TENKI_PROVIDER");
    sub->add_option("--open-meteo-url", opt->open_meteo_url,
                    "Open-Meteo base URL (default: Open-Meteo's own)")
        ->envname("TENKI_OPENMETEO_URL");
    sub->add_option("--timeout", opt->timeout, "Seconds to wait for the whole upstream answer")
        ->check(CLI::Range(0.1, 120.0))
        ->capture_default_str();
    sub->add_option("--connect-timeout", opt->connect_timeout, "Seconds to wait for the upstream connection")
        ->check(CLI::Range(0.1, 60.0))
        ->capture_default_str();
    sub->callback([opt, &ctx] { ctx.run = [opt, &ctx] { return run_weather(*opt, ctx); }; });
}

}  // namespace tenki::cli

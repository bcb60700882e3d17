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
#include "commands/provider_options.hpp"
#include "environment.hpp"
#include "tenki/api_key.hpp"
#include "tenki/disk_cache.hpp"
#include "tenki/format.hpp"
#include "tenki/provider.hpp"
#include "tenki/provider_choice.hpp"
#include "tenki/service.hpp"

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
    ProviderOptions providers;
    double timeout = 8;
    double connect_timeout = 3;
};

std::string render(const WeatherOptions& opt, const Weather& w, Units units, std::string& error) {
    if (opt.format) {
        auto line = render_template(*opt.format, w, units);
        if (!line) error = line.error().message;
        return line ? *line : std::string();
    }
    const bool tty = ::isatty(STDOUT_FILENO) == 1 && !env("NO_COLOR");
    return render_text(w, units, TextStyle{tty, tty});
}

// The service with the CLI's caches: in-process for this run, over the disk cache across runs.
ServiceOptions service_options(const WeatherOptions& opt, const Settings& settings) {
    ServiceOptions service;
    service.settings = settings;
    service.current.ttl = std::chrono::seconds(opt.cache_ttl);
    service.current.refresh_ahead = 0;  // one run: nothing to refresh ahead for
    if (opt.cache_ttl > 0)
        service.disk = DiskCacheOptions{DiskCache::default_dir(), std::chrono::seconds(opt.cache_ttl)};
    return service;
}

CommandResult run_weather(const WeatherOptions& opt, const Context& ctx) {
    // Every input is checked before any network call.
    auto queries = resolve_places(opt.places, opt.country, opt.units, ctx.settings);
    if (!queries) return tl::unexpected(queries.error());
    if (opt.format) {  // an unknown field fails before the network too
        auto probe = render_template(*opt.format, Weather{}, queries->front().units);
        if (!probe) return tl::unexpected(probe.error());
    }
    auto configured = make_provider(
        provider_setup(opt.providers, millis(opt.connect_timeout), millis(opt.timeout), ctx.verbose));
    if (!configured) return tl::unexpected(configured.error());
    for (const auto& w : configured->warnings) std::cerr << "tenki: warning: " << w << '\n';
    WeatherService service(service_options(opt, ctx.settings), std::move(configured->provider));
    auto answers = service.ask_all<Weather>(*queries, {opt.refresh, {}});

    nlohmann::json documents = nlohmann::json::array();
    std::optional<Error> first_error;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const auto& [location, units] = (*queries)[i];
        const auto& entry = *answers[i].entry;
        if (entry.error) {
            std::cerr << "tenki: " << location.postal_code << ": " << entry.error->message << '\n';
            if (!first_error) first_error = entry.error;
            continue;
        }
        if (ctx.verbose)
            std::cerr << "tenki: " << location.key()
                      << (answers[i].status == cache::CacheStatus::hit ? ": from the cache\n"
                                                                       : ": fetched\n");
        if (opt.json) {
            documents.push_back(to_v2_json(*entry.value, units));
            continue;
        }
        std::string error;
        std::string text = render(opt, *entry.value, units, error);
        if (!error.empty()) return fail(ErrorKind::invalid_input, error);
        if (i > 0 && !opt.format) std::cout << '\n';
        std::cout << text << (text.ends_with('\n') ? "" : "\n");
    }
    if (opt.json && !documents.empty())
        std::cout << (answers.size() == 1 ? documents.front() : documents).dump(2) << '\n';
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
    add_provider_options(*sub, opt->providers, true);
    sub->add_option("--timeout", opt->timeout, "Seconds to wait for the whole upstream answer")
        ->check(CLI::Range(0.1, 120.0))
        ->capture_default_str();
    sub->add_option("--connect-timeout", opt->connect_timeout, "Seconds to wait for the upstream connection")
        ->check(CLI::Range(0.1, 60.0))
        ->capture_default_str();
    sub->callback([opt, &ctx] { ctx.run = [opt, &ctx] { return run_weather(*opt, ctx); }; });
}

}  // namespace tenki::cli

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/commands.hpp"
#include "environment.hpp"
#include "tenki/api_key.hpp"
#include "tenki/current.hpp"
#include "tenki/disk_cache.hpp"
#include "tenki/format.hpp"
#include "tenki/provider.hpp"
#include "tenki/provider_choice.hpp"
#include "tenki/zipdb.hpp"

namespace tenki::cli {

namespace {

namespace fs = std::filesystem;

// A reader that closed the pipe ends tenki as SIGPIPE would, quietly: 128 + 13.
constexpr int k_closed_pipe_status = 141;

bool styled() { return styled_output(::isatty(STDOUT_FILENO) == 1); }

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

// One place as typed: "94107", "SW1A 1AA,gb". Every US ZIP code is known offline, so one that
// does not exist is bad input, not a request.
Result<Location> parse_place(const std::string& text, const WeatherOptions& opt, const Settings& settings) {
    auto loc = parse_location(text, opt.country.value_or(settings.default_country));
    if (!loc) return loc;
    if (loc->country == "us") {
        if (auto known = find_us_zip(loc->postal_code); !known)
            return fail(ErrorKind::invalid_input, known.error().message);
    }
    return loc;
}

// Units for one place: --units (or TENKI_UNITS), else imperial for the US and metric elsewhere.
Result<Units> units_for(const WeatherOptions& opt, const Location& loc) {
    if (opt.units) return parse_units(*opt.units);
    return default_units(loc);
}

// Writes to stdout now, so answers and errors (stderr) come out in the order of the places. A
// closed pipe (`| head -1`) is no error to report: the reader has what it wanted.
Result<bool> write_out(std::string_view text) {
    errno = 0;
    std::cout << text;
    std::cout.flush();
    if (std::cout) return true;
    const int error = errno;
    if (error == EPIPE) return false;
    return fail(ErrorKind::io, fmt::format("cannot write to standard output: {}",
                                           error != 0 ? std::strerror(error) : "write failed"));
}

struct Outcome {
    std::optional<Error> first_error;  // the exit status is the first failure's
    void failed(std::string_view place, const Error& error) {
        std::cout.flush();
        std::cerr << "tenki: " << place << ": " << error.message << '\n';
        if (!first_error) first_error = error;
    }
};

struct Lookup {
    Provider& provider;
    DiskCache* cache;
    CurrentOptions options;
};

// One place's answer as text, a template line or a v2 document; an error value otherwise.
Result<std::string> answer(const std::string& text, const WeatherOptions& opt, const Context& ctx,
                           Lookup& lookup, nlohmann::json& documents) {
    auto loc = parse_place(text, opt, ctx.settings);
    if (!loc) return tl::unexpected(loc.error());
    auto units = units_for(opt, *loc);
    if (!units) return tl::unexpected(units.error());
    auto result = current_weather(*loc, lookup.provider, lookup.cache, lookup.options);
    if (!result) return tl::unexpected(result.error());
    if (ctx.verbose)
        std::cerr << "tenki: " << loc->key() << (result->from_cache ? ": from the cache\n" : ": fetched\n");
    if (opt.json) {
        documents.push_back(to_v2_json(result->weather, *units));
        return std::string();
    }
    if (opt.format) {
        auto line = render_template(*opt.format, result->weather, *units);
        if (!line) return line;
        return *line + "\n";
    }
    return render_text(result->weather, *units, TextStyle{styled(), styled()});
}

CommandResult run_weather(const WeatherOptions& opt, const Context& ctx) {
    std::vector<std::string> places = opt.places;
    if (places.empty()) places.push_back(ctx.settings.default_postal_code);
    if (opt.format) {  // an unknown field is a usage error for every place, before the network
        auto probe = render_template(*opt.format, Weather{}, Units::metric);
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
    DiskCache cache(DiskCache::default_dir(), std::chrono::seconds(opt.cache_ttl));
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    Lookup lookup{*configured->provider, opt.cache_ttl > 0 ? &cache : nullptr, {opt.refresh, now}};

    nlohmann::json documents = nlohmann::json::array();
    Outcome outcome;
    bool answered = false;
    for (const auto& place : places) {
        auto text = answer(place, opt, ctx, lookup, documents);
        if (!text) {
            outcome.failed(place, text.error());
            continue;
        }
        if (text->empty()) continue;
        // Reports are separated by a blank line; template lines are one a place.
        const auto separator = answered && !opt.format ? "\n" : "";
        auto written = write_out(separator + *text);
        if (!written) return tl::unexpected(written.error());
        if (!*written) return k_closed_pipe_status;
        answered = true;
    }
    if (opt.json && !documents.empty()) {
        auto written = write_out((places.size() == 1 ? documents.front() : documents).dump(2) + "\n");
        if (!written) return tl::unexpected(written.error());
        if (!*written) return k_closed_pipe_status;
    }
    if (outcome.first_error) return exit_status(outcome.first_error->kind);
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

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/answers.hpp"
#include "commands/commands.hpp"
#include "commands/provider_options.hpp"
#include "environment.hpp"
#include "tenki/api_key.hpp"
#include "tenki/forecast.hpp"
#include "tenki/format.hpp"
#include "tenki/provider.hpp"
#include "tenki/provider_choice.hpp"
#include "tenki/service.hpp"

namespace tenki::cli {

namespace {

struct WeatherOptions {
    std::vector<std::string> places;
    std::optional<std::string> country;
    std::optional<std::string> units;
    bool json = false;
    std::optional<std::string> format;
    bool refresh = false;
    int cache_ttl = 600;
    int forecast_ttl = 1800;
    ProviderOptions providers;
    double timeout = 8;
    double connect_timeout = 3;
};

// One place's line or report; an error value for a template that does not suit the answer.
Result<std::string> render(const WeatherOptions& opt, const Weather& w, Units units,
                           const Forecast* forecast) {
    if (opt.format) {
        const bool unicode = !env("NO_COLOR") && env("TERM") != "dumb";
        auto line = render_template(*opt.format, w, units, TemplateForecast{forecast, unix_now(), unicode});
        if (!line) return line;
        return *line + "\n";
    }
    const bool styled = styled_output(::isatty(STDOUT_FILENO) == 1);
    return render_text(w, units, TextStyle{styled, styled});
}

CommandResult run_weather(const WeatherOptions& opt, const Context& ctx) {
    if (opt.format) {  // an unknown field is a usage error for every place, before the network
        auto probe = render_template(*opt.format, Weather{}, Units::metric);
        if (!probe) return tl::unexpected(probe.error());
    }
    const auto resolved = resolve_each(opt.places, opt.country, opt.units, ctx.settings);
    std::vector<Query> queries;
    for (const auto& query : resolved)
        if (query) queries.push_back(*query);
    auto service = cli_service(opt.providers, opt.connect_timeout, opt.timeout, ctx.verbose,
                               cli_service_options(ctx.settings, opt.cache_ttl, opt.forecast_ttl));
    if (!service) return tl::unexpected(service.error());
    const Asking asking{opt.refresh, {}};
    auto answers = (*service)->ask_all<Weather>(queries, asking);
    // The forecast only for a template that shows some of it.
    std::vector<Answer<Forecast>> forecasts;
    if (opt.format && template_wants_forecast(*opt.format))
        forecasts = (*service)->ask_all<Forecast>(queries, asking);

    // In the order given: each place its answer on stdout or its one-line error on stderr.
    nlohmann::json documents = nlohmann::json::array();
    std::optional<Error> first_error;
    auto failed = [&](std::string_view place, const Error& error) {
        report_failure(place, error);
        if (!first_error) first_error = error;
    };
    bool answered = false;
    std::size_t next_answer = 0;
    for (std::size_t i = 0; i < resolved.size(); ++i) {
        const std::string typed = typed_place(opt.places, i, ctx.settings);
        if (!resolved[i]) {
            failed(typed, resolved[i].error());
            continue;
        }
        const auto& [location, units] = queries[next_answer];
        const Forecast* forecast = nullptr;
        if (!forecasts.empty()) {
            const auto& ahead = *forecasts[next_answer].entry;
            // The current weather still answers: the forecast's fields read "-", and stderr says why.
            if (ahead.error)
                std::cerr << "tenki: " << typed << ": no forecast: " << ahead.error->message << '\n';
            forecast = ahead.value ? &*ahead.value : nullptr;
        }
        const auto& answer = answers[next_answer++];
        const auto& entry = *answer.entry;
        if (entry.error) {
            failed(typed, *entry.error);
            continue;
        }
        if (ctx.verbose)
            std::cerr << "tenki: " << location.key()
                      << (answer.status == cache::CacheStatus::hit ? ": from the cache\n" : ": fetched\n");
        if (opt.json) {
            documents.push_back(to_v2_json(*entry.value, units));
            continue;
        }
        auto text = render(opt, *entry.value, units, forecast);
        if (!text) return tl::unexpected(text.error());
        // Reports are separated by a blank line; template lines are one a place.
        if (auto end = write_or_end((answered && !opt.format ? "\n" : "") + *text)) return *end;
        answered = true;
    }
    if (opt.json) {
        if (auto end = write_documents(documents, resolved.size() == 1)) return *end;
    }
    if (first_error) return exit_status(first_error->kind);
    return 0;
}

}  // namespace

void register_weather(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<WeatherOptions>();
    auto* sub = app.add_subcommand("weather", "Print the current weather for one or more places");
    add_place_options(*sub, opt->places, opt->country, opt->units);
    auto* json = sub->add_flag("-j,--json", opt->json, "Print the JSON document of /api/v2/weather");
    sub->add_option("-f,--format", opt->format, "One line from named fields: '{name}: {temp}{temp_unit}'")
        ->excludes(json);
    sub->add_flag("-r,--refresh", opt->refresh, "Ask the upstream even when the cache has a fresh answer");
    sub->add_option("--cache-ttl", opt->cache_ttl, "Seconds a cached answer stays fresh (0: no cache)")
        ->envname("TENKI_CACHE_TTL")
        ->check(CLI::Range(0, 86400))
        ->capture_default_str();
    sub->add_option("--forecast-ttl", opt->forecast_ttl,
                    "Seconds a cached forecast stays fresh, for a template's forecast fields (0: no cache)")
        ->envname("TENKI_FORECAST_TTL")
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

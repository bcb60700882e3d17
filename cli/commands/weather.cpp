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
#include "tenki/domain/forecast.hpp"
#include "tenki/format/bar.hpp"
#include "tenki/format/format.hpp"
#include "tenki/service/service.hpp"

namespace tenki::cli {

namespace {

struct WeatherOptions {
    AskOptions ask;
    bool json = false;
    std::optional<std::string> output;  // a bar output's name (bar_outputs())
    std::optional<std::string> format;
    bool refresh = false;
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

Result<std::unique_ptr<WeatherService>> weather_service(const WeatherOptions& opt,
                                                        const AskSettings& settings, const Context& ctx) {
    return cli_service(settings, settings.cache_ttl, opt.connect_timeout, opt.timeout, ctx);
}

// The forecast of each resolved place, for a template that shows some of it; else none.
std::vector<std::optional<Answer<Forecast>>> forecasts_for(const WeatherOptions& opt, WeatherService& service,
                                                           const std::vector<PlaceAnswer<Weather>>& places,
                                                           const Asking& asking) {
    std::vector<std::optional<Answer<Forecast>>> out(places.size());
    if (!opt.format || !template_wants_forecast(*opt.format)) return out;
    for (std::size_t i = 0; i < places.size(); ++i)
        if (places[i].query) out[i] = service.ask<Forecast>(places[i].query->location, asking);
    return out;
}

// One place's answer on stdout (or into the JSON documents), or its one-line error on stderr.
// nullopt to go on, else what the command ends with.
std::optional<CommandResult> write_place(const WeatherOptions& opt, const Context& ctx,
                                         const WeatherService& service, const std::string& typed,
                                         const PlaceAnswer<Weather>& place,
                                         const std::optional<Answer<Forecast>>& ahead, Outcome& out) {
    if (!place.query) {
        out.failed(typed, place.query.error());
        return std::nullopt;
    }
    const Forecast* forecast = nullptr;
    if (ahead) {
        // The current weather still answers: the forecast's fields read "-", and stderr says why.
        if (ahead->error())
            std::cerr << "tenki: " << typed << ": no forecast: " << ahead->error()->message << '\n';
        forecast = ahead->value();
    }
    const auto& answer = *place.answer;
    if (answer.error()) {
        out.failed(typed, *answer.error());
        return std::nullopt;
    }
    const auto& [location, units] = *place.query;
    std::optional<std::int64_t> stale_age;
    if (answer.freshness() == AnswerStatus::stale) {
        stale_age = answer.age_s();
        report_stale(typed, answer.stale_reason, *stale_age);
    }
    if (ctx.verbose)
        std::cerr << "tenki: " << location.key()
                  << (answer.freshness() == AnswerStatus::cached ? ": from the cache\n" : ": fetched\n");
    if (opt.json) {
        out.documents.push_back(to_v2_json(*answer.value(), units, stale_age.has_value(), stale_age));
        return std::nullopt;
    }
    auto text = render(opt, *answer.value(), units, forecast);
    if (!text) return tl::unexpected(text.error());
    if (stale_age) *text = with_stale_note(std::move(*text), *stale_age);
    if (!opt.format) *text = with_failover_note(std::move(*text), service, answer.value()->source);
    // Reports are separated by a blank line; template lines are one a place.
    if (auto end = write_or_end((out.answered && !opt.format ? "\n" : "") + *text)) return end;
    out.answered = true;
    return std::nullopt;
}

CommandResult run_weather(const WeatherOptions& opt, const Context& ctx) {
    if (opt.format) {  // an unknown field is a usage error for every place, before the network
        auto probe = render_template(*opt.format, Weather{}, Units::metric);
        if (!probe) return tl::unexpected(probe.error());
    }
    const auto settings = ask_settings(opt.ask, ctx);
    if (!settings) return tl::unexpected(settings.error());
    auto service = weather_service(opt, *settings, ctx);
    if (!service) return tl::unexpected(service.error());
    const Asking asking{opt.refresh, {}};
    const auto places =
        answer_places<Weather>(**service, settings->asked, {settings->country, settings->units}, asking);
    const auto forecasts = forecasts_for(opt, **service, places, asking);
    // In the order given: each place its answer on stdout or its one-line error on stderr.
    Outcome out;
    for (std::size_t i = 0; i < places.size(); ++i) {
        if (auto end = write_place(opt, ctx, **service, settings->typed[i], places[i], forecasts[i], out))
            return *end;
    }
    return out.finish(opt.json, places.size() == 1);
}

// A status bar's one place: its output, or the error to show in the bar's form.
Result<std::string> bar_text(const WeatherOptions& opt, const Context& ctx, BarOutput output,
                             const AskSettings& settings) {
    if (settings.asked.size() != 1)
        return fail(ErrorKind::invalid_input,
                    "a status bar shows one place: give one (or none, for the "
                    "configured place)");
    const std::string tmpl = opt.format.value_or(settings.bar_format);
    if (auto probe = render_template(tmpl, Weather{}, Units::metric); !probe) return probe;
    auto query = resolve({settings.asked.front(), settings.country, settings.units, false}, ctx.settings);
    if (!query) return tl::unexpected(query.error());
    auto service = weather_service(opt, settings, ctx);
    if (!service) return tl::unexpected(service.error());
    const Asking asking{opt.refresh, {}};
    const auto answer = (*service)->ask<Weather>(query->location, asking);
    if (answer.error()) return tl::unexpected(*answer.error());
    // Waybar's tooltip lists the next days: one more upstream call, cached on disk as the
    // weather is (--forecast-ttl), so a bar polling every minute asks for it twice an hour.
    std::optional<Answer<Forecast>> ahead;
    if (output == BarOutput::waybar || template_wants_forecast(tmpl)) {
        ahead = (*service)->ask<Forecast>(query->location, asking);
        if (ahead->error())
            std::cerr << "tenki: " << settings.typed.front() << ": no forecast: " << ahead->error()->message
                      << '\n';
    }
    const Forecast* forecast = ahead ? ahead->value() : nullptr;
    const auto now = unix_now();
    auto text = render_template(tmpl, *answer.value(), query->units, TemplateForecast{forecast, now, true});
    if (!text) return text;
    BarAnswer bar{answer.value(), query->units, std::move(*text), forecast, now, std::nullopt, std::nullopt};
    if (answer.freshness() == AnswerStatus::stale) {
        bar.stale_age_s = answer.age_s();
        bar.stale_reason = answer.stale_reason;
        report_stale(settings.typed.front(), answer.stale_reason, *bar.stale_age_s);
    }
    return render_bar(output, bar);
}

// The bar modes print their bar's output in every state and exit 0 when they did: Waybar hides
// a custom module whose command exits non-zero, and i3blocks replaces its block with "bad exit
// code", so a failure is told in the output (class error) and on stderr instead.
CommandResult run_bar(const WeatherOptions& opt, const Context& ctx, BarOutput output) {
    auto settings = ask_settings(opt.ask, ctx);
    Result<std::string> text = tl::unexpected(Error{});
    if (settings)
        text = bar_text(opt, ctx, output, *settings);
    else
        text = tl::unexpected(settings.error());
    if (!text) {
        // The config's own error is no place's.
        const std::string place = settings ? settings->typed.front() : "";
        if (place.empty())
            std::cerr << "tenki: " << text.error().message << '\n';
        else
            report_failure(place, text.error());
        text = render_bar_error(output, place, text.error());
    }
    if (auto end = write_or_end(*text)) return *end;
    return 0;
}

}  // namespace

void register_weather(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<WeatherOptions>();
    auto* sub = app.add_subcommand("weather", "Print the current weather for one or more places");
    add_place_options(*sub, opt->ask);
    auto* json = sub->add_flag("-j,--json", opt->json, "Print the JSON document of /api/v2/weather");
    std::vector<std::string> outputs;
    std::string output_help = "For a status bar, one place:";
    for (const auto& row : bar_outputs()) {
        outputs.emplace_back(row.name);
        output_help +=
            fmt::format(" {} ({}){}", row.name, row.description, &row == &bar_outputs().back() ? "" : ";");
    }
    sub->add_option("-o,--output", opt->output, output_help + ". Text from --format, else bar.format")
        ->check(CLI::IsMember(outputs))
        ->excludes(json);
    sub->add_option("-f,--format", opt->format, "One line from named fields: '{name}: {temp}{temp_unit}'")
        ->excludes(json);
    sub->add_flag("-r,--refresh", opt->refresh, "Ask the upstream even when the cache has a fresh answer");
    // Durations, checked by the config's precedence with the same syntax as the variable and file.
    sub->add_option("--cache-ttl", opt->ask.cache_ttl,
                    "How long a cached answer stays fresh: seconds, or 10m, 1h (0: no cache; default 600; "
                    "also TENKI_CACHE_TTL)");
    sub->add_option("--forecast-ttl", opt->ask.forecast_ttl,
                    "How long a cached forecast stays fresh, for a template's forecast fields and the Waybar "
                    "tooltip: seconds, or 30m (0: no cache; default 1800; also TENKI_FORECAST_TTL)");
    add_provider_options(*sub, opt->ask.providers, true);
    sub->add_option("--timeout", opt->timeout, "Seconds to wait for the whole upstream answer")
        ->check(CLI::Range(0.1, 120.0))
        ->capture_default_str();
    sub->add_option("--connect-timeout", opt->connect_timeout, "Seconds to wait for the upstream connection")
        ->check(CLI::Range(0.1, 60.0))
        ->capture_default_str();
    sub->callback([opt, &ctx] {
        ctx.run = [opt, &ctx]() -> CommandResult {
            if (!opt->output) return run_weather(*opt, ctx);
            auto output = parse_bar_output(*opt->output);
            if (!output) return tl::unexpected(output.error());
            return run_bar(*opt, ctx, *output);
        };
    });
}

}  // namespace tenki::cli

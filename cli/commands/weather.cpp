#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/answers.hpp"
#include "commands/commands.hpp"
#include "commands/extras.hpp"
#include "commands/provider_options.hpp"
#include "commands/sky_ahead.hpp"
#include "environment.hpp"
#include "tenki/cache/sky_cache.hpp"
#include "tenki/domain/forecast.hpp"
#include "tenki/format/format.hpp"
#include "tenki/format/formats.hpp"
#include "tenki/service/service.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki::cli {

namespace {

// The arrows' convention, which people read both ways: --help says it (in ASCII, as all of --help).
constexpr std::string_view k_wind_arrow_note =
    "Wind arrows: {wind_arrow} points where the wind goes, as wttr.in draws it (a wind from 230 degrees, "
    "SW, points up and right, to the NE); {wind_arrow_from} points where it comes from; {wind_deg} and "
    "{wind_dir} say where it comes from.";

struct WeatherOptions {
    AskOptions ask;
    bool json = false;
    std::optional<std::string> output;  // a status bar's format's name (output_formats())
    std::optional<std::string> format;
    bool refresh = false;
    double timeout = 8;
    double connect_timeout = 3;
    bool no_alerts = false;
    bool air = false;                      // --air
    std::optional<std::string> aqi_scale;  // --aqi-scale
};

// The format --json, --format or --output picks, from the table; the report without any.
Result<const FormatInfo*> weather_format(const WeatherOptions& opt) {
    if (opt.output) return parse_output_format(Renders::weather, *opt.output);
    if (opt.json) return picked_format(Renders::weather, FormatPick::json_flag);
    if (opt.format) return picked_format(Renders::weather, FormatPick::format_option);
    return picked_format(Renders::weather, FormatPick::fallback);
}

// How this terminal shows one place's answer: colour and symbols on a terminal, a template's
// sparkline and (unless --icons says otherwise) its {symbol} in ASCII under NO_COLOR or TERM=dumb;
// the text report's symbol from the --icons set, drawn also off a terminal when a set is named
// (--icons, TENKI_ICONS, config `icons`); stale when it has an age; in the settings' language.
RenderInput render_input(const WeatherOptions& opt, const AskSettings& settings, const Weather& w,
                         Units units, const Forecast* forecast, std::optional<std::int64_t> stale_age) {
    const bool styled = styled_output(::isatty(STDOUT_FILENO) == 1);
    const bool unicode = !env("NO_COLOR") && env("TERM") != "dumb";
    return RenderInput{.weather = &w,
                       .forecast = forecast,
                       .units = units,
                       .tmpl = opt.format ? std::string_view(*opt.format) : std::string_view(),
                       .now = unix_now(),
                       .stale_age_s = stale_age,
                       .color = styled,
                       .symbols = styled || settings.icons.has_value(),
                       .unicode = unicode,
                       .language = settings.language,
                       .icons = settings.icons.value_or(unicode ? IconSet::emoji : IconSet::ascii)};
}

// The skies the reports show, kept beside the weather on disk (unless --cache-ttl 0). --refresh
// keeps them too: the sky of a place and local date does not change with the upstream's answer
// (`tenki moon --refresh` computes it again).
std::optional<SkyCache> report_skies(const AskSettings& settings) {
    if (settings.cache_ttl.count() <= 0) return std::nullopt;
    return SkyCache(settings.cache_dir);
}

// The service, telling `sky` of each upstream call (SkyAhead: the sky computed meanwhile).
Result<std::unique_ptr<WeatherService>> weather_service(const WeatherOptions& opt,
                                                        const AskSettings& settings, const Context& ctx,
                                                        SkyAhead& sky) {
    return cli_service(
        settings, settings.cache_ttl, opt.connect_timeout, opt.timeout, ctx,
        [&sky](AnswerKind kind, const Location& location) { sky.upstream_asked(kind, location); });
}

// The forecast of each place, for a template that shows some of it; else none. Each place is
// resolved again (offline), so that this runs beside the weather's asks, within the same bound.
std::vector<std::optional<Answer<Forecast>>> forecasts_for(const WeatherOptions& opt, WeatherService& service,
                                                           const AskSettings& settings,
                                                           const Asking& asking) {
    std::vector<std::optional<Answer<Forecast>>> out(settings.asked.size());
    if (!opt.format || !template_wants_forecast(*opt.format)) return out;
    for (std::size_t i = 0; i < settings.asked.size(); ++i)
        if (auto query = service.resolve({settings.asked[i], settings.country, settings.units, false}))
            out[i] = service.ask<Forecast>(query->location, asking);
    return out;
}

// std::async's policy for work beside the weather: a thread of its own when there is any, else
// run where get() is called (deferred): nothing to do costs no thread.
std::launch on_thread_if(bool work) { return work ? std::launch::async : std::launch::deferred; }

// What extras to ask for. Alerts: the report and JSON show them, a template or bar only when it
// names one; never with --no-alerts or the config's `alerts = false`. Air: the report and JSON
// with --air or the config's `air = true`; a template or bar when it names an air field.
Result<ExtrasWanted> wanted_extras(const WeatherOptions& opt, const AskSettings& settings,
                                   const FormatInfo& format, std::string_view tmpl) {
    ExtrasWanted wanted;
    const bool whole = format.pick == FormatPick::fallback || format.pick == FormatPick::json_flag;
    wanted.alerts = !opt.no_alerts && settings.alerts && (whole || template_wants_alerts(tmpl));
    wanted.air = whole ? (opt.air || settings.air) : template_wants_air(tmpl);
    auto scale = aqi_scale_setting(opt.aqi_scale ? opt.aqi_scale : settings.aqi_scale);
    if (!scale) return tl::unexpected(scale.error());
    wanted.scale = *scale;
    wanted.hide_good_air = settings.hide_good_air;
    return wanted;
}

// The extras' run: the weather's timeouts and --refresh; kept on disk unless --cache-ttl 0.
ExtrasRun extras_run(const WeatherOptions& opt, const AskSettings& settings) {
    return {opt.connect_timeout, opt.timeout, opt.refresh, settings.cache_ttl.count() > 0,
            settings.cache_dir};
}

// One place's answer on stdout (or into the JSON documents), or its one-line error on stderr.
// nullopt to go on, else what the command ends with.
std::optional<CommandResult> write_place(const WeatherOptions& opt, const AskSettings& settings,
                                         const Context& ctx, const FormatInfo& format,
                                         const WeatherService& service, const std::string& typed,
                                         const PlaceAnswer<Weather>& place,
                                         const std::optional<Answer<Forecast>>& ahead,
                                         const ExtrasWanted& wanted, const PlaceExtras& extras,
                                         const SkyCache* skies, Outcome& out) {
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
    auto input = render_input(opt, settings, *answer.value(), units, forecast, stale_age);
    input.skies = skies;
    input.alerts = shown_alerts(typed, extras.alerts);
    input.air = shown_air(typed, extras.air, wanted, location);
    if (format.document) {  // gathered: one document, or an array of them
        out.documents.push_back(format.document(input));
        return std::nullopt;
    }
    auto text = format.render(input);
    if (!text) return tl::unexpected(text.error());
    // Reports are apart by a blank line and say a failover; template lines are one a place.
    const bool report = format.pick == FormatPick::fallback;
    if (report) *text = with_failover_note(std::move(*text), service, answer.value()->source);
    if (auto end = write_or_end((out.answered && report ? "\n" : "") + *text)) return end;
    out.answered = true;
    return std::nullopt;
}

CommandResult run_weather(const WeatherOptions& opt, const Context& ctx, const FormatInfo& format) {
    if (opt.format) {  // an unknown field is a usage error for every place, before the network
        auto probe = render_template(*opt.format, Weather{}, Units::metric);
        if (!probe) return tl::unexpected(probe.error());
    }
    const auto settings = ask_settings(opt.ask, ctx);
    if (!settings) return tl::unexpected(settings.error());
    if (format.pick == FormatPick::fallback) print_notes(*settings);
    const auto skies = report_skies(*settings);
    SkyAhead sky_ahead(skies ? &*skies : nullptr, shown_skies(format, opt.format.value_or("")));
    auto service = weather_service(opt, *settings, ctx, sky_ahead);
    if (!service) return tl::unexpected(service.error());
    const Asking asking{opt.refresh, {}};
    // Beside the weather on threads of their own only when there is something to ask: a thread
    // is no free start (a cache hit asks for neither).
    const bool ahead_work = opt.format && template_wants_forecast(*opt.format);
    auto asked_ahead = std::async(on_thread_if(ahead_work), [&opt, &service, &settings, asking] {
        return forecasts_for(opt, **service, *settings, asking);
    });
    const auto wanted = wanted_extras(opt, *settings, format, opt.format.value_or(""));
    if (!wanted) return tl::unexpected(wanted.error());
    auto sources = cli_extra_sources(*wanted, extras_run(opt, *settings), ctx);
    if (!sources) return tl::unexpected(sources.error());
    auto asked_extras =
        std::async(on_thread_if(*sources != nullptr), [&service, &settings, &sources, &wanted] {
            return extras_for(*wanted, sources->get(), **service, *settings);
        });
    const auto places =
        answer_places<Weather>(**service, settings->asked, {settings->country, settings->units}, asking);
    sky_ahead.wait();
    const auto forecasts = asked_ahead.get();
    auto extras = asked_extras.get();
    // In the order given: each place its answer on stdout or its one-line error on stderr.
    Outcome out;
    for (std::size_t i = 0; i < places.size(); ++i) {
        if (places[i].query && places[i].answer)
            air_by_weather(extras[i], sources->get(), places[i].query->location, places[i].answer->value());
        if (auto end = write_place(opt, *settings, ctx, format, **service, settings->typed[i], places[i],
                                   forecasts[i], *wanted, extras[i], skies ? &*skies : nullptr, out))
            return *end;
    }
    return out.finish(format.document != nullptr, places.size() == 1);
}

// A status bar's output, and whether an Extreme or Severe alert is in force (urgent_alert).
struct BarText {
    std::string text;
    bool urgent = false;
};

// A status bar's one place: its output, or the error to show in the bar's form.
Result<BarText> bar_text(const WeatherOptions& opt, const Context& ctx, const FormatInfo& format,
                         const AskSettings& settings) {
    if (settings.asked.size() != 1)
        return fail(ErrorKind::invalid_input,
                    "a status bar shows one place: give one (or none, for the configured place)");
    const std::string tmpl = opt.format.value_or(settings.bar_format);
    if (auto probe = render_template(tmpl, Weather{}, Units::metric); !probe)
        return tl::unexpected(probe.error());
    auto query = resolve({settings.asked.front(), settings.country, settings.units, false}, ctx.settings);
    if (!query) return tl::unexpected(query.error());
    const auto skies = report_skies(settings);
    SkyAhead sky_ahead(skies ? &*skies : nullptr, shown_skies(format, tmpl));
    auto service = weather_service(opt, settings, ctx, sky_ahead);
    if (!service) return tl::unexpected(service.error());
    const Asking asking{opt.refresh, {}};
    // Waybar's tooltip lists the next days: one more upstream call, cached on disk (--forecast-ttl),
    // asked beside the weather, not after it: a poll waits one upstream timeout at most.
    std::future<Answer<Forecast>> asked_ahead;
    if (format.needs_forecast || template_wants_forecast(tmpl))
        asked_ahead = std::async(std::launch::async, [&service, &query, asking] {
            return (*service)->ask<Forecast>(query->location, asking);
        });
    const auto wanted = wanted_extras(opt, settings, format, tmpl);
    if (!wanted) return tl::unexpected(wanted.error());
    auto sources = cli_extra_sources(*wanted, extras_run(opt, settings), ctx);
    if (!sources) return tl::unexpected(sources.error());
    auto asked_extras =
        std::async(on_thread_if(*sources != nullptr), [&service, &settings, &sources, &wanted] {
            return extras_for(*wanted, sources->get(), **service, settings);
        });
    const auto answer = (*service)->ask<Weather>(query->location, asking);
    sky_ahead.wait();
    std::optional<Answer<Forecast>> ahead;
    auto extras = asked_extras.get().front();
    air_by_weather(extras, sources->get(), query->location, answer.value());
    if (asked_ahead.valid()) ahead = asked_ahead.get();
    if (answer.error()) return tl::unexpected(*answer.error());
    if (ahead && ahead->error())
        std::cerr << "tenki: " << settings.typed.front() << ": no forecast: " << ahead->error()->message
                  << '\n';
    RenderInput input{.weather = answer.value(),
                      .forecast = ahead ? ahead->value() : nullptr,
                      .units = query->units,
                      .tmpl = tmpl,
                      .now = unix_now(),
                      .language = settings.language,
                      .icons = settings.icons.value_or(IconSet::emoji),
                      .thresholds = settings.bar_thresholds};
    input.skies = skies ? &*skies : nullptr;
    input.alerts = shown_alerts(settings.typed.front(), extras.alerts);
    input.air = shown_air(settings.typed.front(), extras.air, *wanted, query->location);
    if (answer.freshness() == AnswerStatus::stale) {
        input.stale_age_s = answer.age_s();
        input.stale_reason = answer.stale_reason;
        report_stale(settings.typed.front(), answer.stale_reason, *input.stale_age_s);
    }
    auto text = format.render(input);
    if (!text) return tl::unexpected(text.error());
    return BarText{std::move(*text), input.alerts.list && urgent_alert(input.alerts.list->alerts, input.now)};
}

// The bar modes print their bar's output in every state and exit 0 when they did: Waybar hides
// a custom module whose command exits non-zero, and i3blocks replaces its block with "bad exit
// code", so a failure is told in the output (class error) and on stderr instead. The one other
// status is the format's urgent one (i3blocks' 33) while an Extreme or Severe alert is in force.
CommandResult run_bar(const WeatherOptions& opt, const Context& ctx, const FormatInfo& format) {
    auto settings = ask_settings(opt.ask, ctx);
    Result<BarText> text = tl::unexpected(Error{});
    if (settings)
        text = bar_text(opt, ctx, format, *settings);
    else
        text = tl::unexpected(settings.error());
    if (!text) {
        // The config's own error is no place's, nor is one about the number of places.
        const std::string place = settings && settings->typed.size() == 1 ? settings->typed.front() : "";
        if (place.empty())
            std::cerr << "tenki: " << text.error().message << '\n';
        else
            report_failure(place, text.error());
        text = BarText{format.render_error(place, text.error())};
    }
    if (auto end = write_or_end(text->text)) return *end;
    return text->urgent ? format.urgent_status : 0;
}

}  // namespace

void register_weather(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<WeatherOptions>();
    auto* sub = app.add_subcommand("weather", "Print the current weather for one or more places");
    add_place_options(*sub, opt->ask);
    auto* json =
        sub->add_flag("-j,--json", opt->json,
                      std::string(picked_format(Renders::weather, FormatPick::json_flag)->description));
    std::vector<std::string> outputs;  // the table's status bars, in its order
    std::string output_help;
    for (const auto& row : output_formats()) {
        if (row.renders != Renders::weather || row.pick != FormatPick::output_option) continue;
        outputs.emplace_back(row.name);
        output_help += fmt::format("{} {} ({})", output_help.empty() ? "" : ";", row.name, row.description);
    }
    sub->add_option("-o,--output", opt->output,
                    "For a status bar, one place:" + output_help + ". Text from --format, else bar.format")
        ->transform(CLI::IsMember(outputs, CLI::ignore_case))
        ->excludes(json);
    // An empty template would print an empty line and exit 0: bad input, said as such.
    const CLI::Validator not_empty(
        [](const std::string& text) {
            return text.empty() ? std::string(
                                      "an empty template prints nothing: give fields, as "
                                      "'{name} {temp:.0f}{temp_unit}' (the man page lists them)")
                                : std::string();
        },
        "");
    sub->add_option("-f,--format", opt->format,
                    std::string(picked_format(Renders::weather, FormatPick::format_option)->description))
        ->check(not_empty)
        ->excludes(json);
    sub->add_option("--icons", opt->ask.icons,
                    "The symbols of {symbol}, the status bars and the report: emoji, nerd (Nerd Fonts 3) or "
                    "ascii (default "
                    "auto: emoji, ascii in a template under NO_COLOR or TERM=dumb; also TENKI_ICONS)")
        ->transform(CLI::IsMember(config_choices("icons"), CLI::ignore_case));
    sub->add_flag("-r,--refresh", opt->refresh,
                  "Ask the upstream even when the cache has a fresh answer (the sky kept for the place's "
                  "date stays: tenki moon --refresh computes it again)");
    // Durations, checked by the config's precedence with the same syntax as the variable and file.
    sub->add_option("--cache-ttl", opt->ask.cache_ttl,
                    "How long a cached answer stays fresh: seconds, or 10m, 1h (0: no cache; default 600; "
                    "also TENKI_CACHE_TTL)");
    sub->add_option("--forecast-ttl", opt->ask.forecast_ttl,
                    "How long a cached forecast stays fresh, for a template's forecast fields and the Waybar "
                    "tooltip: seconds, or 30m (0: no cache; default 1800; also TENKI_FORECAST_TTL)");
    add_upstream_options(*sub, opt->ask, opt->timeout, opt->connect_timeout);
    sub->add_flag("--no-alerts", opt->no_alerts,
                  "Do not ask for official alerts (NWS: US places); also the config's alerts = false");
    sub->add_flag("--air", opt->air,
                  "Show the air quality (Open-Meteo, modelled by CAMS); also the config's air = true");
    sub->add_option("--aqi-scale", opt->aqi_scale,
                    "The AQI scale: us (EPA), eu (EEA) or auto (default: us in the US, eu elsewhere; also "
                    "the config's aqi_scale)")
        ->transform(CLI::IsMember({"us", "eu", "auto"}, CLI::ignore_case));
    sub->footer(std::string(k_wind_arrow_note));
    sub->callback([opt, &ctx] {
        ctx.run = [opt, &ctx]() -> CommandResult {
            auto format = weather_format(*opt);
            if (!format) return tl::unexpected(format.error());
            // A status bar's format prints its own form of a failure, and exits 0 when it did.
            return (*format)->render_error ? run_bar(*opt, ctx, **format) : run_weather(*opt, ctx, **format);
        };
    });
}

}  // namespace tenki::cli

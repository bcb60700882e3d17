#include <unistd.h>

#include <chrono>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands/answers.hpp"
#include "commands/commands.hpp"
#include "commands/provider_options.hpp"
#include "environment.hpp"
#include "tenki/domain/forecast.hpp"
#include "tenki/format/formats.hpp"
#include "tenki/service/service.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki::cli {

namespace {

constexpr int k_default_days = 7;
constexpr int k_default_hours = 24;

struct ForecastOptions {
    AskOptions ask;           // its --cache-ttl is the forecast's TTL (ask.forecast_ttl)
    std::optional<int> days;  // nullopt: k_default_days
    bool hourly = false;
    std::optional<int> hours;
    bool json = false;
    bool refresh = false;
    double timeout = 8;
    double connect_timeout = 3;
};

// The format --json picks, from the table; the days (or hours) without it.
const FormatInfo& forecast_format(const ForecastOptions& opt) {
    return *picked_format(Renders::forecast, opt.json ? FormatPick::json_flag : FormatPick::fallback);
}

// One place's window as this terminal shows it: the days, or with --hourly (or --hours) the hours.
// Stale when it has an age.
RenderInput render_input(const ForecastOptions& opt, const Forecast& window, Units units,
                         std::optional<std::int64_t> stale_age, Language language) {
    const bool styled = styled_output(::isatty(STDOUT_FILENO) == 1);
    return RenderInput{.forecast = &window,
                       .units = units,
                       .stale_age_s = stale_age,
                       .color = styled,
                       .symbols = styled,
                       .hourly = opt.hourly || opt.hours.has_value(),
                       .language = language};
}

// One place's forecast on stdout (or into the JSON documents), or its one-line error on stderr.
// nullopt to go on, else what the command ends with.
std::optional<CommandResult> write_place(const ForecastOptions& opt, const WeatherService& service,
                                         const std::string& typed, const PlaceAnswer<Forecast>& place,
                                         std::int64_t now, Language language, Outcome& out) {
    const Error* error = place.query ? nullptr : &place.query.error();
    if (!error && place.answer->error()) error = &*place.answer->error();
    if (error) {
        out.failed(typed, *error);
        return std::nullopt;
    }
    const auto& answer = *place.answer;
    const auto units = place.query->units;
    std::optional<std::int64_t> stale_age;
    if (answer.freshness() == AnswerStatus::stale) {
        stale_age = answer.age_s();
        report_stale(typed, answer.stale_reason, *stale_age);
    }
    const auto window = forecast_window(*answer.value(), now, opt.days.value_or(k_default_days),
                                        opt.hours.value_or(k_default_hours));
    // Fewer days than asked for is said, not hidden (OpenWeatherMap's free forecast gives 5 or 6).
    if (opt.days && static_cast<int>(window.daily.size()) < *opt.days && !opt.hourly && !opt.hours)
        std::cerr << fmt::format("tenki: {}: {} gives {} day{} from today, not {}\n", typed, window.source,
                                 window.daily.size(), window.daily.size() == 1 ? "" : "s", *opt.days);
    const auto input = render_input(opt, window, units, stale_age, language);
    const auto& format = forecast_format(opt);
    if (format.document) {  // gathered: one document, or an array of them
        out.documents.push_back(format.document(input));
        return std::nullopt;
    }
    auto text = format.render(input);
    if (!text) return tl::unexpected(text.error());
    *text = with_failover_note(std::move(*text), service, answer.value()->source);
    if (auto end = write_or_end((out.answered ? "\n" : "") + *text)) return end;
    out.answered = true;
    return std::nullopt;
}

CommandResult run_forecast(const ForecastOptions& opt, const Context& ctx) {
    const auto settings = ask_settings(opt.ask, ctx);
    if (!settings) return tl::unexpected(settings.error());
    if (forecast_format(opt).document == nullptr) print_notes(*settings);
    // The disk cache keeps forecasts only: a weather TTL of 0 writes no current weather.
    auto service = cli_service(*settings, std::chrono::seconds(0), opt.connect_timeout, opt.timeout, ctx);
    if (!service) return tl::unexpected(service.error());
    const auto places = answer_places<Forecast>(**service, settings->asked,
                                                {settings->country, settings->units}, {opt.refresh, {}});
    const auto now = unix_now();
    Outcome out;
    for (std::size_t i = 0; i < places.size(); ++i) {
        if (auto end =
                write_place(opt, **service, settings->typed[i], places[i], now, settings->language, out))
            return *end;
    }
    return out.finish(forecast_format(opt).document != nullptr, places.size() == 1);
}

}  // namespace

void register_forecast(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<ForecastOptions>();
    auto* sub = app.add_subcommand("forecast", "Print the days (or hours) ahead for one or more places");
    add_place_options(*sub, opt->ask);
    sub->add_option("-d,--days", opt->days,
                    "Days from today to show, 1-16 (default 7; at most what the provider gives)")
        ->check(CLI::Range(1, k_max_forecast_days));
    sub->add_flag("-H,--hourly", opt->hourly, "The next 24 hours, a line per step, instead of days");
    sub->add_option("--hours", opt->hours, "Hours ahead to show, 1-48 (implies --hourly; default 24)")
        ->check(CLI::Range(1, k_max_forecast_hours));
    sub->add_flag("-j,--json", opt->json,
                  "Print the JSON document of /api/v2/forecast (days and, by --hours, 24 hours)");
    sub->add_flag("-r,--refresh", opt->refresh, "Ask the upstream even when the cache has a fresh answer");
    sub->add_option(
        "--cache-ttl,--forecast-ttl", opt->ask.forecast_ttl,
        "How long a cached forecast stays fresh: seconds, or 30m, 1h (0: no cache; default 1800; also "
        "TENKI_FORECAST_TTL and the config's forecast_ttl, not TENKI_CACHE_TTL)");
    add_upstream_options(*sub, opt->ask, opt->timeout, opt->connect_timeout);
    sub->callback([opt, &ctx] { ctx.run = [opt, &ctx] { return run_forecast(*opt, ctx); }; });
}

}  // namespace tenki::cli

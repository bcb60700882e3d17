#include "commands/extras.hpp"

#include <iostream>

#include <fmt/format.h>

#include "environment.hpp"

namespace tenki::cli {

Result<ExtraConfig> extra_config(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds timeout,
                                 bool verbose) {
    ExtraConfig config;
    for (const auto& row : extra_sources())
        if (auto url = env(row.endpoint.env)) config.urls[std::string(row.endpoint.env)] = *url;
    config.nws_contact = env("TENKI_NWS_CONTACT").value_or("");
    if (auto rate = env(extra_source_info(ExtraKind::alerts).limit_env)) {
        auto limit = parse_rate_limit(*rate);
        if (!limit)
            return fail(ErrorKind::invalid_input, fmt::format("TENKI_NWS_RATE: {}", limit.error().message));
        config.nws_limit = *limit;
    }
    config.connect_timeout = connect_timeout;
    config.total_timeout = timeout;
    config.verbose = verbose;
    return config;
}

Result<std::optional<AqiScale>> aqi_scale_setting(const std::optional<std::string>& text) {
    if (!text || *text == "auto") return std::optional<AqiScale>();
    if (auto scale = parse_aqi_scale(*text)) return std::optional<AqiScale>(*scale);
    return fail(ErrorKind::invalid_input,
                fmt::format("unknown AQI scale '{}': use us (EPA), eu (EEA) or auto", *text));
}

Result<std::unique_ptr<ExtraSources>> cli_extra_sources(const ExtrasWanted& wanted, const ExtrasRun& run,
                                                        const Context& ctx) {
    if (!wanted.any()) return std::unique_ptr<ExtraSources>();
    // The failure is said for each place (shown_alerts, shown_air): no log line besides.
    auto config = extra_config(millis(run.connect_timeout), millis(run.timeout), ctx.verbose);
    if (!config) return tl::unexpected(config.error());
    if (run.on_disk) config->disk_dir = run.dir;
    config->refresh = run.refresh;
    return std::make_unique<ExtraSources>(std::move(*config));
}

std::vector<PlaceExtras> extras_for(const ExtrasWanted& wanted, ExtraSources* sources,
                                    const WeatherService& service, const AskSettings& settings) {
    std::vector<PlaceExtras> out(settings.asked.size());
    if (sources == nullptr) return out;
    for (std::size_t i = 0; i < settings.asked.size(); ++i) {
        auto query = service.resolve({settings.asked[i], settings.country, settings.units, false});
        if (!query) continue;
        if (wanted.alerts) out[i].alerts = sources->alerts(query->location);
        if (wanted.air) out[i].air = sources->air(query->location);
    }
    return out;
}

void air_by_weather(PlaceExtras& extras, ExtraSources* sources, const Location& location,
                    const Weather* weather) {
    if (!sources || !extras.air || extras.air->status != ExtraStatus::not_covered || !weather ||
        !weather->lat || !weather->lon)
        return;
    extras.air = sources->air(location, Coordinates{*weather->lat, *weather->lon});
}

AlertsShown shown_alerts(std::string_view place, const std::optional<AlertsAnswer>& answer) {
    AlertsShown shown;
    if (!answer) return shown;
    shown.asked = true;
    if (answer->value) {
        shown.list = &*answer->value;
        return shown;
    }
    shown.reason = answer->reason();
    if (answer->status == ExtraStatus::failed)
        std::cerr << fmt::format("tenki: {}: alerts: - ({})\n", place, shown.reason);
    return shown;
}

AirShown shown_air(std::string_view place, const std::optional<AirAnswer>& answer, const ExtrasWanted& wanted,
                   const Location& location) {
    AirShown shown;
    shown.scale = wanted.scale.value_or(default_aqi_scale(location));
    shown.hide_when_good = wanted.hide_good_air;
    if (!answer) return shown;
    shown.asked = true;
    if (answer->value) {
        shown.value = &*answer->value;
        return shown;
    }
    shown.reason = answer->reason();
    std::cerr << fmt::format("tenki: {}: air: - ({})\n", place, shown.reason);
    return shown;
}

}  // namespace tenki::cli

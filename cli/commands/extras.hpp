#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "commands/answers.hpp"
#include "context.hpp"
#include "tenki/domain/air_quality.hpp"
#include "tenki/domain/alerts.hpp"
#include "tenki/service/extras.hpp"
#include "tenki/service/service.hpp"

// The extra sources (alerts, air quality) as `tenki weather` asks them: beside the weather, a
// failure said on stderr, one line each.
namespace tenki::cli {

// The extra sources' configuration from the variables TENKI_NWS_URL, TENKI_NWS_CONTACT,
// TENKI_NWS_RATE ("30/min", "off"; anything else is invalid_input naming it) and
// TENKI_OPENMETEO_AIR_URL, with these timeouts.
Result<ExtraConfig> extra_config(std::chrono::milliseconds connect_timeout, std::chrono::milliseconds timeout,
                                 bool verbose);

// Which extra answers a run shows.
struct ExtrasWanted {
    bool alerts = false;
    bool air = false;
    std::optional<AqiScale> scale;  // --aqi-scale / aqi_scale; nullopt: the place's
    bool hide_good_air = false;     // bar.hide_good_air, for the bars
    bool any() const { return alerts || air; }
};

// --aqi-scale or the config's aqi_scale: "us", "eu", "auto" (nullopt); invalid_input otherwise.
Result<std::optional<AqiScale>> aqi_scale_setting(const std::optional<std::string>& text);

// One place's extra answers; nullopt: not asked.
struct PlaceExtras {
    std::optional<AlertsAnswer> alerts;
    std::optional<AirAnswer> air;
};

// How one run asks: its timeouts (seconds), --refresh, and whether answers are kept on disk
// across runs (not with --cache-ttl 0).
struct ExtrasRun {
    double connect_timeout = 3;
    double timeout = 8;
    bool refresh = false;
    bool on_disk = true;
    std::filesystem::path dir;  // the weather's folder (AskSettings::cache_dir)
};

// The extra sources of one run, or null when none is wanted. Their answers are kept in the disk
// cache's folder for each row's TTL (alerts 5 min, air 30 min) unless run.on_disk is false.
Result<std::unique_ptr<ExtraSources>> cli_extra_sources(const ExtrasWanted& wanted, const ExtrasRun& run,
                                                        const Context& ctx);

// Each place's wanted extras, in order (resolved again, offline, as the forecast's asks are).
std::vector<PlaceExtras> extras_for(const ExtrasWanted& wanted, ExtraSources* sources,
                                    const WeatherService& service, const AskSettings& settings);

// A place whose air has no point of its own (a postal code outside the US): asked again by the
// weather answer's coordinates, once the weather came.
void air_by_weather(PlaceExtras& extras, ExtraSources* sources, const Location& location,
                    const Weather* weather);

// What to show of one place's alerts and air; a failure said on stderr as
// "tenki: PLACE: alerts: - (why)", "tenki: PLACE: air: - (why)".
AlertsShown shown_alerts(std::string_view place, const std::optional<AlertsAnswer>& answer);
AirShown shown_air(std::string_view place, const std::optional<AirAnswer>& answer, const ExtrasWanted& wanted,
                   const Location& location);

}  // namespace tenki::cli

#include "commands/answers.hpp"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "environment.hpp"
#include "tenki/disk_cache.hpp"
#include "tenki/provider.hpp"
#include "tenki/provider_choice.hpp"

namespace tenki::cli {

namespace {

// A closed pipe is no error to report: the reader has what it wanted (false).
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

}  // namespace

void add_place_options(CLI::App& sub, std::vector<std::string>& places, std::optional<std::string>& country,
                       std::optional<std::string>& units) {
    sub.add_option("places", places,
                   "Postal codes (94107, 94107,us, \"SW1A 1AA\"), cities (Paris, Paris,TX, \"São Paulo\") or "
                   "coordinates (37.7749,-122.4194) (default: the configured place, 19021)");
    sub.add_option("-c,--country", country,
                   "Country for codes without one, and to narrow a city name (ISO 3166; codes: default us)");
    sub.add_option("-u,--units", units, "metric, imperial or standard (default: imperial in the US)")
        ->envname("TENKI_UNITS")
        ->check(CLI::IsMember({"metric", "imperial", "standard"}));
}

std::vector<Result<Query>> resolve_each(const std::vector<std::string>& places,
                                        const std::optional<std::string>& country,
                                        const std::optional<std::string>& units, const Settings& settings) {
    std::vector<std::optional<std::string>> asked(places.begin(), places.end());
    if (asked.empty()) asked.emplace_back(std::nullopt);
    std::vector<Result<Query>> out;
    for (auto& place : asked) {
        auto query = resolve({std::move(place), country, units, false}, settings);
        if (query) {
            if (auto known = check_offline(query->location); !known)
                query = fail(ErrorKind::invalid_input, known.error().message);
        }
        out.push_back(std::move(query));
    }
    return out;
}

std::string typed_place(const std::vector<std::string>& places, std::size_t i, const Settings& settings) {
    return i < places.size() ? places[i] : settings.default_postal_code;
}

ServiceOptions cli_service_options(const Settings& settings, int weather_ttl, int forecast_ttl) {
    ServiceOptions service;
    service.settings = settings;
    service.current.ttl = std::chrono::seconds(weather_ttl);
    service.forecast.ttl = std::chrono::seconds(forecast_ttl);
    // One run: nothing to refresh ahead for.
    service.current.refresh_ahead = 0;
    service.forecast.refresh_ahead = 0;
    if (weather_ttl > 0 || forecast_ttl > 0)
        service.disk = DiskCacheOptions{DiskCache::default_dir(), std::chrono::seconds(weather_ttl),
                                        std::chrono::seconds(forecast_ttl)};
    return service;
}

Result<std::unique_ptr<WeatherService>> cli_service(const ProviderOptions& providers, double connect_timeout,
                                                    double timeout, bool verbose, ServiceOptions options) {
    auto configured =
        make_provider(provider_setup(providers, millis(connect_timeout), millis(timeout), verbose));
    if (!configured) return tl::unexpected(configured.error());
    for (const auto& w : configured->warnings) std::cerr << "tenki: warning: " << w << '\n';
    return std::make_unique<WeatherService>(std::move(options), std::move(configured->provider));
}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::optional<CommandResult> write_or_end(std::string_view text) {
    auto written = write_out(text);
    if (!written) return tl::unexpected(written.error());
    if (!*written) return k_closed_pipe_status;
    return std::nullopt;
}

std::optional<CommandResult> write_documents(const nlohmann::json& documents, bool one_place_asked) {
    if (documents.empty()) return std::nullopt;
    return write_or_end((one_place_asked ? documents.front() : documents).dump(2) + "\n");
}

void report_failure(std::string_view place, const Error& error) {
    std::cout.flush();
    std::cerr << "tenki: " << place << ": " << error.message << '\n';
}

}  // namespace tenki::cli

#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <cstdint>
#include <memory>

#include <nlohmann/json_fwd.hpp>

#include "commands/provider_options.hpp"
#include "context.hpp"
#include "tenki/error.hpp"
#include "tenki/service.hpp"
#include "tenki/settings.hpp"

// What `tenki weather` and `tenki forecast` share: the places as typed, the service with the
// CLI's caches, and writing the answers.
namespace tenki::cli {

// A reader that closed the pipe ends tenki as SIGPIPE would, quietly: 128 + 13.
inline constexpr int k_closed_pipe_status = 141;

// The options every answering command takes the same way: the places (positional), -c/--country
// and -u/--units (TENKI_UNITS).
void add_place_options(CLI::App& sub, std::vector<std::string>& places, std::optional<std::string>& country,
                       std::optional<std::string>& units);

// Each place as typed (none: the configured default), resolved and checked offline on its own:
// one bad code fails only itself, as invalid_input.
std::vector<Result<Query>> resolve_each(const std::vector<std::string>& places,
                                        const std::optional<std::string>& country,
                                        const std::optional<std::string>& units, const Settings& settings);

// The place as the user typed it, for an error line: the i-th argument, else the default.
std::string typed_place(const std::vector<std::string>& places, std::size_t i, const Settings& settings);

// The service with the CLI's caches: in-process for this run, over the disk cache across runs
// (current weather for `weather_ttl` seconds, forecasts for `forecast_ttl`; 0: no disk cache).
ServiceOptions cli_service_options(const Settings& settings, int weather_ttl, int forecast_ttl);

// The provider the options choose (its warnings on stderr) behind a service with `options`.
// Errors: the provider's configuration (a key file that cannot hold a key, an unknown provider).
Result<std::unique_ptr<WeatherService>> cli_service(const ProviderOptions& providers, double connect_timeout,
                                                    double timeout, bool verbose, ServiceOptions options);

// The system clock's now, in unix seconds: what a forecast's window and fields are relative to.
std::int64_t unix_now();

// Writes to stdout now, so answers and errors (stderr) come out in the order of the places:
// nullopt to go on, else what the command ends with: the io error of a failed write (a full disk),
// or, when the reader closed the pipe (`| head -1`), the quiet k_closed_pipe_status.
std::optional<CommandResult> write_or_end(std::string_view text);

// The places' JSON documents, as one object when one place was asked, else an array; nothing
// when none was answered. nullopt to go on, as write_or_end.
std::optional<CommandResult> write_documents(const nlohmann::json& documents, bool one_place_asked);

// One place's one-line error on stderr, after flushing stdout: "tenki: 94107: <message>".
void report_failure(std::string_view place, const Error& error);

}  // namespace tenki::cli

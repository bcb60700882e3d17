#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <cstdint>
#include <filesystem>
#include <memory>

#include "commands/provider_options.hpp"
#include "context.hpp"
#include "tenki/domain/settings.hpp"
#include "tenki/error.hpp"
#include "tenki/format/bar.hpp"
#include "tenki/format/icons.hpp"
#include "tenki/lang/language.hpp"
#include "tenki/service/service.hpp"
#include "tenki/util/nlohmann_json.hpp"

// What `tenki weather` and `tenki forecast` share: the places as typed, the service with the
// CLI's caches, and writing the answers.
namespace tenki::cli {

// A reader that closed the pipe ends tenki as SIGPIPE would, quietly: 128 + 13.
inline constexpr int k_closed_pipe_status = 141;

// What the answering commands (weather, forecast) take from the command line that is also a
// setting of the config file: given or not, so that the precedence can tell.
struct AskOptions {
    std::vector<std::string> places;          // as typed; none: the configured place
    std::optional<std::string> country;       // -c/--country
    std::optional<std::string> units;         // -u/--units
    std::optional<std::string> lang;          // --lang
    std::optional<std::string> cache_ttl;     // weather's --cache-ttl, as typed: "600", "10m"
    std::optional<std::string> forecast_ttl;  // weather's --forecast-ttl, forecast's --cache-ttl
    bool no_stale = false;                    // --no-stale
    std::optional<std::string> icons;         // weather's --icons
    ProviderOptions providers;                // --provider and --key-file are settings too
    // The config keys the command reads ("place", "country", "lang" for moon); empty: all but
    // serve's twins of a shared variable (command_keys). A bad environment variable of any other
    // key does not fail it.
    std::vector<std::string_view> uses;
};

// The choices the config table gives a choice key ("units": auto, metric, imperial, standard): an
// option takes what its variable and the file take.
std::vector<std::string> config_choices(std::string_view key);

// The positional places, -c/--country, -u/--units, --lang and --no-stale. Their variables
// (TENKI_UNITS, ...) are read by the config's precedence, not here.
void add_place_options(CLI::App& sub, AskOptions& opt);

// Where the weather comes from (--provider, --key-file, each endpoint's URL option) and how long to
// wait for it: --timeout (the whole answer, 0.1-120 s) and --connect-timeout (0.1-60 s).
void add_upstream_options(CLI::App& sub, AskOptions& opt, double& timeout, double& connect_timeout);

// What an answering command runs with: every setting decided the same way (option, else its
// environment variable, else the config file, else the default), and the places as asked.
struct AskSettings {
    // The places as typed, or the configured place, for error lines; a named place with the file
    // and line defining it: "home (FILE:3)".
    std::vector<std::string> typed;
    std::vector<std::string> asked;  // the same with named places ([places]) expanded
    std::optional<std::string> country;
    std::optional<std::string> units;  // nullopt: the place's usual ("auto")
    // --lang, config lang or TENKI_LANG; else the locale's (LC_ALL, LC_MESSAGES, LANG), else English.
    Language language = Language::en;
    ProviderOptions providers;
    std::chrono::seconds cache_ttl{600};
    std::chrono::seconds forecast_ttl{1800};
    std::chrono::seconds stale_window{0};  // 0: --no-stale
    std::string bar_format;                // bar.format
    bool alerts = true;                    // the config's alerts: --no-alerts wins
    bool air = false;                      // the config's air: --air sets it too
    std::optional<std::string> aqi_scale;  // the config's aqi_scale ("auto": the place's)
    bool hide_good_air = false;            // bar.hide_good_air
    std::optional<IconSet> icons;          // nullopt: auto (emoji; ascii in a template under NO_COLOR)
    BarThresholds bar_thresholds;          // bar.hot, bar.cold
    // Which one a name that is both a named place and a city stands for, one line each
    // ("paris is places.paris (FILE:2), ..."): print_notes writes them for the text outputs.
    std::vector<std::string> notes;
    // The disk cache's folder for this run (DiskCache::choose_dir): the answers, breakers.json,
    // the skies and the extras all kept there; and, when the usual one cannot be used, the line
    // cli_service says once ("the cache folder ... is not private (mode 0777): ... (chmod 700 it, ...)").
    std::filesystem::path cache_dir;
    std::string cache_warning;
};

// The settings' notes on stderr, "tenki: note: ..." (the text outputs: JSON and status bars
// stay quiet, as config --check warns of the shadowing already).
void print_notes(const AskSettings& settings);

// The config file (--config, TENKI_CONFIG, the XDG default) read and the precedence applied.
// Errors: the file's problems and bad values from the environment or options, invalid_input
// naming the line or the variable; a named file that is missing, io.
Result<AskSettings> ask_settings(const AskOptions& opt, const Context& ctx);

// The service with the CLI's caches, from the composition root (tenki/service/build.hpp):
// in-process for this run, over the disk cache across runs (current weather for `weather_ttl`,
// forecasts for settings.forecast_ttl; 0: not on disk) and, within settings.stale_window, the
// disk's last known good answer while the upstream fails. Its warnings on stderr. Errors: the
// provider's configuration (a key file that cannot hold a key, an unknown provider, no key).
// upstream_asked: told of each upstream call as it is made (ServiceConfig's).
Result<std::unique_ptr<WeatherService>> cli_service(
    const AskSettings& settings, std::chrono::seconds weather_ttl, double connect_timeout, double timeout,
    const Context& ctx, std::function<void(AnswerKind, const Location&)> upstream_asked = {});

// The line on stderr for a stale answer: "tenki: 94107: <why>; showing the answer of 23 min ago".
void report_stale(std::string_view place, const std::optional<Error>& reason, std::int64_t age_s);

// A text report with its failover note as a last line, when a later provider than the first
// answered: "(from Open-Meteo: OpenWeatherMap failed (timeout))".
std::string with_failover_note(std::string text, const WeatherService& service, std::string_view source);

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

// What a run over a list of places has written so far, and how it ends.
struct Outcome {
    nlohmann::json documents = nlohmann::json::array();  // --json: one document a place answered
    std::optional<Error> first_error;                    // the exit status is its kind's
    bool answered = false;                               // some place's text is out

    // The place's error reported on stderr and remembered when it is the first.
    void failed(std::string_view place, const Error& error);
    // The documents written (--json), then 0 or the first failure's exit status.
    CommandResult finish(bool json, bool one_place_asked) const;
};

}  // namespace tenki::cli

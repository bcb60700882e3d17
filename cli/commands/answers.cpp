#include "commands/answers.hpp"
#include "tenki/util/nlohmann_json.hpp"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <type_traits>
#include <variant>

#include <fmt/format.h>

#include "environment.hpp"
#include "load_config.hpp"
#include "tenki/cache/disk_cache.hpp"
#include "tenki/format/format.hpp"
#include "tenki/places/place.hpp"
#include "tenki/places/places.hpp"
#include "tenki/service/build.hpp"
#include "tenki/util/printable.hpp"

namespace tenki::cli {

std::vector<std::string> config_choices(std::string_view key) {
    std::vector<std::string> choices;
    std::string_view rest = find_config_key(key)->choices;
    while (!rest.empty()) {
        const auto bar = rest.find('|');
        choices.emplace_back(rest.substr(0, bar));
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
    return choices;
}

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

void add_place_options(CLI::App& sub, AskOptions& opt) {
    sub.add_option("places", opt.places,
                   "Postal codes (94107, 94107,us, \"SW1A 1AA\"), cities (Paris, Paris,TX, \"São Paulo\"), "
                   "coordinates (37.7749,-122.4194) or names from the config's [places] (default: the "
                   "configured place, 19021)");
    sub.add_option("-c,--country", opt.country,
                   "Country for codes without one, and to narrow a city name (ISO 3166; codes: default us)");
    sub.add_option("-u,--units", opt.units,
                   "auto, metric, imperial or standard (default auto: imperial in the US, metric elsewhere; "
                   "also TENKI_UNITS)")
        ->transform(CLI::IsMember(config_choices("units"), CLI::ignore_case));  // "Metric" is metric
    sub.add_option("--lang", opt.lang,
                   "The language of the report, the forecast and templates: a BCP 47 tag (de, fr, pt-BR, "
                   "zh-Hant, ...; also TENKI_LANG; default: the locale's, else English)");
    sub.add_flag("--no-stale", opt.no_stale,
                 "Fail when the upstream does, rather than print the last known good answer marked stale");
}

// A duration option's value: seconds as a number ("8", "2.5"), or with a unit, "8s" or "500ms"
// (rewritten to seconds before CLI11 converts it); outside [low, high] seconds, an error naming the
// range.
CLI::Validator seconds_between(double low, double high) {
    return CLI::Validator(
        [low, high](std::string& text) -> std::string {
            std::string number = text;
            double scale = 1;
            if (number.ends_with("ms")) {
                number.resize(number.size() - 2);
                scale = 0.001;
            } else if (number.ends_with('s')) {
                number.pop_back();
            }
            double value = 0;
            const auto* end = number.data() + number.size();
            const auto [at, ec] = std::from_chars(number.data(), end, value);
            value *= scale;
            if (number.empty() || ec != std::errc() || at != end || !(value >= low && value <= high))
                return fmt::format("{:?} is not a time from {} s to {} s (seconds: 8, 8s or 500ms)", text,
                                   low, high);
            text = fmt::format("{}", value);
            return {};
        },
        fmt::format("SECONDS:{}-{}", low, high));
}

void add_upstream_options(CLI::App& sub, AskOptions& opt, double& timeout, double& connect_timeout) {
    add_provider_options(sub, opt.providers, true);
    sub.add_option("--timeout", timeout, "Seconds to wait for the whole upstream answer (8, 8s, 500ms)")
        ->transform(seconds_between(0.1, 120.0))
        ->capture_default_str();
    sub.add_option("--connect-timeout", connect_timeout,
                   "Seconds to wait for the upstream connection (3, 3s, 500ms)")
        ->transform(seconds_between(0.1, 60.0))
        ->capture_default_str();
}

namespace {

// A named place as error lines name it: with the file and line that define it, "home
// (/home/ann/.config/tenki/config.toml:3)"; any other place as typed.
std::string named_place_label(const Config& config, const std::string& typed) {
    // Quoted as every message quotes what it was given: a 100 KB argument or an escape sequence
    // never reaches the terminal whole (util::printable).
    if (const auto* named = config.find_place(typed))
        return fmt::format("{} ({}:{})", util::printable(typed), config.file().string(), named->line);
    return util::printable(typed);
}

// "paris is places.paris (FILE:2), "94107", not the city Paris, Île-de-France, FR": which of the
// two a name that is both stands for; nullopt for a name that is not.
std::optional<std::string> shadow_note(const Config& config, const std::string& typed) {
    const auto* named = config.find_place(typed);
    if (!named) return std::nullopt;
    const auto city = shadowed_city(config, *named);
    if (!city) return std::nullopt;
    return fmt::format(
        "{} is places.{} ({}:{}), \"{}\", not the city {} (name the city with its country: {},{})", typed,
        named->name, config.file().string(), named->line, named->place, city_label(*city), city->ascii_name,
        city->country);
}

// "Vienna,VA: VA read as the US state Virginia; no Vienna in the country Holy See Vatican City State":
// which reading a city's qualifier took when it names both a country and a region (places.hpp); nullopt for
// any other place, and for one that is not found (its error says the rest).
std::optional<std::string> reading_note(const std::string& asked, const std::optional<std::string>& country) {
    auto place = parse_place(asked, country.value_or(""));
    if (!place || !std::holds_alternative<CityQuery>(*place)) return std::nullopt;
    const auto match = match_city(std::get<CityQuery>(*place), 1);
    if (match.kind != CityMatch::Kind::found || match.reading.empty()) return std::nullopt;
    return fmt::format("{}: {}", util::printable(asked), match.reading);
}

// A country from the environment or the file that no place has ("TENKI_COUNTRY (country): \"Atlantis\"
// is not a country tenki knows; ..."), said once, before any place is looked up with it.
std::optional<Error> country_problem(const Config& config) {
    const auto country = config.text("country");
    if (!country) return std::nullopt;
    auto known = parse_city_query("x", *country);
    if (known) return std::nullopt;
    const auto& setting = config.get("country");
    const auto where = setting.origin == ConfigOrigin::environment
                           ? fmt::format("{} (country)", setting.key->env)
                           : fmt::format("country ({}:{})", config.file().string(), setting.line);
    return Error{ErrorKind::invalid_input, fmt::format("{}: {}", where, known.error().message)};
}

// The country the places are looked up in (--country, else the config's), then each place's
// reading note; the error of a configured country that is none.
std::optional<Error> settle_country(const AskOptions& opt, const Config& config, AskSettings& out) {
    out.country = opt.country ? opt.country : config.text("country");
    if (auto problem = opt.country ? std::nullopt : country_problem(config)) return problem;
    for (const auto& asked : out.asked)
        if (auto note = reading_note(asked, out.country)) out.notes.push_back(std::move(*note));
    return std::nullopt;
}

// The [places] entries and the default place this run uses, checked as the config's check does:
// a bad one fails the command that uses it ("FILE:LINE: places.home: ..."), and no other.
std::optional<Error> used_place_problem(const Config& config, const std::vector<std::string>& typed) {
    std::optional<ConfigProblem> problem;
    if (typed.empty()) problem = check_default_place(config);
    for (const auto& place : typed) {
        if (problem) break;
        if (const auto* named = config.find_place(place)) problem = check_named_place(config, *named);
    }
    if (!problem) return std::nullopt;
    return Error{ErrorKind::invalid_input, format_config_problem(config.file(), *problem)};
}

}  // namespace

Result<AskSettings> ask_settings(const AskOptions& opt, const Context& ctx) {
    OptionValues given;
    auto give = [&](std::string_view key, const auto& value) {
        if (!value) return;
        if constexpr (std::is_same_v<std::decay_t<decltype(*value)>, std::string>)
            given.emplace(std::string(key), *value);
        else if constexpr (std::is_same_v<std::decay_t<decltype(*value)>, std::filesystem::path>)
            given.emplace(std::string(key), value->string());
        else
            given.emplace(std::string(key), std::to_string(*value));
    };
    // --country is applied after the config is read: check_places holds the configured default
    // place to the configured country, and `tenki weather --country gb "SW1A 1AA"` does not ask it.
    give("units", opt.units);
    give("lang", opt.lang);
    give("provider", opt.providers.provider);
    give("key_file", opt.providers.key_file);
    give("cache_ttl", opt.cache_ttl);
    give("forecast_ttl", opt.forecast_ttl);
    give("icons", opt.icons);
    const auto keys = opt.uses.empty() ? command_keys(false) : opt.uses;
    auto config = load_config(ctx, given, keys);
    if (!config) return tl::unexpected(config.error());
    if (auto problem = used_place_problem(*config, opt.places)) return tl::unexpected(std::move(*problem));

    AskSettings out;
    out.typed = opt.places;
    if (out.typed.empty())
        out.typed.push_back(config->text("place").value_or(ctx.settings.default_postal_code));
    for (auto& place : out.typed) {
        out.asked.push_back(config->expand_place(place));
        if (auto note = shadow_note(*config, place)) out.notes.push_back(std::move(*note));
        place = named_place_label(*config, place);
    }
    if (auto problem = settle_country(opt, *config, out)) return tl::unexpected(std::move(*problem));
    if (auto units = config->text("units"); units && *units != "auto") out.units = units;
    // Checked by the config (ConfigType::language): an explicit unknown tag failed already.
    if (auto lang = config->text("lang"))
        out.language = match_language(*lang).value_or(Language::en);
    else
        out.language = language_from_locale(env("LC_ALL"), env("LC_MESSAGES"), env("LANG"));
    out.providers = opt.providers;
    out.providers.provider = std::nullopt;
    if (auto provider = config->text("provider"); provider && *provider != "auto")
        out.providers.provider = provider;
    set_provider_settings(*config, out.providers);
    const auto folder = DiskCache::choose_dir();
    out.cache_dir = folder.dir;
    if (folder.problem)
        out.cache_warning = fmt::format("{} ({})", cache_dir_warning(folder), folder.problem->fix);
    out.cache_ttl = config->seconds("cache_ttl").value_or(out.cache_ttl);
    out.forecast_ttl = config->seconds("forecast_ttl").value_or(out.forecast_ttl);
    out.stale_window =
        opt.no_stale ? std::chrono::seconds(0) : config->seconds("stale_window").value_or(out.stale_window);
    out.bar_format = config->text("bar.format").value_or("");
    out.alerts = config->flag("alerts").value_or(true);
    out.air = config->flag("air").value_or(false);
    out.aqi_scale = config->text("aqi_scale");
    out.hide_good_air = config->flag("bar.hide_good_air").value_or(false);
    if (auto icons = config->text("icons")) out.icons = icon_set_named(*icons);
    out.bar_thresholds.hot_celsius = config->number("bar.hot").value_or(out.bar_thresholds.hot_celsius);
    out.bar_thresholds.cold_celsius = config->number("bar.cold").value_or(out.bar_thresholds.cold_celsius);
    return out;
}

void print_notes(const AskSettings& settings) {
    for (const auto& note : settings.notes) std::cerr << "tenki: note: " << note << '\n';
}

void report_stale(std::string_view place, const std::optional<Error>& reason, std::int64_t age_s) {
    std::cout.flush();
    std::cerr << fmt::format("tenki: {}: {}: showing the last answer, {} (--no-stale to fail instead)\n",
                             place, reason ? reason->message : "the weather service failed",
                             stale_note(age_s).substr(std::string_view("stale: ").size()));
}

Result<std::unique_ptr<WeatherService>> cli_service(
    const AskSettings& settings, std::chrono::seconds weather_ttl, double connect_timeout, double timeout,
    const Context& ctx, std::function<void(AnswerKind, const Location&)> upstream_asked) {
    ServiceConfig config;
    config.settings = ctx.settings;
    config.lifetime = ServiceLifetime::one_run;
    config.providers =
        provider_setup(settings.providers, millis(connect_timeout), millis(timeout), ctx.verbose);
    config.cache.tier = CacheTier::disk;
    config.cache.ttl = weather_ttl;
    config.cache.forecast_ttl = settings.forecast_ttl;
    config.cache.disk_stale_window = settings.stale_window;
    config.cache.disk_dir = settings.cache_dir;  // breakers.json too
    config.upstream_asked = std::move(upstream_asked);
    config.log = [](const std::string& line) {
        std::cout.flush();
        std::cerr << "tenki: " << line << '\n';
    };
    auto built = make_weather_service(config);
    if (!built) return tl::unexpected(built.error());
    if (built->no_provider) return tl::unexpected(*built->no_provider);
    if (!settings.cache_warning.empty()) std::cerr << "tenki: warning: " << settings.cache_warning << '\n';
    for (const auto& note : built->notes) std::cerr << "tenki: warning: " << note << '\n';
    return std::move(built->service);
}

std::string with_failover_note(std::string text, const WeatherService& service, std::string_view source) {
    if (auto note = service.failover_note(source)) text += "(" + *note + ")\n";
    return text;
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

void Outcome::failed(std::string_view place, const Error& error) {
    report_failure(place, error);
    if (!first_error) first_error = error;
}

CommandResult Outcome::finish(bool json, bool one_place_asked) const {
    if (json) {
        if (auto end = write_documents(documents, one_place_asked)) return *end;
    }
    if (first_error) return exit_status(first_error->kind);
    return 0;
}

}  // namespace tenki::cli

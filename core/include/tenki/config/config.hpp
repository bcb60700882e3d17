#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tenki/error.hpp"
#include "tenki/places/places.hpp"

// tenki's settings: one table of keys, one TOML file, and one precedence for every key:
// command-line option, then environment variable, then the config file, then the default.
namespace tenki {

enum class ConfigType {
    string,         // any text ("127.0.0.1")
    choice,         // one of ConfigKey::choices, case-insensitive, stored lower-case
    integer,        // a TOML integer; in the environment, decimal digits
    number,         // a TOML float or integer
    boolean,        // a TOML boolean; in the environment true/false, 1/0, yes/no, on/off
    duration,       // whole seconds: a TOML integer, or a string "90s", "10m", "6h", "1d", "1h30m"
    path,           // a file name; a leading "~/" is the home directory
    place,          // a place as `tenki weather` takes it ("94107", "SW1A,gb") or a named place
    template_text,  // a --format template, its fields checked
    secret,         // never printed: the listing shows "<redacted>"
    list,           // strings: in the file an array of strings or one string, elsewhere comma-separated;
                    // stored joined by "," (Config::list splits it)
    language,       // a language tenki speaks, as a BCP 47 tag (parse_language); stored as its tag ("pt-BR")
};

std::string_view to_string(ConfigType type);

// What part of a setting's value is a secret, never printed (`tenki config`, its --json, errors).
enum class ConfigSecret {
    none,
    whole,         // the value: ConfigType::secret, shown "<redacted>"
    url_password,  // a URL's password: "redis://:<redacted>@host:6379/0", the rest shown
};

// One setting. The table of them (config_keys()) is the only list: the loader validates against
// it, `tenki config` lists it, and the man page test reads it.
struct ConfigKey {
    std::string_view name;  // "units", "serve.port": a TOML key, dotted for a table
    ConfigType type = ConfigType::string;
    std::string_view env;       // "TENKI_UNITS"; empty: none
    std::string_view option;    // "--units"; empty: none
    std::string_view fallback;  // the default, written as in the file; empty: unset
    std::string_view description;
    std::string_view choices = {};  // choice: "metric|imperial|standard|auto"
    double min = 0;                 // integer, number, duration: the range, when max > min
    double max = 0;
    bool in_file = true;  // false: not accepted in the file (the API key)
    // A cache TTL: its default is raised to what the provider in use asks between calls for one
    // place (Config::follow_provider), so that the defaults pass `tenki check`.
    bool follows_provider = false;
    // Set for every key whose value can hold a secret (a test holds the table to it).
    ConfigSecret secret = ConfigSecret::none;
};

// The key's secret part, ConfigSecret::whole for ConfigType::secret whatever the row says.
ConfigSecret secret_of(const ConfigKey& key);

// A URL with its password replaced by "<redacted>": the part between "scheme://" and the last
// '@' after the first ':' (all of it when there is no ':', as Redis reads "redis://secret@host");
// unchanged without an '@'.
std::string url_without_password(std::string_view url);

std::span<const ConfigKey> config_keys();
const ConfigKey* find_config_key(std::string_view name);

// A value after parsing: durations and integers as std::int64_t (seconds for durations).
using ConfigValue = std::variant<bool, std::int64_t, double, std::string>;

// Parses `text` (from the environment, an option or a default) as the key's type, checking its
// choices and range. invalid_input naming the key and what it accepts.
Result<ConfigValue> parse_config_value(const ConfigKey& key, std::string_view text);

// The value as a person writes it: "600", "true", "metric"; a secret is "<redacted>", a URL's
// password (ConfigSecret::url_password) is "<redacted>" in it.
std::string config_value_text(const ConfigKey& key, const ConfigValue& value);

// A mistake in the config file, with where it is (1-based; 0 when unknown).
struct ConfigProblem {
    int line = 0;
    int column = 0;
    std::string message;
    // The setting whose value in the file is wrong (a wrong type, out of range); nullptr for
    // any other problem (an unknown key, a [places] entry).
    const ConfigKey* key = nullptr;
};

// `[places] home = "94107"`: a name for a place, used as `tenki weather home`.
struct NamedPlace {
    std::string name;
    std::string place;
    int line = 0;
    // What makes the entry unusable as read (a value that is not a string, a name with a space):
    // only the commands that use the name fail on it (check_named_place), and config --check.
    std::optional<ConfigProblem> problem;
};

// The config file as read and checked against the table, before any precedence.
struct ConfigFile {
    std::filesystem::path path;
    bool exists = false;
    struct Entry {
        const ConfigKey* key = nullptr;
        ConfigValue value;
        int line = 0;
    };
    std::vector<Entry> entries;
    // Every [places] entry, a bad one with its problem (NamedPlace::problem), not in problems.
    std::vector<NamedPlace> places;
    // Unknown keys, wrong types, values out of range: each names its line, in the file's order.
    // Entries with a problem are left out, so what remains is usable.
    std::vector<ConfigProblem> problems;
};

// Reads and checks a TOML config file with toml++. A missing file is an empty ConfigFile
// (exists false) unless `must_exist` (a file the user named). Broken TOML is invalid_input
// "FILE:LINE:COLUMN: what toml++ says"; an unreadable file is io.
Result<ConfigFile> read_config_file(const std::filesystem::path& path, bool must_exist = false);

// An environment variable or a command-line option's value, by name; nullopt when absent.
using ConfigLookup = std::function<std::optional<std::string>(std::string_view)>;

// Which file: --config, else TENKI_CONFIG, else $XDG_CONFIG_HOME/tenki/config.toml, else
// $HOME/.config/tenki/config.toml. `named` is true for the first two.
struct ConfigFileChoice {
    std::filesystem::path path;
    bool named = false;
};
ConfigFileChoice choose_config_file(const std::optional<std::string>& option, const ConfigLookup& env);

// provider: the default, raised to what the provider in use asks (Config::follow_provider).
enum class ConfigOrigin { fallback, file, environment, option, provider };

// One effective setting and where it came from.
struct Setting {
    const ConfigKey* key = nullptr;
    std::optional<ConfigValue> value;  // nullopt: unset (no default, nothing given)
    ConfigOrigin origin = ConfigOrigin::fallback;
    int line = 0;               // the file's line, for ConfigOrigin::file
    std::string_view provider;  // ConfigOrigin::provider: the provider's title ("OpenWeatherMap")
    // resolve_config_listing only: why the value given (at `origin`) is no value of the key, as
    // resolve_config would fail on it; `value` is then nullopt.
    std::optional<std::string> problem;
};

// Every setting's effective value, in the table's order, and the named places.
class Config {
public:
    Config(std::filesystem::path file, bool file_exists, std::vector<Setting> settings,
           std::vector<NamedPlace> places);

    const std::filesystem::path& file() const { return m_file; }
    bool file_exists() const { return m_file_exists; }
    const std::vector<Setting>& settings() const { return m_settings; }
    const std::vector<NamedPlace>& places() const { return m_places; }

    // Throws std::out_of_range for a name that is not in the table (a bug, not input).
    const Setting& get(std::string_view name) const;
    std::optional<std::string> text(std::string_view name) const;  // string-like types
    std::optional<std::int64_t> integer(std::string_view name) const;
    std::optional<double> number(std::string_view name) const;
    std::optional<bool> flag(std::string_view name) const;
    std::optional<std::chrono::seconds> seconds(std::string_view name) const;
    // A list's items, in order; empty when unset.
    std::vector<std::string> list(std::string_view name) const;

    // The named place `text` names, its name matched as a city's is (fold_place_name: case,
    // accents and punctuation ignored), so `paris` and `Paris` name one place; nullptr for none.
    const NamedPlace* find_place(std::string_view text) const;
    // The place a named place stands for ("home" -> "94107", "Home" too), else the text itself.
    std::string expand_place(std::string_view text) const;

    // Raises each follows_provider setting still at its default to `min_refresh` (seconds) when the
    // default is shorter: the provider in use, `title`, asks no more than one call that often for
    // one place. Such a setting's origin becomes ConfigOrigin::provider.
    void follow_provider(std::string_view title, std::chrono::seconds min_refresh);

    // "default", "FILE:LINE", "environment TENKI_UNITS", "option --units", and for a default the
    // provider raised "default for OpenWeatherMap (it asks 600 s between calls for one place)".
    std::string origin_text(const Setting& setting) const;

private:
    std::filesystem::path m_file;
    bool m_file_exists = false;
    std::vector<Setting> m_settings;
    std::vector<NamedPlace> m_places;
};

// Applies the precedence to every key: options(key.name) (the value of its command-line option,
// key.option, on the command being run), then env(key.env), then the file,
// then the default. A bad value from the environment or an option is invalid_input naming
// where it came from ("TENKI_UNITS (units): units must be one of ..., not \"@@\""); the file's own
// problems are not looked at (see ConfigFile::problems). `used` names the keys the command reads
// (empty: all): a bad variable of another key is passed over (the file's value or the default
// stands), so `TENKI_CACHE_TTL=@@ tenki moon` runs. A path's leading "~/" is expanded with
// env("HOME").
Result<Config> resolve_config(const ConfigFile& file, const ConfigLookup& env, const ConfigLookup& options,
                              std::span<const std::string_view> used = {});

// The precedence for `tenki config`, which shows every setting it can: never fails. A setting
// whose option or variable has a bad value, or whose file value is one of file.problems (its
// `key`), has no value and its Setting::problem, as resolve_config's error would say it
// ("TENKI_UNITS (units): ...", "FILE:LINE:COLUMN: ..."); every other setting is as resolve_config
// decides it.
Config resolve_config_listing(const ConfigFile& file, const ConfigLookup& env, const ConfigLookup& options);

// Checks what only the resolved settings can tell: that the default place and every named
// place are places as the weather resolves them (tenki::resolve: a postal code of its country's
// form, coordinates in range, a city find_city finds, unambiguous) and a US ZIP code is one the
// offline table has; a postal code only a provider can locate passes. Problems name the file's
// line when the value came from the file. No network.
std::vector<ConfigProblem> check_places(const Config& config);
// The same checks for one named place, for the commands that use it: one bad entry breaks only
// its own use (`tenki weather home`), never another place's nor another command.
std::optional<ConfigProblem> check_named_place(const Config& config, const NamedPlace& place);
// The same checks for the default place (`place`), for the commands that fall back to it.
std::optional<ConfigProblem> check_default_place(const Config& config);

// Named places that shadow the name of a city of 15,000 inhabitants or more (`paris = "75001,fr"`,
// also `Paris`; not `home`, whose Home, WA is small, nor `berlin = "Berlin"`), each with its line: `tenki
// weather paris` (and `Paris`) asks for the named place, never the city. Warnings, not problems:
// the file is usable.
std::vector<ConfigProblem> place_warnings(const Config& config);
// The city `place` shadows so (the most populous of its name), nullopt when none.
std::optional<City> shadowed_city(const Config& config, const NamedPlace& place);

// `tenki config`: one line per setting, `name = value  # origin`, then the named places; the
// API key redacted. Aligned in columns, like Django's diffsettings. A setting with a problem
// (resolve_config_listing) is a comment, `# TENKI_UNITS (units): ...`, in its place.
std::string format_config_listing(const Config& config);

// `tenki config --json`: {"file", "file_exists", "settings": [{"key", "value", "type", "origin",
// "env", "option"}], "places": {name: place}, "invalid_places": {name: {"place", "line", "error"}},
// "problems": [text]}; the API key's value is "<redacted>". A setting with a problem has "value"
// null and its "error". `places` holds only the usable entries; an entry that is no place
// (check_named_place) or unreadable (place null) is in `invalid_places` with its error, as the
// text listing shows it as a comment. `problems`: every problem of the settings, as given.
std::string config_listing_json(const Config& config, std::span<const std::string> problems = {});

// "FILE:LINE:COLUMN: message" (COLUMN left out when unknown); a problem without a line is not
// the file's (a bad value from the environment): just its message.
std::string format_config_problem(const std::filesystem::path& file, const ConfigProblem& problem);

}  // namespace tenki

#include <algorithm>
#include <stdexcept>
#include <string>

#include <fmt/core.h>

#include "tenki/config/config.hpp"
#include "tenki/places/place.hpp"
#include "tenki/places/zipdb.hpp"
#include "tenki/service/service.hpp"

namespace tenki {

namespace {

namespace fs = std::filesystem;

std::string expand_home(std::string text, const ConfigLookup& env) {
    if (text == "~" || text.starts_with("~/")) {
        if (auto home = env("HOME")) return *home + text.substr(1);
    }
    return text;
}

Result<Setting> from_text(const ConfigKey& key, std::string_view text, ConfigOrigin origin,
                          std::string_view where) {
    auto value = parse_config_value(key, text);
    if (!value) {
        Error e = value.error();
        e.message = fmt::format("{} ({}): {}", where, key.name, e.message);
        return tl::unexpected(e);
    }
    return Setting{&key, std::move(*value), origin, 0};
}

const ConfigFile::Entry* file_entry(const ConfigFile& file, const ConfigKey& key) {
    // The last one wins, though TOML itself refuses a key defined twice.
    const ConfigFile::Entry* found = nullptr;
    for (const auto& e : file.entries)
        if (e.key == &key) found = &e;
    return found;
}

Result<Setting> resolve_one(const ConfigKey& key, const ConfigFile& file, const ConfigLookup& env,
                            const ConfigLookup& options, bool used) {
    if (!key.option.empty()) {
        if (auto text = options(key.name)) return from_text(key, *text, ConfigOrigin::option, key.option);
    }
    if (!key.env.empty()) {
        if (auto text = env(key.env)) {
            auto setting = from_text(key, *text, ConfigOrigin::environment, key.env);
            if (setting || used) return setting;  // a bad variable the command does not read: not its error
        }
    }
    if (const auto* entry = file_entry(file, key))
        return Setting{&key, entry->value, ConfigOrigin::file, entry->line};
    if (key.fallback.empty()) return Setting{&key, std::nullopt, ConfigOrigin::fallback, 0};
    return from_text(key, key.fallback, ConfigOrigin::fallback, "the default");
}

// The file's problem with the key's value (a wrong type, out of range), nullptr when none.
const ConfigProblem* file_problem(const ConfigFile& file, const ConfigKey& key) {
    const auto it = std::ranges::find(file.problems, &key, &ConfigProblem::key);
    return it == file.problems.end() ? nullptr : &*it;
}

// The setting as `tenki config` shows it: resolve_one's, or its bad value's problem. A wrong
// value in the file is the setting's problem unless an option or a variable overrides it.
Setting listed_one(const ConfigKey& key, const ConfigFile& file, const ConfigLookup& env,
                   const ConfigLookup& options) {
    const bool by_option = !key.option.empty() && options(key.name);
    const bool by_env = !key.env.empty() && env(key.env);
    if (const auto* problem = file_problem(file, key); problem && !by_option && !by_env) {
        Setting bad{&key, std::nullopt, ConfigOrigin::file, problem->line};
        bad.problem = format_config_problem(file.path, *problem);
        return bad;
    }
    auto setting = resolve_one(key, file, env, options, true);
    if (setting) return std::move(*setting);
    Setting bad{&key, std::nullopt, by_option ? ConfigOrigin::option : ConfigOrigin::environment};
    bad.problem = setting.error().message;
    return bad;
}

}  // namespace

ConfigFileChoice choose_config_file(const std::optional<std::string>& option, const ConfigLookup& env) {
    if (option && !option->empty()) return {fs::path(*option), true};
    if (auto named = env("TENKI_CONFIG")) return {fs::path(*named), true};
    if (auto xdg = env("XDG_CONFIG_HOME"); xdg && fs::path(*xdg).is_absolute())
        return {fs::path(*xdg) / "tenki" / "config.toml", false};
    return {fs::path(env("HOME").value_or(".")) / ".config" / "tenki" / "config.toml", false};
}

Result<Config> resolve_config(const ConfigFile& file, const ConfigLookup& env, const ConfigLookup& options,
                              std::span<const std::string_view> used) {
    std::vector<Setting> settings;
    for (const auto& key : config_keys()) {
        const bool uses = used.empty() || std::find(used.begin(), used.end(), key.name) != used.end();
        auto setting = resolve_one(key, file, env, options, uses);
        if (!setting) return tl::unexpected(setting.error());
        if (key.type == ConfigType::path && setting->value)
            setting->value = expand_home(std::get<std::string>(*setting->value), env);
        settings.push_back(std::move(*setting));
    }
    return Config(file.path, file.exists, std::move(settings), file.places);
}

Config resolve_config_listing(const ConfigFile& file, const ConfigLookup& env, const ConfigLookup& options) {
    std::vector<Setting> settings;
    for (const auto& key : config_keys()) {
        auto setting = listed_one(key, file, env, options);
        if (key.type == ConfigType::path && setting.value)
            setting.value = expand_home(std::get<std::string>(*setting.value), env);
        settings.push_back(std::move(setting));
    }
    return Config(file.path, file.exists, std::move(settings), file.places);
}

Config::Config(fs::path file, bool file_exists, std::vector<Setting> settings, std::vector<NamedPlace> places)
    : m_file(std::move(file)),
      m_file_exists(file_exists),
      m_settings(std::move(settings)),
      m_places(std::move(places)) {}

const Setting& Config::get(std::string_view name) const {
    const auto it = std::find_if(m_settings.begin(), m_settings.end(),
                                 [&](const Setting& s) { return s.key->name == name; });
    if (it == m_settings.end()) throw std::out_of_range("no config key " + std::string(name));
    return *it;
}

std::optional<std::string> Config::text(std::string_view name) const {
    const auto& s = get(name);
    if (!s.value) return std::nullopt;
    if (const auto* t = std::get_if<std::string>(&*s.value)) return *t;
    return config_value_text(*s.key, *s.value);
}

std::optional<std::int64_t> Config::integer(std::string_view name) const {
    const auto& s = get(name);
    if (!s.value) return std::nullopt;
    if (const auto* i = std::get_if<std::int64_t>(&*s.value)) return *i;
    return std::nullopt;
}

std::optional<double> Config::number(std::string_view name) const {
    const auto& s = get(name);
    if (!s.value) return std::nullopt;
    if (const auto* d = std::get_if<double>(&*s.value)) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&*s.value)) return static_cast<double>(*i);
    return std::nullopt;
}

std::optional<bool> Config::flag(std::string_view name) const {
    const auto& s = get(name);
    if (!s.value) return std::nullopt;
    if (const auto* b = std::get_if<bool>(&*s.value)) return *b;
    return std::nullopt;
}

std::optional<std::chrono::seconds> Config::seconds(std::string_view name) const {
    auto value = integer(name);
    if (!value) return std::nullopt;
    return std::chrono::seconds(*value);
}

std::vector<std::string> Config::list(std::string_view name) const {
    std::vector<std::string> items;
    auto joined = text(name);
    if (!joined) return items;
    std::string_view rest = *joined;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        items.emplace_back(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return items;
}

const NamedPlace* Config::find_place(std::string_view text) const {
    const auto key = fold_place_name(text);
    if (key.empty()) return nullptr;
    const NamedPlace* first = nullptr;  // the file's first of the name (m_places is sorted by name)
    for (const auto& place : m_places)
        if (fold_place_name(place.name) == key && (!first || place.line < first->line)) first = &place;
    return first;
}

std::string Config::expand_place(std::string_view text) const {
    const auto* place = find_place(text);
    return place ? place->place : std::string(text);
}

void Config::follow_provider(std::string_view title, std::chrono::seconds min_refresh) {
    for (auto& s : m_settings) {
        if (!s.key->follows_provider || s.origin != ConfigOrigin::fallback || !s.value) continue;
        const auto* value = std::get_if<std::int64_t>(&*s.value);
        if (!value || *value >= min_refresh.count()) continue;
        s.value = static_cast<std::int64_t>(min_refresh.count());
        s.origin = ConfigOrigin::provider;
        s.provider = title;
    }
}

std::string Config::origin_text(const Setting& setting) const {
    switch (setting.origin) {
        case ConfigOrigin::fallback: return "default";
        case ConfigOrigin::provider:
            return fmt::format("default for {} (it asks {} s between calls for one place)", setting.provider,
                               std::get<std::int64_t>(*setting.value));
        case ConfigOrigin::file: return fmt::format("{}:{}", m_file.string(), setting.line);
        case ConfigOrigin::environment: return fmt::format("environment {}", setting.key->env);
        case ConfigOrigin::option: return fmt::format("option {}", setting.key->option);
    }
    return "default";
}

namespace {

// What the weather would say of the place before any request: tenki::resolve, as both faces
// resolve a place, then a US ZIP code against the offline table, as the provider's
// with_us_zip_table does. A postal code only a provider can locate passes.
std::optional<Error> place_error(const std::string& text, const std::string& country) {
    PlaceRequest request;
    request.place = text;
    if (!country.empty()) request.country = country;
    auto query = resolve(request, Settings{});
    if (!query) return query.error();
    const auto& at = query->location;
    if (at.place || at.country != "us") return std::nullopt;
    if (auto zip = find_us_zip(at.postal_code); !zip) return zip.error();
    return std::nullopt;
}

// A named place shadows a city that many could mean: a town (places.hpp).
constexpr std::uint32_t k_shadow_population = k_town_population;

// Whether the place `text` resolves to `city` itself.
bool stands_for_city(const std::string& text, const std::string& country, const City& city) {
    PlaceRequest request;
    request.place = text;
    if (!country.empty()) request.country = country;
    auto query = resolve(request, Settings{});
    return query && query->location.place && query->location.place->geonames_id == city.geonames_id;
}

}  // namespace

std::optional<ConfigProblem> check_named_place(const Config& config, const NamedPlace& place) {
    if (place.problem) return place.problem;
    const auto label = "places." + place.name;
    if (auto error = place_error(config.expand_place(place.place), config.text("country").value_or("")))
        return ConfigProblem{place.line, 0, fmt::format("{}: {}", label, error->message)};
    return std::nullopt;
}

namespace {

// The [places] entry the default place names, nullptr when it names none.
const NamedPlace* default_named_place(const Config& config) {
    const auto& fallback = config.get("place");
    if (!fallback.value) return nullptr;
    return config.find_place(std::get<std::string>(*fallback.value));
}

// What set the default place, unless it is the file (whose line the problem has): " (from
// environment TENKI_PLACE)".
std::string default_place_origin(const Config& config, const Setting& fallback) {
    if (fallback.origin == ConfigOrigin::file) return "";
    return fmt::format(" (from {})", config.origin_text(fallback));
}

}  // namespace

std::optional<ConfigProblem> check_default_place(const Config& config) {
    const auto& fallback = config.get("place");
    if (!fallback.value) return std::nullopt;
    // A named place's problem is its entry's, said once where the entry is, with what named it.
    if (const auto* named = default_named_place(config)) {
        auto problem = check_named_place(config, *named);
        if (!problem) return std::nullopt;
        const auto label = "places." + named->name;
        const auto by = fallback.origin == ConfigOrigin::file
                            ? fmt::format(" (the default place, line {})", fallback.line)
                            : fmt::format(" (the default place, {})", config.origin_text(fallback));
        if (problem->message.starts_with(label)) problem->message.insert(label.size(), by);
        return problem;
    }
    const int line = fallback.origin == ConfigOrigin::file ? fallback.line : 0;
    if (auto error = place_error(std::get<std::string>(*fallback.value), config.text("country").value_or("")))
        return ConfigProblem{
            line, 0, fmt::format("place{}: {}", default_place_origin(config, fallback), error->message)};
    return std::nullopt;
}

std::vector<ConfigProblem> check_places(const Config& config) {
    std::vector<ConfigProblem> problems;
    const auto* named_default = default_named_place(config);
    for (const auto& place : config.places())
        if (&place != named_default)  // said by check_default_place, naming it the default
            if (auto problem = check_named_place(config, place)) problems.push_back(std::move(*problem));
    if (auto problem = check_default_place(config)) problems.push_back(std::move(*problem));
    return problems;
}

std::optional<City> shadowed_city(const Config& config, const NamedPlace& place) {
    auto query = parse_city_query(place.name);
    if (!query) return std::nullopt;
    auto match = match_city(*query, 1);
    if (match.kind == CityMatch::Kind::not_found) return std::nullopt;
    auto city = match.city ? *match.city : match.candidates.front();
    if (city.population < k_shadow_population) return std::nullopt;  // home: Home, WA is a village
    if (stands_for_city(place.place, config.text("country").value_or(""), city))
        return std::nullopt;  // berlin = "Berlin": no shadow
    return city;
}

std::vector<ConfigProblem> place_warnings(const Config& config) {
    std::vector<ConfigProblem> warnings;
    for (const auto& place : config.places()) {
        if (place.problem) continue;
        const auto city = shadowed_city(config, place);
        if (!city) continue;
        const bool same = place.name == city->name;
        warnings.push_back(
            {place.line, 0,
             fmt::format("places.{} shadows the city {}{}: `tenki weather {}` (in any case) asks for \"{}\", "
                         "not the city; give the place another name",
                         place.name, city_label(*city), same ? "" : " (the same name but for case)",
                         place.name, place.place)});
    }
    for (const auto& place : config.places()) {
        const auto* first = config.find_place(place.name);
        if (first == nullptr || first == &place) continue;
        warnings.push_back({place.line, 0,
                            fmt::format("places.{} is the name places.{} (line {}) already has, names being "
                                        "matched in any case: `tenki weather {}` asks for \"{}\"; rename one",
                                        place.name, first->name, first->line, place.name, first->place)});
    }
    std::ranges::stable_sort(warnings, {}, &ConfigProblem::line);  // the file's order, not the table's
    return warnings;
}

}  // namespace tenki

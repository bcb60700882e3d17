#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tenki/config/config.hpp"
#include "tenki/util/nlohmann_json.hpp"

namespace tenki {

namespace {

// A TOML basic string: what the listing shows can be pasted into the file.
std::string toml_quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

bool is_text(const ConfigKey& key) {
    return key.type != ConfigType::integer && key.type != ConfigType::number &&
           key.type != ConfigType::boolean && key.type != ConfigType::duration;
}

std::string shown_value(const Setting& s) {
    if (!s.value) return "(unset)";
    const std::string text = config_value_text(*s.key, *s.value);
    if (secret_of(*s.key) == ConfigSecret::whole) return text;
    return is_text(*s.key) ? toml_quoted(text) : text;
}

// Why a readable [places] entry is no place ("unknown US ZIP code 00000: ..."), nullopt when it is one.
std::optional<std::string> place_reason(const Config& config, const NamedPlace& p) {
    auto problem = check_named_place(config, p);
    if (!problem) return std::nullopt;
    std::string_view reason = problem->message;
    if (const auto label = "places." + p.name + ": "; reason.starts_with(label))
        reason.remove_prefix(label.size());
    return std::string(reason);
}

// A [places] entry as a line of the listing: unusable, a comment, as `tenki config --check`
// reports it; a string that is no place, `# bad = "00000"  # not a place: unknown US ZIP code
// 00000 (FILE:6)`, so that the listing pasted back holds only usable entries.
std::string listed_place_line(const Config& config, const NamedPlace& p) {
    if (p.problem) return fmt::format("# {}\n", format_config_problem(config.file(), *p.problem));
    if (auto reason = place_reason(config, p)) {
        return fmt::format("# {} = {}  # not a place: {} ({}:{})\n", p.name, toml_quoted(p.place), *reason,
                           config.file().string(), p.line);
    }
    return fmt::format("{} = {}  # {}:{}\n", p.name, toml_quoted(p.place), config.file().string(), p.line);
}

// config --json's invalid_places: {name: {"place", "line", "error"}} for each entry that is unusable
// as read (place null: the value is no string) or no place.
nlohmann::json invalid_places_json(const Config& config) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& p : config.places()) {
        nlohmann::json row = {{"line", p.line}};
        if (p.problem) {
            row["place"] = nullptr;
            row["error"] = p.problem->message;
        } else if (auto reason = place_reason(config, p)) {
            row["place"] = p.place;
            row["error"] = fmt::format("not a place: {}", *reason);
        } else {
            continue;
        }
        out[p.name] = std::move(row);
    }
    return out;
}

}  // namespace

std::string format_config_listing(const Config& config) {
    std::string out = fmt::format("# config file: {}{}\n", config.file().string(),
                                  config.file_exists() ? "" : " (none there)");
    std::size_t name_width = 0, value_width = 0;
    for (const auto& s : config.settings()) {
        if (s.problem) continue;
        name_width = std::max(name_width, s.key->name.size());
        value_width = std::max(value_width, shown_value(s).size());
    }
    // A bad value is a comment with its problem, as a bad [places] entry is: the listing pasted
    // back into the file holds only usable settings.
    for (const auto& s : config.settings())
        out += s.problem ? fmt::format("# {}\n", *s.problem)
                         : fmt::format("{:<{}} = {:<{}}  # {}\n", s.key->name, name_width, shown_value(s),
                                       value_width, config.origin_text(s));
    if (!config.places().empty()) out += "\n[places]\n";
    for (const auto& p : config.places()) out += listed_place_line(config, p);
    return out;
}

std::string config_listing_json(const Config& config, std::span<const std::string> problems) {
    nlohmann::json settings = nlohmann::json::array();
    for (const auto& s : config.settings()) {
        nlohmann::json row = {{"key", s.key->name},
                              {"type", to_string(s.key->type)},
                              {"origin", config.origin_text(s)},
                              {"env", s.key->env},
                              {"option", s.key->option}};
        if (s.problem) row["error"] = *s.problem;
        if (!s.value) {
            row["value"] = nullptr;
        } else if (secret_of(*s.key) != ConfigSecret::none) {
            row["value"] = config_value_text(*s.key, *s.value);
        } else {
            std::visit([&](const auto& v) { row["value"] = v; }, *s.value);
        }
        settings.push_back(std::move(row));
    }
    nlohmann::json places = nlohmann::json::object();
    auto invalid = invalid_places_json(config);
    for (const auto& p : config.places())
        if (!invalid.contains(p.name)) places[p.name] = p.place;
    nlohmann::json doc = {{"file", config.file().string()},
                          {"file_exists", config.file_exists()},
                          {"settings", settings},
                          {"places", places},
                          {"invalid_places", std::move(invalid)},
                          {"problems", std::vector<std::string>(problems.begin(), problems.end())}};
    return doc.dump(2);
}

}  // namespace tenki

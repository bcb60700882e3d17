#include <algorithm>
#include <string>

#include <fmt/core.h>
#include <toml++/toml.h>

#include "tenki/config/config.hpp"
#include "tenki/util/file.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_places = "places";

ConfigProblem problem_at(const toml::source_region& where, std::string message) {
    return {static_cast<int>(where.begin.line), static_cast<int>(where.begin.column), std::move(message)};
}

// A wrong value points at the value; an unknown or misplaced key at the key.
ConfigProblem problem_at(const toml::node& node, std::string message) {
    return problem_at(node.source(), std::move(message));
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string unknown_key_message(const std::string& name) {
    std::string message = fmt::format("unknown key \"{}\"", util::printable(name));
    const ConfigKey* nearest = nullptr;
    std::size_t best = 3;  // suggest only a near miss
    for (const auto& key : config_keys()) {
        if (!key.in_file) continue;
        const auto d = edit_distance(name, key.name);
        if (d < best) best = d, nearest = &key;
    }
    if (nearest) return message + fmt::format(" (did you mean \"{}\"?)", nearest->name);
    return message + "; see `tenki config` for the keys";
}

bool is_table_prefix(std::string_view name) {
    return std::any_of(config_keys().begin(), config_keys().end(), [&](const ConfigKey& k) {
        return k.name.size() > name.size() && k.name.starts_with(name) && k.name[name.size()] == '.';
    });
}

std::string_view toml_type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        default: return "a date or time";
    }
}

std::string_view expected_type(const ConfigKey& key) {
    switch (key.type) {
        case ConfigType::integer: return "an integer";
        case ConfigType::number: return "a number";
        case ConfigType::boolean: return "true or false";
        case ConfigType::duration: return "seconds (an integer) or a string like \"10m\"";
        case ConfigType::list: return "an array of strings or a string";
        default: return "a string";
    }
}

// A list's array ["a", "b"] as the text "a,b"; nullopt when an item is not a string.
std::optional<std::string> joined_strings(const toml::array& array) {
    std::string joined;
    for (const auto& item : array) {
        const auto* text = item.as_string();
        if (text == nullptr) return std::nullopt;
        joined += (joined.empty() ? "" : ",") + text->get();
    }
    return joined;
}

// The node as the key's type, or why not.
Result<ConfigValue> value_of(const ConfigKey& key, const toml::node& node) {
    if (const auto* a = node.as_array(); a && key.type == ConfigType::list) {
        if (auto joined = joined_strings(*a)) return parse_config_value(key, *joined);
        return fail(ErrorKind::invalid_input, fmt::format("{} must be an array of strings", key.name));
    }
    const bool integer_ok =
        key.type == ConfigType::integer || key.type == ConfigType::number || key.type == ConfigType::duration;
    if (const auto* s = node.as_string(); s && key.type != ConfigType::integer &&
                                          key.type != ConfigType::number && key.type != ConfigType::boolean)
        return parse_config_value(key, s->get());
    if (const auto* i = node.as_integer(); i && integer_ok)
        return parse_config_value(key, std::to_string(i->get()));
    if (const auto* f = node.as_floating_point(); f && key.type == ConfigType::number)
        return parse_config_value(key, fmt::format("{}", f->get()));
    if (const auto* b = node.as_boolean(); b && key.type == ConfigType::boolean) return ConfigValue(b->get());
    return fail(ErrorKind::invalid_input,
                fmt::format("{} must be {}, not {}", key.name, expected_type(key), toml_type_name(node)));
}

bool valid_place_name(std::string_view name) {
    if (name.empty() || name.size() > 40) return false;
    bool letter = false;
    for (char c : name) {
        if (util::is_letter(c))
            letter = true;
        else if (!util::is_digit(c) && c != '-' && c != '_')
            return false;
    }
    return letter;
}

// A bad entry is kept with its problem, so that only the commands using its name fail.
void read_places(const toml::table& table, ConfigFile& out) {
    for (const auto& [name, node] : table) {
        const std::string key(name.str());
        const auto* text = node.as_string();
        const int line = static_cast<int>(node.source().begin.line);
        if (!valid_place_name(key)) {
            out.places.push_back(
                {key, "", static_cast<int>(name.source().begin.line),
                 problem_at(name.source(), fmt::format("places.{}: a place's name is letters, digits, "
                                                       "'-' and '_', with at least one letter",
                                                       util::printable(key)))});
        } else if (!text || text->get().empty()) {
            out.places.push_back(
                {key, "", line,
                 problem_at(node, fmt::format("places.{} must be a place as a string (\"94107\"), not {}",
                                              key, text ? "an empty string" : toml_type_name(node)))});
        } else {
            out.places.push_back({key, text->get(), line, std::nullopt});
        }
    }
}

void read_table(const toml::table& table, const std::string& prefix, ConfigFile& out) {
    for (const auto& [name, node] : table) {
        const std::string full = prefix + std::string(name.str());
        if (prefix.empty() && full == k_places) {
            if (const auto* places = node.as_table())
                read_places(*places, out);
            else
                out.problems.push_back(problem_at(node, "places must be a table: [places] home = \"94107\""));
            continue;
        }
        if (const auto* sub = node.as_table(); sub && is_table_prefix(full)) {
            read_table(*sub, full + ".", out);
            continue;
        }
        const ConfigKey* key = find_config_key(full);
        if (!key) {
            out.problems.push_back(problem_at(name.source(), unknown_key_message(full)));
        } else if (!key->in_file) {
            out.problems.push_back(
                problem_at(name.source(),
                           fmt::format("{} does not belong in the config file: set {} or put it in key_file",
                                       full, key->env)));
        } else if (auto value = value_of(*key, node); !value) {
            auto problem = problem_at(node, value.error().message);
            problem.key = key;
            out.problems.push_back(std::move(problem));
        } else {
            out.entries.push_back({key, std::move(*value), static_cast<int>(node.source().begin.line)});
        }
    }
}

}  // namespace

Result<ConfigFile> read_config_file(const fs::path& path, bool must_exist) {
    ConfigFile out;
    out.path = path;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        if (!must_exist) return out;
        return fail(ErrorKind::io,
                    fmt::format("the config file {} (named by --config or TENKI_CONFIG) does not exist",
                                path.string()));
    }
    auto text =
        read_bounded_file(path, {"the config file " + path.string(), "a config file", k_max_config_bytes});
    if (!text) return tl::unexpected(text.error());
    out.exists = true;
    try {
        const toml::table root = toml::parse(*text, path.string());
        read_table(root, "", out);
        std::stable_sort(out.problems.begin(), out.problems.end(), [](const auto& a, const auto& b) {
            return std::pair(a.line, a.column) < std::pair(b.line, b.column);
        });
    } catch (const toml::parse_error& e) {
        const auto& begin = e.source().begin;
        return fail(ErrorKind::invalid_input,
                    format_config_problem(path, {static_cast<int>(begin.line), static_cast<int>(begin.column),
                                                 std::string(e.description())}));
    }
    return out;
}

std::string format_config_problem(const fs::path& file, const ConfigProblem& problem) {
    if (problem.line <= 0) return problem.message;
    if (problem.column <= 0) return fmt::format("{}:{}: {}", file.string(), problem.line, problem.message);
    return fmt::format("{}:{}:{}: {}", file.string(), problem.line, problem.column, problem.message);
}

}  // namespace tenki

#include <charconv>
#include <cmath>
#include <string>

#include <fmt/core.h>

#include "config/values.hpp"
#include "tenki/config/config.hpp"
#include "tenki/domain/units.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/format/format.hpp"
#include "tenki/lang/language.hpp"
#include "util/ascii.hpp"

namespace tenki {

namespace {

tl::unexpected<Error> invalid(const ConfigKey& key, std::string_view why) {
    return fail(ErrorKind::invalid_input, fmt::format("{} {}", key.name, why));
}

bool has_range(const ConfigKey& key) { return key.max > key.min; }

std::string range_text(const ConfigKey& key) { return fmt::format("from {} to {}", key.min, key.max); }

std::optional<std::int64_t> whole_number(std::string_view text) {
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

Result<ConfigValue> in_range(const ConfigKey& key, std::int64_t value, std::string_view unit) {
    if (has_range(key) && (static_cast<double>(value) < key.min || static_cast<double>(value) > key.max))
        return invalid(key, fmt::format("must be {}{}, not {}", range_text(key), unit, value));
    return ConfigValue(value);
}

Result<ConfigValue> parse_choice(const ConfigKey& key, std::string_view text) {
    const std::string lower = util::lower(text);
    std::string_view rest = key.choices;
    while (!rest.empty()) {
        const auto bar = rest.find('|');
        if (rest.substr(0, bar) == lower) return ConfigValue(lower);
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
    std::string accepted(key.choices);
    for (auto& c : accepted) c = c == '|' ? ',' : c;
    return invalid(key, fmt::format("must be one of {}, not \"{}\"", accepted, util::printable(text)));
}

Result<ConfigValue> parse_boolean(const ConfigKey& key, std::string_view text) {
    const std::string lower = util::lower(text);
    if (lower == "true" || lower == "1" || lower == "yes" || lower == "on") return ConfigValue(true);
    if (lower == "false" || lower == "0" || lower == "no" || lower == "off") return ConfigValue(false);
    return invalid(key, fmt::format("must be true or false, not \"{}\"", util::printable(text)));
}

Result<ConfigValue> parse_number(const ConfigKey& key, std::string_view text) {
    double value = 0;
    const auto* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value))
        return invalid(key, fmt::format("must be a number, not \"{}\"", util::printable(text)));
    if (has_range(key) && (value < key.min || value > key.max))
        return invalid(key, fmt::format("must be {}, not {}", range_text(key), value));
    return ConfigValue(value);
}

Result<ConfigValue> parse_template(const ConfigKey& key, std::string_view text) {
    auto probe = render_template(text, Weather{}, Units::metric);
    if (!probe) return invalid(key, "is not a usable template: " + probe.error().message);
    return ConfigValue(std::string(text));
}

// "a, b,c" -> "a,b,c": each item trimmed, none empty.
Result<ConfigValue> parse_list(const ConfigKey& key, std::string_view text) {
    std::string joined;
    std::string_view rest = text;
    while (true) {
        const auto comma = rest.find(',');
        const std::string item(util::trim(rest.substr(0, comma)));
        if (item.empty())
            return invalid(key, fmt::format("must be items separated by commas, none empty, not \"{}\"",
                                            util::printable(text)));
        if (util::without_controls(item) != item) return invalid(key, "must not hold control characters");
        joined += (joined.empty() ? "" : ",") + item;
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    return ConfigValue(joined);
}

}  // namespace

std::optional<std::int64_t> parse_duration_seconds(std::string_view text) {
    if (auto whole = whole_number(text)) return *whole >= 0 ? whole : std::nullopt;
    std::int64_t total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t j = i;
        while (j < text.size() && util::is_digit(text[j])) ++j;
        auto count = whole_number(text.substr(i, j - i));
        if (!count || j == text.size() || *count > 1'000'000'000) return std::nullopt;
        std::int64_t unit = 0;
        switch (text[j]) {
            case 's': unit = 1; break;
            case 'm': unit = 60; break;
            case 'h': unit = 3600; break;
            case 'd': unit = 86400; break;
            default: return std::nullopt;
        }
        total += *count * unit;
        i = j + 1;
    }
    return text.empty() ? std::nullopt : std::optional(total);
}

Result<ConfigValue> parse_config_value(const ConfigKey& key, std::string_view text) {
    switch (key.type) {
        case ConfigType::choice: return parse_choice(key, text);
        case ConfigType::boolean: return parse_boolean(key, text);
        case ConfigType::number: return parse_number(key, text);
        case ConfigType::template_text: return parse_template(key, text);
        case ConfigType::list: return parse_list(key, text);
        case ConfigType::integer: {
            auto value = whole_number(text);
            if (!value)
                return invalid(key, fmt::format("must be a whole number, not \"{}\"", util::printable(text)));
            return in_range(key, *value, "");
        }
        case ConfigType::duration: {
            auto value = parse_duration_seconds(text);
            if (!value)
                return invalid(key,
                               fmt::format("must be seconds or a duration like 90s, 10m, 6h, 1d, not \"{}\"",
                                           util::printable(text)));
            return in_range(key, *value, " seconds");
        }
        case ConfigType::language: {
            const auto language = parse_language(text);
            if (!language)
                return invalid(key, fmt::format("must be a language tenki speaks ({}), not \"{}\"",
                                                supported_language_tags(), util::printable(text)));
            return ConfigValue(std::string(language_info(*language).tag));
        }
        case ConfigType::place:
        case ConfigType::path:
        case ConfigType::string:
        case ConfigType::secret:
            if (text.empty()) return invalid(key, "must not be empty");
            if (util::without_controls(text) != text) return invalid(key, "must not hold control characters");
            return ConfigValue(std::string(text));
    }
    return invalid(key, "has a type tenki does not know");
}

ConfigSecret secret_of(const ConfigKey& key) {
    return key.type == ConfigType::secret ? ConfigSecret::whole : key.secret;
}

std::string url_without_password(std::string_view url) {
    const auto scheme = url.find("://");
    const std::size_t from = scheme == std::string_view::npos ? 0 : scheme + 3;
    const auto at = url.rfind('@');
    if (at == std::string_view::npos || at < from) return std::string(url);
    const auto colon = url.substr(from, at - from).find(':');
    const std::size_t secret_from = colon == std::string_view::npos ? from : from + colon + 1;
    return std::string(url.substr(0, secret_from)) + "<redacted>" + std::string(url.substr(at));
}

std::string config_value_text(const ConfigKey& key, const ConfigValue& value) {
    if (secret_of(key) == ConfigSecret::whole) return "<redacted>";
    if (const auto* url = std::get_if<std::string>(&value);
        url && secret_of(key) == ConfigSecret::url_password)
        return url_without_password(*url);
    if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
    if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
    return std::get<std::string>(value);
}

}  // namespace tenki

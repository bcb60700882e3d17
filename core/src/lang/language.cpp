#include "tenki/lang/language.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "util/ascii.hpp"

namespace tenki {
namespace {

// The subtags of a tag, lower-case, split at "-" or "_", without a POSIX codeset or modifier.
std::vector<std::string> subtags_of(std::string_view tag) {
    tag = util::trim(tag);
    tag = tag.substr(0, tag.find_first_of(".@"));
    std::vector<std::string> parts;
    std::string part;
    for (char c : tag) {
        if (c == '-' || c == '_') {
            parts.push_back(std::move(part));
            part.clear();
        } else {
            part += util::to_lower(c);
        }
    }
    parts.push_back(std::move(part));
    return parts;
}

bool well_formed(const std::vector<std::string>& parts) {
    for (const auto& p : parts) {
        if (p.empty() || p.size() > 8) return false;
        if (!std::all_of(p.begin(), p.end(), [](char c) { return util::is_letter(c) || util::is_digit(c); }))
            return false;
    }
    return parts[0].size() >= 2 && parts[0].size() <= 3;
}

bool has_subtag(const std::vector<std::string>& parts, std::initializer_list<std::string_view> any) {
    for (std::size_t i = 1; i < parts.size(); ++i)
        for (auto s : any)
            if (parts[i] == s) return true;
    return false;
}

// CLDR's likely subtags: Chinese of Taiwan, Hong Kong and Macao is written in traditional
// characters unless the script says otherwise; Portuguese outside Brazil follows pt-PT.
Language chinese(const std::vector<std::string>& parts) {
    if (has_subtag(parts, {"hans"})) return Language::zh_hans;
    if (has_subtag(parts, {"hant", "tw", "hk", "mo"})) return Language::zh_hant;
    return Language::zh_hans;
}

Language portuguese(const std::vector<std::string>& parts) {
    if (parts.size() < 2 || has_subtag(parts, {"br"})) return Language::pt_br;
    for (std::size_t i = 1; i < parts.size(); ++i)
        if (parts[i].size() == 2 || util::all_digits(parts[i])) return Language::pt_pt;  // any other region
    return Language::pt_br;
}

}  // namespace

const LanguageInfo& language_info(Language language) {
    return k_languages[static_cast<std::size_t>(language)];
}

std::optional<Language> match_language(std::string_view tag) {
    const auto parts = subtags_of(tag);
    if (!well_formed(parts)) return std::nullopt;
    const auto& primary = parts[0];
    if (primary == "zh" || primary == "cmn") return chinese(parts);
    if (primary == "pt") return portuguese(parts);
    for (const auto& row : k_languages)
        if (row.po.substr(0, 2) == primary) return row.language;
    return std::nullopt;
}

std::string supported_language_tags() {
    std::string out;
    for (const auto& row : k_languages) out += fmt::format("{}{}", out.empty() ? "" : ", ", row.tag);
    return out;
}

Result<Language> parse_language(std::string_view tag) {
    if (const auto found = match_language(tag)) return *found;
    return fail(ErrorKind::invalid_input,
                fmt::format("unknown language \"{}\"; tenki speaks {} (BCP 47 tags, any case, pt_BR = pt-BR)",
                            util::printable(tag), supported_language_tags()));
}

Language language_from_locale(std::optional<std::string_view> lc_all,
                              std::optional<std::string_view> lc_messages,
                              std::optional<std::string_view> lang) {
    for (const auto& value : {lc_all, lc_messages, lang}) {
        if (!value || value->empty()) continue;
        return match_language(*value).value_or(Language::en);
    }
    return Language::en;
}

namespace {

// The q-value of one range's parameters (";q=0.8"), 1 without one; nullopt when malformed.
std::optional<double> language_quality(std::string_view params) {
    double q = 1.0;
    while (!params.empty()) {
        const auto end = params.find(';');
        const auto param = util::trim(params.substr(0, end));
        params = end == std::string_view::npos ? std::string_view() : params.substr(end + 1);
        const auto equals = param.find('=');
        // Another parameter than q: RFC 9110 defines none for Accept-Language, so it is ignored.
        if (equals == std::string_view::npos || !util::iequals(util::trim(param.substr(0, equals)), "q"))
            continue;
        const auto value = util::trim(param.substr(equals + 1));
        if (value.empty() || value.size() > 5 || (value[0] != '0' && value[0] != '1')) return std::nullopt;
        try {
            q = std::stod(std::string(value));
        } catch (const std::exception&) {
            return std::nullopt;
        }
        if (q < 0 || q > 1) return std::nullopt;
    }
    return q;
}

}  // namespace

Language negotiate_language(std::string_view accept_language) {
    std::optional<Language> best;
    double best_q = 0;
    while (!accept_language.empty()) {
        const auto comma = accept_language.find(',');
        const auto range = accept_language.substr(0, comma);
        accept_language =
            comma == std::string_view::npos ? std::string_view() : accept_language.substr(comma + 1);
        const auto semicolon = range.find(';');
        const auto tag = util::trim(range.substr(0, semicolon));
        const auto q = language_quality(semicolon == std::string_view::npos ? std::string_view()
                                                                            : range.substr(semicolon + 1));
        if (!q || *q <= 0 || *q <= best_q) continue;
        const auto language = tag == "*" ? std::optional(Language::en) : match_language(tag);
        if (!language) continue;
        best = language;
        best_q = *q;
    }
    return best.value_or(Language::en);
}

}  // namespace tenki

#include "tenki/places/postal_format.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <regex>
#include <string>

#include <fmt/core.h>

#include "util/ascii.hpp"

namespace tenki {

namespace {

struct Row {
    std::string_view code;
    std::string_view name;
    std::string_view redundant;  // characters dropped before matching
    std::string_view regex;      // ECMAScript; empty: the country has no postal codes
};

constexpr Row k_rows[] = {
#include "places/postal/postal_formats.inc"
};
constexpr std::size_t k_count = std::size(k_rows);

// Sorted by code, for a binary search.
constexpr bool sorted() {
    for (std::size_t i = 1; i < k_count; ++i)
        if (!(k_rows[i - 1].code < k_rows[i].code)) return false;
    return true;
}
static_assert(sorted(), "postal_formats.inc must be sorted by country code");

const Row* find_row(std::string_view code) {
    const auto* it = std::lower_bound(std::begin(k_rows), std::end(k_rows), code,
                                      [](const Row& row, std::string_view c) { return row.code < c; });
    return it != std::end(k_rows) && it->code == code ? it : nullptr;
}

// Each country's expression compiled once, on first use.
const std::regex& compiled(const Row& row) {
    static std::array<std::once_flag, k_count> once;
    static std::array<std::regex, k_count> regexes;
    const auto i = static_cast<std::size_t>(&row - k_rows);
    std::call_once(once[i], [&] {
        regexes[i] = std::regex(std::string(row.regex),
                                std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
    });
    return regexes[i];
}

// The part of a code that OpenWeatherMap keys a country's places by (it asks for no more): a
// UK outward code ("SW1A", Royal Mail's "outward code"), a Canadian forward sortation area
// ("K1A", Canada Post's "FSA"). Valid on its own, as the Flask original answered it.
struct PartialCode {
    std::string_view country;
    std::string_view regex;  // ECMAScript, matched against the code without its redundant characters
};
constexpr PartialCode k_partial_codes[] = {
    {"ca", "[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z]"},
    {"gb", "GIR|[A-PR-UWYZ][0-9][0-9A-HJKMNPR-Y]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?"},
};

bool is_partial_code(std::string_view country, const std::string& bare) {
    static const auto regexes = [] {
        std::array<std::regex, std::size(k_partial_codes)> out;
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] =
                std::regex(std::string(k_partial_codes[i].regex), std::regex::ECMAScript | std::regex::icase);
        return out;
    }();
    for (std::size_t i = 0; i < regexes.size(); ++i)
        if (k_partial_codes[i].country == country) return std::regex_match(bare, regexes[i]);
    return false;
}

// Whether the code, its redundant characters dropped, is one of the row's: its whole format or a
// partial code OpenWeatherMap keys by. The row has postal codes.
bool fits(const Row& row, std::string_view postal_code) {
    std::string bare;
    for (char c : postal_code)
        if (row.redundant.find(c) == std::string_view::npos) bare += c;
    return std::regex_match(bare, compiled(row)) || is_partial_code(row.code, bare);
}

std::string quoted(std::string_view text) { return fmt::format("\"{}\"", util::printable(text)); }

}  // namespace

std::optional<CountryInfo> find_country(std::string_view code) {
    const auto* row = find_row(code);
    if (!row) return std::nullopt;
    return CountryInfo{row->code, row->name, !row->regex.empty()};
}

Result<void> check_postal_code(std::string_view country, std::string_view postal_code) {
    const auto* row = find_row(country);
    if (!row)
        return fail(ErrorKind::invalid_input,
                    fmt::format("{} is not a country code (ISO 3166-1): use two letters such as us, gb or jp",
                                quoted(country)));
    if (row->regex.empty())
        return fail(ErrorKind::invalid_input,
                    fmt::format("{} ({}) has no postal codes, and tenki finds places by postal code",
                                row->name, row->code));
    if (!fits(*row, postal_code))
        return fail(ErrorKind::invalid_input,
                    fmt::format("{} is not a postal code of {} ({}): check it, or name another country",
                                quoted(postal_code), row->name, row->code));
    return {};
}

std::vector<CountryInfo> countries_fitting(std::string_view postal_code) {
    std::vector<CountryInfo> out;
    for (const auto& row : k_rows)
        if (row.code != "us" && !row.regex.empty() && fits(row, postal_code))
            out.push_back(CountryInfo{row.code, row.name, true});
    return out;
}

std::string_view postal_formats_attribution() {
    return "Postal-code formats: the npm package postal-codes-js 2.5.2 (Cimpress, Apache License 2.0); "
           "converted to a table by tenki";
}

std::size_t postal_formats_size() { return k_count; }

}  // namespace tenki

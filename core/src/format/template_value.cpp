// How a template field's value is written (template_value.hpp).
#include "format/template_value.hpp"

#include <algorithm>
#include <optional>
#include <type_traits>

#include <fmt/format.h>

#include "format/presentation.hpp"
#include "util/ascii.hpp"

namespace tenki::template_detail {
namespace {

// The largest number written in a format spec (a width, a precision, a digit used as fill).
unsigned long largest_number(std::string_view spec) {
    unsigned long largest = 0;
    unsigned long current = 0;
    for (char c : spec) {
        if (util::is_digit(c)) {
            current = std::min(current * 10 + static_cast<unsigned long>(c - '0'), k_max_spec_number + 1);
            largest = std::max(largest, current);
        } else {
            current = 0;
        }
    }
    return largest;
}

// The decimals a spec asks a number to be written with in fixed notation ("{temp:.0f}" 0,
// "{temp:8.2F}" 2, "{temp:f}" 6), or nullopt for another presentation ("{temp:e}", "{temp:g}").
std::optional<int> fixed_decimals(std::string_view spec) {
    if (spec.empty() || (spec.back() != 'f' && spec.back() != 'F')) return std::nullopt;
    spec.remove_suffix(1);
    std::size_t digits = 0;
    while (digits < spec.size() && util::is_digit(spec[spec.size() - 1 - digits])) ++digits;
    if (digits == 0 || digits == spec.size() || spec[spec.size() - 1 - digits] != '.') return 6;
    return static_cast<int>(largest_number(spec.substr(spec.size() - digits)));
}

// A number rounded as the spec will write it, so a zero never shows a sign ("-0" for -0.3 K
// above freezing with "{temp:.0f}").
double as_written(double value, std::string_view spec) {
    const auto decimals = fixed_decimals(spec);
    return decimals ? format::rounded(value, *decimals) : (value == 0.0 ? 0.0 : value);
}

// A number written by `pattern` with `language`'s decimal separator. The only "." fmt writes for a
// number is its decimal point, unless the spec's fill is "." ("{temp:.>8.1f}"): that fill is
// written as a control character first and put back after.
std::string decimal_written(double value, std::string_view spec, Language language) {
    std::string pattern = fmt::format("{{:{}}}", spec);
    const bool dot_fill = language != Language::en && spec.size() >= 2 && spec[0] == '.' &&
                          std::string_view("<>^").find(spec[1]) != std::string_view::npos;
    if (dot_fill) pattern[2] = '\x1f';
    auto text = format::with_decimal_separator(fmt::format(fmt::runtime(pattern), value), language);
    if (dot_fill) std::replace(text.begin(), text.end(), '\x1f', '.');
    return text;
}

}  // namespace

Result<std::string> render_value(const Value& v, std::string_view name, std::string_view spec,
                                 Language language) {
    if (largest_number(spec) > k_max_spec_number) {
        return fail(ErrorKind::invalid_input,
                    fmt::format("the format spec \":{}\" of the field {} is too wide; keep widths and "
                                "precisions at most {}",
                                util::printable(spec), name, k_max_spec_number));
    }
    if (std::holds_alternative<std::monostate>(v.value)) return std::string(k_absent);
    const auto effective = spec.empty() ? v.default_spec : spec;
    const auto pattern = fmt::format("{{:{}}}", effective);
    try {
        return std::visit(
            [&](const auto& x) -> std::string {
                if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::monostate>) {
                    return std::string(k_absent);
                } else if constexpr (std::is_same_v<std::decay_t<decltype(x)>, double>) {
                    return decimal_written(as_written(x, effective), effective,
                                           v.coordinate ? Language::en : language);
                } else {
                    return fmt::format(fmt::runtime(pattern), x);
                }
            },
            v.value);
    } catch (const fmt::format_error& e) {
        return fail(ErrorKind::invalid_input,
                    fmt::format("the format spec \":{}\" does not suit the field {}: {}",
                                util::printable(spec), name, e.what()));
    }
}

}  // namespace tenki::template_detail

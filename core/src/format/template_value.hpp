#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "tenki/error.hpp"
#include "tenki/lang/language.hpp"

// A template field's value and how it is written (template.cpp's fields, rendered here).
namespace tenki::template_detail {

// An absent value renders as "-" (its format spec is not applied): a gap stays visible in a
// one-line report, and "-" never reads as a real zero.
inline constexpr std::string_view k_absent = "-";

// fmt pads to any width it is given: "{temp:2000000000}" would allocate gigabytes. No one-line
// report needs a width or precision above this.
inline constexpr unsigned long k_max_spec_number = 100;

struct Value {
    std::variant<std::monostate, std::string, std::int64_t, double> value;
    // Applied when the template gives no spec of its own: converted values get one decimal.
    std::string_view default_spec = "";
    // A coordinate keeps its "." in every language: "{lat},{lon}" must read one way.
    bool coordinate = false;
};

// The value as the field `name` writes it with the format spec (fmt's, after the ':'): "-" when
// absent; invalid_input for a width or precision above k_max_spec_number, or a spec that does not
// suit the value ("{name:.1f}"), naming the field. A number is rounded as the spec writes it, so
// a zero never shows a sign, and its decimal point is `language`'s (CLDR's: "12,5" in German).
Result<std::string> render_value(const Value& v, std::string_view name, std::string_view spec,
                                 Language language = Language::en);

}  // namespace tenki::template_detail

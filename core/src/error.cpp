#include "tenki/error.hpp"

#include <fmt/core.h>

namespace tenki {

namespace {

constexpr bool in_enum_order() {
    for (std::size_t i = 0; i < k_error_kinds.size(); ++i)
        if (static_cast<std::size_t>(k_error_kinds[i].kind) != i) return false;
    return true;
}
static_assert(in_enum_order(), "k_error_kinds must list ErrorKind's values in order");
static_assert(k_error_kinds.back().kind == ErrorKind::internal, "a kind after internal is missing");

}  // namespace

std::string wait_advice(std::optional<int> retry_after, std::string_view otherwise) {
    if (!retry_after) return std::string(otherwise);
    return fmt::format("it asks to wait {} s: try again then", *retry_after);
}

}  // namespace tenki

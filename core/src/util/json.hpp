#pragma once

#include <optional>

#include <nlohmann/json.hpp>

namespace tenki::util {

// An optional value as JSON: null when absent, never a made-up zero.
template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace tenki::util

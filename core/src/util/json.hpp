#pragma once

#include <cstdint>
#include <optional>

#include "tenki/util/nlohmann_json.hpp"
#include "util/time.hpp"

namespace tenki::util {

// An optional value as JSON: null when absent, never a made-up zero.
template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// Reads j[key] into out: absent and null both read as nullopt; a value of the wrong type throws
// nlohmann::json::exception, as j.at(key).get<T>() does.
template <typename T>
void read_optional(const nlohmann::json& j, const char* key, std::optional<T>& out) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        out.reset();
    } else {
        out = it->get<T>();
    }
}

// A unix time as ISO 8601 UTC ("2026-11-30T21:00:00Z"), or null when there is none.
inline nlohmann::json iso_or_null(const std::optional<std::int64_t>& unix_seconds) {
    return unix_seconds ? nlohmann::json(iso8601_utc(*unix_seconds)) : nlohmann::json(nullptr);
}

}  // namespace tenki::util

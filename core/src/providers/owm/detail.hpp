#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "tenki/domain/location.hpp"
#include "tenki/error.hpp"
#include "tenki/util/nlohmann_json.hpp"

// What OpenWeatherMap's current-weather and forecast readers share (core/src/providers/owm/current.cpp).
namespace tenki::owm_detail {

using nlohmann::json;

// Reads the documented fields of an answer, remembering the first thing that does not fit.
// Absent and null read as nullopt; a required field that is absent, or any field of the wrong
// type, is a problem.
class FieldReader {
public:
    const json* child(const json* parent, const char* key) const {
        if (parent == nullptr || !parent->is_object()) return nullptr;
        const auto it = parent->find(key);
        return it == parent->end() || it->is_null() ? nullptr : &*it;
    }

    const json* object(const json* value, std::string_view path) {
        if (value == nullptr || value->is_object()) return value;
        wrong(path, "an object", *value);
        return nullptr;
    }

    std::optional<double> number(const json* value, std::string_view path) {
        if (value == nullptr) return std::nullopt;
        if (value->is_number()) return value->get<double>();
        wrong(path, "a number", *value);
        return std::nullopt;
    }

    // Integers written as 75.0 are accepted and rounded; 1e300 is not an integer.
    std::optional<std::int64_t> integer(const json* value, std::string_view path) {
        const auto as_double = number(value, path);
        if (!as_double) return std::nullopt;
        if (value->is_number_integer()) return value->get<std::int64_t>();
        if (std::fabs(*as_double) < 9.0e15) return std::llround(*as_double);
        wrong(path, "an integer", *value);
        return std::nullopt;
    }

    std::optional<int> small_integer(const json* value, std::string_view path) {
        const auto wide = integer(value, path);
        if (!wide) return std::nullopt;
        if (*wide >= std::numeric_limits<int>::min() && *wide <= std::numeric_limits<int>::max()) {
            return static_cast<int>(*wide);
        }
        wrong(path, "a small integer", *value);
        return std::nullopt;
    }

    std::optional<std::string> text(const json* value, std::string_view path) {
        if (value == nullptr) return std::nullopt;
        if (value->is_string()) return value->get<std::string>();
        wrong(path, "a string", *value);
        return std::nullopt;
    }

    template <typename T>
    T required(std::optional<T> value, const json* raw, std::string_view path) {
        if (raw == nullptr) missing(path);
        return value.value_or(T{});
    }

    void wrong(std::string_view path, std::string_view expected, const json& value) {
        if (m_problem) return;
        const std::string_view type = value.type_name();
        const bool vowel = type.front() == 'a' || type.front() == 'o';
        m_problem = fmt::format("{} is {} {}, expected {}", path, vowel ? "an" : "a", type, expected);
    }

    void missing(std::string_view path) {
        if (!m_problem) m_problem = fmt::format("{} is missing", path);
    }

    const std::optional<std::string>& problem() const { return m_problem; }

private:
    std::optional<std::string> m_problem;
};

// The answer's JSON object, or the error it stands for: `cod` and the HTTP status (401
// unauthorized, 404 not_found, 429 rate_limited, others bad_response), or not a JSON object.
Result<json> read_document(long http_status, std::string_view body, const Location& asked,
                           std::optional<int> retry_after);

// The ISO 3166-1 alpha-2 country the answer says it is for: `parent`.country ("sys" in the
// current weather, "city" in the forecast), "" when it gives none.
std::string answered_country(const json& doc, const char* parent);

}  // namespace tenki::owm_detail

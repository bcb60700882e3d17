#include "cache/redis_record.hpp"

#include <nlohmann/json.hpp>

namespace tenki::cache {

std::string encode_record(std::string_view place, const Result<Weather>& result,
                          std::chrono::milliseconds stale_window) {
    nlohmann::json j;
    j["place"] = place;
    if (result) {
        j["stale_ms"] = stale_window.count();
        j["weather"] = *result;
    } else {
        j["stale_ms"] = 0;
        j["not_found"] = result.error().message;
    }
    return j.dump();
}

std::optional<StoredRecord> decode_record(std::string_view text, long long pttl_ms, std::string_view place) {
    if (pttl_ms == -2) return std::nullopt;
    try {
        auto j = nlohmann::json::parse(text);
        if (!j.contains("place") || j.at("place").get<std::string>() != place) return std::nullopt;
        const auto stale_ms = j.at("stale_ms").get<long long>();
        // -1: a key without expiry (written by hand): fresh, and kept as briefly as possible.
        const std::chrono::milliseconds fresh_for(pttl_ms < 0 ? 1000 : pttl_ms - stale_ms);
        if (j.contains("weather")) return StoredRecord{j.at("weather").get<Weather>(), fresh_for};
        if (j.contains("not_found"))
            return StoredRecord{fail(ErrorKind::not_found, j.at("not_found").get<std::string>()), fresh_for};
    } catch (const nlohmann::json::exception&) {
    }
    return std::nullopt;
}

std::string encode_failure(std::string_view place, const Error& error) {
    nlohmann::json j{{"place", place}, {"kind", to_string(error.kind)}, {"message", error.message}};
    if (error.retry_after) j["retry_after"] = *error.retry_after;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<Error> decode_failure(std::string_view text, std::string_view place) {
    // Only the failures an upstream call can have; anything else is not a record of ours.
    constexpr ErrorKind k_kinds[] = {ErrorKind::unauthorized, ErrorKind::rate_limited, ErrorKind::unreachable,
                                     ErrorKind::timeout,      ErrorKind::bad_response, ErrorKind::internal};
    try {
        auto j = nlohmann::json::parse(text);
        if (j.at("place").get<std::string>() != place) return std::nullopt;
        const auto kind = j.at("kind").get<std::string>();
        for (auto k : k_kinds) {
            if (to_string(k) != kind) continue;
            Error error{k, j.at("message").get<std::string>()};
            if (j.contains("retry_after")) error.retry_after = j.at("retry_after").get<int>();
            return error;
        }
    } catch (const nlohmann::json::exception&) {
    }
    return std::nullopt;
}

}  // namespace tenki::cache

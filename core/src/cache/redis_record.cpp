#include "cache/redis_record.hpp"

#include <nlohmann/json.hpp>

namespace tenki::cache {

std::string encode_record(const Result<Weather>& result, std::chrono::milliseconds stale_window) {
    nlohmann::json j;
    if (result) {
        j["stale_ms"] = stale_window.count();
        j["weather"] = *result;
    } else {
        j["stale_ms"] = 0;
        j["not_found"] = result.error().message;
    }
    return j.dump();
}

std::optional<StoredRecord> decode_record(std::string_view text, long long pttl_ms) {
    if (pttl_ms == -2) return std::nullopt;
    try {
        auto j = nlohmann::json::parse(text);
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

}  // namespace tenki::cache

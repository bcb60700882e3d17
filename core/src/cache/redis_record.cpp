#include "cache/redis_record.hpp"

#include <nlohmann/json.hpp>

namespace tenki::cache {

template <typename T>
std::string encode_record(const Result<T>& result, std::chrono::milliseconds stale_window) {
    nlohmann::json j;
    if (result) {
        j["stale_ms"] = stale_window.count();
        j[std::string(CacheKind<T>::name)] = *result;
    } else {
        j["stale_ms"] = 0;
        j["not_found"] = result.error().message;
    }
    return j.dump();
}

template <typename T>
std::optional<StoredRecord<T>> decode_record(std::string_view text, long long pttl_ms) {
    if (pttl_ms == -2) return std::nullopt;
    try {
        auto j = nlohmann::json::parse(text);
        const auto stale_ms = j.at("stale_ms").get<long long>();
        // -1: a key without expiry (written by hand): fresh, and kept as briefly as possible.
        const std::chrono::milliseconds fresh_for(pttl_ms < 0 ? 1000 : pttl_ms - stale_ms);
        const std::string name(CacheKind<T>::name);
        if (j.contains(name)) return StoredRecord<T>{j.at(name).get<T>(), fresh_for};
        if (j.contains("not_found"))
            return StoredRecord<T>{fail(ErrorKind::not_found, j.at("not_found").get<std::string>()),
                                   fresh_for};
    } catch (const nlohmann::json::exception&) {
    }
    return std::nullopt;
}

template std::string encode_record<Forecast>(const Result<Forecast>&, std::chrono::milliseconds);
template std::optional<StoredRecord<Forecast>> decode_record<Forecast>(std::string_view, long long);
template std::string encode_record<Weather>(const Result<Weather>&, std::chrono::milliseconds);
template std::optional<StoredRecord<Weather>> decode_record<Weather>(std::string_view, long long);

}  // namespace tenki::cache

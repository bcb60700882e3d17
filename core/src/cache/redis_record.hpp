#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/cache/weather_cache.hpp"
#include "tenki/error.hpp"
#include "tenki/weather.hpp"

namespace tenki::cache {

// One place's answer as Redis keeps it: JSON with the weather (or a not_found message) and the
// stale window it was written with. Redis expires the key at TTL + stale window, so what remains
// of the TTL is PTTL minus the window: every instance agrees, whatever their clocks say.
template <typename T>
struct StoredRecord {
    Result<T> result;
    std::chrono::milliseconds fresh_for{0};  // <= 0: past its TTL, usable only as a stale answer
};

// The data is under CacheKind<T>::name: {"stale_ms":..., "weather":{...}}.
template <typename T>
std::string encode_record(const Result<T>& result, std::chrono::milliseconds stale_window);

// nullopt when the text is not a record of ours or the key had expired (pttl -2).
template <typename T>
std::optional<StoredRecord<T>> decode_record(std::string_view text, long long pttl_ms);

inline std::string encode_record(const Result<Weather>& result, std::chrono::milliseconds stale_window) {
    return encode_record<Weather>(result, stale_window);
}
inline std::optional<StoredRecord<Weather>> decode_record(std::string_view text, long long pttl_ms) {
    return decode_record<Weather>(text, pttl_ms);
}

}  // namespace tenki::cache

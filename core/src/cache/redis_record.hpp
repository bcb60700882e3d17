#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/cache/weather_cache.hpp"
#include "tenki/domain/weather.hpp"
#include "tenki/error.hpp"

namespace tenki::cache {

// One place's answer as Redis keeps it: JSON with the place it is for, the weather (or a
// not_found message) and the stale window it was written with. Redis expires the key at TTL +
// stale window, so what remains of the TTL is PTTL minus the window: every instance agrees,
// whatever their clocks say.
template <typename T>
struct StoredRecord {
    Result<T> result;
    std::chrono::milliseconds fresh_for{0};  // <= 0: past its TTL, usable only as a stale answer
};

// {"place":"94107,us","stale_ms":...,"weather":{...}}: the data under CacheKind<T>::name; place is
// Location::key(), so that a reader can check the record is for the place it asked.
template <typename T>
std::string encode_record(std::string_view place, const Result<T>& result,
                          std::chrono::milliseconds stale_window);

// nullopt when the text is not a record of ours, is for another place than `place` (or names
// none), or the key had expired (pttl -2).
template <typename T>
std::optional<StoredRecord<T>> decode_record(std::string_view text, long long pttl_ms,
                                             std::string_view place);

inline std::string encode_record(std::string_view place, const Result<Weather>& result,
                                 std::chrono::milliseconds stale_window) {
    return encode_record<Weather>(place, result, stale_window);
}
inline std::optional<StoredRecord<Weather>> decode_record(std::string_view text, long long pttl_ms,
                                                          std::string_view place) {
    return decode_record<Weather>(text, pttl_ms, place);
}

// The failure of one instance's upstream call, left briefly for the instances that waited on that
// call, so that they answer the same error rather than call again. `call` is the token the caller
// held the lock with: a waiter takes only the failure of a call it saw holding the lock.
struct SharedFailure {
    std::string call;
    Error error;
};

// Whether a failed call's error is one its waiters share: the upstream's failures (unauthorized,
// rate_limited, unreachable, timeout, bad_response, internal), never one about who asked (the
// per-client budget's) or the question (invalid_input, not_found: answered as records).
bool shares_failure(ErrorKind kind);

// {"place":..., "call":..., "kind":"timeout", "message":..., "retry_after":30}
std::string encode_failure(std::string_view place, const SharedFailure& failure);
// nullopt when not a failure of ours, for another place, or of a kind not shared.
std::optional<SharedFailure> decode_failure(std::string_view text, std::string_view place);

}  // namespace tenki::cache

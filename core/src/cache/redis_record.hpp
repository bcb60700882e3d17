#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "tenki/error.hpp"
#include "tenki/weather.hpp"

namespace tenki::cache {

// One place's answer as Redis keeps it: JSON with the weather (or a not_found message) and the
// stale window it was written with. Redis expires the key at TTL + stale window, so what remains
// of the TTL is PTTL minus the window: every instance agrees, whatever their clocks say.
struct StoredRecord {
    Result<Weather> result;
    std::chrono::milliseconds fresh_for{0};  // <= 0: past its TTL, usable only as a stale answer
};

// place: Location::key(), written into the record so that a reader can check it is the one asked.
std::string encode_record(std::string_view place, const Result<Weather>& result,
                          std::chrono::milliseconds stale_window);

// nullopt when the text is not a record of ours, is for another place than `place`, or the key
// had expired (pttl -2).
std::optional<StoredRecord> decode_record(std::string_view text, long long pttl_ms, std::string_view place);

// What an instance's failed upstream call leaves for the instances that waited on it, so that
// they answer the same error rather than call again.
std::string encode_failure(std::string_view place, const Error& error);
std::optional<Error> decode_failure(std::string_view text, std::string_view place);

}  // namespace tenki::cache

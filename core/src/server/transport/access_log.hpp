#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tenki/server/transport/server.hpp"

namespace tenki::server {

// What one access-log line says of one request. Views into the session's strings.
struct AccessRecord {
    std::chrono::system_clock::time_point time;  // when the request's head was read
    std::string_view client;                     // the client's address (a proxy's word if trusted)
    std::string_view method, target;             // as received; target "" when unreadable
    int version = 11;                            // HTTP/1.x: 10 or 11
    int status = 0;
    std::size_t bytes = 0;  // body bytes sent
    std::chrono::nanoseconds duration{0};
    std::string_view x_cache;     // "HIT", "MISS", "STALE" or ""
    std::string_view error_code;  // the JSON error's code when the answer is an error, else ""
    std::string_view request_id;
    std::string_view referer, user_agent;  // "" when absent
};

// One line on stderr, written with one write(2) so lines from several threads never interleave.
// combined: nginx's "combined" format (remote_addr - - [time_local] "request" status bytes
// "referer" "user_agent", time in UTC), then the duration in seconds, the cache state and the
// request id. json: one object a line with time (RFC 3339, UTC, ms), client, method, path (the
// target), status, bytes, duration_ms, cache, error, request_id, referer, user_agent.
// Control characters and quotes are escaped; long fields are cut; the value of a query parameter
// that could hold an API key (appid, api_key, apikey, key) is written as REDACTED.
void write_access_log(std::string& scratch, LogFormat format, const AccessRecord& record);

// Whether a client's X-Request-Id is kept: 1 to 128 characters of letters, digits and -_.:@+=/
// (safe in a header and a log line); otherwise the server makes one.
bool acceptable_request_id(std::string_view id);

// 32 hex digits from a per-thread generator (two SplitMix64 streams) seeded from
// std::random_device.
class RequestIds {
public:
    RequestIds();
    // The next id, into `out` (replacing what it held; its capacity is reused).
    void next(std::string& out);

private:
    static std::uint64_t next_bits(std::uint64_t& state);
    std::array<std::uint64_t, 2> m_state{};
};

}  // namespace tenki::server

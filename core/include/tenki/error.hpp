#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace tenki {

// What went wrong, coarse enough to pick an exit status or an HTTP status from.
enum class ErrorKind {
    invalid_input,      // the user's input cannot be what it claims to be
    not_found,          // the upstream does not know the place
    unauthorized,       // API key missing or rejected
    rate_limited,       // the upstream asks us to slow down, or every client's share is spent
    too_many_requests,  // this client caused its share of upstream calls (the per-client budget)
    unreachable,        // connection refused, DNS failure, reset
    timeout,            // the upstream did not answer in time
    bad_response,       // the upstream answered something that is not the documented JSON
    io,                 // a local file could not be read or written
    internal,           // a bug in tenki
};

// Everything said of one kind, once: its name (metrics labels, logs), the CLI's exit status
// (documented in tenki(1)), and the HTTP status and JSON error code `tenki serve` answers with.
struct ErrorKindInfo {
    ErrorKind kind;
    std::string_view name;
    int exit_status;
    int http_status;
    std::string_view http_code;
};

// The one table of error kinds, in ErrorKind's order; every mapping is read from it.
inline constexpr std::array k_error_kinds{
    ErrorKindInfo{ErrorKind::invalid_input, "invalid_input", 2, 400, "invalid_input"},
    ErrorKindInfo{ErrorKind::not_found, "not_found", 3, 404, "not_found"},
    ErrorKindInfo{ErrorKind::unauthorized, "unauthorized", 4, 503, "upstream_unauthorized"},
    ErrorKindInfo{ErrorKind::rate_limited, "rate_limited", 5, 503, "rate_limited"},
    ErrorKindInfo{ErrorKind::too_many_requests, "too_many_requests", 5, 429, "too_many_requests"},
    ErrorKindInfo{ErrorKind::unreachable, "unreachable", 6, 502, "upstream_unreachable"},
    ErrorKindInfo{ErrorKind::timeout, "timeout", 6, 504, "upstream_timeout"},
    ErrorKindInfo{ErrorKind::bad_response, "bad_response", 7, 502, "bad_upstream_response"},
    ErrorKindInfo{ErrorKind::io, "io", 8, 500, "internal"},
    ErrorKindInfo{ErrorKind::internal, "internal", 70, 500, "internal"},
};
inline constexpr std::size_t k_error_kind_count = k_error_kinds.size();

constexpr const ErrorKindInfo& info(ErrorKind kind) { return k_error_kinds[static_cast<std::size_t>(kind)]; }

struct Error {
    ErrorKind kind = ErrorKind::internal;
    std::string message;
    // Seconds the upstream asked us to wait (rate limiting), when it said.
    std::optional<int> retry_after = std::nullopt;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorKind kind, std::string message) {
    return tl::unexpected<Error>(Error{kind, std::move(message)});
}

inline std::string_view to_string(ErrorKind kind) { return info(kind).name; }

// The process exit status for an error, one place for the whole CLI (documented in tenki(1)).
inline int exit_status(ErrorKind kind) { return info(kind).exit_status; }

// What a rate-limited caller should do, in words: wait what the upstream's Retry-After asked
// ("it asks to wait 30 s: try again then"), else `otherwise` when it did not say.
std::string wait_advice(std::optional<int> retry_after, std::string_view otherwise);

}  // namespace tenki

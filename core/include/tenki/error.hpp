#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace tenki {

// What went wrong, coarse enough to pick an exit status or an HTTP status from.
enum class ErrorKind {
    invalid_input,  // the user's input cannot be what it claims to be
    not_found,      // the upstream does not know the place
    unauthorized,   // API key missing or rejected
    rate_limited,   // the upstream asks us to slow down
    unreachable,    // connection refused, DNS failure, reset
    timeout,        // the upstream did not answer in time
    bad_response,   // the upstream answered something that is not the documented JSON
    io,             // a local file could not be read or written
    internal,       // a bug in tenki
};

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

std::string_view to_string(ErrorKind kind);

// The process exit status for an error, one place for the whole CLI (documented in tenki(1)).
int exit_status(ErrorKind kind);

// What a rate-limited caller should do, in words: wait what the upstream's Retry-After asked
// ("it asks to wait 30 s: try again then"), else `otherwise` when it did not say.
std::string wait_advice(std::optional<int> retry_after, std::string_view otherwise);

}  // namespace tenki

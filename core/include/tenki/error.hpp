#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tl/expected.hpp>

namespace tenki {

// What went wrong, coarse enough to pick an exit status or an HTTP status from.
enum class ErrorKind {
    invalid_input,      // the user's input cannot be what it claims to be
    ambiguous_place,    // a place name several places have, none clearly meant (Error::choices)
    not_found,          // the upstream does not know the place
    unauthorized,       // API key missing or rejected
    rate_limited,       // the upstream asks us to slow down, or every client's share is spent
    too_many_requests,  // this client caused its share of upstream calls (the per-client budget)
    unreachable,        // connection refused, DNS failure, reset
    timeout,            // the upstream did not answer in time
    bad_response,       // the upstream answered something that is not the documented JSON
    io,                 // a local file could not be read or written
    cannot_listen,      // tenki serve cannot listen: the port is held (by any program), or not allowed
    internal,           // a bug in tenki
};

// Everything said of one kind, once: its name (metrics labels, logs), the CLI's exit status
// (documented in tenki(1)), the HTTP status and JSON error code `tenki serve` answers with, and
// the word or two a status bar shows for it (the whole message goes to its tooltip), and whether
// a provider failing so is skipped for the next one (tenki/providers/failover.hpp): the upstream's fault
// (5xx and garbled answers are bad_response, 429 rate_limited), never the caller's (a place
// unknown or mistyped) nor tenki's own (the per-client budget, io, internal). A rejected key fails
// over too, with a warning: it is the configuration's fault, but the keyless provider still answers.
struct ErrorKindInfo {
    ErrorKind kind;
    std::string_view name;
    int exit_status;
    int http_status;
    std::string_view http_code;
    std::string_view bar_text;
    bool fails_over;
};

// The one table of error kinds, in ErrorKind's order; every mapping is read from it.
inline constexpr std::array k_error_kinds{
    ErrorKindInfo{ErrorKind::invalid_input, "invalid_input", 2, 400, "invalid_input", "check input", false},
    ErrorKindInfo{ErrorKind::ambiguous_place, "ambiguous_place", 2, 400, "ambiguous_place", "which place?",
                  false},
    ErrorKindInfo{ErrorKind::not_found, "not_found", 3, 404, "not_found", "unknown place", false},
    ErrorKindInfo{ErrorKind::unauthorized, "unauthorized", 4, 503, "upstream_unauthorized", "API key", true},
    ErrorKindInfo{ErrorKind::rate_limited, "rate_limited", 5, 503, "rate_limited", "rate limited", true},
    ErrorKindInfo{ErrorKind::too_many_requests, "too_many_requests", 5, 429, "too_many_requests",
                  "rate limited", false},
    ErrorKindInfo{ErrorKind::unreachable, "unreachable", 6, 502, "upstream_unreachable", "offline", true},
    ErrorKindInfo{ErrorKind::timeout, "timeout", 6, 504, "upstream_timeout", "timed out", true},
    ErrorKindInfo{ErrorKind::bad_response, "bad_response", 7, 502, "bad_upstream_response", "bad answer",
                  true},
    ErrorKindInfo{ErrorKind::io, "io", 8, 500, "internal", "file error", false},
    ErrorKindInfo{ErrorKind::cannot_listen, "cannot_listen", 9, 500, "internal", "cannot listen", false},
    ErrorKindInfo{ErrorKind::internal, "internal", 70, 500, "internal", "error", false},
};
inline constexpr std::size_t k_error_kind_count = k_error_kinds.size();

constexpr const ErrorKindInfo& info(ErrorKind kind) { return k_error_kinds[static_cast<std::size_t>(kind)]; }

// A place an error offers instead of the one asked: a candidate of an ambiguous name, or a
// "did you mean" for an unknown one. From GeoNames' cities (tenki/places/places.hpp).
struct PlaceChoice {
    std::string label;    // "Springfield, IL, US"
    std::string pick;     // an argument that names exactly this place: "Springfield,IL"
    std::string name;     // "Springfield"
    std::string region;   // as the label shows it: "IL", "Île-de-France"; "" for none
    std::string country;  // ISO 3166-1 alpha-2, upper-case
    double lat = 0;       // decimal degrees, WGS84
    double lon = 0;
    std::uint32_t population = 0;  // inhabitants; 0 when GeoNames does not know
    std::uint32_t geonames_id = 0;
};

struct Error {
    ErrorKind kind = ErrorKind::internal;
    std::string message;
    // Seconds the upstream asked us to wait (rate limiting), when it said.
    std::optional<int> retry_after = std::nullopt;
    // ambiguous_place: the candidates, most populous first; not_found for a name: its "did you
    // mean"s. Empty otherwise.
    std::vector<PlaceChoice> choices = {};
    // Unix seconds when the upstream is asked again: set when every provider's breaker is open
    // and none was asked (tenki/providers/failover.hpp); a status bar shows it. Unset otherwise.
    std::optional<std::int64_t> next_try = std::nullopt;
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorKind kind, std::string message) {
    return tl::unexpected<Error>(Error{kind, std::move(message)});
}

inline std::string_view to_string(ErrorKind kind) { return info(kind).name; }

// Whether the next provider is asked when one fails so (the table's fails_over).
inline bool fails_over(ErrorKind kind) { return info(kind).fails_over; }

// The process exit status for an error, one place for the whole CLI (documented in tenki(1)).
inline int exit_status(ErrorKind kind) { return info(kind).exit_status; }

// What a rate-limited caller should do, in words: wait what the upstream's Retry-After asked
// ("it asks to wait 30 s: try again then"), else `otherwise` when it did not say.
std::string wait_advice(std::optional<int> retry_after, std::string_view otherwise);

}  // namespace tenki

#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "tenki/error.hpp"

namespace tenki {

// A plain HTTP GET, transport-free: libcurl stays in core/src.
struct HttpRequest {
    std::string url;
    // The environment variable that points this endpoint elsewhere ("TENKI_OPENMETEO_URL"): an
    // invalid URL's message tells the user to check it. Empty: the message says "check the URL".
    std::string url_env;
    // Who is asked, for messages: "OpenWeatherMap" (the provider table's title); empty: the URL's
    // host. The host is named only where it is the thing to check (DNS, TLS, a bad URL).
    std::string service;
    std::chrono::milliseconds connect_timeout{std::chrono::seconds(3)};
    std::chrono::milliseconds total_timeout{std::chrono::seconds(8)};
    std::size_t max_body = 256 * 1024;  // a real answer is ~1 KB; more is refused, not read
    bool verbose = false;               // trace to stderr, secrets redacted
    // The User-Agent header; empty: "tenki/<version>". (The NWS asks for a contact in it.)
    std::string user_agent;
    // Values never shown, wherever the URL or a header carries them (an API key, raw and
    // URL-encoded): replaced by REDACTED in the trace and in error details.
    std::vector<std::string> secrets;
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::string content_type;
    std::optional<int> retry_after;  // seconds, from Retry-After
};

// Errors: unreachable (refused, DNS, reset), timeout, bad_response (body too large), invalid_input
// (a URL that is not http or https, naming request.url_env).
// Retries once, on connection failure only, within total_timeout: one call takes total_timeout at
// most, connecting included, and never outlives the thread's http::DeadlineScope (a timeout's
// message says the time really waited: "OpenWeatherMap did not answer within 1.0 s"). TLS verification is on;
// redirects are not followed.
Result<HttpResponse> http_get(const HttpRequest& request);

}  // namespace tenki

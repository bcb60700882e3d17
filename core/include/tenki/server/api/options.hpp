#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace tenki {
class ExtraSources;
}

namespace tenki::server {

// The API's policy, whatever carries its requests: what it memoises, what caches in front may do
// with its answers, which pages may read them, and what it says without a provider.
struct ApiOptions {
    std::size_t cache_entries = 10000;  // bounds the memoised documents, as the service's cache
    // The bytes kept for cached answers (--cache-memory): a half for the service's cache entries
    // (a quarter of that for weather, the rest for forecasts), a quarter for the rendered
    // documents memoised beside them (shared out among the serving threads), a quarter for their
    // compressed forms. 0: bounded by entries only.
    std::size_t cache_memory = std::size_t{256} << 20;
    // Cache-Control's stale-if-error on weather and forecast answers (RFC 5861): how long past
    // max-age a cache in front may still use an answer when tenki fails; the service's stale window.
    std::chrono::seconds stale_if_error{0};
    // Origins ("https://dash.example.com", or "*" for any) whose pages may read the API's answers
    // (/api/...): CORS (Fetch standard). Empty: no Access-Control-* headers, and OPTIONS is 405.
    std::vector<std::string> cors_origins;
    // Why there is no provider (e.g. no API key), answered as 503 no_api_key on weather routes.
    std::string no_provider_reason;
    // The extra sources /api/v2/alerts asks (tenki/service/extras.hpp), owned by the caller and
    // alive while serving; null: that route answers 503.
    ExtraSources* extras = nullptr;
};

}  // namespace tenki::server

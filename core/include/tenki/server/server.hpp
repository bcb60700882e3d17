#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "tenki/error.hpp"
#include "tenki/service.hpp"

namespace tenki::server {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 5000;          // 0: any free port (the chosen one is announced)
    unsigned threads = 0;               // threads serving requests, one io_context each; 0: one per core
    std::size_t cache_entries = 10000;  // bounds the memoised documents, as the service's cache
    std::chrono::seconds request_timeout{10};  // to read one request's header, idle keep-alive included
    std::size_t max_header_bytes = 8192;       // 431 past it
    std::size_t max_url_bytes = 2048;          // 414 past it
    std::chrono::seconds shutdown_grace{5};    // for requests in flight after SIGINT/SIGTERM
    bool access_log = true;                    // one line per request on stderr
    // Why there is no provider (e.g. no API key), answered as 503 no_api_key on weather routes.
    std::string no_provider_reason;
    // Called once the server listens, with the port (tests and "listening on" messages).
    std::function<void(std::uint16_t)> on_listening;
};

// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns 0. The
// transport only moves bytes: every weather answer comes from `service`, which outlives the call;
// a null service serves every weather route as 503 no_api_key. Fails (io) when it cannot listen.
Result<int> run_server(const ServerOptions& options, WeatherService* service);

}  // namespace tenki::server

#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tenki/cache/redis_cache.hpp"
#include "tenki/error.hpp"
#include "tenki/provider.hpp"
#include "tenki/server/client_address.hpp"
#include "tenki/settings.hpp"
#include "tenki/upstream_budget.hpp"

namespace tenki::server {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 5000;      // 0: any free port (the chosen one is announced)
    unsigned threads = 0;           // threads serving requests, one io_context each; 0: one per core
    unsigned upstream_threads = 4;  // threads making blocking upstream calls
    std::chrono::seconds cache_ttl{300};
    std::chrono::seconds stale_window{3600};
    std::chrono::seconds negative_ttl{60};
    std::size_t cache_entries = 10000;
    // A Redis cache shared with other instances, in front of the upstream; nullopt: in-process
    // only. Its `local` options are taken from the fields above, its log defaults to stderr.
    std::optional<cache::RedisCacheOptions> redis;
    // Upstream calls allowed for the provider, all instances together (through Redis with
    // `redis`); nullopt: the provider's published limit.
    std::optional<RateLimit> upstream_rate;
    // Upstream calls one client may cause (cache hits are free); nullopt: default_client_limit.
    std::optional<RateLimit> client_rate;
    // Peers whose X-Real-IP / X-Forwarded-For name the client (nginx in front).
    std::vector<IpNetwork> trusted_proxies = default_trusted_proxies();
    std::chrono::seconds request_timeout{10};  // to read one request's header, idle keep-alive included
    std::size_t max_header_bytes = 8192;       // 431 past it
    std::size_t max_url_bytes = 2048;          // 414 past it
    std::chrono::seconds shutdown_grace{5};    // for requests in flight after SIGINT/SIGTERM
    bool access_log = true;                    // one line per request on stderr
    Settings settings;
    // Why there is no provider (e.g. no API key), answered as 503 no_api_key on weather routes.
    std::string no_provider_reason;
    // Called once the server listens, with the port (tests and "listening on" messages).
    std::function<void(std::uint16_t)> on_listening;
};

// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns 0.
// A null provider serves every weather route as 503 no_api_key. Fails (io) when it cannot listen.
Result<int> run_server(const ServerOptions& options, std::unique_ptr<Provider> provider);

}  // namespace tenki::server

#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tenki/error.hpp"
#include "tenki/server/api/options.hpp"
#include "tenki/server/transport/client_address.hpp"
#include "tenki/service/service.hpp"

namespace tenki::server {

// The access log's format: nginx's combined (with duration, cache state and request id after
// it), or one JSON object a line.
enum class LogFormat { combined, json };
// "combined" or "json"; else invalid_input naming the text.
Result<LogFormat> parse_log_format(std::string_view text);

// One line on stderr in the log's format, in a single write(2): lines from the serving threads
// (access log, upstream failures, signals, cache notes) never interleave mid-line, as they did
// when a line went out in pieces through std::cerr. combined: "tenki serve: <text>\n"; json:
// {"time": RFC 3339 UTC with milliseconds, "event": <event>, "message": <text>}, so that in that
// mode every line serve writes is one JSON object. Events: "start" (what serve runs with),
// "listening", "notice" (the service's: breakers, Redis), "signal", "stopped", "error" (fatal).
void log_line(LogFormat format, std::string_view event, std::string_view text);

// One line on stderr for a failed upstream call, in the access log's format: "tenki serve:
// upstream failure: owm current 94107,us: timeout: <message>", or a JSON object with time,
// event "upstream_failure", provider, answer, place, error and message. The message is the
// error's, which never holds the API key.
void log_upstream_failure(LogFormat format, std::string_view provider, std::string_view answer,
                          std::string_view place, const Error& error);

// How requests are carried: where to listen, how many threads, and the limits and timeouts each
// connection gets; the access log.
struct TransportOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 5000;  // 0: any free port (the chosen one is announced)
    unsigned threads = 0;       // threads serving requests, one io_context each; 0: one per core
    std::chrono::seconds request_timeout{10};  // to read one request's header, idle keep-alive included
    std::size_t max_header_bytes = 8192;       // 431 past it
    std::size_t max_url_bytes = 2048;          // 414 past it
    std::chrono::seconds shutdown_grace{5};    // for requests in flight after SIGINT/SIGTERM
    bool access_log = true;                    // one line per request on stderr
    LogFormat log_format = LogFormat::combined;
    // Peers whose X-Real-IP / X-Forwarded-For name the client (nginx in front): that client is
    // the one the upstream budget counts and the access log names. Default: loopback.
    std::vector<IpNetwork> trusted_proxies = default_trusted_proxies();
    // Called once the server listens, with the port (tests and "listening on" messages).
    std::function<void(std::uint16_t)> on_listening;
};

// Blocks SIGINT, SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 in the calling thread and so in every thread
// it starts afterwards (the mask is inherited): call it first in `tenki serve`, before anything
// starts a thread. run_server takes them from a signalfd, with no handler: under ThreadSanitizer,
// which runs handlers itself, asio's handler lost about one SIGTERM in 300-500 under load (the
// server idle in epoll_wait, nothing pending). One that comes before the server listens waits
// for it, then stops it.
void block_server_signals();

// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns 0. The
// transport only moves bytes; the API answers as `api` says: every weather answer comes from
// `service`, which outlives the call; a null service serves every weather route as 503
// no_api_key. Fails cannot_listen when it cannot listen (a port any other program holds, another
// tenki included: "address already in use"), invalid_input when the host is not an address.
Result<int> run_server(const TransportOptions& transport, const ApiOptions& api, WeatherService* service);

}  // namespace tenki::server

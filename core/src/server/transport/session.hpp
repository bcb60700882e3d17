#pragma once

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "server/transport/request_head.hpp"
#include "server/transport/worker.hpp"

namespace tenki::server {

// One connection: reads request heads (never a body), hands each to the worker's dispatcher,
// writes its answer as pre-built bytes, keeps the connection alive or lingers and closes it.
// Lives on its worker's thread only, registered in worker.sessions while it lives.
// Starts the worker's sweep of deadlines (every 250 ms while it has connections), if it is not
// running.
void watch_deadlines(Worker& worker);

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(Worker& worker, ServerState& state, Socket socket);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void start() { read(SteadyClock::now()); }

    // Shutting down: an idle connection closes now, a busy one after its answer.
    void stop();

    // Closes the connection when its read, write or linger has outlived its deadline (a
    // request waiting for the upstream has none). The worker's sweep calls it.
    void close_if_late(std::chrono::steady_clock::time_point now);

private:
    using SteadyClock = std::chrono::steady_clock;
    enum class Phase { reading, waiting, writing, closing };
    static constexpr std::size_t k_max_drained = 1024 * 1024;

    void close();
    // The deadline of the next read, write or linger. One sweep a worker enforces them all:
    // Beast's tcp_stream armed a timer a read and a write, a sixth of a cache hit (callgrind).
    void expire_after(SteadyClock::duration timeout, SteadyClock::time_point now);
    // now: the time the last answer was sent (a clock read saved a request), or start()'s.
    void read(SteadyClock::time_point now);
    // The head's bytes: a read into m_buffer, then Beast's parser over what it holds.
    // async_read_header's composed operations (their work guards, executor copies and the
    // completion's post) cost a cache hit more than the parse itself (callgrind).
    void read_some();
    void on_read_some(beast::error_code ec, std::size_t bytes);
    void parse();
    void on_read(beast::error_code ec);
    void begin_request();
    void refuse(beast::error_code ec);
    void answer();
    void on_answer();
    void write();
    // negotiate_coding's answer for this request's Accept-Encoding, kept for the value it was
    // made for: a keep-alive client sends the same value each time (negotiating "gzip" was about
    // 120 instructions a hit, callgrind).
    ContentCoding accepted_coding();
    void on_write(beast::error_code ec, std::size_t bytes);
    void log_request(std::size_t body_bytes, SteadyClock::duration took);
    void linger();
    void drain(std::size_t so_far);

    Worker& m_worker;
    ServerState& m_state;
    Socket m_socket;
    beast::flat_buffer m_buffer;
    RequestFields m_fields;  // m_parser's, kept between requests
    std::optional<RequestHead> m_parser;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> m_work;
    std::string m_method, m_target, m_peer, m_request_id;
    HeadWriter m_head;
    std::string m_cors;  // Access-Control-Allow-Origin's value for this request; "": none
    std::chrono::system_clock::time_point m_time;  // for the access log only: unset without it
    std::string m_client;                          // the peer's address, or the one a trusted proxy named
    Reply m_reply;
    std::string m_negotiated;  // the Accept-Encoding value m_accepted was negotiated for
    ContentCoding m_accepted = ContentCoding::identity;
    SteadyClock::time_point m_started;
    SteadyClock::time_point m_deadline = SteadyClock::time_point::max();
    Phase m_phase = Phase::reading;
    bool m_keep_alive = false;
    bool m_head_only = false;
};

}  // namespace tenki::server

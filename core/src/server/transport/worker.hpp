#pragma once

// One serving thread's state, as the sessions and the listener share it. Asio stays in the
// transport's private headers.
#include <boost/asio.hpp>
#include <ctime>
#include <string>
#include <string_view>
#include <unordered_set>

#include "server/api/dispatch.hpp"
#include "server/transport/access_log.hpp"
#include "server/transport/response_head.hpp"
#include "tenki/server/transport/server.hpp"

namespace tenki::server {

namespace asio = boost::asio;

class Session;

// A connection's socket, bound to its worker's io_context: asio's type-erased any_io_executor
// cost a cache hit about 900 instructions of executor copies (callgrind).
using Socket = asio::ip::tcp::socket::rebind_executor<asio::io_context::executor_type>::other;

// What every serving thread shares: the transport's options and the API's state.
struct ServerState {
    const TransportOptions& transport;
    ApiState& api;
};

// One serving thread: its io_context, acceptor, dispatcher and open connections.
struct Worker {
    Worker(ServerState& state, unsigned i)
        : index(i),
          dispatcher(state.api, i, [this](std::function<void()> work) { asio::post(ioc, std::move(work)); }) {
    }
    ~Worker() {
        dispatcher.forget_waiting();
        sweeping = false;  // the sessions that ioc's handlers hold die after deadline_timer
    }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    unsigned index;
    std::unordered_set<Session*> sessions;  // declared before ioc: handlers die first
    Dispatcher dispatcher;
    std::string log_scratch;
    RequestIds request_ids;
    bool stopping = false;
    std::time_t date_second = 0;
    std::string date;
    // One thread runs it, and only it touches the sockets: no locking of the reactor's I/O
    // (a lock and an unlock a read and a write). The upstream's answers post to it from other
    // threads, so the scheduler keeps its lock.
    asio::io_context ioc{BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO};
    asio::ip::tcp::acceptor acceptor{ioc};
    asio::steady_timer retry_timer{ioc};
    asio::steady_timer deadline_timer{ioc};  // the sessions' deadlines: watch_deadlines()
    bool sweeping = false;

    // The Date header's value, made once a second.
    std::string_view http_date() {
        const std::time_t now = std::time(nullptr);
        if (now != date_second) {
            date_second = now;
            date = http_date_of(now);
        }
        return date;
    }
};

}  // namespace tenki::server

// The HTTP transport's listener: one io_context per serving thread, each with its own SO_REUSEPORT
// acceptor (on a port no other program holds), and the signals that stop it. Sessions (session.cpp) read
// request heads with Beast (request_head.cpp) and write the answers as pre-built bytes (response_head.cpp).
// Beast stays here.
#include "tenki/server/transport/server.hpp"

#include <sys/signalfd.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "server/api/dispatch.hpp"
#include "server/api/metrics.hpp"
#include "server/transport/session.hpp"
#include "server/transport/worker.hpp"

namespace tenki::server {

namespace {

using tcp = asio::ip::tcp;
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

void accept(Worker& worker, ServerState& state) {
    worker.acceptor.async_accept(worker.ioc, [&worker, &state](beast::error_code ec, Socket socket) {
        if (!worker.acceptor.is_open()) return;
        if (ec) {
            // Out of descriptors and the like: pause, rather than spin on the error.
            worker.retry_timer.expires_after(std::chrono::milliseconds(50));
            worker.retry_timer.async_wait([&worker, &state](beast::error_code) {
                if (worker.acceptor.is_open()) accept(worker, state);
            });
            return;
        }
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        std::make_shared<Session>(worker, state, std::move(socket))->start();
        accept(worker, state);
    });
}

tl::unexpected<Error> cannot_listen(const tcp::endpoint& endpoint, const beast::error_code& ec) {
    const bool held = ec == asio::error::address_in_use;
    return fail(ErrorKind::cannot_listen,
                fmt::format("cannot listen on {}:{}: {} ({})", endpoint.address().to_string(),
                            endpoint.port(), held ? "address already in use" : ec.message(),
                            held ? "another program holds the port: stop it, or pick another --port"
                                 : "pick another --port or --host"));
}

// The port for the serving threads, held by no one else. Their SO_REUSEPORT group would join
// any other SO_REUSEPORT listener of this user's (another tenki) and share its requests; a
// socket bound without SO_REUSEPORT is refused by every listener on the port, tenki or not. So
// bind one so first (port 0: the kernel picks a free one), then let it go for the group.
Result<tcp::endpoint> claim_port(tcp::endpoint endpoint) {
    beast::error_code ec;
    asio::io_context context{1};
    tcp::acceptor probe(context);
    probe.open(endpoint.protocol(), ec);
    if (!ec) probe.set_option(asio::socket_base::reuse_address(true), ec);  // TIME_WAIT is no holder
    if (!ec) probe.bind(endpoint, ec);
    if (!ec) endpoint = probe.local_endpoint(ec);
    if (ec) return cannot_listen(endpoint, ec);
    return endpoint;
}

Result<void> listen(Worker& worker, tcp::endpoint endpoint) {
    beast::error_code ec;
    auto& a = worker.acceptor;
    a.open(endpoint.protocol(), ec);
    if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) a.set_option(ReusePort(true), ec);
    if (!ec) a.bind(endpoint, ec);
    if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return cannot_listen(endpoint, ec);
    return {};
}

// The signals serve acts on: SIGINT and SIGTERM stop it; SIGHUP (a terminal or a supervisor going
// away, or an operator asking for a log reopen) and SIGUSR1/2, which would kill by default, are
// logged and ignored.
sigset_t server_signals() {
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2}) sigaddset(&set, s);
    return set;
}

// Takes the server's signals from a signalfd, one at a time, until SIGINT or SIGTERM: then the
// main io_context runs out of work. The log is stderr, which tenki never opens itself, so there
// is nothing to reopen on SIGHUP.
void take_signals(asio::posix::stream_descriptor& fd, signalfd_siginfo& info, LogFormat format) {
    asio::async_read(
        fd, asio::buffer(&info, sizeof info), [&fd, &info, format](beast::error_code ec, std::size_t) {
            if (ec) return;
            const int signal = static_cast<int>(info.ssi_signo);
            if (signal == SIGINT || signal == SIGTERM) return;
            log_line(format, "signal",
                     fmt::format("SIG{} ignored: the log is stderr, nothing to reopen (SIGINT or "
                                 "SIGTERM stops tenki)",
                                 ::sigabbrev_np(signal)));
            take_signals(fd, info, format);
        });
}

unsigned thread_count(unsigned asked) {
    if (asked > 0) return asked;
    return std::max(1U, std::thread::hardware_concurrency());
}

// The serving threads, each listening on the same endpoint (port 0: a free one), and the port
// they listen on; cannot_listen when another program holds it.
Result<std::uint16_t> listen_all(std::vector<std::unique_ptr<Worker>>& workers, ServerState& state,
                                 const asio::ip::address& address, unsigned n) {
    auto claimed = claim_port(tcp::endpoint(address, state.transport.port));
    if (!claimed) return tl::unexpected(claimed.error());
    tcp::endpoint endpoint = *claimed;
    for (unsigned i = 0; i < n; ++i) {
        workers.push_back(std::make_unique<Worker>(state, i));
        if (auto ok = listen(*workers.back(), endpoint); !ok) return tl::unexpected(ok.error());
        endpoint = workers.back()->acceptor.local_endpoint();
    }
    return endpoint.port();
}

// Stop accepting, close idle connections, let requests in flight finish for the grace period;
// then stop the threads still running.
void stop_workers(std::vector<std::unique_ptr<Worker>>& workers, std::vector<std::thread>& threads,
                  std::mutex& mutex, std::condition_variable& finished, const unsigned& done,
                  std::chrono::seconds grace) {
    for (auto& w : workers) {
        asio::post(w->ioc, [worker = w.get()] {
            worker->stopping = true;
            beast::error_code ignored;
            worker->acceptor.close(ignored);
            worker->retry_timer.cancel();
            std::vector<Session*> open(worker->sessions.begin(), worker->sessions.end());
            for (auto* s : open) s->stop();
        });
    }
    {
        std::unique_lock lock(mutex);
        if (!finished.wait_for(lock, grace, [&] { return done == workers.size(); })) {
            for (auto& w : workers) w->ioc.stop();
        }
    }
    for (auto& t : threads) t.join();
}

}  // namespace

void block_server_signals() {
    const sigset_t set = server_signals();
    ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

Result<int> run_server(const TransportOptions& transport, const ApiOptions& api, WeatherService* service) {
    beast::error_code ec;
    auto address = asio::ip::make_address(transport.host, ec);
    if (ec)
        return fail(ErrorKind::invalid_input,
                    "--host '" + transport.host + "' is not an IP address: try 127.0.0.1");

    // Before listening, so a signal that comes as soon as the port is open is taken. Blocked here
    // too, should the caller not have (block_server_signals): the serving threads inherit it.
    block_server_signals();
    const sigset_t handled = server_signals();
    const int signal_fd = ::signalfd(-1, &handled, SFD_NONBLOCK | SFD_CLOEXEC);
    if (signal_fd < 0) throw std::system_error(errno, std::generic_category(), "signalfd");
    asio::io_context main_ioc{1};
    asio::posix::stream_descriptor signals(main_ioc, signal_fd);

    const unsigned n = thread_count(transport.threads);
    Metrics metrics(n);
    // Forms of the memoised documents: each thread keeps up to cache_entries entries of a few
    // documents, each in gzip and br; the forms and the documents each have a quarter of
    // cache_memory (ApiOptions), the documents' shared out among the threads.
    ApiState api_state{api, service, metrics,
                       CompressedForms(std::max<std::size_t>(api.cache_entries, 1) * 4, api.cache_memory / 4),
                       api.cache_memory / 4 / n};
    ServerState state{transport, api_state};

    std::vector<std::unique_ptr<Worker>> workers;
    auto port = listen_all(workers, state, address, n);
    if (!port) return tl::unexpected(port.error());
    if (transport.on_listening) transport.on_listening(*port);

    std::mutex mutex;
    std::condition_variable finished;
    unsigned done = 0;
    std::vector<std::thread> threads;
    for (auto& w : workers) {
        accept(*w, state);
        threads.emplace_back([&, worker = w.get()] {
            worker->ioc.run();
            std::lock_guard lock(mutex);
            ++done;
            finished.notify_all();
        });
    }

    signalfd_siginfo signal{};
    take_signals(signals, signal, transport.log_format);
    main_ioc.run();

    stop_workers(workers, threads, mutex, finished, done, transport.shutdown_grace);
    // Upstream calls still running answer into the workers' queues: let them, before those go.
    if (service) service->wait_idle();
    return 0;
}

}  // namespace tenki::server

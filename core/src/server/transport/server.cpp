// The HTTP transport: one io_context per serving thread, each with its own SO_REUSEPORT acceptor;
// Beast parses request heads and the answers are written as pre-built bytes. Beast stays here.
#include "tenki/server/transport/server.hpp"

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <ctime>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>

#include "server/transport/access_log.hpp"
#include "server/api/dispatch.hpp"
#include "server/api/metrics.hpp"
#include "tenki/server/transport/client_address.hpp"
#include "tenki/server/api/http_errors.hpp"
#include "tenki/server/api/routes.hpp"
#include "util/ascii.hpp"

namespace tenki::server {

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;
using ReusePort = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;

class Session;

// "Tue, 01 Dec 2026 07:10:42 GMT" (RFC 9110's IMF-fixdate) for unix seconds.
std::string http_date_of(std::int64_t unix_seconds) {
    const std::time_t t = unix_seconds;
    std::tm tm{};
    ::gmtime_r(&t, &tm);
    std::array<char, 40> text{};
    const auto n = std::strftime(text.data(), text.size(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    return std::string(text.data(), n);
}

// One serving thread: its io_context, acceptor, dispatcher and open connections.
struct Worker {
    Worker(ServerState& state, unsigned i)
        : index(i),
          dispatcher(state, i, [this](std::function<void()> work) { asio::post(ioc, std::move(work)); }) {}
    ~Worker() { dispatcher.forget_waiting(); }
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
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    asio::steady_timer retry_timer{ioc};

    std::string_view http_date() {
        const std::time_t now = std::time(nullptr);
        if (now != date_second) {
            date_second = now;
            date = http_date_of(now);
        }
        return date;
    }
};

// Reads only what dispatch needs from a request head, into the session's reused strings:
// nothing is allocated per request.
constexpr std::size_t k_max_logged_header = 512;

class RequestHead : public http::basic_parser<true> {
public:
    RequestHead(std::string& method, std::string& target, std::size_t max_url)
        : m_method(method), m_target(target), m_max_url(max_url) {}

    bool url_too_long = false;
    bool has_request_line = false;  // the start line was read whole: a header_limit is the fields'
    int version = 11;
    // Why a head that parsed is still refused (400 and close), empty when it is not.
    std::string_view refusal;
    // What a proxy says of the client; client_address() decides whether to believe it.
    std::string x_real_ip, x_forwarded_for;
    // For the access log and the answer's X-Request-Id.
    std::string x_request_id, referer, user_agent;
    // Conditional request headers (RFC 9110 section 13).
    std::string if_none_match, if_modified_since;
    // CORS: the page's origin, and a preflight's method.
    std::string origin, access_control_request_method;
    // Content negotiation: the codings the client takes.
    std::string accept_encoding;

private:
    void on_request_impl(http::verb, beast::string_view method, beast::string_view target, int v,
                         beast::error_code& ec) override {
        version = v;
        has_request_line = true;
        m_method.assign(method.data(), method.size());
        if (target.size() > m_max_url) {
            url_too_long = true;
            ec = http::error::bad_target;
            return;
        }
        m_target.assign(target.data(), target.size());
    }
    void on_response_impl(int, beast::string_view, int, beast::error_code&) override {}
    void on_field_impl(http::field field, beast::string_view name, beast::string_view value,
                       beast::error_code&) override {
        if (field == http::field::host) ++m_hosts;
        if (field == http::field::transfer_encoding) m_transfer_encoding = true;
        if (field == http::field::origin) {
            origin.assign(value.data(), std::min<std::size_t>(value.size(), k_max_logged_header));
        } else if (field == http::field::access_control_request_method) {
            access_control_request_method.assign(value.data(),
                                                 std::min<std::size_t>(value.size(), k_max_logged_header));
        } else if (field == http::field::accept_encoding) {
            if (!accept_encoding.empty()) accept_encoding += ',';  // repeated fields are one list
            accept_encoding.append(value.data(), std::min<std::size_t>(value.size(), k_max_logged_header));
        } else if (field == http::field::if_none_match) {
            if (!if_none_match.empty()) if_none_match += ',';  // repeated fields are one list
            if_none_match.append(value.data(), value.size());
        } else if (field == http::field::if_modified_since) {
            if_modified_since.assign(value.data(), value.size());
        } else if (field == http::field::referer) {
            referer.assign(value.data(), std::min<std::size_t>(value.size(), k_max_logged_header));
        } else if (field == http::field::user_agent) {
            user_agent.assign(value.data(), std::min<std::size_t>(value.size(), k_max_logged_header));
        } else if (field == http::field::unknown && beast::iequals(name, "x-request-id")) {
            x_request_id.assign(value.data(), value.size());
        } else if (field == http::field::unknown && beast::iequals(name, "x-real-ip")) {
            x_real_ip.assign(value.data(), value.size());
        } else if (field == http::field::unknown && beast::iequals(name, "x-forwarded-for")) {
            if (!x_forwarded_for.empty()) x_forwarded_for += ',';  // repeated fields are one list
            x_forwarded_for.append(value.data(), value.size());
        }
    }
    // RFC 9112: a body whose length cannot be known (3.3: a Transfer-Encoding that does not end in
    // chunked) would be read as the next request; a Host is required once on HTTP/1.1 (3.2).
    void on_header_impl(beast::error_code& ec) override {
        if (m_transfer_encoding && !chunked())
            refusal = "the request's Transfer-Encoding does not end in chunked: its length is unknown";
        else if (m_hosts > 1)
            refusal = "the request has more than one Host header";
        else if (m_hosts == 0 && version >= 11)
            refusal = "an HTTP/1.1 request needs a Host header";
        if (!refusal.empty()) ec = http::error::bad_value;
    }
    void on_body_init_impl(const boost::optional<std::uint64_t>&, beast::error_code&) override {}
    std::size_t on_body_impl(beast::string_view body, beast::error_code&) override { return body.size(); }
    void on_chunk_header_impl(std::uint64_t, beast::string_view, beast::error_code&) override {}
    std::size_t on_chunk_body_impl(std::uint64_t, beast::string_view body, beast::error_code&) override {
        return body.size();
    }
    void on_finish_impl(beast::error_code&) override {}

    std::string& m_method;
    std::string& m_target;
    std::size_t m_max_url;
    int m_hosts = 0;
    bool m_transfer_encoding = false;
};

// Longer than any method tenki implements (or any registered one): RFC 9112 3.1 asks for 501.
constexpr std::size_t k_max_method = 20;

// The request line did not fit: a method that never ends (501) or an overlong URL (414).
bool method_too_long(const beast::flat_buffer& buffer) {
    std::string_view start(static_cast<const char*>(buffer.data().data()), buffer.data().size());
    return start.substr(0, k_max_method + 1).find(' ') == std::string_view::npos;
}

// Unix seconds of an IMF-fixdate; nullopt for anything else (RFC 9110: then the header is ignored).
std::optional<std::int64_t> parse_http_date(const std::string& text) {
    std::tm tm{};
    const char* end = ::strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (end == nullptr || *end != '\0') return std::nullopt;
    return static_cast<std::int64_t>(::timegm(&tm));
}

// Whether If-None-Match lists the tag (or is "*"); weak comparison, as RFC 9110 13.1.2 asks.
bool tag_listed(std::string_view list, std::string_view etag) {
    while (!list.empty()) {
        const auto comma = list.find(',');
        auto item = util::trim(list.substr(0, comma));
        if (item.starts_with("W/")) item.remove_prefix(2);
        if (item == "*" || item == etag) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

void append_number(std::string& out, long long value) {
    std::array<char, 24> digits{};
    auto [end, ec] = std::to_chars(digits.data(), digits.data() + digits.size(), value);
    out.append(digits.data(), end);
}

// Access-Control-Allow-Origin's value when the request's origin may read this answer: "*" when
// any origin may, else the origin itself; "" when none (or the path is not the API's).
std::string cors_origin(const ServerOptions& options, std::string_view target, std::string_view origin) {
    if (options.cors_origins.empty() || origin.empty() || !target.starts_with("/api/")) return {};
    for (const auto& allowed : options.cors_origins) {
        if (allowed == "*") return "*";
        if (allowed == origin) return std::string(origin);
    }
    return {};
}

// A CORS preflight for one of the API's routes: 204 with the route's methods; false for a path
// the route table does not know (then the dispatcher answers as for any OPTIONS).
bool preflight(std::string_view target, Reply& reply) {
    const auto path = target.substr(0, target.find('?'));
    const auto found = match("GET", path);
    if (!found.route) return false;
    reply.reset();
    reply.route = static_cast<std::size_t>(found.route->id);
    reply.status = 204;
    reply.allow = found.route->methods;
    return true;
}

// RFC 9110 13.2.2: If-None-Match decides when present, else If-Modified-Since; only a 200 that
// has validators (a weather or forecast answer) becomes a 304.
bool not_modified(const RequestHead& head, const Reply& reply) {
    if (reply.status != 200 || reply.etag.empty()) return false;
    if (!head.if_none_match.empty()) return tag_listed(head.if_none_match, reply.etag);
    if (head.if_modified_since.empty() || reply.last_modified <= 0) return false;
    const auto since = parse_http_date(head.if_modified_since);
    return since && reply.last_modified <= *since;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(Worker& worker, ServerState& state, tcp::socket socket)
        : m_worker(worker),
          m_state(state),
          m_stream(std::move(socket)),
          m_buffer(state.options.max_header_bytes + 1024) {
        m_worker.sessions.insert(this);
        beast::error_code ec;
        auto remote = m_stream.socket().remote_endpoint(ec);
        m_peer = ec ? std::string("-") : remote.address().to_string();
        m_head.reserve(512);
    }
    ~Session() { m_worker.sessions.erase(this); }

    void start() { read(); }

    // Shutting down: an idle connection closes now, a busy one after its answer.
    void stop() {
        m_keep_alive = false;
        if (m_phase == Phase::reading || m_phase == Phase::closing) m_stream.close();
    }

private:
    enum class Phase { reading, waiting, writing, closing };
    static constexpr std::size_t k_max_drained = 1024 * 1024;

    void read() {
        m_phase = Phase::reading;
        m_parser.emplace(m_method, m_target, m_state.options.max_url_bytes);
        m_parser->header_limit(static_cast<std::uint32_t>(m_state.options.max_header_bytes));
        m_stream.expires_after(m_state.options.request_timeout);
        http::async_read_header(m_stream, m_buffer, *m_parser,
                                beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        m_started = SteadyClock::now();
        m_time = std::chrono::system_clock::now();
        m_client = m_peer;
        m_request_id.clear();
        m_cors.clear();
        m_keep_alive = false;
        m_head_only = false;
        if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
            ec == beast::error::timeout || ec == asio::error::connection_reset || ec == asio::error::eof) {
            m_stream.close();
            return;
        }
        if (ec) {
            m_reply.reset();
            const bool in_request_line = ec == http::error::header_limit && !m_parser->has_request_line;
            if (!m_parser->refusal.empty())
                set_error(m_reply, 400, "bad_request", m_parser->refusal);
            else if (in_request_line && method_too_long(m_buffer))
                set_error(m_reply, 501, "not_implemented", "the method is longer than any tenki implements");
            else if (m_parser->url_too_long || in_request_line)
                set_error(m_reply, 414, "uri_too_long",
                          "the URL is too long: a postal code needs only a few bytes");
            else if (ec == http::error::header_limit)
                set_error(m_reply, 431, "headers_too_large", "the request's headers are too large");
            else
                set_error(m_reply, 400, "bad_request", "the request is not valid HTTP/1.1");
            if (!m_parser->url_too_long && ec != http::error::header_limit) m_target.clear();
            if (!m_parser->has_request_line) m_method.clear();
            write();
            return;
        }
        m_head_only = m_method == "HEAD";
        m_client = client_address(m_peer, m_parser->x_real_ip, m_parser->x_forwarded_for,
                                  m_state.options.trusted_proxies);
        if (acceptable_request_id(m_parser->x_request_id)) m_request_id = m_parser->x_request_id;
        const bool has_body = m_parser->chunked() || m_parser->content_length().value_or(0) > 0;
        // A request body is never read: answer, then close rather than skip it.
        m_keep_alive = m_parser->keep_alive() && !has_body && !m_worker.stopping;
        // An answer that waits for the upstream resumes on this worker's thread, where the Session
        // (which unregisters from m_worker.sessions) also dies, never on an upstream thread.
        const Resume resume{shared_from_this(), [](void* self) { static_cast<Session*>(self)->on_answer(); }};
        m_cors = cors_origin(m_state.options, m_target, m_parser->origin);
        if (m_method == "OPTIONS" && !m_cors.empty() && !m_parser->access_control_request_method.empty() &&
            preflight(m_target, m_reply)) {
            write();
            return;
        }
        if (m_worker.dispatcher.handle(m_method, m_target, m_client, m_reply, resume) == Answered::now) {
            write();
            return;
        }
        m_phase = Phase::waiting;
        m_work.emplace(m_worker.ioc.get_executor());
    }

    void on_answer() {
        m_work.reset();
        write();
    }

    void build_head() {
        if (m_request_id.empty()) m_request_id = m_worker.request_ids.next();
        auto& h = m_head;
        h.clear();
        h += "HTTP/1.1 ";
        append_number(h, m_reply.status);
        h += ' ';
        h += reason_phrase(m_reply.status);
        h += "\r\nServer: tenki\r\nDate: ";
        h += m_worker.http_date();
        if (m_reply.status != 304 && m_reply.status != 204) {  // no body, and nothing said of one
            h += "\r\nContent-Type: ";
            h += m_reply.content_type;
            h += "\r\nContent-Length: ";
            append_number(h, static_cast<long long>(m_reply.body.size()));
            if (m_reply.coding != ContentCoding::identity) {
                h += "\r\nContent-Encoding: ";
                h += content_coding_name(m_reply.coding);
            }
        }
        h += "\r\nCache-Control: ";
        if (m_reply.max_age >= 0) {
            h += "public, max-age=";
            append_number(h, m_reply.max_age);
            if (!m_reply.etag.empty() && !m_reply.stale && m_state.options.stale_if_error.count() > 0) {
                h += ", stale-if-error=";
                append_number(h, m_state.options.stale_if_error.count());
            }
        } else {
            h += m_reply.cache_control;
        }
        if (!m_reply.etag.empty()) {
            h += "\r\nETag: ";
            h += m_reply.etag;
        }
        if (m_reply.last_modified > 0) {
            h += "\r\nLast-Modified: ";
            h += http_date_of(m_reply.last_modified);
        }
        if (m_reply.age >= 0) {
            h += "\r\nAge: ";
            append_number(h, m_reply.age);
        }
        h += "\r\nX-Request-Id: ";
        h += m_request_id;
        append_cors(h);
        if (!m_reply.x_cache.empty()) {
            h += "\r\nX-Cache: ";
            h += m_reply.x_cache;
        }
        if (m_reply.stale) h += "\r\nWarning: 110 - \"Response is Stale\"";
        if (!m_reply.allow.empty()) {
            h += "\r\nAllow: ";
            h += m_reply.allow;
        }
        if (m_reply.retry_after >= 0) {
            h += "\r\nRetry-After: ";
            append_number(h, m_reply.retry_after);
        }
        if (!m_keep_alive)
            h += "\r\nConnection: close";
        else if (m_parser->version == 10)
            h += "\r\nConnection: keep-alive";
        h += "\r\n\r\n";
    }

    // The CORS headers of an answer to an allowed origin (and of its preflight).
    void append_cors(std::string& h) const {
        const auto& origins = m_state.options.cors_origins;
        const bool any = std::find(origins.begin(), origins.end(), "*") != origins.end();
        const bool by_origin = !origins.empty() && !any && m_target.starts_with("/api/");
        if (m_reply.vary_encoding && by_origin)
            h += "\r\nVary: Accept-Encoding, Origin";
        else if (m_reply.vary_encoding)
            h += "\r\nVary: Accept-Encoding";
        else if (by_origin)
            h += "\r\nVary: Origin";
        if (m_cors.empty()) return;
        h += "\r\nAccess-Control-Allow-Origin: ";
        h += m_cors;
        if (m_reply.status == 204) {
            h += "\r\nAccess-Control-Allow-Methods: ";
            h += m_reply.allow;
            h += "\r\nAccess-Control-Allow-Headers: If-None-Match, If-Modified-Since, X-Request-Id"
                 "\r\nAccess-Control-Max-Age: 86400";
        } else {
            h +=
                "\r\nAccess-Control-Expose-Headers: ETag, Age, Last-Modified, Retry-After, Warning, X-Cache, "
                "X-Request-Id";
        }
    }

    void write() {
        m_phase = Phase::writing;
        if (m_worker.stopping) m_keep_alive = false;
        if (m_parser) choose_coding(m_reply, negotiate_coding(m_parser->accept_encoding));
        if (m_parser && not_modified(*m_parser, m_reply)) {
            m_reply.status = 304;
            m_head_only = true;
        }
        build_head();
        m_state.metrics.answered(m_worker.index, m_reply.route, m_reply.status);
        std::array<asio::const_buffer, 2> buffers{
            asio::buffer(m_head), asio::buffer(m_reply.body.data(), m_head_only ? 0 : m_reply.body.size())};
        m_stream.expires_after(m_state.options.request_timeout);
        asio::async_write(m_stream, buffers,
                          beast::bind_front_handler(&Session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t bytes) {
        const auto took = SteadyClock::now() - m_started;
        m_state.metrics.sent(m_worker.index, took);
        if (m_state.options.access_log) log_request(bytes - std::min(bytes, m_head.size()), took);
        m_reply.anchor.reset();
        if (ec) {
            m_stream.close();
            return;
        }
        if (!m_keep_alive || m_worker.stopping) {
            linger();
            return;
        }
        read();
    }

    void log_request(std::size_t body_bytes, SteadyClock::duration took) {
        AccessRecord record;
        record.time = m_time;
        record.client = m_client;
        record.method = m_method;
        record.target = m_target;
        record.status = m_reply.status;
        record.bytes = body_bytes;
        record.duration = took;
        record.x_cache = m_reply.x_cache;
        record.error_code = m_reply.error_code;
        record.request_id = m_request_id;
        if (m_parser) {
            record.version = m_parser->version;
            record.referer = m_parser->referer;
            record.user_agent = m_parser->user_agent;
        }
        write_access_log(m_worker.log_scratch, m_state.options.log_format, record);
    }

    // Closing with unread input would reset the connection and could destroy the answer before
    // the client reads it: send FIN, then read and drop what the client still sends, briefly.
    void linger() {
        m_phase = Phase::closing;
        beast::error_code ignored;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
        m_stream.expires_after(std::chrono::seconds(2));
        m_buffer.clear();
        drain(0);
    }

    void drain(std::size_t so_far) {
        m_stream.async_read_some(m_buffer.prepare(4096),
                                 [self = shared_from_this(), so_far](beast::error_code ec, std::size_t n) {
                                     if (ec || so_far + n > k_max_drained || self->m_worker.stopping) {
                                         self->m_stream.close();
                                         return;
                                     }
                                     self->drain(so_far + n);
                                 });
    }

    Worker& m_worker;
    ServerState& m_state;
    beast::tcp_stream m_stream;
    beast::flat_buffer m_buffer;
    std::optional<RequestHead> m_parser;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> m_work;
    std::string m_method, m_target, m_head, m_peer, m_request_id;
    std::string m_cors;  // Access-Control-Allow-Origin's value for this request; "": none
    std::chrono::system_clock::time_point m_time;
    std::string m_client;  // the peer's address, or the one a trusted proxy named
    Reply m_reply;
    SteadyClock::time_point m_started;
    Phase m_phase = Phase::reading;
    bool m_keep_alive = false;
    bool m_head_only = false;
};

void accept(Worker& worker, ServerState& state) {
    worker.acceptor.async_accept([&worker, &state](beast::error_code ec, tcp::socket socket) {
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

Result<void> listen(Worker& worker, tcp::endpoint endpoint) {
    beast::error_code ec;
    auto& a = worker.acceptor;
    a.open(endpoint.protocol(), ec);
    if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) a.set_option(ReusePort(true), ec);
    if (!ec) a.bind(endpoint, ec);
    if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        return fail(ErrorKind::io,
                    fmt::format("cannot listen on {}:{}: {} (pick another --port or --host)",
                                endpoint.address().to_string(), endpoint.port(), ec.message()));
    return {};
}

// SIGHUP (a terminal or a supervisor going away, or an operator asking for a log reopen) and
// SIGUSR1/2 would kill by default: log them and go on serving. The log is stderr, which tenki
// never opens itself, so there is nothing to reopen; SIGINT and SIGTERM stop.
void keep_serving_on(asio::signal_set& set) {
    set.async_wait([&set](beast::error_code ec, int signal) {
        if (ec) return;
        log_line(
            fmt::format("SIG{} ignored: the log is stderr, nothing to reopen (SIGINT or SIGTERM stops tenki)",
                        ::sigabbrev_np(signal)));
        keep_serving_on(set);
    });
}

// The signal mask survives exec: a supervisor, a shell or a CI runner may start tenki with some of
// these blocked, and a blocked SIGTERM would never stop it. Unblock the ones tenki acts on, in
// this thread before the serving threads exist, so they and this thread all take them.
void unblock_handled_signals() {
    sigset_t handled;
    sigemptyset(&handled);
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGUSR2}) sigaddset(&handled, s);
    ::pthread_sigmask(SIG_UNBLOCK, &handled, nullptr);
}

unsigned thread_count(unsigned asked) {
    if (asked > 0) return asked;
    return std::max(1U, std::thread::hardware_concurrency());
}

}  // namespace

Result<int> run_server(const ServerOptions& options, WeatherService* service) {
    beast::error_code ec;
    auto address = asio::ip::make_address(options.host, ec);
    if (ec)
        return fail(ErrorKind::invalid_input,
                    "--host '" + options.host + "' is not an IP address: try 127.0.0.1");

    // Before listening, so a signal that comes as soon as the port is open is handled.
    unblock_handled_signals();
    asio::io_context main_ioc{1};
    asio::signal_set signals(main_ioc, SIGINT, SIGTERM);
    asio::signal_set survived(main_ioc, SIGHUP, SIGUSR1, SIGUSR2);

    const unsigned n = thread_count(options.threads);
    Metrics metrics(n);
    // Forms of the memoised documents: each thread keeps up to cache_entries entries of a few
    // documents, each in gzip and br.
    ServerState state{options, service, metrics,
                      CompressedForms(std::max<std::size_t>(options.cache_entries, 1) * 4)};

    std::vector<std::unique_ptr<Worker>> workers;
    tcp::endpoint endpoint(address, options.port);
    for (unsigned i = 0; i < n; ++i) {
        workers.push_back(std::make_unique<Worker>(state, i));
        if (auto ok = listen(*workers.back(), endpoint); !ok) return tl::unexpected(ok.error());
        // Port 0 picks a free port once; the other acceptors share it.
        endpoint = workers.back()->acceptor.local_endpoint();
    }
    if (options.on_listening) options.on_listening(endpoint.port());

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

    signals.async_wait([&survived](beast::error_code, int) { survived.cancel(); });
    keep_serving_on(survived);
    main_ioc.run();

    // Stop accepting, close idle connections, let requests in flight finish.
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
        if (!finished.wait_for(lock, options.shutdown_grace, [&] { return done == n; })) {
            for (auto& w : workers) w->ioc.stop();
        }
    }
    for (auto& t : threads) t.join();
    // Upstream calls still running answer into the workers' queues: let them, before those go.
    if (service) service->wait_idle();
    return 0;
}

}  // namespace tenki::server

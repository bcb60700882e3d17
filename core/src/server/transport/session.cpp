#include "server/transport/session.hpp"

#include <algorithm>
#include <array>

#include "tenki/server/transport/client_address.hpp"

namespace tenki::server {

using tcp = asio::ip::tcp;

Session::Session(Worker& worker, ServerState& state, Socket socket)
    : m_worker(worker),
      m_state(state),
      m_socket(std::move(socket)),
      m_buffer(state.transport.max_header_bytes + 1024) {
    m_worker.sessions.insert(this);
    watch_deadlines(m_worker);
    beast::error_code ec;
    auto remote = m_socket.remote_endpoint(ec);
    m_peer = ec ? std::string("-") : remote.address().to_string();
}

Session::~Session() {
    m_worker.sessions.erase(this);
    if (m_worker.sessions.empty() && m_worker.sweeping) m_worker.deadline_timer.cancel();  // idle: sleep
}

namespace {

// How often a worker looks for sessions past their deadline: timeouts are this much late at most.
constexpr auto k_deadline_sweep = std::chrono::milliseconds(250);

void arm_deadline_sweep(Worker& worker) {
    worker.deadline_timer.expires_after(k_deadline_sweep);
    worker.deadline_timer.async_wait([&worker](beast::error_code) {
        const auto now = std::chrono::steady_clock::now();
        // Closing only cancels the socket's operations (their handlers run later): the set holds.
        for (auto* session : worker.sessions) session->close_if_late(now);
        if (worker.sessions.empty()) {
            worker.sweeping = false;
            return;
        }
        arm_deadline_sweep(worker);
    });
}

}  // namespace

void watch_deadlines(Worker& worker) {
    if (worker.sweeping) return;
    worker.sweeping = true;
    arm_deadline_sweep(worker);
}

void Session::close_if_late(SteadyClock::time_point now) {
    if (m_phase == Phase::waiting || now < m_deadline) return;
    close();
}

void Session::close() {
    beast::error_code ignored;
    m_socket.close(ignored);
}

void Session::expire_after(SteadyClock::duration timeout, SteadyClock::time_point now) {
    m_deadline = now + timeout;
}

void Session::stop() {
    m_keep_alive = false;
    if (m_phase == Phase::reading || m_phase == Phase::closing) close();
}

void Session::read(SteadyClock::time_point now) {
    m_phase = Phase::reading;
    m_parser.emplace(m_method, m_target, m_state.transport.max_url_bytes, m_fields);
    m_parser->header_limit(static_cast<std::uint32_t>(m_state.transport.max_header_bytes));
    expire_after(m_state.transport.request_timeout, now);
    if (m_buffer.size() > 0) {
        // A pipelined request, read with the last: parsed on the loop's next turn, as Beast does.
        asio::post(m_socket.get_executor(), [self = shared_from_this()] { self->parse(); });
        return;
    }
    read_some();
}

void Session::read_some() {
    const auto size = beast::read_size(m_buffer, 65536);
    if (size == 0) {
        on_read(http::error::buffer_overflow);
        return;
    }
    m_socket.async_read_some(m_buffer.prepare(size),
                             beast::bind_front_handler(&Session::on_read_some, shared_from_this()));
}

// As Beast's read_some_op: at the end of the stream, a head begun is cut short (put_eof's
// error), none begun is end_of_stream.
void Session::on_read_some(beast::error_code ec, std::size_t bytes) {
    m_buffer.commit(bytes);
    if (ec == asio::error::eof) {
        ec = {};
        if (m_parser->got_some())
            m_parser->put_eof(ec);
        else
            ec = http::error::end_of_stream;
        on_read(ec);
        return;
    }
    if (ec) {
        on_read(ec);
        return;
    }
    parse();
}

void Session::parse() {
    beast::error_code ec;
    while (!m_parser->is_header_done()) {
        const auto used = m_parser->put(m_buffer.data(), ec);
        m_buffer.consume(used);
        if (ec == http::error::need_more || (!ec && used == 0)) {
            read_some();
            return;
        }
        if (ec) break;
    }
    on_read(ec);
}

void Session::on_read(beast::error_code ec) {
    begin_request();
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == asio::error::connection_reset || ec == asio::error::eof) {
        close();
        return;
    }
    if (ec) {
        refuse(ec);
        return;
    }
    answer();
}

void Session::begin_request() {
    m_started = SteadyClock::now();
    if (m_state.transport.access_log) m_time = std::chrono::system_clock::now();
    m_client = m_peer;
    m_request_id.clear();
    m_cors.clear();
    m_keep_alive = false;
    m_head_only = false;
}

// A head that could not be read: its error, and what the access log can still say of it.
void Session::refuse(beast::error_code ec) {
    set_read_error(m_reply, *m_parser, ec, m_buffer);
    if (!m_parser->url_too_long && ec != http::error::header_limit) m_target.clear();
    if (!m_parser->has_request_line) m_method.clear();
    write();
}

void Session::answer() {
    m_head_only = m_method == "HEAD";
    m_client = client_address(m_peer, m_parser->x_real_ip, m_parser->x_forwarded_for,
                              m_state.transport.trusted_proxies);
    if (acceptable_request_id(m_parser->x_request_id)) m_request_id = m_parser->x_request_id;
    const bool has_body = m_parser->chunked() || m_parser->content_length().value_or(0) > 0;
    // A request body is never read: answer, then close rather than skip it.
    m_keep_alive = m_parser->keep_alive() && !has_body && !m_worker.stopping;
    // An answer that waits for the upstream resumes on this worker's thread, where the Session
    // (which unregisters from m_worker.sessions) also dies, never on an upstream thread.
    const Resume resume{shared_from_this(), [](void* self) { static_cast<Session*>(self)->on_answer(); }};
    m_cors = cors_origin(m_state.api.options, m_target, m_parser->origin);
    if (m_method == "OPTIONS" && !m_cors.empty() && !m_parser->access_control_request_method.empty() &&
        preflight(m_target, m_reply)) {
        write();
        return;
    }
    if (m_worker.dispatcher.handle(m_method, m_target, m_client, m_reply, resume, m_parser->accept_language,
                                   m_parser->user_agent) == Answered::now) {
        write();
        return;
    }
    m_phase = Phase::waiting;
    m_work.emplace(m_worker.ioc.get_executor());
}

void Session::on_answer() {
    m_work.reset();
    write();
}

ContentCoding Session::accepted_coding() {
    const auto& field = m_parser->accept_encoding;
    if (field != m_negotiated) {
        m_negotiated = field;
        m_accepted = negotiate_coding(field);
    }
    return m_accepted;
}

void Session::write() {
    // An answer made at once is written microseconds after its head was read: its deadline
    // counts from then, without reading the clock again.
    const auto now = m_phase == Phase::waiting ? SteadyClock::now() : m_started;
    m_phase = Phase::writing;
    if (m_worker.stopping) m_keep_alive = false;
    if (m_parser) choose_coding(m_reply, accepted_coding());
    if (m_parser && not_modified(*m_parser, m_reply)) {
        m_reply.status = 304;
        m_head_only = true;
    }
    if (m_request_id.empty()) m_worker.request_ids.next(m_request_id);
    const auto& head =
        m_head.write(m_reply, HeadFacts{m_state.api.options, m_worker.http_date(), m_request_id, m_target,
                                        m_cors, m_keep_alive, m_parser->version});
    m_state.api.metrics.answered(m_worker.index, m_reply.route, m_reply.status);
    std::array<asio::const_buffer, 2> buffers{
        asio::buffer(head), asio::buffer(m_reply.body.data(), m_head_only ? 0 : m_reply.body.size())};
    expire_after(m_state.transport.request_timeout, now);
    asio::async_write(m_socket, buffers, beast::bind_front_handler(&Session::on_write, shared_from_this()));
}

void Session::on_write(beast::error_code ec, std::size_t bytes) {
    const auto now = SteadyClock::now();
    const auto took = now - m_started;
    m_state.api.metrics.sent(m_worker.index, took);
    if (m_state.transport.access_log) log_request(bytes - std::min(bytes, m_head.head().size()), took);
    m_reply.anchor.reset();
    if (ec) {
        close();
        return;
    }
    if (!m_keep_alive || m_worker.stopping) {
        linger();
        return;
    }
    read(now);
}

void Session::log_request(std::size_t body_bytes, SteadyClock::duration took) {
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
    write_access_log(m_worker.log_scratch, m_state.transport.log_format, record);
}

// Closing with unread input would reset the connection and could destroy the answer before
// the client reads it: send FIN, then read and drop what the client still sends, briefly.
void Session::linger() {
    m_phase = Phase::closing;
    beast::error_code ignored;
    m_socket.shutdown(Socket::shutdown_send, ignored);
    expire_after(std::chrono::seconds(2), SteadyClock::now());
    m_buffer.clear();
    drain(0);
}

void Session::drain(std::size_t so_far) {
    m_socket.async_read_some(m_buffer.prepare(4096),
                             [self = shared_from_this(), so_far](beast::error_code ec, std::size_t n) {
                                 if (ec || so_far + n > k_max_drained || self->m_worker.stopping) {
                                     self->close();
                                     return;
                                 }
                                 self->drain(so_far + n);
                             });
}

}  // namespace tenki::server

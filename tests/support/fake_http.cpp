#include "support/fake_http.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <stdexcept>

namespace tenki::test {

namespace {

constexpr std::size_t k_max_head = 64 * 1024;

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trim(const std::string& s) {
    auto begin = s.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return {};
    return s.substr(begin, s.find_last_not_of(" \t\r") - begin + 1);
}

std::string percent_decode(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

std::map<std::string, std::string> parse_query(const std::string& query) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= query.size() && !query.empty()) {
        auto end = std::min(query.find('&', start), query.size());
        auto pair = query.substr(start, end - start);
        auto eq = pair.find('=');
        if (!pair.empty()) {
            out[percent_decode(pair.substr(0, eq))] =
                eq == std::string::npos ? std::string() : percent_decode(pair.substr(eq + 1));
        }
        start = end + 1;
    }
    return out;
}

std::optional<RecordedRequest> parse_head(const std::string& head) {
    RecordedRequest r;
    auto eol = head.find("\r\n");
    const std::string line = head.substr(0, eol);
    auto sp1 = line.find(' ');
    auto sp2 = line.find(' ', sp1 == std::string::npos ? sp1 : sp1 + 1);
    if (sp1 == std::string::npos || sp2 == std::string::npos) return std::nullopt;
    r.method = line.substr(0, sp1);
    r.target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    auto q = r.target.find('?');
    r.path = r.target.substr(0, q);
    if (q != std::string::npos) r.query = parse_query(r.target.substr(q + 1));
    for (auto pos = eol; pos != std::string::npos && pos + 2 < head.size();) {
        auto next = head.find("\r\n", pos + 2);
        auto header = head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
        if (auto colon = header.find(':'); colon != std::string::npos)
            r.headers[lower(trim(header.substr(0, colon)))] = trim(header.substr(colon + 1));
        pos = next;
    }
    return r;
}

bool send_all(int fd, std::string_view data) {
    while (!data.empty()) {
        auto n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::string reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 404: return "Not Found";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        default: return "Status";
    }
}

}  // namespace

std::string RecordedRequest::header(std::string name) const {
    auto it = headers.find(lower(std::move(name)));
    return it == headers.end() ? std::string() : it->second;
}

Reply Reply::json(int status, std::string body) {
    Reply r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

Reply Reply::text(int status, std::string body, std::string content_type) {
    Reply r = json(status, std::move(body));
    r.content_type = std::move(content_type);
    return r;
}

Reply Reply::redirect(int status, std::string location) {
    return text(status, "moved\n").with_header("Location", std::move(location));
}

Reply Reply::close_without_answer() {
    Reply r;
    r.mode = Mode::close_without_answer;
    return r;
}

Reply Reply::reset_mid_body(std::string body) {
    Reply r = json(200, std::move(body));
    r.mode = Mode::reset_mid_body;
    return r;
}

Reply Reply::with_header(std::string name, std::string value) const {
    Reply r = *this;
    r.headers.emplace_back(std::move(name), std::move(value));
    return r;
}

Reply Reply::with_delay(std::chrono::milliseconds pause) const {
    Reply r = *this;
    r.delay = pause;
    return r;
}

Reply Reply::with_trickle(std::chrono::milliseconds pause, std::size_t bytes) const {
    Reply r = *this;
    r.trickle = pause;
    r.trickle_bytes = std::max<std::size_t>(bytes, 1);
    return r;
}

Reply Reply::without_content_length() const {
    Reply r = *this;
    r.content_length = false;
    return r;
}

FakeHttpServer::FakeHttpServer(Handler protocol) : m_protocol(std::move(protocol)) {
    // Non-blocking: accept_loop accepts under m_mutex, and a connection gone since poll() must not
    // block it there.
    m_listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (m_listen_fd < 0 || ::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0 ||
        ::listen(m_listen_fd, SOMAXCONN) != 0 || ::pipe2(m_wake, O_CLOEXEC) != 0) {
        if (m_listen_fd >= 0) ::close(m_listen_fd);
        throw std::runtime_error("fake HTTP server: cannot listen on 127.0.0.1");
    }
    m_port = ntohs(addr.sin_port);
    m_acceptor = std::thread([this] { accept_loop(); });
}

FakeHttpServer::~FakeHttpServer() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        for (int fd : m_open) ::shutdown(fd, SHUT_RDWR);
    }
    m_changed.notify_all();
    [[maybe_unused]] auto n = ::write(m_wake[1], "x", 1);
    m_acceptor.join();
    for (auto& worker : m_workers) worker.join();
    ::close(m_listen_fd);
    ::close(m_wake[0]);
    ::close(m_wake[1]);
}

std::string FakeHttpServer::base_url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

void FakeHttpServer::route(std::string path, Reply reply) {
    std::lock_guard lock(m_mutex);
    m_routes.insert_or_assign(std::move(path), std::move(reply));
}

void FakeHttpServer::next(Reply reply) {
    std::lock_guard lock(m_mutex);
    m_next.push_back(std::move(reply));
}

void FakeHttpServer::always(Reply reply) {
    std::lock_guard lock(m_mutex);
    m_always = std::move(reply);
}

void FakeHttpServer::clear_script() {
    std::lock_guard lock(m_mutex);
    m_next.clear();
    m_always.reset();
}

void FakeHttpServer::hold() {
    std::lock_guard lock(m_mutex);
    m_held = true;
}

void FakeHttpServer::release() {
    {
        std::lock_guard lock(m_mutex);
        m_held = false;
    }
    m_changed.notify_all();
}

std::vector<RecordedRequest> FakeHttpServer::requests() const {
    std::unique_lock lock(m_mutex);
    settle(lock);
    return m_requests;
}

std::size_t FakeHttpServer::request_count() const {
    std::unique_lock lock(m_mutex);
    settle(lock);
    return m_requests.size();
}

// No connection waiting to be accepted (accept_loop accepts under m_mutex), and no open one with
// a request's bytes read but not recorded (m_reading) or still unread in the socket.
bool FakeHttpServer::settled_locked() const {
    pollfd listening{m_listen_fd, POLLIN, 0};
    if (::poll(&listening, 1, 0) > 0) return false;
    for (int fd : m_open) {
        if (m_reading.contains(fd)) return false;
        int unread = 0;
        if (::ioctl(fd, FIONREAD, &unread) == 0 && unread > 0) return false;
    }
    return true;
}

void FakeHttpServer::settle(std::unique_lock<std::mutex>& lock) const {
    using namespace std::chrono_literals;
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    while (!m_stopping && !settled_locked() && std::chrono::steady_clock::now() < deadline) {
        lock.unlock();
        std::this_thread::sleep_for(1ms);
        lock.lock();
    }
}

bool FakeHttpServer::wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, timeout, [&] { return m_requests.size() >= n; });
}

void FakeHttpServer::accept_loop() {
    for (;;) {
        pollfd fds[2] = {{m_listen_fd, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (fds[1].revents != 0) return;
        std::lock_guard lock(m_mutex);  // settled_locked() sees a connection queued or open, never neither
        int fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        ++m_connections;
        if (m_stopping) {
            ::close(fd);
            return;
        }
        m_open.insert(fd);
        m_workers.emplace_back([this, fd] { serve(fd); });
    }
}

// Reads one request head (through the blank line) from fd, keeping any extra bytes in buffer.
// From the moment bytes are readable until choose() records the request, fd is in m_reading.
std::optional<std::string> FakeHttpServer::read_head(int fd, std::string& buffer) {
    for (;;) {
        if (auto end = buffer.find("\r\n\r\n"); end != std::string::npos) {
            std::string head = buffer.substr(0, end);
            buffer.erase(0, end + 4);
            return head;
        }
        if (buffer.size() > k_max_head) return std::nullopt;
        pollfd readable{fd, POLLIN, 0};
        if (::poll(&readable, 1, -1) < 0) {
            if (errno == EINTR) continue;
            return std::nullopt;
        }
        {
            std::lock_guard lock(m_mutex);
            m_reading.insert(fd);
        }
        char chunk[4096];
        auto n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) return std::nullopt;
        buffer.append(chunk, static_cast<std::size_t>(n));
    }
}

void FakeHttpServer::serve(int fd) {
    std::string buffer;
    while (!m_stopping) {
        auto head = read_head(fd, buffer);
        if (!head) break;
        auto request = parse_head(*head);
        if (!request) {
            send_all(fd, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            break;
        }
        Reply reply = choose(fd, *request, !buffer.empty());
        if (!answer(fd, *request, reply)) break;
    }
    close_connection(fd);
}

Reply FakeHttpServer::choose(int fd, const RecordedRequest& request, bool more_buffered) {
    std::optional<Reply> scripted;
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(request);
        if (!more_buffered) m_reading.erase(fd);
        if (auto it = m_routes.find(request.path); it != m_routes.end()) {
            scripted = it->second;
        } else if (!m_next.empty()) {
            scripted = std::move(m_next.front());
            m_next.pop_front();
        } else if (m_always) {
            scripted = m_always;
        }
    }
    m_changed.notify_all();
    return scripted ? std::move(*scripted) : m_protocol(request);
}

// Sends the reply; true when the connection may carry another request.
bool FakeHttpServer::answer(int fd, const RecordedRequest& request, const Reply& reply) {
    if (!wait_while_held() || !pause(reply.delay)) return false;
    if (reply.mode == Reply::Mode::close_without_answer) return false;
    const bool keep_alive = reply.content_length && reply.mode == Reply::Mode::answer &&
                            lower(request.header("connection")) != "close";
    std::string head = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) + "\r\n";
    head += "Content-Type: " + reply.content_type + "\r\n";
    if (reply.content_length) head += "Content-Length: " + std::to_string(reply.body.size()) + "\r\n";
    for (const auto& [name, value] : reply.headers) head += name + ": " + value + "\r\n";
    head += keep_alive ? "\r\n" : "Connection: close\r\n\r\n";

    std::string_view body = reply.body;
    if (reply.mode == Reply::Mode::reset_mid_body) {
        send_all(fd, head + std::string(body.substr(0, body.size() / 2)));
        linger hard{1, 0};  // closing now sends RST instead of FIN
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        return false;
    }
    if (reply.trickle.count() == 0) return send_all(fd, head + std::string(body)) && keep_alive;
    if (!send_all(fd, head)) return false;
    while (!body.empty()) {
        auto chunk = body.substr(0, reply.trickle_bytes);
        if (!send_all(fd, chunk) || !pause(reply.trickle)) return false;
        body.remove_prefix(chunk.size());
    }
    return keep_alive;
}

bool FakeHttpServer::pause(std::chrono::milliseconds duration) {
    if (duration.count() <= 0) return !m_stopping;
    std::unique_lock lock(m_mutex);
    m_changed.wait_for(lock, duration, [&] { return m_stopping.load(); });
    return !m_stopping;
}

bool FakeHttpServer::wait_while_held() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_held || m_stopping.load(); });
    return !m_stopping;
}

void FakeHttpServer::close_connection(int fd) {
    std::lock_guard lock(m_mutex);
    m_open.erase(fd);
    m_reading.erase(fd);
    ::close(fd);
}

}  // namespace tenki::test

#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace tenki::test {

// One request as the fake server received it.
struct RecordedRequest {
    std::string method;
    std::string target;                          // as sent: "/data/2.5/weather?zip=94107,us&appid=..."
    std::string path;                            // "/data/2.5/weather"
    std::map<std::string, std::string> query;    // percent-decoded; a repeated name keeps the last
    std::map<std::string, std::string> headers;  // names lower-cased

    // The header's value, "" when absent; the name in any case.
    std::string header(std::string name) const;
};

// One scripted answer: a status and body, or a misbehaviour. Start from a factory, adjust with
// the `with_*` copies: `Reply::json(503, "{}").with_delay(2s)`.
struct Reply {
    enum class Mode {
        answer,                // the whole answer
        close_without_answer,  // read the request, then close the connection
        reset_mid_body,        // headers and half the body, then a TCP reset
    };
    Mode mode = Mode::answer;
    int status = 200;
    std::string body;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::chrono::milliseconds delay{0};    // before the first byte of the answer
    std::chrono::milliseconds trickle{0};  // pause between body chunks of `trickle_bytes`
    std::size_t trickle_bytes = 1;
    bool content_length = true;  // false: no Content-Length, the body ends when the connection closes

    static Reply json(int status, std::string body);
    static Reply text(int status, std::string body, std::string content_type = "text/plain");
    static Reply redirect(int status, std::string location);
    static Reply close_without_answer();
    static Reply reset_mid_body(std::string body);

    Reply with_header(std::string name, std::string value) const;
    Reply with_delay(std::chrono::milliseconds pause) const;
    Reply with_trickle(std::chrono::milliseconds pause, std::size_t bytes = 1) const;
    Reply without_content_length() const;
};

// A real HTTP/1.1 server on 127.0.0.1 and a free port, one thread per connection (keep-alive
// honoured), so many clients may be served at once. It answers, in order of precedence: a fixed
// route for the request's path, the next queued one-shot reply, the standing reply, else the
// protocol handler given at construction. hold() parks every answer until release(), for an
// upstream that hangs. Stopped in the destructor, even mid-delay or held.
class FakeHttpServer {
public:
    using Handler = std::function<Reply(const RecordedRequest&)>;

    explicit FakeHttpServer(Handler protocol);
    ~FakeHttpServer();
    FakeHttpServer(const FakeHttpServer&) = delete;
    FakeHttpServer& operator=(const FakeHttpServer&) = delete;

    int port() const { return m_port; }
    std::string base_url() const;  // "http://127.0.0.1:PORT"

    void route(std::string path, Reply reply);  // every request for this path, whatever the query
    void next(Reply reply);                     // the next request only; several queue in order
    void always(Reply reply);                   // every request from now on
    void clear_script();                        // back to the protocol (routes stay)

    // From hold() until release(), requests are recorded (wait_for_requests sees them) but each
    // answer waits: a slow or hung upstream. release() lets the parked answers go.
    void hold();
    void release();

    // What was asked so far. Both first wait (2 s at most) until every request a client has sent
    // is recorded: none waiting in the listen queue or unread in a connection, none read but not
    // yet recorded. So a count taken after a client run ended counts what it sent, however late
    // this server's threads run on a busy machine (a request tenki gave up on is still counted).
    std::vector<RecordedRequest> requests() const;
    std::size_t request_count() const;
    std::size_t connection_count() const { return m_connections.load(); }
    // Waits until at least n requests arrived; false on timeout.
    bool wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const;

private:
    void accept_loop();
    void serve(int fd);
    std::optional<std::string> read_head(int fd, std::string& buffer);
    bool settled_locked() const;  // m_mutex held
    void settle(std::unique_lock<std::mutex>& lock) const;
    // Records the request read from fd (no longer m_reading unless more bytes are buffered).
    Reply choose(int fd, const RecordedRequest& request, bool more_buffered);
    bool answer(int fd, const RecordedRequest& request, const Reply& reply);
    bool pause(std::chrono::milliseconds duration);  // false when the server is stopping
    bool wait_while_held();                          // false when the server is stopping
    void close_connection(int fd);

    Handler m_protocol;
    int m_listen_fd = -1;
    int m_wake[2] = {-1, -1};
    int m_port = 0;
    std::atomic<bool> m_stopping{false};
    std::atomic<std::size_t> m_connections{0};

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    std::set<int> m_open;
    std::set<int> m_reading;  // connections holding bytes of a request not yet recorded
    std::vector<std::thread> m_workers;
    std::map<std::string, Reply> m_routes;
    std::deque<Reply> m_next;
    std::optional<Reply> m_always;
    bool m_held = false;
    std::vector<RecordedRequest> m_requests;
    std::thread m_acceptor;
};

}  // namespace tenki::test

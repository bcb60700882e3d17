#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tenki::test {

struct HttpAnswer {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;

    // The header's value, or "" when absent.
    std::string header(const std::string& lower_case_name) const;
};

// A blocking HTTP/1.1 client to 127.0.0.1:port that keeps its connection alive between calls.
// Throws on connection failure or after `timeout` without an answer.
class HttpClient {
public:
    explicit HttpClient(int port, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    HttpAnswer call(std::string_view method, std::string_view target,
                    const std::vector<std::pair<std::string, std::string>>& headers = {});

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

// One request on a fresh connection.
HttpAnswer http_get(int port, std::string_view target, std::string_view method = "GET");

// A counter or gauge from a Prometheus text page, by its full name with labels; 0 when absent.
double prometheus_value(std::string_view page, std::string_view name);

// How many times `what` occurs in `text` (answers in a pipelined read, lines in a log).
std::size_t count_of(std::string_view text, std::string_view what);

// Sends raw bytes and returns all the server sends back until it closes the connection, or
// until `timeout` (then `timed_out`).
struct RawExchange {
    std::string received;
    bool timed_out = false;
};
RawExchange raw_exchange(int port, std::string_view bytes, std::chrono::milliseconds timeout);

}  // namespace tenki::test

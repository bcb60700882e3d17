#include "support/http_client.hpp"

#include <sstream>

#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <stdexcept>

namespace tenki::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string HttpAnswer::header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
}

struct HttpClient::Impl {
    asio::io_context ioc;
    tcp::socket socket{ioc};
    beast::flat_buffer buffer;
};

HttpClient::HttpClient(int port, std::chrono::milliseconds timeout) : m_impl(std::make_unique<Impl>()) {
    m_impl->socket.connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(m_impl->socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

HttpClient::~HttpClient() = default;

HttpAnswer HttpClient::call(std::string_view method, std::string_view target,
                            const std::vector<std::pair<std::string, std::string>>& headers) {
    http::request<http::empty_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, "127.0.0.1");
    for (const auto& [k, v] : headers) req.set(k, v);
    http::write(m_impl->socket, req);
    http::response_parser<http::string_body> parser;
    parser.body_limit(16 * 1024 * 1024);
    parser.skip(method == "HEAD");
    http::read(m_impl->socket, m_impl->buffer, parser);
    auto& res = parser.get();
    HttpAnswer answer;
    answer.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
        std::string name(field.name_string());
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        answer.headers[name] = std::string(field.value());
    }
    answer.body = std::move(res.body());
    return answer;
}

HttpAnswer http_get(int port, std::string_view target, std::string_view method) {
    HttpClient client(port);
    return client.call(method, target);
}

RawExchange raw_exchange(int port, std::string_view bytes, std::chrono::milliseconds timeout) {
    asio::io_context ioc;
    tcp::socket socket(ioc);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    beast::error_code ec;
    asio::write(socket, asio::buffer(bytes.data(), bytes.size()), ec);
    RawExchange out;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                          std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            out.timed_out = true;
            break;
        }
        pollfd p{socket.native_handle(), POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
        char chunk[4096];
        auto n = ::recv(socket.native_handle(), chunk, sizeof chunk, 0);
        if (n <= 0) break;
        out.received.append(chunk, static_cast<std::size_t>(n));
    }
    return out;
}

double prometheus_value(std::string_view page, std::string_view name) {
    std::istringstream lines{std::string(page)};
    const std::string prefix = std::string(name) + " ";
    std::string line;
    while (std::getline(lines, line))
        if (line.rfind(prefix, 0) == 0) return std::stod(line.substr(prefix.size()));
    return 0;
}

std::size_t count_of(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace tenki::test

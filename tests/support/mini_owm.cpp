#include "support/mini_owm.hpp"

#include <sys/socket.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <vector>

namespace tenki::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr const char* k_weather_body =
    R"({"coord":{"lon":-75.0,"lat":40.1},"weather":[{"id":800,"main":"Clear","description":"clear sky",)"
    R"("icon":"01d"}],"base":"stations","main":{"temp":293.15,"feels_like":292.5,"temp_min":291.0,)"
    R"("temp_max":295.0,"pressure":1015,"humidity":40},"visibility":10000,"wind":{"speed":3.6,"deg":200},)"
    R"("clouds":{"all":0},"dt":1700000000,"sys":{"country":"US","sunrise":1699960000,"sunset":1699996000},)"
    R"("timezone":-18000,"id":4560349,"name":"Testville","cod":200})";

}  // namespace

struct MiniOwm::State {
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc};
    std::thread accepter;
    std::vector<std::thread> connections;
    std::set<int> open_fds;
    mutable std::mutex mutex;
    mutable std::condition_variable changed;
    bool held = false;
    bool stopping = false;
    int requests = 0;
    std::optional<std::pair<int, std::string>> failure;

    void serve(tcp::socket socket) {
        beast::flat_buffer buffer;
        beast::error_code ec;
        for (;;) {
            http::request<http::string_body> req;
            http::read(socket, buffer, req, ec);
            if (ec) break;
            http::response<http::string_body> res = answer(req);
            res.keep_alive(req.keep_alive());
            res.prepare_payload();
            http::write(socket, res, ec);
            if (ec || !req.keep_alive()) break;
        }
        std::lock_guard lock(mutex);
        open_fds.erase(socket.native_handle());
        socket.shutdown(tcp::socket::shutdown_both, ec);
    }

    http::response<http::string_body> answer(const http::request<http::string_body>& req) {
        http::response<http::string_body> res{http::status::ok, req.version()};
        res.set(http::field::content_type, "application/json; charset=utf-8");
        std::string target(req.target());
        std::unique_lock lock(mutex);
        ++requests;
        changed.notify_all();
        changed.wait(lock, [this] { return !held || stopping; });
        if (target.rfind("/data/2.5/weather?", 0) != 0) {
            res.result(http::status::not_found);
            res.body() = R"({"cod":"404","message":"Internal error"})";
        } else if (target.find("appid=") == std::string::npos) {
            res.result(http::status::unauthorized);
            res.body() = R"({"cod":401,"message":"Invalid API key."})";
        } else if (failure) {
            res.result(static_cast<unsigned>(failure->first));
            if (failure->first == 429) res.set(http::field::retry_after, "7");
            res.body() = failure->second;
        } else if (target.find("zip=00000") != std::string::npos) {
            res.result(http::status::not_found);
            res.body() = R"({"cod":"404","message":"city not found"})";
        } else {
            res.body() = k_weather_body;
        }
        return res;
    }

    void accept_loop() {
        for (;;) {
            beast::error_code ec;
            tcp::socket socket(ioc);
            acceptor.accept(socket, ec);
            std::lock_guard lock(mutex);
            if (stopping) return;
            if (ec) continue;
            open_fds.insert(socket.native_handle());
            connections.emplace_back([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
        }
    }
};

MiniOwm::MiniOwm() : m_state(std::make_unique<State>()) {
    auto& s = *m_state;
    tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
    s.acceptor.open(endpoint.protocol());
    s.acceptor.set_option(asio::socket_base::reuse_address(true));
    s.acceptor.bind(endpoint);
    s.acceptor.listen();
    s.accepter = std::thread([&s] { s.accept_loop(); });
}

MiniOwm::~MiniOwm() {
    auto& s = *m_state;
    {
        std::lock_guard lock(s.mutex);
        s.stopping = true;
        s.changed.notify_all();
        // Wakes connection threads blocked reading an idle keep-alive connection.
        for (int fd : s.open_fds) ::shutdown(fd, SHUT_RDWR);
    }
    ::shutdown(s.acceptor.native_handle(), SHUT_RDWR);
    s.accepter.join();
    for (auto& t : s.connections) t.join();
}

std::string MiniOwm::base_url() const {
    return "http://127.0.0.1:" + std::to_string(m_state->acceptor.local_endpoint().port());
}

int MiniOwm::requests() const {
    std::lock_guard lock(m_state->mutex);
    return m_state->requests;
}

void MiniOwm::fail_with(int status, std::string body) {
    std::lock_guard lock(m_state->mutex);
    m_state->failure = std::make_pair(status, std::move(body));
}

void MiniOwm::succeed() {
    std::lock_guard lock(m_state->mutex);
    m_state->failure.reset();
}

void MiniOwm::hold() {
    std::lock_guard lock(m_state->mutex);
    m_state->held = true;
}

void MiniOwm::release() {
    std::lock_guard lock(m_state->mutex);
    m_state->held = false;
    m_state->changed.notify_all();
}

bool MiniOwm::wait_for_requests(int n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(m_state->mutex);
    return m_state->changed.wait_for(lock, timeout, [&] { return m_state->requests >= n; });
}

}  // namespace tenki::test

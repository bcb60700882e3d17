#include "support/fake_open_meteo.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tenki::test {

namespace {

constexpr std::size_t k_max_request = 64 * 1024;

[[noreturn]] void die(const char* what) {
    throw std::runtime_error(fmt::format("FakeOpenMeteo: {}: {}", what, std::strerror(errno)));
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size()) {
            unsigned value = 0;
            auto [end, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16);
            if (ec == std::errc() && end == text.data() + i + 3) {
                out += static_cast<char>(value);
                i += 2;
            } else {
                out += text[i];
            }
        } else {
            out += text[i];
        }
    }
    return out;
}

std::optional<RecordedRequest> parse_request(std::string_view head) {
    auto line_end = head.find("\r\n");
    std::string_view line = head.substr(0, line_end);
    auto sp1 = line.find(' ');
    auto sp2 = line.rfind(' ');
    if (sp1 == std::string_view::npos || sp2 == sp1) return std::nullopt;
    RecordedRequest r;
    r.method = std::string(line.substr(0, sp1));
    std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
    auto q = target.find('?');
    r.path = std::string(target.substr(0, q));
    if (q == std::string_view::npos) return r;
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
        auto amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        auto eq = pair.find('=');
        std::string key = percent_decode(pair.substr(0, eq));
        r.query[key] = eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
    return r;
}

std::optional<double> to_double(const std::map<std::string, std::string>& query, const std::string& key) {
    auto it = query.find(key);
    if (it == query.end()) return std::nullopt;
    double value = 0;
    auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
    if (ec != std::errc() || end != it->second.data() + it->second.size()) return std::nullopt;
    return value;
}

std::string status_text(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 404: return "Not Found";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Status";
    }
}

std::string http_response(int status, const std::string& content_type, const std::string& body) {
    return fmt::format(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}", status,
        status_text(status), content_type, body.size(), body);
}

std::string error_body(const std::string& reason) {
    return nlohmann::json{{"error", true}, {"reason", reason}}.dump();
}

void send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return;  // the client gave up (a timeout test): nothing to do
        sent += static_cast<std::size_t>(n);
    }
}

// Local wall-clock time, floored to the quarter hour as Open-Meteo's 15-minutely data is.
std::string local_quarter_hour(long offset_seconds) {
    std::time_t now = std::time(nullptr) + offset_seconds;
    now -= now % 900;
    std::tm tm{};
    gmtime_r(&now, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                       tm.tm_hour, tm.tm_min);
}

}  // namespace

FakeOpenMeteo::FakeOpenMeteo() {
    m_listen_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_listen_fd < 0) die("socket");
    int one = 1;
    ::setsockopt(m_listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;  // the kernel picks a free port
    if (::bind(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) die("bind");
    if (::listen(m_listen_fd, 16) != 0) die("listen");
    socklen_t len = sizeof addr;
    if (::getsockname(m_listen_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) die("getsockname");
    m_port = ntohs(addr.sin_port);
    if (::pipe2(m_wake_pipe, O_CLOEXEC) != 0) die("pipe2");
    m_thread = std::thread([this] { serve(); });
}

FakeOpenMeteo::~FakeOpenMeteo() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_stop_cv.notify_all();
    char byte = 0;
    [[maybe_unused]] auto n = ::write(m_wake_pipe[1], &byte, 1);
    m_thread.join();
    ::close(m_listen_fd);
    ::close(m_wake_pipe[0]);
    ::close(m_wake_pipe[1]);
}

std::string FakeOpenMeteo::base_url() const { return fmt::format("http://127.0.0.1:{}", m_port); }

void FakeOpenMeteo::answer_weather(int weather_code, bool is_day) {
    std::lock_guard lock(m_mutex);
    m_script.mode = Script::Mode::weather;
    m_script.weather_code = weather_code;
    m_script.is_day = is_day;
}

void FakeOpenMeteo::answer_error(int status, const std::string& reason) {
    answer_raw(status, error_body(reason));
}

void FakeOpenMeteo::answer_raw(int status, std::string body, std::string content_type) {
    std::lock_guard lock(m_mutex);
    m_script.mode = Script::Mode::raw;
    m_script.status = status;
    m_script.body = std::move(body);
    m_script.content_type = std::move(content_type);
}

void FakeOpenMeteo::set_delay(std::chrono::milliseconds delay) {
    std::lock_guard lock(m_mutex);
    m_script.delay = delay;
}

std::size_t FakeOpenMeteo::request_count() const {
    std::lock_guard lock(m_mutex);
    return m_requests.size();
}

std::vector<RecordedRequest> FakeOpenMeteo::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

double FakeOpenMeteo::celsius_at(double lat, double /*lon*/) {
    return std::round((30.0 - 0.5 * (std::abs(lat) - 20.0)) * 10.0) / 10.0;
}

void FakeOpenMeteo::serve() {
    for (;;) {
        pollfd fds[2] = {{m_listen_fd, POLLIN, 0}, {m_wake_pipe[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (fds[1].revents != 0) return;
        if ((fds[0].revents & POLLIN) == 0) continue;
        int fd = ::accept4(m_listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        handle(fd);
        ::close(fd);
    }
}

void FakeOpenMeteo::handle(int fd) {
    timeval timeout{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < k_max_request) {
        ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) return;
        head.append(buffer, static_cast<std::size_t>(n));
    }
    auto request = parse_request(head);
    if (!request) {
        send_all(fd, http_response(400, "text/plain", "bad request line\n"));
        return;
    }
    Script script;
    {
        std::unique_lock lock(m_mutex);
        m_requests.push_back(*request);
        script = m_script;
        if (script.delay.count() > 0) {
            m_stop_cv.wait_for(lock, script.delay, [this] { return m_stopping; });
            if (m_stopping) return;
        }
    }
    send_all(fd, respond(*request, script));
}

std::string FakeOpenMeteo::respond(const RecordedRequest& request, const Script& script) const {
    if (script.mode == Script::Mode::raw)
        return http_response(script.status, script.content_type, script.body);
    if (request.method != "GET" || request.path != "/v1/forecast") {
        return http_response(404, "application/json", error_body("Not Found"));
    }
    auto lat = to_double(request.query, "latitude");
    auto lon = to_double(request.query, "longitude");
    if (!lat || !lon) {
        return http_response(400, "application/json",
                             error_body("Value of type 'Float' required for key 'latitude'."));
    }
    if (std::abs(*lat) > 90) {
        return http_response(400, "application/json",
                             error_body("Latitude must be in range of -90 to 90°. Given: " +
                                        request.query.at("latitude") + "."));
    }
    auto unit = request.query.find("wind_speed_unit");
    const bool ms = unit != request.query.end() && unit->second == "ms";
    const long offset = std::lround(*lon / 15.0) * 3600;
    const double temp = celsius_at(*lat, *lon);
    const double wind = ms ? k_wind_ms : std::round(k_wind_ms * 3.6 * 10.0) / 10.0;
    const double gust = ms ? 2 * k_wind_ms : std::round(2 * k_wind_ms * 3.6 * 10.0) / 10.0;
    nlohmann::json doc = {
        {"latitude", std::round(*lat * 50.0) / 50.0},  // the model's grid point, not the place
        {"longitude", std::round(*lon * 50.0) / 50.0},
        {"generationtime_ms", 0.05},
        {"utc_offset_seconds", offset},
        {"timezone", fmt::format("Etc/GMT{:+}", -offset / 3600)},
        {"timezone_abbreviation", fmt::format("GMT{:+}", offset / 3600)},
        {"elevation", 18.0},
        {"current_units",
         {{"time", "iso8601"},
          {"interval", "seconds"},
          {"temperature_2m", "°C"},
          {"relative_humidity_2m", "%"},
          {"apparent_temperature", "°C"},
          {"is_day", ""},
          {"precipitation", "mm"},
          {"rain", "mm"},
          {"snowfall", "cm"},
          {"weather_code", "wmo code"},
          {"cloud_cover", "%"},
          {"pressure_msl", "hPa"},
          {"wind_speed_10m", ms ? "m/s" : "km/h"},
          {"wind_direction_10m", "°"},
          {"wind_gusts_10m", ms ? "m/s" : "km/h"}}},
        {"current",
         {{"time", local_quarter_hour(offset)},
          {"interval", 900},
          {"temperature_2m", temp},
          {"relative_humidity_2m", 71},
          {"apparent_temperature", temp - 1.5},
          {"is_day", script.is_day ? 1 : 0},
          {"precipitation", 0.0},
          {"rain", 0.0},
          {"snowfall", 0.0},
          {"weather_code", script.weather_code},
          {"cloud_cover", 40},
          {"pressure_msl", 1015.2},
          {"wind_speed_10m", wind},
          {"wind_direction_10m", 250},
          {"wind_gusts_10m", gust}}},
    };
    return http_response(200, "application/json", doc.dump());
}

}  // namespace tenki::test

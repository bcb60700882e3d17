#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tenki::test {

struct RecordedRequest {
    std::string method;                        // "GET"
    std::string path;                          // "/v1/forecast"
    std::map<std::string, std::string> query;  // percent-decoded
};

// A real HTTP/1.1 server for Open-Meteo's /v1/forecast on 127.0.0.1 and a free port, answering
// on its own thread one connection at a time (Connection: close). It listens before the
// constructor returns, so a test can use base_url() at once. By default it answers realistic
// JSON computed from the requested coordinates (see celsius_at); the answer can be scripted.
class FakeOpenMeteo {
public:
    FakeOpenMeteo();
    ~FakeOpenMeteo();
    FakeOpenMeteo(const FakeOpenMeteo&) = delete;
    FakeOpenMeteo& operator=(const FakeOpenMeteo&) = delete;

    std::string base_url() const;  // "http://127.0.0.1:PORT", no trailing slash

    // Each setting holds for every later request until changed.
    void answer_weather(int weather_code = 3, bool is_day = true);  // the default
    void answer_error(int status, const std::string& reason);       // {"error": true, "reason": ...}
    void answer_raw(int status, std::string body, std::string content_type = "application/json");
    void set_delay(std::chrono::milliseconds delay);  // before answering; cut short on destruction

    std::size_t request_count() const;
    std::vector<RecordedRequest> requests() const;

    // The temperature (°C) the default answer reports for a place: 30 less half a degree per
    // degree of latitude above 20°N, to one decimal.
    static double celsius_at(double lat, double lon);
    // The wind speed the default answer reports, in m/s (it answers in the unit asked for).
    static constexpr double k_wind_ms = 4.2;

private:
    struct Script {
        enum class Mode { weather, raw } mode = Mode::weather;
        int weather_code = 3;
        bool is_day = true;
        int status = 200;
        std::string body;
        std::string content_type = "application/json";
        std::chrono::milliseconds delay{0};
    };

    void serve();
    void handle(int fd);
    std::string respond(const RecordedRequest& request, const Script& script) const;

    int m_listen_fd = -1;
    int m_wake_pipe[2] = {-1, -1};
    unsigned short m_port = 0;
    mutable std::mutex m_mutex;
    std::condition_variable m_stop_cv;
    bool m_stopping = false;
    Script m_script;
    std::vector<RecordedRequest> m_requests;
    std::thread m_thread;
};

}  // namespace tenki::test

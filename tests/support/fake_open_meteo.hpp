#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

#include "support/fake_http.hpp"

namespace tenki::test {

// A fake Open-Meteo on the shared FakeHttpServer (a real HTTP/1.1 server on 127.0.0.1 and a free
// port). By default it answers /v1/forecast with realistic JSON computed from the requested
// coordinates (see celsius_at), and the geocoding API's /v1/search from four places with some of
// their postal codes (Paris 75001/75008/75016 FR, Berlin 10115/10967 DE, London SW1A/EC1A GB,
// Toronto M5H/M4B CA), matching a code by its first 3 characters too, as fuzzy matching may; the
// answer can be scripted.
class FakeOpenMeteo {
public:
    FakeOpenMeteo();

    std::string base_url() const { return m_server.base_url(); }

    // Each setting holds for every later request until changed.
    void answer_weather(int weather_code = 3, bool is_day = true);  // the default
    void answer_error(int status, const std::string& reason);       // {"error": true, "reason": ...}
    void answer_raw(int status, std::string body, std::string content_type = "application/json");
    void set_delay(std::chrono::milliseconds delay);  // before answering; cut short on destruction
    // A hung upstream: from hold() until release(), each request is recorded but not answered
    // (FakeHttpServer::hold), as FakeOwm's hold() does.
    void hold() { m_server.hold(); }
    void release() { m_server.release(); }
    // A forecast (a request with hourly= or daily=) gives at most `days` days, whatever it asked.
    void limit_forecast_days(int days);

    std::size_t request_count() const { return m_server.request_count(); }
    std::vector<RecordedRequest> requests() const { return m_server.requests(); }

    // The temperature (°C) the default answer reports for a place: 30 less half a degree per
    // degree of latitude above 20°N, to one decimal.
    static double celsius_at(double lat, double lon);
    // The hourly temperature (°C) the default forecast reports for a place at a local hour (0-23):
    // celsius_at plus 4 degrees at 15:00, less 4 at 03:00. Daily min/max are celsius_at -/+ 4.
    static double forecast_celsius_at(double lat, double lon, int local_hour);
    // The wind speed the default answer reports, in m/s (it answers in the unit asked for).
    static constexpr double k_wind_ms = 4.2;
    // The current uv_index and how far dew_point_2m is below temperature_2m (°C), each answered
    // only when `current=` names it.
    static constexpr double k_uv_index = 5.6;
    static constexpr double k_dew_point_below = 3.0;

private:
    struct Script {
        bool raw = false;
        int weather_code = 3;
        bool is_day = true;
        Reply reply;
        std::chrono::milliseconds delay{0};
        int max_days = 16;
    };

    Reply respond(const RecordedRequest& request);

    mutable std::mutex m_mutex;
    Script m_script;
    FakeHttpServer m_server;  // last: it stops before the script it reads goes away
};

}  // namespace tenki::test

#pragma once

#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "support/fake_http.hpp"

namespace tenki::test {

// A fake Open-Meteo Air Quality API on FakeHttpServer: GET /v1/air-quality answers the documented
// JSON with the `current` values set (by default us_aqi 42 and european_aqi 25 with PM2.5
// dominant on both), for any coordinates, echoing them; a request without latitude= or
// longitude= gets Open-Meteo's 400 {"error": true, "reason": ...}.
class FakeAirQuality {
public:
    FakeAirQuality();

    std::string base_url() const { return m_server.base_url(); }
    // The `current` object's values from now on, merged over the defaults; a null removes one (a
    // missing value, as Open-Meteo sends for a model without it).
    void set_current(const nlohmann::json& values);
    void answer_raw(Reply reply) { m_server.always(std::move(reply)); }
    void hold() { m_server.hold(); }
    void release() { m_server.release(); }

    std::size_t request_count() const { return m_server.request_count(); }
    std::vector<RecordedRequest> requests() const { return m_server.requests(); }

private:
    Reply respond(const RecordedRequest& request) const;

    mutable std::mutex m_mutex;
    nlohmann::json m_current;
    FakeHttpServer m_server;  // last: it stops before the values it reads go away
};

}  // namespace tenki::test

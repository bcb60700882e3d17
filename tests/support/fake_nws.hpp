#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "support/fake_http.hpp"

namespace tenki::test {

// One alert the fake serves, as CAP properties of the NWS API's GeoJSON features.
struct FakeAlert {
    std::string event = "Winter Storm Warning";
    std::string severity = "Severe";
    std::string headline = "Winter Storm Warning issued by NWS New York NY";
    std::string sender = "NWS New York NY";
    std::optional<std::int64_t> onset;    // unix seconds; nullopt: half an hour ago
    std::optional<std::int64_t> ends;     // unix seconds; nullopt: "ends": null
    std::optional<std::int64_t> expires;  // unix seconds; nullopt: one day from now
    std::string area = "New York (Manhattan)";
};

// A fake api.weather.gov on FakeHttpServer: GET /alerts/active?point=LAT,LON answers a GeoJSON
// FeatureCollection (application/geo+json) of the alerts set, whatever the point (none by
// default); a request without point= gets the NWS's 400 problem document. Times are written with
// a -05:00 offset, as the NWS writes Eastern times.
class FakeNws {
public:
    FakeNws();

    std::string base_url() const { return m_server.base_url(); }
    void set_alerts(std::vector<FakeAlert> alerts);
    // The CDN's HTML block page (403, text/html), as api.weather.gov's front answers a client it refuses.
    void answer_block_page();
    void answer_raw(Reply reply) { m_server.always(std::move(reply)); }
    void hold() { m_server.hold(); }
    void release() { m_server.release(); }

    std::size_t request_count() const { return m_server.request_count(); }
    bool wait_for_requests(std::size_t n, std::chrono::milliseconds timeout) const {
        return m_server.wait_for_requests(n, timeout);
    }
    std::vector<RecordedRequest> requests() const { return m_server.requests(); }

    // "2024-01-13T18:00:00-05:00" for a unix time.
    static std::string eastern(std::int64_t unix_s);

private:
    Reply respond(const RecordedRequest& request) const;

    mutable std::mutex m_mutex;
    std::vector<FakeAlert> m_alerts;
    FakeHttpServer m_server;  // last: it stops before the alerts it reads go away
};

}  // namespace tenki::test

#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace tenki::test {

// How a test starts `tenki serve` (ServedTenki).
struct ServeStart {
    std::vector<std::string> args;  // after `serve --port N`; a "--threads" here replaces `threads`
    std::string api_key;            // OWM_API_KEY and the key the fake OpenWeatherMap takes; "": none
    int threads = 2;
    bool fake_open_meteo = true;  // TENKI_OPENMETEO_URL at `meteo`; false: at a port nothing listens on
    // Environment set last, e.g. {"TENKI_FAILOVER_BACKOFF", "0"}: breakers that probe at once.
    std::vector<std::pair<std::string, std::string>> env = {};
};

// `tenki serve` as a real process on a free loopback port, against its own fake OpenWeatherMap
// (`owm`) and Open-Meteo (`meteo`), HOME and disk cache in `dir`. Returns once the port accepts
// (REQUIRE, 10 s); the Child stops it (SIGTERM) when the test ends.
class ServedTenki {
public:
    explicit ServedTenki(const ServeStart& start);

    // A counter or gauge from /metrics, by its full name with labels.
    double metric(const std::string& name) const;

    FakeOwm owm;
    FakeOpenMeteo meteo;
    TempDir dir;
    int port = free_port();
    std::unique_ptr<Child> child;
};

}  // namespace tenki::test

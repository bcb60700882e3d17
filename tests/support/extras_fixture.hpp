#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "support/fake_air_quality.hpp"
#include "support/fake_nws.hpp"
#include "tenki/service/extras.hpp"

namespace tenki::test {

// The extra sources (alerts, air) against the fake NWS and air-quality servers on loopback, with
// a clock the test moves (seconds since the epoch) and the lines they log.
struct ExtrasFixture {
    FakeNws nws;
    FakeAirQuality air;
    std::atomic<std::int64_t> now{static_cast<std::int64_t>(std::time(nullptr))};
    std::vector<std::string> logged;

    // The sources' config over the fakes. With disk_dir, answers are kept in that folder across
    // runs, as the CLI keeps them: each run builds its sources from a new config, as a process would.
    ExtraConfig config(const std::filesystem::path& disk_dir = {}) {
        ExtraConfig c;
        c.urls["TENKI_NWS_URL"] = nws.base_url();
        c.urls["TENKI_OPENMETEO_AIR_URL"] = air.base_url();
        c.clock = [this] { return now.load(); };
        c.log = [this](const std::string& line) { logged.push_back(line); };
        c.total_timeout = std::chrono::seconds(2);
        c.disk_dir = disk_dir;
        return c;
    }
};

}  // namespace tenki::test

#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "support/fake_air_quality.hpp"
#include "support/fake_nws.hpp"
#include "support/fake_open_meteo.hpp"
#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace tenki::test {

// A user's shell for the CLI tests, as ServedTenki is the server tests' `tenki serve`: the built tenki
// run to completion with its own HOME (the disk cache and the config file below it), against its own
// fake OpenWeatherMap (`owm`) and, when asked, its own fake Open-Meteo (`meteo`). A test sets the
// fields before it runs tenki; a test file derives from it for helpers of its own.
class TenkiShell {
public:
    explicit TenkiShell(const std::string& home_name = "tenki-home") : home(home_name) {}

    // The environment of every run: tenki_env's (none of the developer's settings), then `extra`.
    util::RunOptions options() const;
    // `tenki args...`, waiting at most 30 s.
    util::RunOutput run(const std::vector<std::string>& args) const;
    // `tenki command args...`.
    util::RunOutput run(const std::string& command, std::vector<std::string> args) const;
    // Writes the config file tenki reads by default (~/.config/tenki/config.toml); returns its path.
    std::filesystem::path config(const std::string& text) const;
    // Writes the fake's key to a file only its owner reads (0600); returns its path.
    std::filesystem::path write_key_file(const std::string& name = "owm.key") const;
    // Makes every answer in the disk cache (~/.cache, not breakers.json) `seconds` older, as if
    // fetched that long before it was; REQUIREs that there was one.
    void age_cache(std::int64_t seconds) const;

    FakeOwm owm;
    FakeOpenMeteo meteo;
    FakeNws nws;         // TENKI_NWS_URL: no alerts unless a test sets some
    FakeAirQuality air;  // TENKI_OPENMETEO_AIR_URL
    TempDir home;
    bool with_key = true;                // OWM_API_KEY holds the fake's key; false: unset
    bool with_open_meteo = false;        // TENKI_OPENMETEO_URL at `meteo`; false: where nothing listens
    std::optional<std::string> owm_url;  // TENKI_OWM_URL instead of the fake's
    std::optional<std::filesystem::path> key_file_env;                      // TENKI_KEY_FILE
    std::vector<std::pair<std::string, std::optional<std::string>>> extra;  // set (or unset) last
};

}  // namespace tenki::test

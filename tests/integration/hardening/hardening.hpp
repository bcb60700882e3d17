// The [hardening] tier's harness: `tenki serve` and `tenki weather` as real processes against a
// FakeOwm (or a dead upstream URL), with everything they print kept for the secrets check.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/fake_owm.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"

namespace tenki::test::hardening {

// Distinctive enough that any appearance in output is the key and nothing else.
inline constexpr const char* k_secret_key = "zq9SECRETkey7x4HARDENING0000feed";

// `tenki serve` on its own port; `upstream` overrides the FakeOwm's URL (a dead one).
struct Served {
    explicit Served(const std::vector<std::string>& extra = {}, std::optional<std::string> upstream = {}) {
        std::vector<std::string> argv{tenki_binary().string(), "serve",     "--port",
                                      std::to_string(port),    "--threads", "2"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        util::RunOptions options;
        options.env =
            tenki_env({dir.path(), upstream.value_or(owm.base_url()), "http://127.0.0.1:1", k_secret_key});
        // Each fault on its own: the breakers (Open-Meteo's where nothing listens) probe at once,
        // rather than answer the last fault for 30 s (the failover tests show them holding back).
        options.env.emplace_back("TENKI_FAILOVER_BACKOFF", "0");
        child = std::make_unique<Child>(argv, options, dir.path());
        if (!wait_for_port(port, std::chrono::seconds(10)))
            throw std::runtime_error("tenki serve did not start");
    }

    HttpAnswer get(const std::string& target) {
        auto a = http_get(port, target);
        seen.push_back(a);
        return a;
    }

    double metric(const std::string& name) { return prometheus_value(get("/metrics").body, name); }

    FakeOwm owm{k_secret_key};
    TempDir dir{"tenki-hardening"};
    int port = free_port();
    std::unique_ptr<Child> child;
    std::vector<HttpAnswer> seen;  // every answer, for the secrets check
};

// `tenki weather` as a user's shell runs it, with a fresh HOME and no disk cache carried over.
struct Shell {
    util::RunOutput run(std::vector<std::string> args, const std::string& upstream) const {
        util::RunOptions options;
        options.env = tenki_env({home.path(), upstream, "http://127.0.0.1:1", k_secret_key});
        options.env.emplace_back("TENKI_FAILOVER_BACKOFF", "0");  // each run on its own, as Served
        options.timeout = std::chrono::seconds(30);
        // 3 s: OpenWeatherMap's share (1.5 s, Open-Meteo being configured) is room for a quick
        // fault (8 MiB cut short, a reset) on a busy machine; a byte a second still times out.
        args.insert(args.begin(), {"weather", "--refresh", "--timeout", "3"});
        return run_tenki(args, options);
    }
    TempDir home{"tenki-hardening-home"};
};

// A URL on 127.0.0.1 where nothing listens (a port that was free a moment ago).
inline std::string refused_url() { return "http://127.0.0.1:" + std::to_string(free_port()); }

}  // namespace tenki::test::hardening

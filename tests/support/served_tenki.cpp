#include "support/served_tenki.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "support/http_client.hpp"

namespace tenki::test {

ServedTenki::ServedTenki(const ServeStart& start)
    : owm(start.api_key.empty() ? std::string(FakeOwm::k_api_key) : start.api_key) {
    std::vector<std::string> argv{tenki_binary().string(), "serve", "--port", std::to_string(port)};
    if (std::find(start.args.begin(), start.args.end(), "--threads") == start.args.end())
        argv.insert(argv.end(), {"--threads", std::to_string(start.threads)});
    argv.insert(argv.end(), start.args.begin(), start.args.end());
    TenkiEnv env{dir.path(), owm.base_url()};
    if (start.fake_open_meteo) env.open_meteo_url = meteo.base_url();
    if (!start.api_key.empty()) env.api_key = start.api_key;
    util::RunOptions options;
    options.env = tenki_env(env);
    for (const auto& [name, value] : start.env) options.env.emplace_back(name, value);
    child = std::make_unique<Child>(argv, options, dir.path());
    REQUIRE(wait_for_port(port, std::chrono::seconds(10)));
}

double ServedTenki::metric(const std::string& name) const {
    return prometheus_value(http_get(port, "/metrics").body, name);
}

}  // namespace tenki::test

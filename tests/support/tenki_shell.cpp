#include "support/tenki_shell.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

namespace tenki::test {

util::RunOptions TenkiShell::options() const {
    TenkiEnv env{home.path(), owm_url.value_or(owm.base_url())};
    if (with_open_meteo) env.open_meteo_url = meteo.base_url();
    if (with_key) env.api_key = std::string(owm.api_key());
    util::RunOptions options;
    options.env = tenki_env(env);
    if (key_file_env) options.env.emplace_back("TENKI_KEY_FILE", key_file_env->string());
    options.env.emplace_back("TENKI_NWS_URL", nws.base_url());
    options.env.emplace_back("TENKI_OPENMETEO_AIR_URL", air.base_url());
    options.env.insert(options.env.end(), extra.begin(), extra.end());
    options.timeout = std::chrono::seconds(30);
    return options;
}

util::RunOutput TenkiShell::run(const std::vector<std::string>& args) const {
    return run_tenki(args, options());
}

util::RunOutput TenkiShell::run(const std::string& command, std::vector<std::string> args) const {
    args.insert(args.begin(), command);
    return run(args);
}

std::filesystem::path TenkiShell::config(const std::string& text) const {
    return home.write(".config/tenki/config.toml", text);
}

std::filesystem::path TenkiShell::write_key_file(const std::string& name) const {
    auto path = home.write(name, std::string(FakeOwm::k_api_key) + "\n");
    ::chmod(path.c_str(), 0600);
    return path;
}

void TenkiShell::age_cache(std::int64_t seconds) const {
    int aged = 0;
    for (const auto& file : std::filesystem::recursive_directory_iterator(home / "cache")) {
        if (!file.is_regular_file() || file.path().extension() != ".json") continue;
        auto doc = nlohmann::json::parse(read_file(file.path()));
        if (!doc.contains("fetched_at")) continue;  // breakers.json: no answer
        doc["fetched_at"] = doc.at("fetched_at").get<std::int64_t>() - seconds;
        std::ofstream(file.path(), std::ios::trunc) << doc.dump();
        ++aged;
    }
    REQUIRE(aged > 0);
}

}  // namespace tenki::test

// What can be checked of the deploy files without a Docker engine or a booted systemd.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

using namespace tenki::test;
namespace fs = std::filesystem;

namespace {

bool have(const std::string& tool) {
    auto found = tenki::util::run_capture({"sh", "-c", "command -v " + tool});
    return found && found->status == 0;
}

std::string source(const std::string& relative) { return read_file(fs::path(TENKI_SOURCE_DIR) / relative); }

}  // namespace

TEST_CASE("the systemd units are hardened, keyless with a key drop-in, and pass systemd-analyze verify",
          "[integration][deploy][systemd]") {
    for (const char* unit : {"deploy/systemd/tenki.service", "deploy/systemd/tenki@.service"}) {
        INFO(unit);
        auto text = source(unit);
        for (const char* line : {"DynamicUser=yes", "NoNewPrivileges=yes", "ProtectSystem=strict",
                                 "\nEnvironment=XDG_CONFIG_HOME=/etc\n"})
            CHECK(text.find(line) != std::string::npos);
        // Keyless as shipped: a required credential would stop an Open-Meteo deployment starting.
        CHECK(text.find("LoadCredential") == std::string::npos);
        CHECK(text.find("--key-file") == std::string::npos);
    }
    const auto key_conf = source("deploy/systemd/tenki@.service.d/key.conf");
    for (const char* line : {"\n[Service]\n", "\nLoadCredential=owm-api-key:/etc/tenki/owm-api-key\n",
                             "\nEnvironment=TENKI_KEY_FILE=%d/owm-api-key\n"})
        CHECK(key_conf.find(line) != std::string::npos);
    if (!have("systemd-analyze")) {
        WARN(
            "SKIP: systemd-analyze is not installed (scripts/install-deps.sh installs systemd): units not "
            "verified");
        return;
    }
    // The units run /usr/bin/tenki: verify copies that run the built binary instead, each with
    // the key drop-in beside it (systemd-analyze reads NAME.d/ next to the unit).
    TempDir dir("tenki-units");
    for (const auto& [from, to] :
         {std::pair{"tenki.service", "tenki.service"}, std::pair{"tenki@.service", "tenki@5001.service"}}) {
        auto text = source(std::string("deploy/systemd/") + from);
        text.replace(text.find("/usr/bin/tenki"), 14, TENKI_BINARY_DIR "/tenki");
        text.erase(text.find("Documentation="),
                   text.find('\n', text.find("Documentation=")) - text.find("Documentation=") + 1);
        auto path = dir.write(to, text);
        dir.write(std::string(to) + ".d/key.conf", key_conf);
        auto verified = tenki::util::run_capture({"systemd-analyze", "verify", path.string()});
        REQUIRE(verified);
        INFO(verified->errors);
        CHECK(verified->status == 0);
        // Warnings (an unknown key, a bad specifier) leave the status 0: none may name our files.
        CHECK(verified->errors.find(dir.path().string()) == std::string::npos);
    }
}

TEST_CASE("docker-compose.yml is a valid compose file with nginx, two tenki, Redis and chromedriver",
          "[integration][deploy]") {
    if (!have("docker-compose")) {
        WARN("docker-compose is not installed (scripts/install-deps.sh installs it): not validated");
        return;
    }
    tenki::util::RunOptions options;
    options.cwd = fs::path(TENKI_SOURCE_DIR);
    options.env = {{"OWM_API_KEY", "x"}};
    auto services = tenki::util::run_capture({"docker-compose", "config", "--services"}, options);
    REQUIRE(services);
    INFO(services->errors);
    CHECK(services->status == 0);
    for (const char* name : {"nginx", "tenki1", "tenki2", "redis", "chromedriver"})
        CHECK(services->output.find(name) != std::string::npos);
}

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

TEST_CASE("the systemd units are hardened and pass systemd-analyze verify", "[integration][deploy]") {
    for (const char* unit : {"deploy/systemd/tenki.service", "deploy/systemd/tenki@.service"}) {
        INFO(unit);
        auto text = source(unit);
        for (const char* line : {"DynamicUser=yes", "NoNewPrivileges=yes", "ProtectSystem=strict",
                                 "LoadCredential=owm-api-key:", "--key-file %d/owm-api-key"})
            CHECK(text.find(line) != std::string::npos);
    }
    if (!have("systemd-analyze")) {
        WARN("systemd-analyze is not installed: units not verified");
        return;
    }
    // The units run /usr/bin/tenki: verify copies that run the built binary instead.
    TempDir dir("tenki-units");
    for (const auto& [from, to] :
         {std::pair{"tenki.service", "tenki.service"}, std::pair{"tenki@.service", "tenki@5001.service"}}) {
        auto text = source(std::string("deploy/systemd/") + from);
        text.replace(text.find("/usr/bin/tenki"), 14, TENKI_BINARY_DIR "/tenki");
        text.erase(text.find("Documentation="),
                   text.find('\n', text.find("Documentation=")) - text.find("Documentation=") + 1);
        auto path = dir.write(to, text);
        auto verified = tenki::util::run_capture({"systemd-analyze", "verify", path.string()});
        REQUIRE(verified);
        INFO(verified->errors);
        CHECK(verified->status == 0);
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

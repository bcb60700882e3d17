// Files that are not what tenki reads (a FIFO, a device) where it reads its config or an nginx config:
// every command that reads one fails at once, naming the file and why, instead of waiting forever on
// the FIFO or reading /dev/zero until memory runs out.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "support/tenki_shell.hpp"

namespace fs = std::filesystem;

namespace {

// A user whose config file (~/.config/tenki/config.toml, read by default) is not a regular file.
struct OddConfigShell : tenki::test::TenkiShell {
    fs::path config_path = home / ".config/tenki/config.toml";

    OddConfigShell() : TenkiShell("tenki-oddfile") { fs::create_directories(config_path.parent_path()); }

    // `tenki args...`: killed after 20 s, which only a hang takes.
    tenki::util::RunOutput run_briefly(const std::vector<std::string>& args) const {
        auto options = TenkiShell::options();
        options.timeout = std::chrono::seconds(20);
        auto out = tenki::test::run_tenki(args, options);
        INFO(out.output << out.errors);
        CHECK_FALSE(out.timed_out);
        return out;
    }

    // Each command that reads the config fails, naming the file and `why`: weather and serve with
    // exit 8 (io), a status bar with its error document (exit 0, so that the bar shows it).
    void check_every_reader(const std::string& why) const {
        const std::string port = std::to_string(tenki::test::free_port());
        struct Reader {
            std::vector<std::string> args;
            int status;
        };
        for (const auto& reader :
             {Reader{{"weather", "94107,us"}, 8}, Reader{{"weather", "--output", "waybar", "94107,us"}, 0},
              Reader{{"serve", "--port", port}, 8}}) {
            INFO(reader.args.at(0) << " " << reader.args.at(1));
            const auto out = run_briefly(reader.args);
            CHECK(out.status == reader.status);
            const std::string said = reader.status == 0 ? out.output : out.errors;
            if (reader.status == 0) CHECK(said.find("\"alt\":\"error\"") != std::string::npos);
            CHECK(said.find("the config file " + config_path.string() + " is not a regular file (" + why +
                            ")") != std::string::npos);
        }
    }
};

}  // namespace

TEST_CASE("a config file that is a FIFO: weather, the status bar and serve fail at once, naming it",
          "[integration][config]") {
    OddConfigShell sh;
    REQUIRE(::mkfifo(sh.config_path.c_str(), 0600) == 0);  // no writer: an ordinary read waits forever
    sh.check_every_reader("a FIFO");
}

TEST_CASE("a config file linked to /dev/zero: weather, the status bar and serve fail at once, naming it",
          "[integration][config]") {
    OddConfigShell sh;
    fs::create_symlink("/dev/zero", sh.config_path);  // read whole, it never ends
    sh.check_every_reader("a character device");
}

TEST_CASE("tenki check --nginx-conf /dev/zero or a FIFO: an error naming the file, at once",
          "[integration][check]") {
    OddConfigShell sh;
    const auto fifo = sh.home / "site.conf";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    for (const auto& [file, why] : {std::pair<fs::path, std::string>{"/dev/zero", "a character device"},
                                    std::pair<fs::path, std::string>{fifo, "a FIFO"}}) {
        INFO(file);
        const auto out = sh.run_briefly({"check", "--nginx-conf", file.string()});
        CHECK(out.status == 2);
        CHECK(out.output.find("ERROR nginx.unreadable: " + file.string() + " cannot be read") !=
              std::string::npos);
        CHECK(out.output.find("nginx.test_failed") == std::string::npos);
        CHECK(out.output.find("the nginx config " + file.string() + " is not a regular file (" + why + ")") !=
              std::string::npos);
    }
}

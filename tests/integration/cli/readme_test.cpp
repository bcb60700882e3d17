// Every command README.md shows in a ```sh block is run here, so none can go stale.
//
// The rule, by the command's program:
// - build/tenki weather|urls|...: run, against the fake OpenWeatherMap (the README's key, when it
//   exports one, is a placeholder: the fake's key is used); must exit 0 and print something.
// - build/tenki check in a block that serves: its options (check's own aside) must be those of
//   one `tenki serve` of the block, so it checks the configuration that is really running.
// - build/tenki serve: started in the background on a free port (the port it names, or 5000,
//   mapped to it), until the end of its block; curl and export lines in the block that name
//   127.0.0.1:PORT are pointed at what was started for PORT.
// - build/tenki test|integration|webtest ARGS, and `make test ARGS=...`: the filter is listed
//   (--list-test-names-only) and must name at least one test; the tiers are not run from inside
//   a tier (that would recurse), and Catch2's own -r/-o reporter options are left out.
// - redis-server: started as tests/support's RedisServer (loopback, nothing saved) for its port.
// - `sudo cp deploy/... /etc/nginx/...`, `sudo rm -f /etc/nginx/...`, `sudo nginx -t` and
//   `sudo systemctl reload nginx`: done on a copy of the machine's /etc/nginx, Debian's nginx as
//   installed with its default site (tests/support's DebianNginx), the instances' ports mapped;
//   `nginx -t` must pass, and the reload starts that nginx, for port 80.
// - make TARGET...: every target must be one of the Makefile's; none is run (they build, install
//   packages or run whole tiers).
// - ctest ARGS: listed (-N) against this build; at least one test.
// Any other program fails the test: a new kind of command must be taught here first.
// The status bars' snippets (```jsonc, ```ini, ```tmux blocks) are configuration, not commands:
// the tenki command each one runs is taken out of it and run as build/tenki is. A bar command
// (--output) must also leave stderr empty, since it exits 0 on failure too.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/debian_nginx.hpp"
#include "support/fake_owm.hpp"
#include "support/process.hpp"
#include "support/redis_server.hpp"
#include "support/temp_dir.hpp"
#include "util/subprocess.hpp"

using namespace tenki::test;
namespace fs = std::filesystem;

namespace {

// Splits a shell line into words: single and double quotes, backslash escapes outside single
// quotes; "&&" between commands becomes its own word. A '#' starting a word starts a comment.
std::vector<std::string> shell_words(const std::string& line) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote != 0) {
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"' && i + 1 < line.size())
                word += line[++i];
            else
                word += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            word += line[++i];
            in_word = true;
        } else if (c == ' ' || c == '\t') {
            if (in_word) words.push_back(word);
            word.clear();
            in_word = false;
        } else if (c == '#' && !in_word) {
            break;
        } else {
            word += c;
            in_word = true;
        }
    }
    if (in_word) words.push_back(word);
    return words;
}

using Command = std::vector<std::string>;
struct Block {
    int line = 0;  // where it starts in README.md
    std::vector<Command> commands;
};

std::vector<Block> readme_blocks(const std::string& readme) {
    std::vector<Block> blocks;
    std::istringstream lines(readme);
    bool inside = false;
    int number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        if (!inside && line.starts_with("```sh")) {
            inside = true;
            blocks.push_back({number, {}});
            continue;
        }
        if (!inside) continue;
        if (line.starts_with("```")) {
            inside = false;
            continue;
        }
        Command command;
        for (auto& word : shell_words(line)) {
            if (word == "&&") {
                if (!command.empty()) blocks.back().commands.push_back(std::move(command));
                command.clear();
            } else {
                command.push_back(std::move(word));
            }
        }
        if (!command.empty()) blocks.back().commands.push_back(std::move(command));
    }
    return blocks;
}

// The tenki commands the status bars' snippets run: `"exec": "tenki weather --output waybar"`,
// `command=tenki weather --output i3blocks`, `#(tenki weather --output plain)`, as build/tenki.
std::vector<Command> readme_snippet_commands(const std::string& readme) {
    static const std::regex command(R"(\btenki ((weather|forecast)[^"'()\n]*))");
    std::vector<Command> commands;
    std::istringstream lines(readme);
    bool inside = false;
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with("```")) {
            const auto lang = line.substr(3);
            inside = !inside && (lang == "jsonc" || lang == "ini" || lang == "tmux");
            continue;
        }
        std::smatch m;
        if (!inside || !std::regex_search(line, m, command)) continue;
        Command words{"build/tenki"};
        for (auto& word : shell_words(m[1])) words.push_back(std::move(word));
        commands.push_back(std::move(words));
    }
    return commands;
}

std::set<std::string> makefile_targets() {
    std::set<std::string> targets;
    std::istringstream lines(read_file(fs::path(TENKI_SOURCE_DIR) / "Makefile"));
    static const std::regex target(R"(^([a-z][a-z0-9-]*):([^=]|$))");
    std::smatch m;
    for (std::string line; std::getline(lines, line);)
        if (std::regex_search(line, m, target)) targets.insert(m[1]);
    return targets;
}

// The servers one README block started, and the ports it named for them.
class Session {
public:
    Session()
        : m_env{m_dir.path(), m_owm.base_url(), "http://127.0.0.1:1", std::string(FakeOwm::k_api_key)} {}

    void run(const Command& command) {
        const std::string& program = command[0];
        if (program == "build/tenki") return tenki(command);
        if (program == "make") return make(command);
        if (program == "curl") return curl(command);
        if (program == "export") return exported(command);
        if (program == "redis-server") return redis(command);
        if (program == "sudo") return sudo(Command(command.begin() + 1, command.end()));
        if (program == "ctest") return ctest(command);
        FAIL("a README command this test does not know how to check: " << program);
    }

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> env() const {
        auto vars = tenki_env(m_env);
        // The README's Redis, on a busy machine: a slow command is not a dead server.
        vars.emplace_back("TENKI_REDIS_TIMEOUT", "2");
        for (const auto& [name, value] : m_exports) vars.emplace_back(name, value);
        return vars;
    }

    // "http://127.0.0.1:6379/0" with 6379 replaced by what was started for it.
    std::string mapped(const std::string& text) const {
        static const std::regex local(R"((127\.0\.0\.1)(:([0-9]+))?)");
        std::smatch m;
        if (!std::regex_search(text, m, local)) return text;
        const int port = m[3].matched ? std::stoi(m[3]) : 80;
        auto found = m_ports.find(port);
        INFO(text);
        REQUIRE(found != m_ports.end());  // the block names a server it never started
        return m.prefix().str() + "127.0.0.1:" + std::to_string(found->second) + m.suffix().str();
    }

    void tenki(const Command& command) {
        REQUIRE(command.size() >= 2);
        const std::string& sub = command[1];
        if (sub == "serve") return serve(command);
        if (sub == "check") check_runs_what_is_served(command);
        if (sub == "test" || sub == "integration" || sub == "webtest")
            return list_tests(sub, Command(command.begin() + 2, command.end()));
        auto ran = run_tenki(Command(command.begin() + 1, command.end()), {.env = env()});
        INFO(ran.errors);
        CHECK(ran.status == 0);
        CHECK_FALSE(ran.output.empty());
        if (std::find(command.begin(), command.end(), "--output") != command.end()) CHECK(ran.errors.empty());
    }

    // A `tenki check` in a block that serves checks what is served: the options of one of the
    // block's `tenki serve` lines, and none the server does not run with (check's own aside).
    void check_runs_what_is_served(const Command& command) const {
        if (m_served.empty()) return;
        static const std::set<std::string> own{"--deploy", "--online", "--json"};
        static const std::set<std::string> own_with_value{"--nginx-conf", "--fail-level"};
        Command options;
        for (std::size_t i = 2; i < command.size(); ++i) {
            if (own_with_value.count(command[i]) == 1) {
                ++i;
                continue;
            }
            if (own.count(command[i]) == 0) options.push_back(command[i]);
        }
        INFO("tenki check must check a configuration the block serves");
        CHECK(std::find(m_served.begin(), m_served.end(), options) != m_served.end());
    }

    void serve(const Command& command) {
        m_served.emplace_back(command.begin() + 2, command.end());
        Command argv{tenki_binary().string()};
        int named = 5000;
        for (std::size_t i = 1; i < command.size(); ++i) {
            if (command[i] == "--port" && i + 1 < command.size()) {
                named = std::stoi(command[++i]);
                continue;
            }
            argv.push_back(command[i]);
        }
        const int port = free_port();
        argv.insert(argv.end(), {"--port", std::to_string(port)});
        m_children.push_back(
            std::make_unique<Child>(argv, tenki::util::RunOptions{.env = env()}, m_dir.path()));
        INFO(m_children.back()->stderr_text());
        REQUIRE(wait_for_port(port, std::chrono::seconds(10)));
        m_ports[named] = port;
    }

    static void list_tests(const std::string& tier, const Command& args) {
        Command argv{tier};
        for (std::size_t i = 0; i < args.size(); ++i) {
            if ((args[i] == "-r" || args[i] == "-o") && i + 1 < args.size()) {
                ++i;  // Catch2's reporter options
                continue;
            }
            argv.push_back(args[i]);
        }
        argv.push_back("--list-test-names-only");
        auto listed = run_tenki(argv);
        INFO("tenki " << tier << ": " << listed.errors);
        CHECK(listed.errors.find("no test matches") == std::string::npos);
        CHECK_FALSE(listed.output.empty());  // the exit status is Catch2's count of names
    }

    static void make(const Command& command) {
        static const auto targets = makefile_targets();
        for (std::size_t i = 1; i < command.size(); ++i) {
            const std::string& word = command[i];
            if (word.starts_with("ARGS=")) {
                CHECK((command[1] == "test" || command[1] == "integration" || command[1] == "webtest"));
                list_tests(command[1], shell_words(word.substr(5)));
            } else if (word.find('=') == std::string::npos) {
                INFO("make " << word);
                CHECK(targets.count(word) == 1);
            }
        }
    }

    void curl(const Command& command) {
        Command argv{"curl", "--fail", "--max-time", "10"};
        for (std::size_t i = 1; i < command.size(); ++i) argv.push_back(mapped(command[i]));
        auto ran = tenki::util::run_capture(argv);
        REQUIRE(ran);
        INFO(argv.back() << ": " << ran->errors);
        CHECK(ran->status == 0);
        CHECK_FALSE(ran->output.empty());
    }

    void exported(const Command& command) {
        for (std::size_t i = 1; i < command.size(); ++i) {
            const auto equals = command[i].find('=');
            REQUIRE(equals != std::string::npos);
            const std::string name = command[i].substr(0, equals);
            // The README's key is a placeholder; the provider here is the fake, with its key.
            m_exports[name] = name == "OWM_API_KEY" ? std::string(FakeOwm::k_api_key)
                                                    : mapped(command[i].substr(equals + 1));
        }
    }

    void redis(const Command& command) {
        int named = 6379;
        for (std::size_t i = 1; i + 1 < command.size(); ++i)
            if (command[i] == "--port") named = std::stoi(command[i + 1]);
        m_redis.push_back(std::make_unique<RedisServer>());
        m_ports[named] = m_redis.back()->port();
    }

    // Debian's nginx as installed (a copy of /etc/nginx, default site included): README's
    // `sudo` steps act on the copy, and the reload starts it, for port 80.
    void sudo(const Command& command) {
        REQUIRE_FALSE(command.empty());
        if (!m_debian) m_debian = std::make_unique<DebianNginx>();
        if (command[0] == "cp") {
            REQUIRE(command.size() == 3);
            INFO(command[1]);
            REQUIRE(fs::exists(fs::path(TENKI_SOURCE_DIR) / command[1]));
            fs::copy_file(fs::path(TENKI_SOURCE_DIR) / command[1], in_debian_etc(command[2]),
                          fs::copy_options::overwrite_existing);
        } else if (command[0] == "rm" && command.size() == 3 && command[1] == "-f") {
            fs::remove(in_debian_etc(command[2]));
        } else if (command[0] == "nginx" && command.size() == 2 && command[1] == "-t") {
            auto checked = m_debian->test(upstream_ports());
            INFO(checked.errors);
            CHECK(checked.status == 0);
        } else if (command[0] == "systemctl" && command.size() == 3 && command[1] == "reload" &&
                   command[2] == "nginx") {
            m_debian->start(upstream_ports());
            m_ports[80] = m_debian->port();
        } else {
            FAIL("a README sudo command this test does not know how to check: " << command[0]);
        }
    }

    // /etc/nginx/... in the copy of Debian's /etc/nginx.
    fs::path in_debian_etc(const std::string& path) const {
        INFO(path);
        REQUIRE(path.starts_with("/etc/nginx/"));
        return m_debian->etc() / path.substr(std::string("/etc/nginx/").size());
    }

    std::map<int, int> upstream_ports() const {
        REQUIRE(m_ports.count(5001) == 1);
        REQUIRE(m_ports.count(5002) == 1);
        return {{5001, m_ports.at(5001)}, {5002, m_ports.at(5002)}};
    }

    static void ctest(const Command& command) {
        Command argv{"ctest", "--test-dir", TENKI_BINARY_DIR, "-N"};
        for (std::size_t i = 1; i < command.size(); ++i) {
            if (command[i] == "--test-dir") {
                ++i;  // this build instead
                continue;
            }
            argv.push_back(command[i]);
        }
        auto listed = tenki::util::run_capture(argv);
        REQUIRE(listed);
        CHECK(listed->status == 0);
        static const std::regex total(R"(Total Tests: ([0-9]+))");
        std::smatch m;
        REQUIRE(std::regex_search(listed->output, m, total));
        CHECK(std::stoi(m[1]) > 0);
    }

    TempDir m_dir{"tenki-readme"};
    FakeOwm m_owm;
    TenkiEnv m_env;
    std::map<std::string, std::string> m_exports;
    std::map<int, int> m_ports;     // the port the README names -> the one started here
    std::vector<Command> m_served;  // each `tenki serve`'s options, as README gives them
    std::vector<std::unique_ptr<RedisServer>> m_redis;
    std::vector<std::unique_ptr<Child>> m_children;
    std::unique_ptr<DebianNginx> m_debian;
};

}  // namespace

TEST_CASE("shell_words splits as sh does, for the README's lines", "[integration][docs][readme]") {
    CHECK(shell_words(R"(build/tenki weather -f '{name} {temp:.0f}' # a comment)") ==
          Command{"build/tenki", "weather", "-f", "{name} {temp:.0f}"});
    CHECK(shell_words(R"(redis-server --save "" x\ y a#b)") ==
          Command{"redis-server", "--save", "", "x y", "a#b"});
    CHECK(shell_words(R"(make test ARGS='"*ZIP*"')") == Command{"make", "test", R"(ARGS="*ZIP*")"});
}

TEST_CASE("every command in README.md's shell blocks runs", "[integration][docs][readme]") {
    const auto blocks = readme_blocks(read_file(fs::path(TENKI_SOURCE_DIR) / "README.md"));
    std::size_t commands = 0;
    for (const auto& block : blocks) {
        Session session;  // each block on its own: the servers it starts stop at its end
        for (const auto& command : block.commands) {
            ++commands;
            std::string text;
            for (const auto& word : command) text += word + ' ';
            INFO("README.md block at line " << block.line << ": " << text);
            session.run(command);
        }
    }
    CHECK(blocks.size() >= 5);
    CHECK(commands >= 20);
}

TEST_CASE("the tenki command of every status-bar snippet in README.md runs", "[integration][docs][readme]") {
    const auto commands = readme_snippet_commands(read_file(fs::path(TENKI_SOURCE_DIR) / "README.md"));
    for (const auto& command : commands) {
        std::string text;
        for (const auto& word : command) text += word + ' ';
        INFO("README.md snippet: " << text);
        Session session;
        session.run(command);
    }
    CHECK(commands.size() >= 4);  // Waybar, i3blocks, polybar, tmux
}

#include <catch2/catch.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app.hpp"
#include "support/temp_dir.hpp"
#include "tenki/config/config.hpp"
#include "tenki/format/format.hpp"

namespace {

std::string source_text(const std::string& relative) {
    return tenki::test::read_file(std::string(TENKI_SOURCE_DIR) + "/" + relative);
}

// Every word a user can type: subcommands, aliases, long and short options, environment variables.
struct CliWords {
    std::set<std::string> commands, options, env;
};

void collect(CLI::App& app, CliWords& words) {
    for (const CLI::Option* opt : app.get_options()) {
        for (const auto& l : opt->get_lnames()) words.options.insert("--" + l);
        for (const auto& s : opt->get_snames()) words.options.insert("-" + s);
        if (!opt->get_envname().empty()) words.env.insert(opt->get_envname());
    }
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        words.commands.insert(sub->get_name());
        for (const auto& alias : sub->get_aliases()) words.commands.insert(alias);
        collect(*sub, words);
    }
}

CliWords cli_words() {
    CLI::App app;
    tenki::cli::Context ctx;
    tenki::cli::build_app(app, ctx);
    CliWords words;
    collect(app, words);
    return words;
}

// roff writes a hyphen as \- so "--env" is "\-\-env" in the page.
std::string roff(std::string word) {
    std::string out;
    for (char c : word) out += c == '-' ? std::string("\\-") : std::string(1, c);
    return out;
}

}  // namespace

TEST_CASE("every subcommand and option appears in each completion file and the man page", "[docs]") {
    const auto words = cli_words();
    REQUIRE(words.commands.count("test") == 1);
    REQUIRE(words.options.count("--version") == 1);
    const std::string man = source_text("man/tenki.1");
    REQUIRE_FALSE(man.empty());
    for (const char* file : {"completions/tenki.bash", "completions/_tenki", "completions/tenki.fish"}) {
        const std::string text = source_text(file);
        REQUIRE_FALSE(text.empty());
        for (const auto& c : words.commands) {
            INFO(file << " lacks subcommand " << c);
            CHECK(text.find(c) != std::string::npos);
        }
        const bool fish = std::string(file).ends_with(".fish");
        for (const auto& o : words.options) {
            // fish names options without dashes: "-l env", "-s v".
            const bool is_long = o.starts_with("--");
            const std::string spelled = fish ? (is_long ? "-l " + o.substr(2) : "-s " + o.substr(1)) : o;
            INFO(file << " lacks option " << o);
            CHECK(text.find(spelled) != std::string::npos);
        }
    }
    for (const auto& c : words.commands) {
        INFO("man page lacks subcommand " << c);
        CHECK(man.find(roff(c)) != std::string::npos);
    }
    for (const auto& o : words.options) {
        INFO("man page lacks option " << o);
        CHECK(man.find(roff(o)) != std::string::npos);
    }
    for (const auto& e : words.env) {
        INFO("man page lacks environment variable " << e);
        CHECK(man.find(e) != std::string::npos);
    }
}

TEST_CASE("every config key, its variable and its option are in the man page", "[docs][config]") {
    const std::string man = source_text("man/tenki.1");
    REQUIRE(man.find(".SH CONFIGURATION FILE") != std::string::npos);
    const auto words = cli_words();
    for (const auto& key : tenki::config_keys()) {
        const std::string name(key.name);
        INFO(name);
        CHECK(man.find(name) != std::string::npos);
        if (!key.env.empty()) CHECK(man.find(std::string(key.env)) != std::string::npos);
        if (!key.option.empty()) {
            CHECK(man.find(roff(std::string(key.option))) != std::string::npos);
            CHECK(words.options.count(std::string(key.option)) == 1);  // an option the CLI has
        }
    }
}

namespace {

std::size_t docs_occurrences(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE(
    "--units takes every value the config file and TENKI_UNITS take, auto included, as the help, "
    "the man page and the completions say",
    "[docs][config]") {
    const std::string choices(tenki::find_config_key("units")->choices);
    REQUIRE(choices.find("auto") != std::string::npos);
    std::string spaced = choices;
    std::replace(spaced.begin(), spaced.end(), '|', ' ');  // "auto metric imperial standard"
    std::istringstream values(spaced);
    for (std::string value; values >> value;) {
        for (const char* command : {"weather", "forecast"}) {
            INFO(command << " --units " << value);
            CLI::App app;
            tenki::cli::Context ctx;
            tenki::cli::build_app(app, ctx);
            // CLI11 parses a vector of arguments from its back.
            CHECK_NOTHROW(app.parse(std::vector<std::string>{value, "--units", command}));
            CHECK(app.get_subcommand(command)->get_option("--units")->get_description().find("auto") !=
                  std::string::npos);
        }
    }
    for (const char* file : {"completions/tenki.bash", "completions/_tenki", "completions/tenki.fish"}) {
        INFO(file);
        const auto text = source_text(file);
        CHECK(docs_occurrences(text, spaced) >= 1);
        CHECK(docs_occurrences(text, "metric imperial standard") ==
              docs_occurrences(text, spaced));  // each list has auto
    }
    CHECK(source_text("man/tenki.1").find(R"(\fBauto\fR, \fBmetric\fR)") != std::string::npos);
    CHECK(source_text("README.md").find("--units auto|metric|imperial|standard") != std::string::npos);
}

TEST_CASE("the man page names every kind of place the CLI takes, as --help does, never just a postal code",
          "[docs]") {
    const std::string man = source_text("man/tenki.1");
    const auto at = man.find(".SH DESCRIPTION");
    REQUIRE(at != std::string::npos);
    const auto description = man.substr(at, man.find(".SH", at + 1) - at);
    CLI::App app;
    tenki::cli::Context ctx;
    tenki::cli::build_app(app, ctx);
    for (const char* command : {"weather", "forecast"}) {
        const auto help = app.get_subcommand(command)->get_option("places")->get_description();
        INFO(command << ": " << help);
        // Each kind --help names, and the man page's description and weather's PLACE alike.
        for (const char* kind : {"ostal code", "cit", "coordinates", "[places]"}) {
            INFO(kind);
            CHECK(help.find(kind) != std::string::npos);
            CHECK(description.find(kind) != std::string::npos);
        }
    }
    CHECK(description.find("ZIP code") != std::string::npos);
    CHECK(description.find("weather for a postal") == std::string::npos);  // the sentence the issue quotes
    const auto weather = man.find(".B weather\nPrint the current weather");
    REQUIRE(weather != std::string::npos);
    CHECK(man.substr(weather, 1200).find(R"(\fB[places]\fR)") != std::string::npos);
}

TEST_CASE("the README and the man page give a stale answer's age as every face writes it", "[docs]") {
    // In seconds under a minute, else to the nearest minute: the README said "to the nearest minute"
    // alone while the CLI printed "16 s old".
    for (const char* file : {"README.md", "man/tenki.1"}) {
        INFO(file);
        const auto text = source_text(file);
        const auto at = text.find("marked with its age");
        REQUIRE(at != std::string::npos);
        const auto paragraph = text.substr(at, 300);
        CHECK(paragraph.find("in seconds under a minute") != std::string::npos);
        CHECK(paragraph.find(tenki::age_text(177)) != std::string::npos);  // "3 min"
    }
    CHECK(source_text("README.md").find("`" + tenki::stale_note(16).substr(7) + "`") != std::string::npos);
}

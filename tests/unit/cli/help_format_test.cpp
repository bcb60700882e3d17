#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "app.hpp"
#include "help_format.hpp"

using tenki::cli::wrap_help;

namespace {

// The widest line of text in bytes (ASCII here, but for the heading's two CJK characters),
// leaving out a line that is one word too long to break (an indented URL pattern).
std::size_t widest(const std::string& text) {
    std::istringstream lines(text);
    std::size_t widest = 0;
    for (std::string line; std::getline(lines, line);) {
        const auto first = line.find_first_not_of(' ');
        if (first != std::string::npos && line.find(' ', first) == std::string::npos) continue;
        widest = std::max(widest, line.size());
    }
    return widest;
}

}  // namespace

TEST_CASE("wrap_help continues a description under its column", "[cli]") {
    const std::string row = "  -c,--country TEXT   Country for codes without one (ISO 3166, default us)";
    CHECK(wrap_help(row, 50, 22) ==
          "  -c,--country TEXT   Country for codes without\n"
          "                      one (ISO 3166, default us)");
}

TEST_CASE("wrap_help continues an option whose name fills the column under the description", "[cli]") {
    const std::string row =
        "  --hours INT:INT in [1 - 48] Hours ahead to show, 1-48 (implies --hourly; default 24)";
    CHECK(wrap_help(row, 80, 30) ==
          "  --hours INT:INT in [1 - 48] Hours ahead to show, 1-48 (implies --hourly;\n"
          "                              default 24)");
}

TEST_CASE("wrap_help continues other lines under their own indentation and leaves short ones alone",
          "[cli]") {
    CHECK(wrap_help("Exit status: 0 success; 2 usage error", 20, 30) ==
          "Exit status: 0\nsuccess; 2 usage\nerror");
    CHECK(wrap_help("  indented words go on", 12, 30) == "  indented\n  words go\n  on");
    CHECK(wrap_help("short\n\nlines\n", 80, 30) == "short\n\nlines\n");
    CHECK(wrap_help("a https://a-long-address.example/path", 10, 30) ==
          "a\nhttps://a-long-address.example/path");
}

TEST_CASE("wrap_help counts a CJK character as two columns", "[cli]") {
    // "天気" is 6 bytes and 4 columns: "tenki (天気) x" is 14 columns.
    CHECK(wrap_help("tenki (天気) x", 14, 30) == "tenki (天気) x");
    CHECK(wrap_help("tenki (天気) x", 13, 30) == "tenki (天気)\nx");
}

TEST_CASE("every help page of the real command line fits the width it is wrapped to", "[cli]") {
    for (std::size_t width : {80U, 60U}) {
        CLI::App app;
        tenki::cli::Context ctx;
        tenki::cli::build_app(app, ctx);
        app.formatter(std::make_shared<tenki::cli::WrappingFormatter>(width));
        for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
            sub->formatter(app.get_formatter());
        INFO("width " << width);
        // +2: the heading's two CJK characters are three bytes and two columns each.
        CHECK(widest(app.help()) <= width + 2);
        for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
            INFO(sub->get_name());
            CHECK(widest(sub->help()) <= width);
        }
    }
}

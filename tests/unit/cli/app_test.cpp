#include <catch2/catch.hpp>

#include <CLI/CLI.hpp>

#include "app.hpp"
#include "context.hpp"

// `tenki weather ...` and `tenki forecast ...` build only their subcommand: it must be the same
// subcommand, with the same options and help, as in the whole command line.
TEST_CASE("a command line built for weather or forecast alone has that subcommand as the whole one's",
          "[cli]") {
    for (const char* name : {"weather", "forecast"}) {
        INFO(name);
        CLI::App whole, alone;
        tenki::cli::Context whole_ctx, alone_ctx;
        tenki::cli::build_app(whole, whole_ctx);
        tenki::cli::build_app(alone, alone_ctx, name);
        REQUIRE(alone.get_subcommands({}).size() == 1);
        // Option by option (the help text itself lists an option's exclusions in the order of
        // their addresses, which differ from one build of the command line to the next).
        const auto alone_options = alone.get_subcommand(name)->get_options();
        const auto whole_options = whole.get_subcommand(name)->get_options();
        REQUIRE(alone_options.size() == whole_options.size());
        for (std::size_t i = 0; i < alone_options.size(); ++i) {
            CHECK(alone_options[i]->get_name() == whole_options[i]->get_name());
            CHECK(alone_options[i]->get_description() == whole_options[i]->get_description());
            CHECK(alone_options[i]->get_excludes().size() == whole_options[i]->get_excludes().size());
        }
        CHECK(alone.get_subcommand(name)->get_description() == whole.get_subcommand(name)->get_description());
        CHECK(alone.get_subcommand(name)->get_footer() == whole.get_subcommand(name)->get_footer());
        CHECK(alone.get_options().size() == whole.get_options().size());  // the global options
    }
    CLI::App version_only;
    tenki::cli::Context ctx;
    tenki::cli::build_app(version_only, ctx, "--version");
    CHECK(version_only.get_subcommands({}).empty());
    CHECK(version_only.get_option_no_throw("--version") != nullptr);
}

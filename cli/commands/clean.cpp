#include <filesystem>
#include <iostream>
#include <memory>

#include "commands/commands.hpp"
#include "tenki/devtools/clean.hpp"

namespace tenki::cli {

namespace {

namespace fs = std::filesystem;

struct CleanOptions {
    bool dry_run = false;
};

CommandResult run_clean(const CleanOptions& opt) {
    std::error_code ec;
    const fs::path root = fs::current_path(ec);
    if (ec) return fail(ErrorKind::io, "cannot read the current directory: " + ec.message());
    auto litter = devtools::find_litter(root, devtools::git_tracked_files(root));
    auto removed = devtools::remove_litter(root, litter, opt.dry_run, [&](const fs::path& p) {
        std::cout << (opt.dry_run ? "Would remove " : "Removing ") << p.string() << '\n';
    });
    if (!removed) return tl::unexpected(removed.error());
    return 0;
}

}  // namespace

void register_clean(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<CleanOptions>();
    auto* sub = app.add_subcommand(
        "clean", "Remove build and test litter under the current directory (never a tracked file)");
    sub->add_flag("-n,--dry-run", opt->dry_run, "List what would be removed, remove nothing");
    sub->callback([opt, &ctx] { ctx.run = [opt] { return run_clean(*opt); }; });
}

}  // namespace tenki::cli

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
    const fs::path start = fs::current_path(ec);
    if (ec) return fail(ErrorKind::io, "cannot read the current directory: " + ec.message());
    auto plan = devtools::plan_clean(start);
    if (!plan) return tl::unexpected(plan.error());
    auto removed = devtools::remove_litter(*plan, opt.dry_run, [&](const fs::path& p) {
        std::cout << (opt.dry_run ? "Would remove " : "Removing ") << p.string() << '\n';
    });
    if (!removed) return tl::unexpected(removed.error());
    if (plan->walk_errors.empty()) return 0;
    std::cout.flush();
    for (const auto& error : plan->walk_errors) std::cerr << "tenki: " << error << '\n';
    return fail(ErrorKind::io, std::to_string(plan->walk_errors.size()) +
                                   " folder(s) could not be read, so they were not cleaned (see above)");
}

}  // namespace

void register_clean(CLI::App& app, Context& ctx) {
    auto opt = std::make_shared<CleanOptions>();
    auto* sub = app.add_subcommand(
        "clean", "Remove build and test litter under the current directory (never a tracked file)");
    sub->add_flag("-n,--dry-run", opt->dry_run, "List what would be removed, remove nothing");
    sub->footer(
        "Works only inside a git work tree, and spares every file git tracks there, in submodules and "
        "in nested repositories. When git cannot say (not installed, refusing the repository, no work "
        "tree), it removes nothing and exits non-zero. Never follows a symlink.");
    sub->callback([opt, &ctx] { ctx.run = [opt] { return run_clean(*opt); }; });
}

}  // namespace tenki::cli

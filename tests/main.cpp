// The one Catch2 binary. `--tier unit|integration|web` selects the tier by tag, ANDed with every
// alternative of the user's own filter; a filter that matches no test is an error.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "support/tier_filter.hpp"

namespace {

// The filter as the user gave it, before the tier's tags were ANDed into it: what is shown.
std::vector<std::string> g_user_filter;

// Catch2's console reporter, its "Filters:" line naming the user's filter, not the tier's
// rewritten one (`tenki test "pattern"` printed "~[integration]~[web] pattern").
struct TierConsoleReporter : Catch::ConsoleReporter {
    using ConsoleReporter::ConsoleReporter;
    static std::string getDescription() { return "console, showing the filter as given"; }
    void testRunStarting(Catch::TestRunInfo const& info) override {
        StreamingReporterBase::testRunStarting(info);
        if (g_user_filter.empty()) return;
        stream << "Filters:";
        for (const auto& s : g_user_filter) stream << ' ' << s;
        stream << '\n';
    }
};

// What CATCH_REGISTER_REPORTER expands to, written out (cppcheck cannot expand the macro).
const Catch::ReporterRegistrar<TierConsoleReporter> k_tier_console_registrar("tenki-console");

}  // namespace

int main(int argc, char* argv[]) {
    std::signal(SIGPIPE, SIG_IGN);
    Catch::Session session;
    std::string tier;
    using Catch::clara::Opt;
    session.cli(session.cli() | Opt(tier, "unit|integration|web")["--tier"](
                                    "run only this tier: untagged, [integration] or [web]"));
    if (int rc = session.applyCommandLine(argc, argv); rc != 0) return rc;
    auto& data = session.configData();
    if (data.showHelp || data.libIdentify) return session.run();

    g_user_filter = data.testsOrTags;
    if (!tier.empty()) {
        if (data.reporterName == "console") data.reporterName = "tenki-console";
        auto specs = tenki::test::apply_tier(tier, data.testsOrTags);
        if (!specs) {
            std::cerr << "tenki_tests: " << specs.error() << '\n';
            return 2;
        }
        data.testsOrTags = *specs;
        session.useConfigData(data);
    }
    auto& config = session.config();
    auto matched = Catch::filterTests(Catch::getAllTestCasesSorted(config), config.testSpec(), config);
    if (matched.empty()) {
        std::cerr << "tenki_tests: no test matches";
        for (const auto& s : g_user_filter) std::cerr << " '" << s << "'";
        std::cerr << (tier.empty() ? "" : " in the " + tier + " tier") << '\n';
        return 2;
    }
    return session.run();
}
